"""Unit tests of the manuscript check: the ledger, the author's text read from HTML, and the sentence alignment. No build."""

from __future__ import annotations

import time

import pytest
from sitebuild.check.against_manuscript import check_article, word_changes
from sitebuild.check.manifest import Manifest, Problem, Section
from sitebuild.check.manuscript import (
    apply_edits,
    editorial_notes,
    manuscript_units,
    parse_ledger,
    review,
)
from sitebuild.check.page_text import Block, author_blocks, sentences
from sitebuild.load.page import Page

TINY = Manifest(
    pages=("index.md", "a.md", "faq.md"),
    introduction=Section("", "index.md"),
    sections=(
        Section("First Part", "a.md"),
        Section("Second Part", "a.md"),
        Section("Questions", "faq.md"),
    ),
    faq_page="faq.md",
    questions=("Why?",),
)
MANUSCRIPT = (
    "Hello world. It is a small world.\n"
    "first part\n"
    "Apples are red. Pears are green.\n"
    "Plums are rarely blue.\n"
    "Second Part\n"
    "Figs grow in the sun.\n"
    "Questions\n"
    "1. Why?\n"
    "Because it may rain."
)
LEDGER = 'edits:\n  - page: a.md\n    from: "first part"\n    to: "First Part"\n    kind: capitalization\n'
INDEX = "<h1>Tiny</h1><p>Hello world. It is a small world.</p>"
PAGE_A = (
    "<h1>Page A</h1>"
    '<div class="admonition abstract"><p class="admonition-title">Key points</p><ul><li>Fruit.</li></ul></div>'
    '<h2 id="first-part">First Part<a class="headerlink" href="#first-part">¶</a></h2>'
    '<p>Apples are red.<sup id="fnref:x"><a href="#fn:x">1</a></sup> Pears are green.</p>'
    "<p>Plums are rarely blue.</p>"
    '<div class="admonition editor-note"><p class="admonition-title">Editor\'s note</p><p>Plums can be purple.</p></div>'
    "<h2>Second Part</h2><p>Figs grow in the sun.</p>"
    '<div class="footnote"><ol><li>A source.</li></ol></div>'
)
FAQ = '<h1>Questions</h1><p class="site-own">Select a question.</p><details class="question"><summary>Why?</summary><p>Because it may rain.</p></details>'


def check(page_a: str = PAGE_A, manuscript: str = MANUSCRIPT, ledger: str = LEDGER) -> list[str]:
    edits, problems = parse_ledger(ledger, TINY.pages)
    edited, more = apply_edits(manuscript, edits)
    units, most = manuscript_units(edited, TINY)
    assert not problems + more + most
    pages = {
        "index.md": Page.read("index.md", "", INDEX),
        "a.md": Page.read("a.md", _source(page_a), page_a),
        "faq.md": Page.read("faq.md", "", FAQ),
    }
    return [str(problem) for problem in check_article(TINY, units, pages, edits)]


def _source(html: str) -> str:
    """A stand-in Markdown source: one line per paragraph, so problems get line numbers."""
    return html.replace("<p>", "\n\n").replace("</p>", "")


def messages(problems: list[Problem]) -> list[str]:
    return [str(problem) for problem in problems]


# --- the author's text as readers get it ------------------------------------


def test_the_sites_own_additions_are_not_the_authors_text():
    blocks = author_blocks(PAGE_A)
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Page A"),
        ("heading", "First Part"),
        ("paragraph", "Apples are red. Pears are green."),
        ("paragraph", "Plums are rarely blue."),
        ("heading", "Second Part"),
        ("paragraph", "Figs grow in the sun."),
    ]


def test_text_in_an_html_comment_is_not_on_the_page():
    assert author_blocks("<p>Shown.</p><!-- <p>Hidden.</p> -->") == [Block("paragraph", "Shown.")]


def test_a_box_titled_otherwise_is_text_like_any_other():
    html = '<div class="admonition abstract"><p class="admonition-title">Summary</p><p>Said here.</p></div>'
    assert [b.text for b in author_blocks(html)] == ["Summary", "Said here."]


