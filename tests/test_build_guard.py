"""Each defect a maintainer or a bad merge could cause fails `mkdocs build`, with its exact message.

Every test builds a temporary copy of the project with one defect, without
--strict: the content checks abort the build on their own.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from site_support import ROOT, edit, mkdocs_build

HEADER = "The article failed its content checks"
CANDIDATE = "## Who Is a Candidate for Ketamine Therapy?\n\n"
PATIENT_EXPERIENCE = "## The Patient Experience\n\n"


def section_text(path: Path, heading: str) -> str:
    """A section's heading line and text, up to the next level-2 heading."""
    text = path.read_text(encoding="utf-8")
    start = text.index(heading)
    end = text.find("\n## ", start + len(heading))
    return text[start : end + 1 if end != -1 else len(text)]


def content_problems(project: Path, *, strict: bool = False) -> list[str]:
    result = mkdocs_build(project, project / "site", strict=strict)
    output = result.stdout + result.stderr
    assert result.returncode == 1, f"the build did not fail:\n{output}"
    assert "Traceback" not in output
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(HEADER))
    return [
        line
        for line in lines[start + 1 :]
        if line.startswith(("docs/", "hooks/", "includes/", "manuscript/", "mkdocs.yml"))
    ]


def remove_heading(p: Path) -> None:
    edit(p / "docs/treatment.md", CANDIDATE, "")


def remove_section(p: Path) -> None:
    edit(p / "docs/treatment.md", section_text(p / "docs/treatment.md", CANDIDATE), "")


def rename_heading(p: Path) -> None:
    edit(p / "docs/treatment.md", "for Ketamine Therapy?", "for Ketamine Treatment?")


def duplicate_section(p: Path) -> None:
    copied = section_text(p / "docs/evidence.md", PATIENT_EXPERIENCE)
    edit(p / "docs/safety.md", "This is an advantage.\n", "This is an advantage.\n\n" + copied)


def empty_section(p: Path) -> None:
    section = section_text(p / "docs/evidence.md", PATIENT_EXPERIENCE)
    edit(p / "docs/evidence.md", section, PATIENT_EXPERIENCE)


def remove_faq_answer(p: Path) -> None:
    edit(
        p / "docs/faq.md",
        "    The coverage of a provider varies based on the insurance company. Since ketamine is frequently prescribed for pain off-label,"
        " some insurance plans might not be able to cover this procedure. You should consult your doctor and your insurance company.",
        "    ",
    )


def faq_question_as_heading(p: Path) -> None:
    edit(
        p / "docs/faq.md",
        '??? question "Can I take any other medications during ketamine treatment?"',
        "## Can I take any other medications during ketamine treatment?",
    )


def delete_page(p: Path) -> None:
    (p / "docs/outlook.md").unlink()


def change_a_word(p: Path) -> None:
    edit(p / "docs/ketamine.md", "began in the late 1960s as an", "began in the past as an")


def drop_a_sentence(p: Path) -> None:
    edit(
        p / "docs/safety.md",
        " The effects of these are typically brief and resolve shortly following the treatment.",
        "",
    )


def add_a_sentence(p: Path) -> None:
    edit(
        p / "docs/outlook.md",
        "the potential for transformation is evident.",
        "the potential for transformation is evident. Ketamine cures most chronic pain.",
    )


def reverse_a_claim(p: Path) -> None:
    edit(p / "docs/safety.md", "these are uncommon when", "these are common when")


def swap_two_paragraphs(p: Path) -> None:
    path = p / "docs/evidence.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("Scientific interest"))
    second = next(i for i, line in enumerate(lines) if line.startswith("Although more long-term"))
    lines[first], lines[second] = lines[second], lines[first]
    path.write_text("\n".join(lines), encoding="utf-8")


EXPERTS = " Experts believe that this represents the beginning of a new paradigm in how we treat chronic pain."


def move_a_sentence_to_another_section(p: Path) -> None:
    edit(p / "docs/evidence.md", EXPERTS, "")
    edit(
        p / "docs/evidence.md",
        "make the treatment more desirable.",
        "make the treatment more desirable." + EXPERTS,
    )


