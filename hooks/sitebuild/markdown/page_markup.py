"""Python-Markdown extension: the attributes readers' tools need, set on each page's element tree.

Every builder runs it (MkDocs and ProperDocs through hooks/mkdocs_pipeline.py,
Zensical from .zensical.yml), and it works while the page is still a tree, before
any search index is made from it:

- each body cell of a table gets its column's name (data-label), shown beside
  the cell when a table stacks on a phone;
- a link to another host gets rel="external", so print can show its address;
- each editor's note is announced to screen readers as a note that is not the article;
- key points and citations stay out of the search index (data-search-exclude):
  a search should land on the article's own words;
- each editor's note gets an id, and stays out of its section's search entry:
  it gets an entry of its own, under its title, so a search result shows it
  as a note (search_index.py).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from sitebuild.check.manifest import KEY_POINTS_TITLE

# The admonition type reserved for the site's own notes on the article (CONTRIBUTING.md: "Editor's notes").
EDITOR_NOTE_TYPE = "editor-note"
EDITOR_NOTE_LABEL = "Editor's note, not part of the article"
SEARCH_EXCLUDE = "data-search-exclude"


class _PageMarkup(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        notes = 0
        for element in root.iter():
            if element.tag == "table":
                label_cells(element)
            elif element.tag == "a":
                mark_external(element)
            elif element.tag == "div":
                notes += mark_box(element, notes + 1)


def classes(element: etree.Element) -> list[str]:
    return (element.get("class") or "").split()


def label_cells(table: etree.Element) -> None:
    """data-label on each body cell, from its column's header; a cell past the header's columns gets none rather than a wrong one."""
    names = [
        " ".join("".join(cell.itertext()).split())
        for head in table.iter("thead")
        for cell in head.iter("th")
    ]
    for body in table.iter("tbody"):
        for row in body.iter("tr"):
            for name, cell in zip(names, row.findall("td"), strict=False):
                if name:
                    cell.set("data-label", name)


def mark_external(link: etree.Element) -> None:
    # Links within the site are relative; an explicit rel is the author's to keep.
    if (link.get("href") or "").startswith(("http://", "https://")) and "rel" not in link.attrib:
        link.set("rel", "external")


def mark_box(box: etree.Element, number: int) -> int:
    """Mark a box; 1 when it is the page's `number`th editor's note (it gets that id), else 0."""
    names = classes(box)
    if names == ["admonition", EDITOR_NOTE_TYPE]:
        box.set("role", "note")
        box.set("aria-label", EDITOR_NOTE_LABEL)
        # Its own search entry, under its own title, is made from this id (search_index.py).
        box.set("id", f"{EDITOR_NOTE_TYPE}-{number}")
        box.set(SEARCH_EXCLUDE, "")
        return 1
    if names == ["admonition", "abstract"] and _title(box) == KEY_POINTS_TITLE:
        box.set(SEARCH_EXCLUDE, "")
    elif names == ["footnote"]:
        box.set(SEARCH_EXCLUDE, "")
    return 0


def _title(box: etree.Element) -> str:
    first = box[0] if len(box) else None
    return (
        "".join(first.itertext()).strip()
        if first is not None and "admonition-title" in classes(first)
        else ""
    )


class PageMarkupExtension(Extension):
    """Table labels, external links, editor's notes and search exclusions on every page."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # After the footnotes (50) and inline (20) steps have made the footnotes and links; before toc (5).
        md.treeprocessors.register(_PageMarkup(md), "page_markup", 7)


def makeExtension(**kwargs: object) -> PageMarkupExtension:  # noqa: N802 (Python-Markdown's name)
    return PageMarkupExtension(**kwargs)
