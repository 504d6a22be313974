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
from conftest import ROOT, edit, mkdocs_build

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
    return [line for line in lines[start + 1 :] if line.startswith(("docs/", "hooks/", "includes/", "mkdocs.yml"))]


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
    edit(p / "docs/faq.md", "    Coverage varies between insurance companies.", "    ")
    edit(
        p / "docs/faq.md",
        " Since ketamine is frequently prescribed off-label for pain, some insurance plans might not cover this procedure. You should consult your doctor and your insurance company.",
        "",
    )


def faq_question_as_heading(p: Path) -> None:
    edit(
        p / "docs/faq.md",
        '??? question "Can I take other medications during ketamine treatment?"',
        "## Can I take other medications during ketamine treatment?",
    )


def delete_page(p: Path) -> None:
    (p / "docs/outlook.md").unlink()


def remove_key_fact(p: Path) -> None:
    edit(p / "docs/ketamine.md", "developed in the late 1960s as an anesthetic. The drug", "developed in the past as an anesthetic. The drug")


def swap_sections(p: Path) -> None:
    path = p / "docs/safety.md"
    first = section_text(path, "## Safety and Side Effects")
    second = section_text(path, "## Comparing Ketamine")
    edit(path, first + second, second.rstrip("\n") + "\n\n" + first)


def leave_page_out_of_nav(p: Path) -> None:
    edit(p / "mkdocs.yml", "  - Safety: safety.md\n", "")


def swap_pages_in_nav(p: Path) -> None:
    edit(p / "mkdocs.yml", "  - Safety: safety.md\n  - Evidence: evidence.md\n", "  - Evidence: evidence.md\n  - Safety: safety.md\n")


def add_orphan_page(p: Path) -> None:
    front_matter = (
        '---\ndescription: "Draft notes for a new page of the article, not yet in its navigation."\nreviewed: 2026-11-25\nnext_review: 2027-11-25\n---\n'
    )
    (p / "docs/draft.md").write_text(f"{front_matter}\n# Draft\n\nNotes.\n", encoding="utf-8")


def break_manifest_yaml(p: Path) -> None:
    edit(p / "hooks/manifest.yml", "  - index.md\n", "  - index.md\n   bad: [indent\n")


def manifest_names_unknown_page(p: Path) -> None:
    edit(p / "hooks/manifest.yml", "    page: ketamine.md\n", "    page: ketamine-old.md\n")


def remove_description(p: Path) -> None:
    text = (p / "docs/safety.md").read_text(encoding="utf-8")
    edit(p / "docs/safety.md", text.splitlines(keepends=True)[1], "")


def remove_review_dates(p: Path) -> None:
    edit(p / "docs/faq.md", "reviewed: 2026-11-25\nnext_review: 2027-11-25\n", "")


def malform_review_date(p: Path) -> None:
    edit(p / "docs/outlook.md", "reviewed: 2026-11-25\n", "reviewed: 2026-13-01\n")


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
    edit(p / "docs/treatment.md", "supervision.[^cohen2018]", "supervision.[^cohen2019]")


def delete_glossary(p: Path) -> None:
    (p / "includes/glossary.md").unlink()