def move_a_sentence_to_another_page(p: Path) -> None:
    edit(p / "docs/evidence.md", EXPERTS, "")
    edit(
        p / "docs/outlook.md",
        "the potential for transformation is evident.",
        "the potential for transformation is evident." + EXPERTS,
    )


def hide_a_section_in_a_comment(p: Path) -> None:
    edit(p / "docs/treatment.md", CANDIDATE, "<!--\n" + CANDIDATE)


def demote_a_heading(p: Path) -> None:
    edit(p / "docs/safety.md", "## Comparing Ketamine", "### Comparing Ketamine")


def unmark_an_editors_note(p: Path) -> None:
    edit(p / "docs/evidence.md", "!!! editor-note", "!!! note")


def make_a_ledger_entry_stale(p: Path) -> None:
    edit(p / "manuscript/edits.yml", 'from: "security"', 'from: "securities"')


def make_a_ledger_entry_ambiguous(p: Path) -> None:
    edit(p / "manuscript/edits.yml", 'from: "is ketamine"', 'from: "ketamine"')


def undo_an_edit_on_its_page(p: Path) -> None:
    edit(p / "docs/treatment.md", "complex regional", "complicated regional")


def malform_the_ledger(p: Path) -> None:
    edit(p / "manuscript/edits.yml", '    from: "security"', '    from: "security')


def delete_the_ledger(p: Path) -> None:
    (p / "manuscript/edits.yml").unlink()


def swap_sections(p: Path) -> None:
    path = p / "docs/safety.md"
    first = section_text(path, "## Safety and Side Effects")
    second = section_text(path, "## Comparing Ketamine")
    edit(path, first + second, second.rstrip("\n") + "\n\n" + first)


def leave_page_out_of_nav(p: Path) -> None:
    edit(p / "mkdocs.yml", "  - Safety: safety.md\n", "")


def swap_pages_in_nav(p: Path) -> None:
    edit(
        p / "mkdocs.yml",
        "  - Safety: safety.md\n  - Evidence: evidence.md\n",
        "  - Evidence: evidence.md\n  - Safety: safety.md\n",
    )


def add_orphan_page(p: Path) -> None:
    front_matter = '---\ndescription: "Draft notes for a new page of the article, not yet in its navigation."\nreviewed: 2026-11-25\nnext_review: 2027-11-25\n---\n'
    (p / "docs/draft.md").write_text(f"{front_matter}\n# Draft\n\nNotes.\n", encoding="utf-8")


def break_manifest_yaml(p: Path) -> None:
    edit(p / "hooks/manifest.yml", "  - index.md\n", "  - index.md\n   bad: [indent\n")


def manifest_names_unknown_page(p: Path) -> None:
    edit(p / "hooks/manifest.yml", "    page: ketamine.md\n", "    page: ketamine-old.md\n")


def remove_description(p: Path) -> None:
    text = (p / "docs/safety.md").read_text(encoding="utf-8")
    edit(p / "docs/safety.md", text.splitlines(keepends=True)[1], "")


def remove_review_dates(p: Path) -> None:
    edit(p / "docs/faq.md", "reviewed: 2026-11-29\nnext_review: 2027-11-29\n", "")


def malform_review_date(p: Path) -> None:
    edit(p / "docs/outlook.md", "reviewed: 2026-11-29\n", "reviewed: 2026-13-01\n")


def share_a_description(p: Path) -> None:
    description = (p / "docs/safety.md").read_text(encoding="utf-8").splitlines(keepends=True)[1]
    old = (p / "docs/evidence.md").read_text(encoding="utf-8").splitlines(keepends=True)[1]
    edit(p / "docs/evidence.md", old, description)


def remove_key_points(p: Path) -> None:
    text = (p / "docs/ketamine.md").read_text(encoding="utf-8")
    start = text.index('!!! abstract "Key points"')
    end = text.index("\n\n", text.index("    - ", start)) + 2
    edit(p / "docs/ketamine.md", text[start:end], "")


def cite_unknown_source(p: Path) -> None:
    edit(p / "docs/treatment.md", "low back pain.[^cohen2018]", "low back pain.[^cohen2019]")


