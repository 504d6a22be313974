"""hooks/faq_headings.py: each FAQ question becomes a heading and its own search entry."""

from __future__ import annotations

import json

import faq_headings
from conftest import BuiltSite
from content_manifest import Manifest
from faq_headings import add_question_headings, move_answers

FAQ_HTML = (
    '<h1 id="faq">FAQ</h1>\n'
    '<details class="question">\n<summary>How long does it last?</summary>\n<p>A few <em>days</em>.</p>\n</details>\n'
    '<details class="question" open="open">\n<summary>Is it <code>safe</code>?</summary>\n<p>Ask a doctor.</p>\n</details>\n'
    '<details class="note">\n<summary>Not a question</summary>\n<p>Left alone.</p>\n</details>\n'
)


def test_each_question_summary_holds_a_heading_with_a_unique_id():
    html, answers = add_question_headings(FAQ_HTML)
    assert '<summary><h2 id="how-long-does-it-last" class="faq-question">How long does it last?</h2></summary>' in html
    assert '<summary><h2 id="is-it-safe" class="faq-question">Is it <code>safe</code>?</h2></summary>' in html
    assert "<summary>Not a question</summary>" in html
    assert list(answers) == ["how-long-does-it-last", "is-it-safe"]
    assert "<p>A few <em>days</em>.</p>" in answers["how-long-does-it-last"]


def test_a_question_id_never_repeats_an_id_already_on_the_page():
    html, answers = add_question_headings('<h2 id="is-it-safe">Is it safe?</h2>' + FAQ_HTML)
    assert "is-it-safe_1" in answers
    assert html.count('id="is-it-safe"') == 1


def test_answers_move_from_the_page_entry_to_their_question_entries():
    entries = [
        {"location": "faq/", "title": "FAQ", "text": "<p>Intro.</p> <p>A few days.</p> <p>Ask a doctor.</p>"},
        {"location": "faq/#how-long", "title": "How long?", "text": ""},
        {"location": "other/", "title": "Other", "text": "<p>A few days.</p>"},
    ]
    moved = move_answers(entries, {"faq/#how-long": "<p>A few days.</p>"})
    assert moved[0]["text"] == "<p>Intro.</p> <p>Ask a doctor.</p>"
    assert moved[1]["text"] == "<p>A few days.</p>"
    assert moved[2] == entries[2]
    assert entries[0]["text"].startswith("<p>Intro.</p> <p>A few days.</p>"), "the input was changed"


def test_a_new_build_starts_with_no_answers():
    faq_headings.answers["old/#question"] = "<p>stale</p>"
    faq_headings.on_config(None)
    assert faq_headings.answers == {}


def test_the_built_faq_has_one_search_entry_per_question_with_its_answer(site: BuiltSite, manifest: Manifest):
    docs = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    article = site.article(manifest.faq_page)
    faq_path = manifest.faq_page.removesuffix(".md") + "/"
    for heading, question in zip(article.select("details.question > summary > h2.faq-question"), manifest.questions, strict=True):
        assert heading.get_text(strip=True) == question
        entry = next(doc for doc in docs if doc["location"] == f"{faq_path}#{heading['id']}")
        answer = heading.find_parent("details").select_one("p").get_text()
        assert answer.split(". ")[0] in entry["text"], f"{question!r} has no answer in search"
    page_entry = next(doc for doc in docs if doc["location"] == faq_path)
    for block in article.select("details.question"):
        first_sentence = block.select_one("p").get_text().split(". ")[0]
        assert first_sentence not in page_entry["text"], "an answer is indexed twice"


def test_an_answer_with_tooltips_is_matched_as_search_writes_it():
    from faq_headings import search_text

    assert search_text('<p class="x">Often used <abbr title="Not approved for it">off-label</abbr>.</p>') == "<p>Often used off-label.</p>"