def test_faq_questions_are_read_as_questions_even_with_a_heading_inside():
    html = '<details class="question"><summary><h2 id="why">Why?</h2></summary><p>Because.</p></details>'
    assert [(b.kind, b.text) for b in author_blocks(html)] == [
        ("question", "Why?"),
        ("paragraph", "Because."),
    ]


def test_a_paragraph_left_open_ends_where_the_browser_ends_it():
    assert [b.text for b in author_blocks("<p>Open.<h2>Next</h2><p>Closed.</p>")] == [
        "Open.",
        "Next",
        "Closed.",
    ]


def test_sentences_end_at_a_full_stop_question_or_exclamation_mark_before_a_capital():
    assert sentences("One (NMDA) receptor. Two? Three! it goes on. 4 ends.") == [
        "One (NMDA) receptor.",
        "Two?",
        "Three! it goes on.",
        "4 ends.",
    ]


def test_typographic_quotes_compare_equal_to_plain_ones():
    assert author_blocks("<p>It\u2019s \u201cfine\u201d.</p>")[0].text == 'It\'s "fine".'


# --- the ledger -------------------------------------------------------------


def test_the_ledger_is_read_with_its_lines():
    edits, problems = parse_ledger(
        LEDGER
        + '  - page: faq.md\n    from: "may"\n    to: "might"\n    kind: wrong word\n    reason: "Why not."\n',
        TINY.pages,
    )
    assert problems == []
    assert [(e.page, e.old, e.new, e.kind, e.line, e.changes_meaning) for e in edits] == [
        ("a.md", "first part", "First Part", "capitalization", 2, False),
        ("faq.md", "may", "might", "wrong word", 6, True),
    ]


@pytest.mark.parametrize(
    ("ledger", "expected"),
    [
        (
            'edits:\n  - page: "a.md\n    kind: grammar\n',
            "manuscript/edits.yml:2: YAML: it does not parse",
        ),
        ("- page: a.md\n", "manuscript/edits.yml:1: edits: the file has no `edits:` list"),
        (
            "edits:\n  - page: a.md\n    page: faq.md\n",
            "manuscript/edits.yml:3: YAML: the key 'page' appears a second time",
        ),
        ("edits:\n  - just text\n", "manuscript/edits.yml: edit 1: is not a mapping"),
        (
            'edits:\n  - page: a.md\n    from: "x"\n    to: "y"\n',
            "manuscript/edits.yml:2: edit 1: `kind` is missing or not text",
        ),
        (
            'edits:\n  - page: a.md\n    from: "x"\n    to: "y"\n    kind: taste\n',
            "manuscript/edits.yml:2: edit 'x' → 'y': `kind` 'taste' is not one of the kinds",
        ),
        (
            'edits:\n  - page: b.md\n    from: "x"\n    to: "y"\n    kind: grammar\n',
            "manuscript/edits.yml:2: edit 'x' → 'y': `page` 'b.md' is not a page of the site",
        ),
        (
            'edits:\n  - page: a.md\n    from: "x"\n    to: "x"\n    kind: grammar\n',
            "manuscript/edits.yml:2: edit 'x' → 'x': `from` and `to` are the same",
        ),
        (
            'edits:\n  - page: a.md\n    from: "x"\n    to: "y"\n    kind: wrong word\n',
            "manuscript/edits.yml:2: edit 'x' → 'y': a wrong word edit has no `reason`",
        ),
        (
            'edits:\n  - page: a.md\n    from: "x"\n    to: "y"\n    kind: grammar\n    why: z\n',
            "manuscript/edits.yml:2: edit 1: has unknown fields why",
        ),
    ],
    ids=[
        "YAML",
        "no list",
        "duplicate key",
        "not a mapping",
        "no kind",
        "unknown kind",
        "unknown page",
        "no change",
        "no reason",
        "unknown field",
    ],
)
def test_a_malformed_ledger_entry_is_one_problem_with_its_line(ledger: str, expected: str):
    _, problems = parse_ledger(ledger, TINY.pages)
    assert len(problems) == 1 and str(problems[0]).startswith(expected), messages(problems)