def delete_glossary(p: Path) -> None:
    (p / "includes/glossary.md").unlink()


# The site's own words (sitebuild/check/site_words.py): each defect in one place only.


def reverse_a_key_point(p: Path) -> None:
    edit(
        p / "docs/safety.md",
        "    - The article says these effects are typically brief",
        "    - The article says these effects are rarely brief",
    )


def strengthen_a_key_point(p: Path) -> None:
    edit(p / "docs/safety.md", "you may feel dizzy", "you will feel dizzy")


def renumber_a_key_point(p: Path) -> None:
    edit(
        p / "docs/evidence.md",
        "    - One review found a small reduction in pain, about 1.8 points",
        "    - One review found a small reduction in pain, about 2.8 points",
    )


def change_a_figure_in_a_note(p: Path) -> None:
    edit(
        p / "docs/evidence.md",
        "Including seven randomized trials (211 patients)",
        "Including seven randomized trials (2,110 patients)",
    )


def change_a_figure_in_a_finding(p: Path) -> None:
    edit(
        p / "hooks/references.yml",
        "Seven randomized trials (211 patients) were included",
        "Seven randomized trials (2,110 patients) were included",
    )


def strengthen_a_cited_claim(p: Path) -> None:
    claim = "dose range: moderate evidence in complex"
    edit(p / "docs/evidence.md", claim, "dose range: strong evidence in complex")
    edit(p / "hooks/citations.yml", claim, "dose range: strong evidence in complex")


def allow_a_stronger_synonym(p: Path) -> None:
    edit(
        p / "hooks/key_point_words.yml",
        "synonyms:\n",
        "synonyms:\n  good:\n    means: [encouraging]\n    reason: Plainer.\n",
    )


def restate_a_qualified_claim(p: Path) -> None:
    """The key point drops the note's finding and is untied from the note: it restates the author's claim alone."""
    old = "The article says ketamine is considered a breakthrough. But one review found a small drop in pain, lasting up to 2 weeks."
    new = "Ketamine is considered a breakthrough solution."
    edit(p / "docs/ketamine.md", f"    - {old}\n", f"    - {new}\n")
    edit(p / "hooks/site_words.yml", f"    - point: {old}\n", f"    - point: {new}\n")
    edit(
        p / "hooks/site_words.yml",
        "\n      note: one found a small reduction in pain lasting up to 2 weeks\n",
        "\n",
    )


def untie_an_editors_note(p: Path) -> None:
    edit(
        p / "hooks/site_words.yml",
        "    - opens: The sources this site cites report no finding on mood or sleep\n      qualifies: The majority of patients experience improvements in their moods and sleeping patterns\n",
        "",
    )


