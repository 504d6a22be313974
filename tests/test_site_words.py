"""The site's own words keep the strength of the words they stand on (sitebuild/check/site_words.py).

Pure functions on small texts, with their exact messages; the build-level
defects (a reversed key point, a changed figure) are in test_build_guard.py.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from site_support import ROOT
from sitebuild.check.site_words import (
    check_site_words,
    check_supported,
    parse_site_words,
    parse_vocabulary,
    strength,
)
from sitebuild.finish.search_index import note_entries
from sitebuild.finish.site import review_line, structured_data
from sitebuild.load.page import Page

PAGE = """---
description: "A page."
---

# Title

!!! abstract "Key points"

    - Side effects are typically brief.
    - No source reports how often.

The effects of these are typically brief. These are uncommon when properly managed.

!!! editor-note "Editor's note"

    No source reports how often, in 211 patients.[^a]
"""

WORDS = """
key_points:
  p.md:
    - point: Side effects are typically brief.
      words: The effects of these are typically brief
    - point: No source reports how often.
      note: No source reports how often
notes:
  p.md:
    - opens: No source reports
      qualifies: These are uncommon when properly managed
"""


def problems(
    page: str = PAGE, words: str = WORDS, cited: list[tuple[str, str]] | None = None
) -> list[str]:
    parsed, trouble = parse_site_words(words)
    assert not trouble, trouble
    return [
        str(p)
        for p in check_site_words(
            Page.read("p.md", page), parsed, cited or [("in 211 patients", "211 patients")]
        )
    ]


def test_a_page_whose_site_words_match_their_ties_passes():
    assert problems() == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It isn't likely; none were.", {"not", "likely", "no"}),
        ("Seven trials (2,110 patients), about 1.8 points", {"7", "2110", "1.8"}),
        ("ICD-11 defines it", set()),
        ("It cannot be rarely seen", {"can", "not", "rare"}),
        ("thousands, or a million", {"thousands", "millions"}),
    ],
)
def test_strength_words_are_read_as_their_plain_forms(text: str, expected: set[str]):
    assert strength(text) == expected


def test_a_reversed_bullet_is_one_line_naming_what_changed():
    page = PAGE.replace(
        "    - Side effects are typically brief.", "    - Side effects are rarely brief."
    )
    assert problems(page) == [
        "docs/p.md:9: Key points: 'Side effects are rarely brief.' has 'rare' where the words it sums up have"
        " 'typically'. Fix: keep their hedges, negations, quantities and numbers."
    ]


def test_a_bullet_on_words_a_note_qualifies_must_be_tied_to_the_note():
    words = WORDS.replace(
        "      words: The effects of these are typically brief", "      words: These are uncommon"
    )
    words = words.replace("Side effects are typically brief.", "Side effects are uncommon.")
    page = PAGE.replace("Side effects are typically brief.", "Side effects are uncommon.")
    assert problems(page, words) == [
        "docs/p.md:9: Key points: 'Side effects are uncommon.' sums up words an editor's note qualifies"
        " ('These are uncommon when properly managed'), but is not tied to that note. Fix: tie it to the note"
        " (`note:` in hooks/site_words.yml) and say what the note says."
    ]


def test_a_note_names_the_author_words_before_it_that_it_qualifies():
    assert problems(
        words=WORDS.replace(
            "      qualifies: These are uncommon", "      qualifies: These are rare"
        )
    ) == [
        "hooks/site_words.yml:10: note of p.md: 'These are rare when properly managed' is not the author's text"
        " before the note. Fix: quote the author's words the note answers, from above it on the page."
    ]
    assert problems(words=WORDS.split("notes:")[0] + "notes: {}\n") == [
        "docs/p.md:14: editor's note: 'No source reports how often, in 211 patients.' says no author words it"
        " qualifies. Fix: add it under notes: p.md in hooks/site_words.yml (`opens:` and `qualifies:`)."
    ]


def test_every_number_in_a_note_is_in_the_support_of_its_citations():
    assert problems(cited=[("in 211 patients", "2110 patients")]) == [
        "docs/p.md:14: editor's note: the number 211 is in the support of none of the note's citations. Fix: give the source's own figure, and cite it."
    ]


def test_a_claim_may_round_its_source_figure_but_not_change_it_or_its_size():
    assert check_supported("f", "claim", "about 1.8 points", "-1.83 points", 3) == []
    assert [
        str(p)
        for p in check_supported(
            "f", "claim", "a large effect of 2 points", "a small effect of 1.83", 3
        )
    ] == [
        "f:3: claim: it says '2', 'large', which its recorded support does not. Fix: say only what the source says, with its hedges and figures."
    ]


def test_an_entry_with_an_unknown_field_is_refused():
    _, trouble = parse_site_words(WORDS.replace("      note: No source", "      notes: No source"))
    assert [str(p) for p in trouble] == [
        "hooks/site_words.yml:6: key point 2 of p.md: needs only `point:`, `words:` and `note:`. Fix: see the comment at the top."
    ]


def test_a_synonym_may_not_trade_a_judgement_or_hedge():
    text = (
        "function_words: [a]\nsynonyms:\n  good:\n    means: [encouraging]\n    reason: Plainer.\n"
    )
    _, trouble = parse_vocabulary(text)
    assert [str(p) for p in trouble] == [
        "hooks/key_point_words.yml:4: synonym 'good': it trades words that set how strong a claim is ('good', 'encouraging')."
        " Fix: remove the synonym; key points keep the page's own hedges and judgements."
    ]


def test_the_project_ties_every_key_point_and_note():
    parsed, trouble = parse_site_words((ROOT / "hooks/site_words.yml").read_text(encoding="utf-8"))
    assert not trouble and parsed.key_points and parsed.notes


def test_each_editors_note_is_a_search_entry_of_its_own_under_its_title():
    html = (
        '<h2 id="s">S</h2><p>Author.</p><div class="admonition editor-note" id="editor-note-1" role=note>'
        '<p class="admonition-title">Editor&#x27;s note</p><p>Lower at 1 week.<sup id=fnref:a><a href="#fn:a">1</a></sup></p>'
        "</div><p>After.</p>"
    )
    assert note_entries({"faq.md": Page.read("faq.md", "", html)}) == [
        {
            "location": "faq/#editor-note-1",
            "title": "Editor&#x27;s note",
            "text": "<p>Lower at 1 week.</p>",
        }
    ]


def test_the_review_line_says_checked_against_sources_only_where_the_page_cites_some():
    day, later = dt.date(2026, 11, 29), dt.date(2027, 11, 29)
    assert "Text last checked against its sources: " in review_line(day, later, True)
    line = review_line(day, later, False)
    assert (
        "sources:" not in line
        and "This page cites no sources. Text last checked by the editors: " in line
    )


def test_structured_data_names_the_editors_as_editor_and_no_author():
    data = structured_data(
        kind="MedicalWebPage",
        title="T",
        description="D",
        url="u",
        site_name="S",
        site_url="s",
        checked=None,
        editor="Team",
    )
    assert data["editor"] == {"@type": "Organization", "name": "Team"}
    assert "author" not in json.dumps(data) and "acceptedAnswer" not in json.dumps(data)


def test_no_record_of_where_a_fact_was_read_points_outside_the_repository():
    """A record must be something a reader can open: a PubMed ID, a DOI or an address, never a local file."""
    import yaml

    references = yaml.safe_load((ROOT / "hooks/references.yml").read_text(encoding="utf-8"))
    citations = yaml.safe_load((ROOT / "hooks/citations.yml").read_text(encoding="utf-8"))
    records = [entry["where"] for entry in citations]
    for source in references.values():
        records += [source["checked"], *(quote["where"] for quote in source["evidence"])]
    # A path on this disk or beside the repository: "shared/x.md", "../x", "/work/x", "file:…".
    local = [
        record for record in records if re.search(r"(?:^|[\s(])(?:\.\./|/|shared/|file:)", record)
    ]
    assert records and not local


def test_ties_for_a_page_that_does_not_exist_are_one_line():
    from sitebuild.check.site_words import check_pages_named

    parsed, _ = parse_site_words(
        WORDS.replace("  p.md:\n    - point: Side", "  q.md:\n    - point: Side")
    )
    assert [str(p) for p in check_pages_named(parsed, {"p.md"})] == [
        "hooks/site_words.yml:4: page q.md: is not a page in docs/. Fix: use the page's path under docs/, as safety.md."
    ]


def test_a_cached_result_is_never_used_after_a_library_changes_version():
    from sitebuild.finish.social_cards import card_folder, installed_versions, libraries_digest

    versions = installed_versions()
    assert any(entry.lower().startswith("mkdocs-material==") for entry in versions)
    assert libraries_digest(versions) == libraries_digest(list(reversed(versions)))
    bumped = [
        entry.replace("==", "==0.0.0+") if entry.lower().startswith("markdown==") else entry
        for entry in versions
    ]
    assert libraries_digest(bumped) != libraries_digest(versions)
    assert len(card_folder(ROOT).name) == 64
