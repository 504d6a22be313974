"""Give each FAQ question, and each editor's note, its own search result in MkDocs' search index.

Each question is a heading inside its <summary> (markdown/faq_headings.py).
Material's search ends a heading's part where the heading's parent (<summary>)
ends, so the answers are moved into their questions' entries of
search/search_index.json after the build. Each editor's note is left out of
its section's entry and given one of its own, under the note's title
("Editor's note"), so a result that comes from a note says so. Only MkDocs and ProperDocs write
that index; Zensical's search.json has a layout of its own, and is left as it is.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from sitebuild.check.page_text import EDITOR_NOTE

QUESTION_CLASS = "question"
VOID = frozenset({"br", "img", "hr", "input", "wbr"})  # elements with no end tag


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


class _Notes(HTMLParser):
    """Each editor's note as Material's index writes text: its title, and its paragraphs kept as <p>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.notes: list[tuple[str, list[str], list[str]]] = []  # (id, title, text)
        self.depth = 0  # elements open inside the note being read
        self.part: list[str] | None = None
        self.skip = 0  # inside a footnote mark, whose number is not the note's words

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        names = (attributes.get("class") or "").split()
        if not self.depth:
            if tag == "div" and EDITOR_NOTE in names and attributes.get("id"):
                self.notes.append((attributes["id"] or "", [], []))
                self.depth = 1
            return
        self.depth += tag not in VOID
        if tag == "sup" or self.skip:
            self.skip += tag not in VOID
        elif tag == "p":
            self.part = self.notes[-1][1] if "admonition-title" in names else self.notes[-1][2]
            if self.part is self.notes[-1][2]:
                self.part.append("<p>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # <br/> and the like hold no words, and open nothing

    def handle_endtag(self, tag: str) -> None:
        if not self.depth:
            return
        self.depth -= 1
        if self.skip:
            self.skip -= 1
        elif tag == "p" and self.part is not None:
            if self.part is self.notes[-1][2]:
                self.part.append("</p>")
            self.part = None

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip and self.part is not None:
            self.part.append(data)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")


def note_entries(rendered: dict[str, str]) -> list[dict]:
    """A search entry for every editor's note of the rendered pages, under the note's title."""
    entries = []
    for page, html in rendered.items():
        if EDITOR_NOTE not in html:
            continue
        reader = _Notes()
        reader.feed(html)
        reader.close()
        for anchor, title, text in reader.notes:
            entries.append(
                {
                    "location": f"{page_location(page)}#{anchor}",
                    "title": " ".join("".join(title).split()),
                    "text": " ".join("".join(text).split()),
                }
            )
    return entries


def with_site_entries(site: Path, answers: dict[str, str], notes: list[dict]) -> None:
    """Rewrite the site's search index: answers under their questions, each note an entry of its own."""
    index_path = site / "search" / "search_index.json"
    if (answers or notes) and index_path.is_file():
        index = json.loads(index_path.read_text(encoding="utf-8"))
        docs = move_answers(index["docs"], answers)
        for note in notes:
            # After the last entry of its page, so the page's own sections come first.
            page = note["location"].split("#")[0]
            at = max((i for i, entry in enumerate(docs) if entry["location"].split("#")[0] == page), default=len(docs) - 1)
            docs.insert(at + 1, note)
        index["docs"] = docs
        index_path.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