DEFECTS: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "heading removed": (
        remove_heading,
        [
            'docs/treatment.md:22: section \'Who Is a Candidate for Ketamine Therapy?\': the heading "Who Is a Candidate for Ketamine Therapy?" from the manuscript is missing. Fix: restore it from the manuscript, after "Although it is not a universal solution, the results are en…".',
        ],
    ),
    "section removed with its text": (
        remove_section,
        [
            "docs/treatment.md:22: section 'Who Is a Candidate for Ketamine Therapy?': the whole section is missing (its heading and 6 sentences). Fix: restore them from the manuscript, after \"Although it is not a universal solution, the results are en…\".",
        ],
    ),
    "heading renamed": (
        rename_heading,
        [
            "docs/treatment.md:28: section 'Who Is a Candidate for Ketamine Therapy?': the heading \"Who Is a Candidate for Ketamine Treatment?\" differs from the manuscript: `Therapy` → `Treatment`. Fix: restore the manuscript's words, or record the change in manuscript/edits.yml with its reason.",
        ],
    ),
    "section duplicated on another page": (
        duplicate_section,
        [
            'docs/safety.md:36: article: the heading "The Patient Experience" and the 5 after it belong on docs/evidence.md in the manuscript. Fix: move them back to docs/evidence.md.',
        ],
    ),
    "section emptied": (
        empty_section,
        [
            'docs/evidence.md:40: section \'The Patient Experience\': 5 sentences from the manuscript are missing, from "If you are undergoing ketamine treatmen…" to "Although the main goal is alleviating p…". Fix: restore them from the manuscript, after "The Patient Experience".',
        ],
    ),
    "FAQ answer removed": (
        remove_faq_answer,
        [
            "docs/faq.md:29: question 'Can ketamine infusions be covered under insurance?': has no answer. Fix: write the answer below the question, indented by four spaces.",
        ],
    ),
    "FAQ question turned into a heading": (
        faq_question_as_heading,
        [
            "docs/faq.md:33: question 'Can I take any other medications during ketamine treatment?': is a heading, not a collapsible admonition. Fix: write it as ??? question \"Can I take any other medications during ketamine treatment?\" with the answer indented by four spaces below.",
        ],
    ),
    "page file deleted": (
        delete_page,
        [
            "docs/outlook.md: page: the file is missing, and with it the sections 'Future Outlook for Ketamine-Based Therapies' and 'Conclusion'. Fix: restore it (git checkout -- docs/outlook.md), or remove it from pages in hooks/manifest.yml and move its sections.",
        ],
    ),
    "word changed": (
        change_a_word,
        [
            "docs/ketamine.md:18: section 'What Is Ketamine and How Does It Work?': the sentence \"The development of ketamine began in the past as an anesthe…\" differs from the manuscript: `late 1960s` → `past`. Fix: restore the manuscript's words, or record the change in manuscript/edits.yml with its reason.",
        ],
    ),
    "sentence dropped": (
        drop_a_sentence,
        [
            'docs/safety.md:20: section \'Safety and Side Effects: What You Should Know\': the sentence "The effects of these are typically brief and resolve shortl…" from the manuscript is missing. Fix: restore it from the manuscript, after "In the course of an infusion, sufferers may experience diso…".',
        ],
    ),
    "sentence added": (
        add_a_sentence,
        [
            'docs/outlook.md:26: article: the sentence "Ketamine cures most chronic pain." is not in the manuscript. Fix: remove it, or, if it is the site\'s own note, put it in an `!!! editor-note` admonition.',
        ],
    ),
    "claim reversed": (
        reverse_a_claim,
        [
            "docs/safety.md:20: section 'Safety and Side Effects: What You Should Know': the sentence \"The long-term use of the drug can pose other risks, includi…\" differs from the manuscript: `uncommon` → `common`. Fix: restore the manuscript's words, or record the change in manuscript/edits.yml with its reason.",
        ],
    ),
    "two paragraphs swapped": (
        swap_two_paragraphs,
        [
            'docs/evidence.md:20: section \'What the Research Says\': the sentence "Although more long-term studies are required, the present e…" and the 1 after it are out of the manuscript\'s order. Fix: move them back: they come after "Studies and meta-analyses of clinical trials have demonstra…".',
        ],
    ),
    "sentence moved to another section": (
        move_a_sentence_to_another_section,
        [
            'docs/evidence.md:48: section \'What the Research Says\': the sentence "Experts believe that this represents the beginning of a new…" is out of the manuscript\'s order. Fix: move it back: it comes after "Although more long-term studies are required, the present e…".',
        ],
    ),
    "sentence moved to another page": (
        move_a_sentence_to_another_page,
        [
            'docs/outlook.md:26: article: the sentence "Experts believe that this represents the beginning of a new…" belongs on docs/evidence.md in the manuscript. Fix: move it back to docs/evidence.md.',
            # The editor's note that answers the sentence on its own page has lost it: a second, true line.
            "hooks/site_words.yml:210: note of evidence.md: 'this represents the beginning of a new paradigm in how we t…' is not the author's text before the note. Fix: quote the author's words the note answers, from above it on the page.",
        ],
    ),
    "section hidden in an HTML comment": (
        hide_a_section_in_a_comment,
        [
            "docs/treatment.md:22: section 'Who Is a Candidate for Ketamine Therapy?': the whole section is missing (its heading and 6 sentences). Fix: restore them from the manuscript, after \"Although it is not a universal solution, the results are en…\".",
        ],
    ),
    "section heading demoted": (
        demote_a_heading,
        [
            "docs/safety.md:30: section 'Comparing Ketamine to Traditional Pain Treatments': the heading is at level 3, not 2. Fix: write it as a level-2 heading (## …).",
        ],
    ),
    "editor's note without the reserved type": (
        unmark_an_editors_note,
        [
            "docs/evidence.md:22: admonition: a box of type `note` on a page of the article. Fix: write the site's own notes as `!!! editor-note \"Editor's note\"` (README.md: Add an editor's note), or remove it.",
        ],
    ),
    "ledger entry gone stale": (
        make_a_ledger_entry_stale,
        [
            "manuscript/edits.yml:119: edit 'securities' → 'safety': its `from` is not in the manuscript. Fix: correct `from` to the manuscript's exact words, or remove the entry.",
        ],
    ),
    "ledger entry ambiguous": (
        make_a_ledger_entry_ambiguous,
        [
            "manuscript/edits.yml:216: edit 'ketamine' → 'ketamine is': its `from` is in the manuscript 27 times. Fix: add a word or two of context to `from` and `to` so that it matches once.",
        ],
    ),
    "edit undone on its page": (
        undo_an_edit_on_its_page,
        [
            "docs/treatment.md:22: section 'The Rise of Ketamine Infusions in Pain Clinics': the sentence \"For example, patients with fibromyalgia and complicated reg…\" differs from the manuscript: `complex` → `complicated` (the manuscript's own words: manuscript/edits.yml:134 changes them; remove that entry if the change is undone on purpose). Fix: restore the manuscript's words, or record the change in manuscript/edits.yml with its reason.",
        ],
    ),
    "ledger malformed": (
        malform_the_ledger,
        [
            "manuscript/edits.yml:121: YAML: it does not parse (while parsing a block mapping: did not find expected key). Fix: correct the YAML there (each entry: page, from, to, kind, and reason for a wrong or missing word).",
        ],
    ),
    "ledger deleted": (
        delete_the_ledger,
        [
            "manuscript/edits.yml: file: is missing. Fix: restore it (git checkout -- manuscript/edits.yml).",
        ],
    ),
    "two sections swapped": (
        swap_sections,
        [
            'docs/safety.md:18: section \'Comparing Ketamine to Traditional Pain Treatments\': the heading "Comparing Ketamine to Traditional Pain Treatments" and the 6 after it are out of the manuscript\'s order. Fix: move them back: they come after "This method of control reduces the risk and increases the e…".',
        ],
    ),
    "page left out of the navigation": (
        leave_page_out_of_nav,
        [
            "mkdocs.yml: nav: the page 'safety.md' is not in the navigation. Fix: add it to nav in mkdocs.yml, in the manuscript's order.",
        ],
    ),
    "pages swapped in the navigation": (
        swap_pages_in_nav,
        [
            "mkdocs.yml: nav: 'evidence.md' comes before 'safety.md', against the manuscript's order. Fix: list 'safety.md' before 'evidence.md' in nav.",
        ],
    ),
    "page missing from the manifest": (
        add_orphan_page,
        [
            "docs/draft.md: page: is not listed in hooks/manifest.yml. Fix: add it to pages in hooks/manifest.yml and to nav in mkdocs.yml, or delete it.",
        ],
    ),
    "manifest with a YAML error": (
        break_manifest_yaml,
        [
            "hooks/manifest.yml:17: YAML: it does not parse (mapping values are not allowed in this context). Fix: correct the indentation, quotes or colons there.",
        ],
    ),
    "page without a description": (
        remove_description,
        [
            "docs/safety.md:1: front matter `description`: it is missing. Fix: add `description:`, one sentence saying what the page covers.",
        ],
    ),
    "page without review dates": (
        remove_review_dates,
        [
            "docs/faq.md:1: front matter `reviewed`: it is missing. Fix: add `reviewed: YYYY-MM-DD`, the date the text was last checked against its sources.",
            "docs/faq.md:1: front matter `next_review`: it is missing. Fix: add `next_review: YYYY-MM-DD`, the date its next check is due.",
        ],
    ),
    "malformed review date": (
        malform_review_date,
        [
            "docs/outlook.md:1: front matter `reviewed`: '2026-13-01' is not a date. Fix: add `reviewed: YYYY-MM-DD`, the date the text was last checked against its sources.",
        ],
    ),
    "two pages sharing a description": (
        share_a_description,
        [
            "docs/safety.md:1: front matter `description`: it is the same as docs/evidence.md's. Fix: describe what this page alone covers.",
        ],
    ),
    "key points removed": (
        remove_key_points,
        [
            'docs/ketamine.md: Key points: the page has no key points box. Fix: add `!!! abstract "Key points"` with 3 to 5 bullets under the title.',
        ],
    ),
    "unknown source cited": (
        cite_unknown_source,
        [
            "docs/treatment.md:26: footnote [^cohen2019]: names no source in hooks/references.yml. Fix: use one of bell2017, cohen2018, gao2016, michelet2018, orhurhu2019, rikard2023, treede2019, or add the checked source there.",
        ],
    ),
    "manifest naming an unknown page": (
        manifest_names_unknown_page,
        [
            "hooks/manifest.yml:35: section 'What Is Ketamine and How Does It Work?': names unknown page 'ketamine-old.md'. Fix: use one of the pages listed under pages: index.md, chronic-pain.md, ketamine.md, treatment.md, safety.md, evidence.md, outlook.md, faq.md, references.md, glossary.md, about.md.",
        ],
    ),
    "key point reversed": (
        reverse_a_key_point,
        [
            "docs/safety.md:13: Key points: 'The article says these effects are rarely brief.' has 'rare' where the words it sums up have 'typically'. Fix: keep their hedges, negations, quantities and numbers.",
        ],
    ),
    "key point strengthened": (
        strengthen_a_key_point,
        [
            "docs/safety.md:12: Key points: 'During an infusion, you will feel dizzy or see things. In one review, ketamine raised the risk of effects such as seeing things, and of nausea.' has nothing where the words it sums up have 'may'. Fix: keep their hedges, negations, quantities and numbers.",
        ],
    ),
    "key point renumbered": (
        renumber_a_key_point,
        [
            "docs/evidence.md:12: Key points: 'One review found a small reduction in pain, about 2.8 points on a 0 to 10 scale, lasting up to 2 weeks.' has '2.8' where the words it sums up have '1.8'. Fix: keep their hedges, negations, quantities and numbers.",
        ],
    ),
    "figure changed in an editor's note": (
        change_a_figure_in_a_note,
        [
            "docs/evidence.md:22: editor's note: the number 2110 is in the support of none of the note's citations. Fix: give the source's own figure, and cite it.",
        ],
    ),
    "figure changed in a finding": (
        change_a_figure_in_a_finding,
        [
            "hooks/references.yml:88: source 'orhurhu2019' finding: it says '2110', which its recorded support does not. Fix: say only what the source says, with its hedges and figures.",
        ],
    ),
    "cited claim strengthened on the page and in the map": (
        strengthen_a_cited_claim,
        [
            "hooks/citations.yml:125: evidence.md [^cohen2018]: it says 'strong', which its recorded support does not. Fix: say only what the source says, with its hedges and figures.",
        ],
    ),
    "synonym that changes strength": (
        allow_a_stronger_synonym,
        [
            "hooks/key_point_words.yml:27: synonym 'good': it trades words that set how strong a claim is ('good', 'encouraging'). Fix: remove the synonym; key points keep the page's own hedges and judgements.",
        ],
    ),
    "key point restating a claim a note qualifies": (
        restate_a_qualified_claim,
        [
            "docs/ketamine.md:16: Key points: 'Ketamine is considered a breakthrough solution.' sums up words an editor's note qualifies ('considered to be a breakthrough solution'), but is not tied to that note. Fix: tie it to the note (`note:` in hooks/site_words.yml) and say what the note says.",
        ],
    ),
    "editor's note that says nothing of what it qualifies": (
        untie_an_editors_note,
        [
            "docs/evidence.md:50: editor's note: 'The sources this site cites report no finding on mood or sl…' says no author words it qualifies. Fix: add it under notes: evidence.md in hooks/site_words.yml (`opens:` and `qualifies:`).",
        ],
    ),
}


