"""Give each FAQ question its own search result, with its answer, in MkDocs' search index.

Each question is a heading inside its <summary> (markdown/faq_headings.py).
Material's search ends a heading's part where the heading's parent (<summary>)
ends, so the answers are moved into their questions' entries of
search/search_index.json after the build. Only MkDocs and ProperDocs write
that index; Zensical's search.json has a layout of its own, and is left as it is.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

QUESTION_CLASS = "question"


class _Answers(HTMLParser):
    """Each question's answer, as Material's search index writes text: paragraphs kept as <p>, other tags dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)  # the index keeps entities as the page wrote them
        self.answers: dict[str, list[str]] = {}
        self.anchor = ""  # the id of the question being read
        self.answer: list[str] | None = None
        self.nested = 0  # <details> open inside the question's
        self.in_summary = self.in_permalink = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self.answer is None:
            if tag == "details" and QUESTION_CLASS in classes:
                self.answer, self.anchor, self.nested = [], "", 0
            return
        if tag == "details":
            self.nested += 1
        elif tag == "summary":
            self.in_summary = True
        elif tag == "h2" and self.in_summary and not self.anchor:
            self.anchor = dict(attrs).get("id") or ""
        elif tag == "a" and "headerlink" in classes:
            self.in_permalink = True
        elif tag == "p" and not self.skipping:
            self.answer.append("<p>")

    def handle_endtag(self, tag: str) -> None:
        if self.answer is None:
            return
        if tag == "details" and self.nested:
            self.nested -= 1
        elif tag == "details":
            self.answers[self.anchor] = self.answer
            self.answer = None
        elif tag == "summary":
            self.in_summary = False
        elif tag == "a" and self.in_permalink:
            self.in_permalink = False
        elif tag == "p" and not self.skipping:
            self.answer.append("</p>")

    @property
    def skipping(self) -> bool:
        """In the question itself, or its permalink: not the answer's words."""
        return self.in_summary or self.in_permalink

    def handle_data(self, data: str) -> None:
        if self.answer is not None and not self.skipping:
            self.answer.append(data)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")


def question_answers(html: str) -> dict[str, str]:
    """Each question's answer as search text, by the id of its heading."""
    reader = _Answers()
    reader.feed(html)
    reader.close()
    return {anchor: " ".join("".join(parts).split()) for anchor, parts in reader.answers.items() if anchor}


def answers_by_location(rendered: dict[str, str]) -> dict[str, str]:
    """Every FAQ answer of the rendered pages (Markdown path → HTML), by its search location: "faq/#question-id"."""
    return {
        f"{page_location(page)}#{anchor}": answer
        for page, html in rendered.items()
        if "<details" in html  # only a page with collapsible blocks can hold a question
        for anchor, answer in question_answers(html).items()
    }


def page_location(page: str) -> str:
    """A page's address in the search index, with directory URLs: index.md → "", faq.md → "faq/"."""
    stem = page.removesuffix(".md")
    return "" if stem == "index" else f"{stem.removesuffix('/index')}/"


def move_answers(entries: list[dict], texts: dict[str, str]) -> list[dict]:
    """Search entries with each answer's text under its question ("faq/#question-id"), and not under the page too."""
    moved = []
    for entry in entries:
        entry = dict(entry)
        if entry["location"] in texts:
            entry["text"] = texts[entry["location"]]
        else:
            for location, text in texts.items():
                if location.split("#")[0] == entry["location"].split("#")[0]:
                    entry["text"] = " ".join(entry["text"].replace(text, " ").split())
        moved.append(entry)
    return moved


def with_answers_moved(site: Path, texts: dict[str, str]) -> None:
    """Rewrite the site's search index with the answers under their questions, when there is one."""
    index_path = site / "search" / "search_index.json"
    if texts and index_path.is_file():
        index = json.loads(index_path.read_text(encoding="utf-8"))
        index["docs"] = move_answers(index["docs"], texts)
        index_path.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
