"""FAQ questions as headings (sitebuild/render/faq_headings.py), in the table of contents, each its own search entry (sitebuild/finish/search_index.py)."""

from __future__ import annotations

import json

import markdown
from site_support import BuiltSite
from sitebuild.check.manifest import Manifest
from sitebuild.finish.search_index import answers_by_location, move_answers, question_answers
from sitebuild.html_reading import read_html
from sitebuild.load.page import Page
from sitebuild.render import (
    FaqHeadingsExtension,
    PageMarkupExtension,
    SourceFootnotesExtension,
    with_site_extensions,
)

FAQ_MARKDOWN = """# FAQ

## Is it safe?

??? question "How long does it *last*?"

    A few days.

???+ question "Is it safe?"

    Ask a doctor.

??? note "Not a question"

    Left alone.
"""


def render(text: str, extensions: list) -> str:
    return markdown.markdown(
        text,
        extensions=["admonition", "pymdownx.details", "toc", *extensions],
        extension_configs={"toc": {"permalink": True}},
    )


def test_each_question_summary_holds_a_heading_with_an_id_from_toc_and_its_permalink_follows():
    html = render(FAQ_MARKDOWN, [FaqHeadingsExtension()])
    assert (
        '<summary><h2 class="faq-question" id="how-long-does-it-last">How long does it <em>last</em>?</h2></summary>\n'
        '<a class="headerlink" data-search-exclude="" href="#how-long-does-it-last" title="Permanent link">&para;</a>'
    ) in html
    assert '<h2 class="faq-question" id="is-it-safe_1">Is it safe?' in html, (
        "toc keeps ids unique across the page"
    )
    assert "<summary>Not a question</summary>" in html


def test_the_questions_are_in_the_table_of_contents_only_with_the_extension():
    with_questions = markdown.Markdown(
        extensions=["admonition", "pymdownx.details", "toc", "sitebuild.render.faq_headings"]
    )
    with_questions.convert(FAQ_MARKDOWN)
    names = [entry["name"] for entry in with_questions.toc_tokens[0]["children"]]
    assert names == ["Is it safe?", "How long does it last?", "Is it safe?"]
    plain = markdown.Markdown(extensions=["admonition", "pymdownx.details", "toc"])
    plain.convert(FAQ_MARKDOWN)
    assert [entry["name"] for entry in plain.toc_tokens[0]["children"]] == ["Is it safe?"]


def test_answers_are_read_by_their_question_ids():
    answers = question_answers(read_html(render(FAQ_MARKDOWN, [FaqHeadingsExtension()])))
    assert list(answers) == ["how-long-does-it-last", "is-it-safe_1"]
    assert answers["how-long-does-it-last"] == "<p>A few days.</p>"


def test_answers_are_found_on_every_rendered_page_by_their_search_location():
    faq = render(FAQ_MARKDOWN, [FaqHeadingsExtension()])
    found = answers_by_location(
        {
            page: Page.read(page, "", html)
            for page, html in {
                "index.md": "<p>Home</p>",
                "faq.md": faq,
                "help/index.md": faq,
            }.items()
        }
    )
    assert list(found) == [
        "faq/#how-long-does-it-last",
        "faq/#is-it-safe_1",
        "help/#how-long-does-it-last",
        "help/#is-it-safe_1",
    ]


def test_answers_move_from_the_page_entry_to_their_question_entries():
    entries = [
        {
            "location": "faq/",
            "title": "FAQ",
            "text": "<p>Intro.</p> <p>A few days.</p> <p>Ask a doctor.</p>",
        },
        {"location": "faq/#how-long", "title": "How long?", "text": ""},
        {"location": "other/", "title": "Other", "text": "<p>A few days.</p>"},
    ]
    moved = move_answers(entries, {"faq/#how-long": "<p>A few days.</p>"})
    assert moved[0]["text"] == "<p>Intro.</p> <p>Ask a doctor.</p>"
    assert moved[1]["text"] == "<p>A few days.</p>"
    assert moved[2] == entries[2]
    assert entries[0]["text"].startswith("<p>Intro.</p> <p>A few days.</p>"), (
        "the input was changed"
    )


def test_each_build_adds_the_sites_extensions_once():
    extensions = ["toc"]
    for _ in range(2):  # mkdocs serve configures each rebuild again
        extensions = with_site_extensions(extensions, {}, {})
    assert [type(extension) for extension in extensions] == [
        str,
        FaqHeadingsExtension,
        SourceFootnotesExtension,
        PageMarkupExtension,
    ]


def test_the_built_faq_has_one_search_entry_per_question_with_its_answer(
    site: BuiltSite, manifest: Manifest
):
    docs = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))[
        "docs"
    ]
    article = site.article(manifest.faq_page)
    faq_path = manifest.faq_page.removesuffix(".md") + "/"
    headings = article.select("details.question > summary > h2.faq-question")
    assert len(headings) == len(manifest.questions)
    for heading, question in zip(headings, manifest.questions, strict=True):
        assert heading.get_text(strip=True).removesuffix("¶") == question
        entry = next(doc for doc in docs if doc["location"] == f"{faq_path}#{heading['id']}")
        answer = heading.find_parent("details").select_one("p").get_text()
        assert answer.split(". ")[0] in entry["text"], f"{question!r} has no answer in search"
    page_entry = next(doc for doc in docs if doc["location"] == faq_path)
    for block in article.select("details.question"):
        first_sentence = block.select_one("p").get_text().split(". ")[0]
        assert first_sentence not in page_entry["text"], "an answer is indexed twice"


def test_each_built_question_is_in_the_table_of_contents_with_a_permalink(
    site: BuiltSite, manifest: Manifest
):
    page = site.soup(manifest.faq_page)
    ids = [
        heading["id"]
        for heading in page.select("article details.question > summary > h2.faq-question[id]")
    ]
    assert len(ids) == len(manifest.questions)
    for anchor in ids:
        details = page.select_one(f"article h2#{anchor}").find_parent("details")
        assert details.select_one(f':scope > a.headerlink[href="#{anchor}"]'), (
            f"#{anchor} has no permalink"
        )
    assert page.select("article summary a, article summary button") == [], (
        "a control inside a summary (itself a button) is out of reach"
    )
    sidebar = page.select_one(".md-sidebar--secondary nav[aria-label] [data-md-component=toc]")
    assert sidebar is not None, "the FAQ page has no table of contents"
    assert [link["href"] for link in sidebar.select("a.md-nav__link")] == [
        f"#{anchor}" for anchor in ids
    ]


def test_an_answer_with_tooltips_is_matched_as_search_writes_it():
    html = (
        '<details class="question"><summary><h2 id="q">Q?</h2></summary><a class="headerlink" href="#q">&para;</a>'
        '<p class="x">Often used <abbr title="Not approved for it">off-label</abbr> &amp; more.</p></details>'
    )
    assert question_answers(read_html(html)) == {"q": "<p>Often used off-label &amp; more.</p>"}