def test_edits_apply_to_the_manuscript_once_each():
    edits, _ = parse_ledger(
        'edits:\n  - page: a.md\n    from: "rarely"\n    to: "seldom"\n    kind: wording\n',
        TINY.pages,
    )
    edited, problems = apply_edits(MANUSCRIPT, edits)
    assert problems == [] and "Plums are seldom blue." in edited and "rarely" not in edited


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ('from: "purple"\n    to: "violet"', "its `from` is not in the manuscript"),
        ('from: "are"\n    to: "were"', "its `from` is in the manuscript 4 times"),
    ],
    ids=["stale", "ambiguous"],
)
def test_an_entry_that_no_longer_applies_is_refused(entries: str, expected: str):
    edits, _ = parse_ledger(
        f"edits:\n  - page: a.md\n    {entries}\n    kind: wording\n", TINY.pages
    )
    _, problems = apply_edits(MANUSCRIPT, edits)
    assert len(problems) == 1 and expected in str(problems[0]) and problems[0].line == 2


def test_overlapping_entries_are_refused():
    ledger = 'edits:\n  - page: a.md\n    from: "are red"\n    to: "look red"\n    kind: wording\n  - page: a.md\n    from: "red. Pears"\n    to: "red; pears"\n    kind: punctuation\n'
    edits, _ = parse_ledger(ledger, TINY.pages)
    _, problems = apply_edits(MANUSCRIPT, edits)
    assert messages(problems) == [
        "manuscript/edits.yml:6: edit 'red. Pears': it overlaps the edit on line 2. Fix: merge the two entries into one."
    ]


def test_the_manuscripts_lines_become_units_with_their_pages():
    edits, _ = parse_ledger(LEDGER, TINY.pages)
    units, problems = manuscript_units(apply_edits(MANUSCRIPT, edits)[0], TINY)
    assert problems == []
    assert [(u.page, u.kind, u.text) for u in units][:3] == [
        ("index.md", "paragraph", "Hello world. It is a small world."),
        ("a.md", "heading", "First Part"),
        ("a.md", "paragraph", "Apples are red. Pears are green."),
    ]
    assert ("faq.md", "question", "Why?") in [(u.page, u.kind, u.text) for u in units], (
        "the question's number is not the author's words"
    )


def test_a_manifest_heading_the_manuscript_lacks_is_a_problem():
    units, problems = manuscript_units(
        MANUSCRIPT, TINY
    )  # without the ledger, "first part" is not the heading
    assert messages(problems) == [
        "hooks/manifest.yml: section 'First Part': no line of the edited manuscript is this heading. Fix: make the heading match the manuscript's, or record the change to the heading in manuscript/edits.yml.",
    ]


def test_the_editorial_notes_list_meaning_changes_and_count_the_rest():
    ledger = (
        LEDGER
        + '  - page: faq.md\n    from: "may"\n    to: "might"\n    kind: wrong word\n    reason: "A | pipe."\n'
    )
    notes = editorial_notes(parse_ledger(ledger, TINY.pages)[0])
    assert "These 1 edits replace or add a word" in notes
    assert "| [Faq](faq.md) | “may” | “might” | A \\| pipe. |" in notes
    assert (
        '??? note "The other 1 copy-edits' in notes
        and "    | [A](a.md) | “first part” | “First Part” | capitalization |" in notes
    )


def test_make_edits_marks_every_change_in_place():
    text = review(MANUSCRIPT, parse_ledger(LEDGER, TINY.pages)[0])
    assert "[-first part-]{+First Part+}" in text
    assert text.endswith(
        "1 edits in manuscript/edits.yml: 1 capitalization. Marked [-manuscript-]{+published+}."
    )


# --- the alignment ----------------------------------------------------------