@pytest.mark.parametrize("defect", DEFECTS)
def test_defect_fails_the_build_with_its_message(project: Path, defect: str):
    damage, expected = DEFECTS[defect]
    damage(project)
    assert content_problems(project) == expected


def test_every_problem_is_reported_at_once_with_or_without_strict(project: Path):
    change_a_word(project)
    faq_question_as_heading(project)
    leave_page_out_of_nav(project)
    expected = [
        *DEFECTS["page left out of the navigation"][1],
        *DEFECTS["FAQ question turned into a heading"][1],
        *DEFECTS["word changed"][1],
    ]
    # The content checks' lines come first, the editorial checks' (sitebuild/check/run.py) after them.
    reported = content_problems(project)
    assert sorted(reported) == sorted(expected)
    assert content_problems(project, strict=True) == reported


def test_nothing_is_written_when_the_checks_fail(project: Path):
    delete_page(project)
    content_problems(project)
    assert not list((project / "site").rglob("*.html"))


@pytest.mark.parametrize(
    ("link", "warning"),
    [
        (
            "[Safety](safty.md)",
            "contains a link 'safty.md', but the target is not found among documentation files",
        ),
        ("[Safety](safety.md#no-such-part)", "does not contain an anchor '#no-such-part'"),
    ],
    ids=["broken internal link", "broken anchor"],
)
def test_broken_links_fail_the_strict_build(project: Path, link: str, warning: str):
    edit(
        project / "docs/about.md",
        "## This is not medical advice\n",
        f"## This is not medical advice\n\nSee {link}.\n",
    )
    result = mkdocs_build(project, project / "site", strict=True)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert warning in output
    assert "Aborted with 1 warnings in strict mode!" in output


