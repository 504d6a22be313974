"""The attributes readers' tools need, set on each page's tree before any search index is made.

- each table body cell gets its column's name (data-label), shown when a table stacks on a phone;
- a link to another host gets rel="external", so that print can show its address;
- each editor's note is announced as a note that is not the article, and gets an id: it is its own
  search entry, under its title (search_index.py), not part of its section's;
- key points and footnotes stay out of the search index: a search lands on the article's words.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from sitebuild.check.manifest import KEY_POINTS_TITLE
from sitebuild.check.page_text import EDITOR_NOTE

SEARCH_EXCLUDE = "data-search-exclude"


class _PageMarkup(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        notes = 0
        for element in root.iter():
            if element.tag == "table":
                label_cells(element)
            href = element.get("href") or "" if element.tag == "a" else ""
            # Links within the site are relative; an explicit rel is the author's to keep.
            if href.startswith(("http://", "https://")) and "rel" not in element.attrib:
                element.set("rel", "external")
            names = (element.get("class") or "").split() if element.tag == "div" else []
            if names == ["admonition", EDITOR_NOTE]:
                notes += 1
                label = "Editor's note, not part of the article"
                element.attrib.update({"role": "note", "aria-label": label})
                element.attrib.update({"id": f"{EDITOR_NOTE}-{notes}", SEARCH_EXCLUDE: ""})
            elif names == ["footnote"] or names == ["admonition", "abstract"] and _title(element):
                element.set(SEARCH_EXCLUDE, "")


def label_cells(table: etree.Element) -> None:
    """data-label on each body cell from its column's header; none past the header's columns."""
    heads = [th for head in table.iter("thead") for th in head.iter("th")]
    names = [" ".join("".join(th.itertext()).split()) for th in heads]
    for row in (row for body in table.iter("tbody") for row in body.iter("tr")):
        for name, cell in zip(names, row.findall("td"), strict=False):
            if name:
                cell.set("data-label", name)


def _title(box: etree.Element) -> bool:
    first = box[0] if len(box) else None
    if first is None or "admonition-title" not in (first.get("class") or "").split():
        return False
    return "".join(first.itertext()).strip() == KEY_POINTS_TITLE


class PageMarkupExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # After footnotes (50) and inline (20) have made the footnotes and links; before toc (5).
        md.treeprocessors.register(_PageMarkup(md), "page_markup", 7)


def makeExtension(**kwargs: object) -> PageMarkupExtension:  # noqa: N802 (Python-Markdown's name)
    return PageMarkupExtension(**kwargs)
