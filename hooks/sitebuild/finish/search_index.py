"""Each FAQ answer and each editor's note its own entry in search/search_index.json: Material ends
a heading's part where its parent ends, and a question's heading is in its <summary>. A note's
entry, under its title, says a result is a note. Zensical's search.json is left as it is."""

import json
from pathlib import Path

from sitebuild.check.page_text import EDITOR_NOTE
from sitebuild.html_reading import Element, Text
from sitebuild.load.page import Page, page_url
from sitebuild.render.faq_headings import QUESTION_CLASS


def _raw(children: list[Element | Text], skip: str) -> str:
    """Text as Material's search index writes it (entities as written, <p> kept), less `skip`s."""
    text = ""
    for child in children:
        if isinstance(child, Text):
            text += child.raw
        elif child.name != skip and "headerlink" not in child.classes:  # nor permalinks
            inner, end = _raw(child.children, skip), "</p>" if child.close is not None else ""
            text += f"<p>{inner}{end}" if child.name == "p" else inner
    return text


def question_answers(tree: Element) -> dict[str, str]:
    """Each question's answer as search text (less the question), by the id of its heading."""
    answers = {}
    for details in tree.find(lambda e: e.name == "details" and QUESTION_CLASS in e.classes):
        summaries = details.find(lambda e: e.name == "summary")
        ids = [e.attributes.get("id") for s in summaries for e in s.walk() if e.name == "h2"]
        if details.close is not None and any(ids):
            answers[next(filter(None, ids))] = " ".join(_raw(details.children, "summary").split())
    return answers


def answers_by_location(pages: dict[str, Page]) -> dict[str, str]:
    """Every FAQ answer of the rendered pages, by location: "faq/#id"."""
    found = ((page_url(page), question_answers(record.tree)) for page, record in pages.items())
    return {f"{url}#{anchor}": text for url, answers in found for anchor, text in answers.items()}


def move_answers(entries: list[dict], texts: dict[str, str]) -> list[dict]:
    """Entries with each answer's text under its question ("faq/#id"), and not under the page."""
    moved = [dict(entry) for entry in entries]
    for entry in moved:
        here = entry["location"]
        for location, text in () if here in texts else texts.items():
            if location.split("#")[0] == here.split("#")[0]:
                entry["text"] = " ".join(entry["text"].replace(text, " ").split())
        entry["text"] = texts.get(here, entry["text"])
    return moved


def _note(e: Element) -> bool:  # a note with an id: its entry is found by it
    return e.name == "div" and EDITOR_NOTE in e.classes and bool(e.attributes.get("id"))


def note_entries(pages: dict[str, Page]) -> list[dict]:
    """A search entry for every editor's note of the rendered pages, under the note's title."""
    entries = []
    for page, record in pages.items():
        for note in record.tree.find(_note) if EDITOR_NOTE in record.html else []:
            # Only paragraphs hold a note's words; a footnote mark's number is not one of them.
            paragraphs = [p for p in note.find(lambda e: e.name in ("p", "sup")) if p.name == "p"]
            titles = [p for p in paragraphs if "admonition-title" in p.classes]
            title = " ".join(_raw([c for p in titles for c in p.children], "sup").split())
            text = " ".join(_raw([p for p in paragraphs if p not in titles], "sup").split())
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
            page = note["location"].split("#")[0]
            at = [i for i, entry in enumerate(docs) if entry["location"].split("#")[0] == page]
            docs.insert(max(at, default=len(docs) - 1) + 1, note)  # after its page's sections
        path.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), "utf-8")