DEFECTS: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "heading removed": (
        remove_heading,
        [
            "docs/treatment.md: section 'Who Is a Candidate for Ketamine Therapy?': the heading is missing. Fix: restore the heading and its text, or move the section in hooks/manifest.yml.",
        ],
    ),
    "section removed with its text": (
        remove_section,
        [
            "docs/treatment.md: section 'Who Is a Candidate for Ketamine Therapy?': the heading is missing. Fix: restore the heading and its text, or move the section in hooks/manifest.yml.",
            "hooks/citations.yml:42: treatment.md [^cohen2018]: the claim 'Accurate screening and customized treatment strategies are crucial to ensure safety and effectiveness' is no longer on the page. Fix: remove or update the entry to match the page.",
            "docs/treatment.md:16: Key points: 'It is not right for everyone, and screening is crucial.' uses 'right', 'everyone', 'screening', 'crucial', which the page's text does not. Fix: say it in the page's own words, or add a plain-language synonym with its reason to hooks/key_point_words.yml.",
        ],
    ),
    "heading renamed": (
        rename_heading,
        [
            "docs/treatment.md:28: section 'Who Is a Candidate for Ketamine Therapy?': the heading is missing; this line has 'Who Is a Candidate for Ketamine Treatment?' instead. Fix: restore the heading's exact words, or rename the section in hooks/manifest.yml too.",
        ],
    ),
    "section duplicated on another page": (
        duplicate_section,
        [
            "docs/safety.md:34: section 'The Patient Experience': appears here as well as on its own page docs/evidence.md. Fix: remove the copy from docs/safety.md.",
        ],
    ),
    "section emptied": (
        empty_section,
        [
            "docs/evidence.md:35: section 'The Patient Experience': the section has no text. Fix: restore the section's text under its heading.",
            "docs/evidence.md:15: Key points: 'Many people report less pain, and most report better mood and sleep.' uses 'people', 'mood', 'sleep', which the page's text does not. Fix: say it in the page's own words, or add a plain-language synonym with its reason to hooks/key_point_words.yml.",
            "docs/evidence.md:16: Key points: 'The full effects usually need several sessions.' uses 'full', 'need', 'several', 'sessions', which the page's text does not. Fix: say it in the page's own words, or add a plain-language synonym with its reason to hooks/key_point_words.yml.",
        ],
    ),
    "FAQ answer removed": (
        remove_faq_answer,
        [
            "docs/faq.md:23: question 'Can ketamine infusions be covered by insurance?': has no answer. Fix: write the answer below the question, indented by four spaces.",
            "docs/faq.md:13: Key points: 'Some insurance plans might not cover it, since ketamine is often prescribed off-label for pain.' uses 'plans', 'prescribed', 'off-label', which the page's text does not. Fix: say it in the page's own words, or add a plain-language synonym with its reason to hooks/key_point_words.yml.",
            "docs/faq.md:14: Key points: 'Tell your doctor about all the medicines you take.' uses 'doctor', which the page's text does not. Fix: say it in the page's own words, or add a plain-language synonym with its reason to hooks/key_point_words.yml.",
        ],
    ),
    "FAQ question turned into a heading": (
        faq_question_as_heading,
        [
            "docs/faq.md:27: question 'Can I take other medications during ketamine treatment?': is a heading, not a collapsible admonition. Fix: write it as ??? question \"Can I take other medications during ketamine treatment?\" with the answer indented by four spaces below.",
        ],
    ),
    "page file deleted": (
        delete_page,
        [
            "docs/outlook.md: page: the file is missing, and with it the sections 'Future Outlook for Ketamine-Based Therapies' and 'Conclusion'. Fix: restore it (git checkout -- docs/outlook.md), or remove it from pages in hooks/manifest.yml and move its sections.",
        ],
    ),
    "key fact removed": (
        remove_key_fact,
        [
            "docs/ketamine.md:8: section 'What Is Ketamine and How Does It Work?': the key fact 'late 1960s' is missing. Fix: restore it, or update the section's facts in hooks/manifest.yml if the wording changed on purpose.",
            "docs/ketamine.md:12: Key points: 'Ketamine was developed in the late 1960s as an anesthetic.' uses 'late', '1960s', which the page's text does not. Fix: say it in the page's own words, or add a plain-language synonym with its reason to hooks/key_point_words.yml.",
        ],
    ),
    "two sections swapped": (
        swap_sections,
        [
            "docs/safety.md:18: section 'Comparing Ketamine to Traditional Pain Treatments': comes before 'Safety and Side Effects: What You Should Know', against the manuscript's order. Fix: move it after 'Safety and Side Effects: What You Should Know'.",
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
            "hooks/manifest.yml:17: YAML syntax: mapping values are not allowed in this context (column 7). Fix: correct the indentation, quotes or colons there.",
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
            "docs/treatment.md:20: footnote [^cohen2019]: names no source in hooks/references.yml. Fix: use one of cohen2018, michelet2018, orhurhu2019, rikard2023, treede2019, or add the checked source there.",
            "hooks/citations.yml:30: treatment.md [^cohen2018]: the claim 'ketamine is usually given as intravenous infusions under strict medical supervision' is no longer followed by [^cohen2018]. Fix: put [^cohen2018] right after those words, or update the entry.",
        ],
    ),
    "manifest naming an unknown page": (
        manifest_names_unknown_page,
        [
            "hooks/manifest.yml: section 'What Is Ketamine and How Does It Work?': names unknown page 'ketamine-old.md'. Fix: use one of the pages listed under pages: index.md, chronic-pain.md, ketamine.md, treatment.md, safety.md, evidence.md, outlook.md, faq.md, references.md, glossary.md, about.md.",
        ],
    ),
}


