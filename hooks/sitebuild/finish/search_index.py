"""Each FAQ answer and each editor's note its own entry in search/search_index.json: Material ends
a heading's part where its parent ends, and a question's heading is in its <summary>. A note's
entry, under its title, says a result is a note. Zensical's search.json is left as it is."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from sitebuild.check.page_text import EDITOR_NOTE
from sitebuild.html_reading import Element, Text
from sitebuild.load.page import page_url
from sitebuild.render import QUESTION_CLASS

if TYPE_CHECKING:
    from sitebuild.load.page import Page


def _indexed(children: list[Element | Text], skip: str) -> str:
    """Text as Material's search index writes it: entities as written, paragraphs kept as <p>."""
    return " ".join("".join(_piece(child, skip) for child in children).split())


def _piece(child: Element | Text, skip: str) -> str:
    if isinstance(child, Text):
        return child.raw
    if child.name == skip or "headerlink" in child.classes:  # permalinks are not words
        return ""
    inner = "".join(_piece(grandchild, skip) for grandchild in child.children)
    end = "</p>" if child.close is not None else ""
    return f"<p>{inner}{end}" if child.name == "p" else inner


def question_answers(tree: Element) -> dict[str, str]:
    """Each question's answer as search text (less the question), by the id of its heading."""
    answers = {}
    for details in tree.find(lambda e: e.name == "details" and QUESTION_CLASS in e.classes):
        summaries = details.find(lambda e: e.name == "summary")
        ids = (e.attributes.get("id") for s in summaries for e in s.walk() if e.name == "h2")
        anchor = next(filter(None, ids), "")
        if details.close is not None and anchor:
            answers[anchor] = _indexed(details.children, "summary")
    return answers


def answers_by_location(pages: dict[str, Page]) -> dict[str, str]:
    """Every FAQ answer of the rendered pages, by location: "faq/#id"."""
    return {
        f"{page_url(page)}#{anchor}": answer
        for page, record in pages.items()
        if "<details" in record.html  # only a page with collapsible blocks can hold a question
        for anchor, answer in question_answers(record.tree).items()
    }


def move_answers(entries: list[dict], texts: dict[str, str]) -> list[dict]:
    """Entries with each answer's text under its question ("faq/#id"), and not under the page."""
    moved = [dict(entry) for entry in entries]
    for entry in moved:
        here = entry["location"]
        for location, text in () if here in texts else texts.items():
            if _page(location) == _page(here):
                entry["text"] = " ".join(entry["text"].replace(text, " ").split())
        entry["text"] = texts.get(here, entry["text"])
    return moved


def _page(location: str) -> str:
    return location.split("#")[0]


def _note(element: Element) -> bool:
    named = bool(element.attributes.get("id"))  # its entry is found by its id
    return named and element.name == "div" and EDITOR_NOTE in element.classes


def note_entries(pages: dict[str, Page]) -> list[dict]:
    """A search entry for every editor's note of the rendered pages, under the note's title."""
    entries = []
    for page, record in pages.items():
        for note in record.tree.find(_note) if EDITOR_NOTE in record.html else []:
            # Only paragraphs hold a note's words; a footnote mark's number is not one of them.
            paragraphs = [p for p in note.find(lambda e: e.name in ("p", "sup")) if p.name == "p"]
            titles = [p for p in paragraphs if "admonition-title" in p.classes]
            title = _indexed([piece for p in titles for piece in p.children], "sup")
            text = _indexed([p for p in paragraphs if p not in titles], "sup")
            location = f"{page_url(page)}#{note.attributes['id']}"
            entries.append({"location": location, "title": title, "text": text})
    return entries


def with_site_entries(site: Path, answers: dict[str, str], notes: list[dict]) -> None:
    """Rewrite the site's search index: answers under their questions, each note its own entry."""
    path = site / "search" / "search_index.json"
    if (answers or notes) and path.is_file():
        index = json.loads(path.read_text(encoding="utf-8"))
        docs = index["docs"] = move_answers(index["docs"], answers)
        for note in notes:
            # After the last entry of its page, so the page's own sections come first.
            page = _page(note["location"])
            at = [i for i, entry in enumerate(docs) if _page(entry["location"]) == page]
            docs.insert(max(at, default=len(docs) - 1) + 1, note)
        path.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), "utf-8")