def test_pages_that_carry_the_manuscript_have_no_problems():
    assert check() == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "rarely blue",
            "often blue",
            "docs/a.md:5: section 'First Part': the sentence \"Plums are often blue.\" differs from the manuscript: `rarely` → `often`. Fix: restore the manuscript's words, or record the change in manuscript/edits.yml with its reason.",
        ),
        (
            " Pears are green.",
            "",
            'docs/a.md:3: section \'First Part\': the sentence "Pears are green." from the manuscript is missing. Fix: restore it from the manuscript, after "Apples are red.".',
        ),
        (
            'Apples are red.<sup id="fnref:x"><a href="#fn:x">1</a></sup> ',
            "",
            'docs/a.md:1: section \'First Part\': the sentence "Apples are red." from the manuscript is missing. Fix: restore it from the manuscript, after "First Part".',
        ),
        (
            "<p>Plums are rarely blue.</p>",
            "<p>Plums are rarely blue. Plums cure colds.</p>",
            'docs/a.md:5: article: the sentence "Plums cure colds." is not in the manuscript. Fix: remove it, or, if it is the site\'s own note, put it in an `!!! editor-note` admonition.',
        ),
        (
            "<p>Plums are rarely blue.</p>",
            "<p>Plums are rarely blue.</p><p>Hello world.</p>",
            'docs/a.md:7: article: the sentence "Hello world." belongs on docs/index.md in the manuscript. Fix: move it back to docs/index.md.',
        ),
        (
            '<p>Apples are red.<sup id="fnref:x"><a href="#fn:x">1</a></sup> Pears are green.</p><p>Plums are rarely blue.</p>',
            "<p>Plums are rarely blue.</p><p>Apples are red. Pears are green.</p>",
            'docs/a.md:3: section \'First Part\': the sentence "Plums are rarely blue." is out of the manuscript\'s order. Fix: move it back: it comes after "Pears are green.".',
        ),
        (
            "Pears are green.</p>",
            "</p><p>Pears are green.</p>",
            "docs/a.md:5: section 'First Part': the sentence \"Pears are green.\" continues the paragraph before it in the manuscript. Fix: join it to the paragraph before it.",
        ),
        (
            "<h2>Second Part</h2>",
            "<h3>Second Part</h3>",
            "docs/a.md:7: section 'Second Part': the heading is at level 3, not 2. Fix: write it as a level-2 heading (## …).",
        ),
    ],
    ids=[
        "word changed",
        "sentence dropped",
        "a paragraph's first sentence dropped",
        "sentence added",
        "sentence on the wrong page",
        "paragraphs swapped",
        "paragraph split",
        "heading level",
    ],
)
def test_each_difference_is_one_clear_problem(old: str, new: str, expected: str):
    assert old in PAGE_A
    assert check(PAGE_A.replace(old, new)) == [expected]


def test_a_whole_missing_section_is_one_problem():
    page = PAGE_A.replace("<h2>Second Part</h2><p>Figs grow in the sun.</p>", "")
    assert check(page) == [
        "docs/a.md:5: section 'Second Part': the whole section is missing (its heading and 1 sentences). Fix: restore them from the manuscript, after \"Plums are rarely blue.\".",
    ]


def test_word_changes_name_the_words_that_differ():
    assert (
        word_changes("these are uncommon when", "these are common when") == "`uncommon` → `common`"
    )
    assert word_changes("a b c d e", "a x c y e z") == "`b` → `x`; `d` → `y`; `(nothing)` → `z`"


def test_the_check_stays_fast_on_a_manuscript_fifty_times_as_long():
    # The check must stay a small part of the build as the article grows: linear, well under a second here.
    paragraphs = [
        f"Sentence {n} says one thing. Sentence {n} adds another, with care."
        for n in range(50 * 25)
    ]
    manuscript = "First Part\n" + "\n".join(paragraphs)
    manifest = Manifest(
        ("index.md", "a.md"), Section("", "index.md"), (Section("First Part", "a.md"),), "a.md", ()
    )
    html = "<h1>First Part</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs)
    start = time.perf_counter()
    units, _ = manuscript_units(manuscript, manifest)
    problems = check_article(manifest, units, {"a.md": Page.read("a.md", "", html)}, [])
    elapsed = time.perf_counter() - start
    assert problems == [] and elapsed < 1.0, f"{elapsed:.2f} s for {len(paragraphs)} paragraphs"