@pytest.mark.parametrize("defect", DEFECTS)
def test_defect_fails_the_build_with_its_message(project: Path, defect: str):
    damage, expected = DEFECTS[defect]
    damage(project)
    assert content_problems(project) == expected


def test_every_problem_is_reported_at_once_with_or_without_strict(project: Path):
    remove_key_fact(project)
    faq_question_as_heading(project)
    leave_page_out_of_nav(project)
    expected = [
        *DEFECTS["page left out of the navigation"][1],
        *DEFECTS["key fact removed"][1],
        *DEFECTS["FAQ question turned into a heading"][1],
    ]
    # The content checks' lines come first, the editorial checks' (editorial_checks.py) after them.
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
        ("[Safety](safty.md)", "contains a link 'safty.md', but the target is not found among documentation files"),
        ("[Safety](safety.md#no-such-part)", "does not contain an anchor '#no-such-part'"),
    ],
    ids=["broken internal link", "broken anchor"],
)
def test_broken_links_fail_the_strict_build(project: Path, link: str, warning: str):
    edit(project / "docs/about.md", "## This is not medical advice\n", f"## This is not medical advice\n\nSee {link}.\n")
    result = mkdocs_build(project, project / "site", strict=True)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert warning in output
    assert "Aborted with 1 warnings in strict mode!" in output


def test_a_page_past_its_review_date_fails_the_strict_build_only(project: Path):
    edit(project / "docs/outlook.md", "reviewed: 2026-11-25\nnext_review: 2027-11-25\n", "reviewed: 2020-01-01\nnext_review: 2020-07-01\n")
    warning = "docs/outlook.md:1: review: the page was due to be checked against its sources on 2020-07-01. Fix: check the page against its sources, then update `reviewed` and `next_review`."
    relaxed = mkdocs_build(project, project / "site", strict=False)
    assert relaxed.returncode == 0 and f"WARNING -  {warning}" in relaxed.stderr
    strict = mkdocs_build(project, project / "site", strict=True)
    assert strict.returncode == 1 and warning in strict.stderr


def test_make_build_is_strict():
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\nbuild:", 1)[1].split("\n\n", 1)[0]
    assert "mkdocs build --strict" in recipe


def test_a_fixed_site_builds_in_the_same_process_after_a_failed_one(project: Path, monkeypatch: pytest.MonkeyPatch):
    # `mkdocs serve` rebuilds in one process: a failure must not stick to the next build.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config_file = str(project / "mkdocs.yml")
    remove_key_fact(project)
    with pytest.raises(Abort, match="late 1960s"):
        build(load_config(config_file, site_dir=str(project / "site")))
    shutil.copy(ROOT / "docs/ketamine.md", project / "docs/ketamine.md")
    build(load_config(config_file, site_dir=str(project / "site")))
    assert (project / "site/ketamine/index.html").is_file()


def test_the_site_builds_from_any_working_folder(project: Path, tmp_path_factory: pytest.TempPathFactory):
    # `mkdocs build -f path/to/mkdocs.yml` from elsewhere: the glossary snippet is found relative to mkdocs.yml.
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "--site-dir", str(elsewhere / "site")],
        cwd=elsewhere,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "<abbr" in (elsewhere / "site" / "ketamine" / "index.html").read_text(encoding="utf-8")
