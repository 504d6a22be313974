"""The citation map, the key points' words, clinical reviews and editor's notes, checked without a build."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import markdown
import pytest
from site_support import ROOT
from sitebuild.check.page_standards import ClinicalReview, check_front_matter, clinical_review
from sitebuild.check.references import (
    CITATIONS_NAME,
    check_citation_map,
    load_references,
    parse_citations,
)
from sitebuild.check.site_words import WORDS_NAME, check_key_point_words, parse_vocabulary
from sitebuild.finish.site import structured_data
from sitebuild.load.inputs import load_data
from sitebuild.load.page import Page
from sitebuild.render.page_markup import PageMarkupExtension

PAGE = """---
description: "x"
---

# Page

!!! abstract "Key points"

    - Ketamine gave a small reduction in pain.
    - It helped for two weeks.
    - Ketamine was invented on the moon.

Ketamine gave a small reduction in pain for two weeks.[^smith2020]

!!! editor-note "Editor's note"

    It helped a little.[^smith2020]
"""
MAP = """
- page: page.md
  key: smith2020
  claim: a small reduction in pain for two weeks
  support: '"a small effect up to 2 weeks"'
  where: Abstract, Results
- page: page.md
  key: smith2020
  claim: It helped a little
  support: '"helped a little"'
  where: Abstract, Conclusions
"""
KEYS = {"smith2020"}
VOCABULARY = """
function_words: [a, the, in, "on", for, it, was, of, and]
synonyms:
  helped:
    means: [reduction]
    reason: A reduction in pain helps.