def test_a_page_past_its_review_date_fails_the_strict_build_only(project: Path):
    edit(
        project / "docs/outlook.md",
        "reviewed: 2026-11-29\nnext_review: 2027-11-29\n",
        "reviewed: 2020-01-01\nnext_review: 2020-07-01\n",
    )
    warning = "docs/outlook.md:1: review: the page was due to be checked against its sources on 2020-07-01. Fix: check the page against its sources, then update `reviewed` and `next_review`."
    relaxed = mkdocs_build(project, project / "site", strict=False)
    assert relaxed.returncode == 0 and f"WARNING -  {warning}" in relaxed.stderr
    strict = mkdocs_build(project, project / "site", strict=True)
    assert strict.returncode == 1 and warning in strict.stderr


def test_make_build_is_strict():
    # A local build: under CI, make build would first ask for SITE_URL (tests/test_deploy_build.py).
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("CI", "DEPLOY", "MAKEFLAGS", "MAKELEVEL")
    }
    for builder in ("mkdocs", "properdocs", "zensical"):
        dry_run = subprocess.run(
            ["make", "-n", "build", f"BUILDER={builder}"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        assert [
            line
            for line in dry_run.stdout.splitlines()
            if f"bin/{builder} build" in line and "--strict" in line
        ], dry_run.stdout


def test_a_fixed_site_builds_in_the_same_process_after_a_failed_one(
    project: Path, monkeypatch: pytest.MonkeyPatch
):
    # `mkdocs serve` rebuilds in one process: a failure must not stick to the next build.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config_file = str(project / "mkdocs.yml")
    change_a_word(project)
    with pytest.raises(Abort, match="in the past"):
        build(load_config(config_file, site_dir=str(project / "site")))
    shutil.copy(ROOT / "docs/ketamine.md", project / "docs/ketamine.md")
    build(load_config(config_file, site_dir=str(project / "site")))
    assert (project / "site/ketamine/index.html").is_file()


def test_the_site_builds_from_any_working_folder(
    project: Path, tmp_path_factory: pytest.TempPathFactory
):
    # `mkdocs build -f path/to/mkdocs.yml` from elsewhere: the glossary snippet is found relative to mkdocs.yml.
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "--site-dir",
            str(elsewhere / "site"),
        ],
        cwd=elsewhere,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "<abbr" in (elsewhere / "site" / "ketamine" / "index.html").read_text(encoding="utf-8")