"""


def messages(problems) -> list[str]:
    return [str(problem) for problem in problems]


def site_sources() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in (ROOT / "docs").glob("*.md")}


# --- the citation map ----------------------------------------------------------


def test_every_footnote_on_the_site_is_declared_in_the_map():
    citations, problems = load_data(ROOT / CITATIONS_NAME, parse_citations, [])
    references, _ = load_references()
    assert problems == []
    assert check_citation_map(site_sources(), citations, set(references)) == []
    assert {c.key for c in citations} == set(references), "every source is cited for something"


def test_a_declared_footnote_passes():
    citations, problems = parse_citations(MAP)
    assert problems == [] and len(citations) == 2
    assert check_citation_map({"page.md": PAGE}, citations, KEYS) == []


def test_a_footnote_after_undeclared_words_fails_with_one_line():
    citations, _ = parse_citations(MAP)
    page = PAGE.replace(
        "for two weeks.[^smith2020]", "for two weeks.[^smith2020] It cures everyone.[^smith2020]"
    )
    assert messages(check_citation_map({"page.md": page}, citations, KEYS)) == [
        "docs/page.md:13: footnote [^smith2020]: follows '… a small reduction in pain for two weeks. It cures everyone.', words no entry in hooks/citations.yml declares."
        " Fix: move the footnote after words its source supports, or declare them there (page, key, claim, support, where).",
    ]


def test_a_footnote_moved_off_its_declared_words_is_reported_where_it_went_and_where_it_was():
    citations, _ = parse_citations(MAP)
    page = PAGE.replace("pain for two weeks.[^smith2020]", "pain[^smith2020] for two weeks.")
    assert [problem.file for problem in check_citation_map({"page.md": page}, citations, KEYS)] == [
        "docs/page.md",
        "hooks/citations.yml",
    ]


def test_a_declared_claim_removed_from_its_page_fails_with_one_line():
    citations, _ = parse_citations(MAP)
    page = PAGE.replace("    It helped a little.[^smith2020]\n", "    Something else.\n")
    assert messages(check_citation_map({"page.md": page}, citations, KEYS)) == [
        "hooks/citations.yml:7: page.md [^smith2020]: the claim 'It helped a little' is no longer on the page. Fix: remove or update the entry to match the page."
    ]


def test_an_unknown_key_in_the_map_fails_with_one_line():
    citations, _ = parse_citations(
        MAP
        + MAP.replace("smith2020", "smyth2020")
        .split("- page: page.md", 2)[1]
        .join(["- page: page.md", ""])
    )
    problems = check_citation_map({"page.md": PAGE}, citations, KEYS)
    assert messages(problems) == [
        "hooks/citations.yml:12: page.md [^smyth2020]: names no source in hooks/references.yml. Fix: use a key from hooks/references.yml."
    ]


def test_an_entry_missing_its_support_and_a_broken_or_missing_map_are_problems_not_crashes(
    tmp_path: Path,
):
    _, problems = parse_citations(MAP.replace("  support: '\"helped a little\"'\n", ""))
    assert messages(problems) == [
        "hooks/citations.yml:7: entry 2: lacks support. Fix: give page, key, claim, support and where."
    ]
    _, problems = parse_citations("- page: [unclosed\n")
    assert len(problems) == 1 and problems[0].place == "YAML"
    _, problems = parse_citations("page: index.md\n")
    assert messages(problems) == [
        "hooks/citations.yml:1: top level: expected a list of citations. Fix: write one `- page: …` entry per footnote use."
    ]
    _, problems = load_data(tmp_path / "citations.yml", parse_citations, [])
    assert len(problems) == 1 and problems[0].problem == "is missing"


# --- key points in their page's words -------------------------------------------


def test_every_key_point_on_the_site_uses_its_pages_words():
    vocabulary, problems = load_data(ROOT / WORDS_NAME, parse_vocabulary, None)
    assert problems == []
    assert [
        str(p)
        for page, source in site_sources().items()
        for p in check_key_point_words(Page.read(page, source), vocabulary)
    ] == []


def test_a_key_point_with_a_new_word_is_flagged_and_a_listed_synonym_is_not():
    vocabulary, _ = parse_vocabulary(VOCABULARY)
    assert messages(check_key_point_words(Page.read("page.md", PAGE), vocabulary)) == [
        "docs/page.md:11: Key points: 'Ketamine was invented on the moon.' uses 'invented', 'moon', which the page's text does not."
        " Fix: say it in the page's own words, or add a plain-language synonym with its reason to hooks/key_point_words.yml."
    ]


def test_a_key_point_may_use_a_boxs_title_and_is_quoted_as_written():
    # An FAQ question is an admonition's title, and the author's words: a key point may use them.
    vocabulary, _ = parse_vocabulary(VOCABULARY)
    page = PAGE.replace("invented on the moon", "**invented** on the moon")
    page += '\n??? question "Was ketamine invented?"\n\n    Yes.\n'
    assert messages(check_key_point_words(Page.read("page.md", page), vocabulary)) == [
        "docs/page.md:11: Key points: 'Ketamine was **invented** on the moon.' uses 'moon', which the page's text does not."
        " Fix: say it in the page's own words, or add a plain-language synonym with its reason to hooks/key_point_words.yml."
    ]


@pytest.mark.parametrize(
    ("written", "words"),
    [
        # The citation check judges a footnote; its key is not a word the key point uses.
        ("[invented](https://example.org/x) on the moon.[^k]", "'invented', 'moon'"),
        # A reader sees a link's title as a tooltip: its words are the key point's too.
        ('[invented](#a "cures forever") on the moon.', "'invented', 'cures', 'forever', 'moon'"),
    ],
    ids=["footnote mark and link address", "link title"],
)
def test_a_key_points_words_are_those_a_reader_sees(written: str, words: str):
    vocabulary, _ = parse_vocabulary(VOCABULARY)
    page = PAGE.replace("invented on the moon.", written)
    assert messages(check_key_point_words(Page.read("page.md", page), vocabulary)) == [
        f"docs/page.md:11: Key points: 'Ketamine was {written}' uses {words}, which the page's text does not."
        " Fix: say it in the page's own words, or add a plain-language synonym with its reason to hooks/key_point_words.yml."
    ]


def test_a_stronger_word_than_the_page_uses_is_flagged():
    vocabulary, _ = load_data(ROOT / WORDS_NAME, parse_vocabulary, None)
    page = PAGE.replace(
        "- Ketamine gave a small reduction in pain.",
        "- Ketamine gave a dramatic reduction in pain.",
    )
    assert any(
        "'dramatic'" in str(problem)
        for problem in check_key_point_words(Page.read("page.md", page), vocabulary)
    )


def test_a_function_word_yaml_reads_as_true_or_false_is_a_problem():
    _, problems = parse_vocabulary(VOCABULARY.replace('"on"', "on"))
    assert messages(problems) == [
        "hooks/key_point_words.yml: function_words: True is not a word. Fix: quote it: YAML reads on, off, no and yes as true or false."
    ]


def test_a_synonym_needs_a_reason():
    _, problems = parse_vocabulary(
        VOCABULARY.replace("    reason: A reduction in pain helps.\n", "")
    )
    assert messages(problems) == [
        "hooks/key_point_words.yml: synonym 'helped': needs `means:` (the page's words) and `reason:`. Fix: say which words it stands for, and why that is fair."
    ]


# --- clinical review and structured data ------------------------------------------


def structured(**changes):
    arguments = {
        "kind": "MedicalWebPage",
        "title": "Safety and side effects — Site",
        "description": "D",
        "url": "https://x.org/safety/",
        "site_name": "Site",
        "site_url": "https://x.org/",
        "checked": dt.date(2026, 11, 25),
        "published": dt.date(2026, 11, 1),
        "editor": "Site editorial team",
    }
    return structured_data(**{**arguments, **changes})


def test_structured_data_claims_no_review_without_a_named_reviewer():
    data = structured()
    assert "lastReviewed" not in data and "reviewedBy" not in data
    assert data["dateModified"] == "2026-11-25" and data["datePublished"] == "2026-11-01"
    assert (
        data["editor"] == {"@type": "Organization", "name": "Site editorial team"}
        and "author" not in data
    )
    assert data["publisher"] == {"@type": "Organization", "name": "Site", "url": "https://x.org/"}
    assert data["name"] == data["headline"] == "Safety and side effects — Site"


def test_a_named_clinical_reviewer_is_in_the_structured_data():
    review = ClinicalReview(
        "Dr A Reviewer", "MD, consultant in pain medicine", dt.date(2027, 1, 10)
    )
    data = structured(clinical_review=review)
    assert data["lastReviewed"] == "2027-01-10"
    assert data["reviewedBy"]["name"] == "Dr A Reviewer"
    assert data["reviewedBy"]["hasCredential"]["name"] == "MD, consultant in pain medicine"


def test_a_clinical_review_must_name_the_reviewer_their_credential_and_the_date():
    assert clinical_review({}) == (None, [])
    review, problems = clinical_review(
        {
            "clinical_review": {
                "name": "Dr A Reviewer",
                "credential": "MD",
                "date": dt.date(2027, 1, 10),
            }
        }
    )
    assert review == ClinicalReview("Dr A Reviewer", "MD", dt.date(2027, 1, 10)) and problems == []
    source = '---\ndescription: "What ketamine is, and how it blocks pain signals in the brain."\nreviewed: 2026-11-25\nnext_review: 2027-11-25\nclinical_review:\n  name: Dr A Reviewer\n  date: 2027-01-10\n---\n# T\n'
    errors, _ = check_front_matter(Page.read("ketamine.md", source), dt.date(2027, 3, 1))
    assert messages(errors) == [
        "docs/ketamine.md:1: front matter `clinical_review`: lacks credential. Fix: write clinical_review: with name, credential (e.g. MD, consultant in pain medicine)"
        " and date: YYYY-MM-DD, or remove it until a clinician has reviewed the page."
    ]


def test_no_page_claims_a_clinical_review():
    for page, source in site_sources().items():
        assert "clinical_review" not in source, (
            f"{page}: name a reviewer only once a clinician has reviewed the page"
        )


# --- editor's notes -----------------------------------------------------------------


def test_an_editors_note_is_announced_as_a_note_and_kept_out_of_its_sections_search_entry():
    text = '!!! editor-note "Editor\'s note"\n\n    Text\n\n!!! note\n\n    Other\n'
    html = markdown.markdown(text, extensions=["admonition", PageMarkupExtension()])
    # Its id names its own search entry (search_index.py); the section's entry leaves it out.
    assert html.startswith(
        '<div aria-label="Editor\'s note, not part of the article" class="admonition editor-note" data-search-exclude="" id="editor-note-1" role="note">\n'
        '<p class="admonition-title">Editor\'s note</p>\n<p>Text</p>\n</div>\n<div class="admonition note">'
    ), html
