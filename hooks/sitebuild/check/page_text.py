"""The author's text as readers get it, from the page Python-Markdown renders: less what the site
adds and marks as its own (Key points, editor's notes, footnotes, permalinks, `site-own` parts)."""

from __future__ import annotations

import re
from typing import NamedTuple

from sitebuild.check.manifest import KEY_POINTS_KIND, KEY_POINTS_TITLE
from sitebuild.html_reading import VOID, Element, Text, read_html

EDITOR_NOTE = "editor-note"  # the admonition type reserved for the site's own notes
SITE_OWN = "site-own"
SEARCH_EXCLUDE = "data-search-exclude"  # what the site adds and search skips
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Blocks that end one piece of text and start another.
BLOCKS = {"p", "li", "dd", "dt", "td", "th", "summary", "blockquote", "pre", *HEADINGS}
# Typographic quotes read as plain ones: the manuscript has curly ones, the pages straight ones.
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])")


class Block(NamedTuple):
    """One piece of the author's text on a page: a heading, a paragraph, or an FAQ question."""

    kind: str  # "heading", "paragraph" or "question"
    text: str
    level: int = 0  # a heading's level


class Reading(NamedTuple):
    """A rendered page read once for every check: the author's blocks, every start tag."""

    blocks: tuple[Block, ...]
    tags: tuple[tuple[str, tuple[tuple[str, str | None], ...]], ...]


def normalize(text: str) -> str:
    """Text as compared: white space folded, typographic quotes plain."""
    return " ".join(text.translate(QUOTES).split())


def sentences(text: str) -> list[str]:
    """A paragraph's sentences: each ends with . ! or ? before a space and a capital letter."""
    return [part for part in SENTENCE_END.split(normalize(text)) if part]


def reading_of(tree: Element) -> Reading:
    """A page read into a tree (html_reading.py), as the checks read it (run.py its tags)."""
    reader = _Blocks()
    reader.visit(tree)
    read = reader.read[: len(reader.read) - (reader.end is not None)]  # the page never ended it
    blocks = (Block(kind, normalize("".join(texts)), level) for kind, level, texts in read)
    tags = tuple((element.name, tuple(element.attrs)) for element in tree.walk())
    return Reading(tuple(block for block in blocks if block.text), tags)


def author_blocks(html: str) -> list[Block]:
    """The page's headings, paragraphs and FAQ questions, less what the site marks as its own."""
    return list(reading_of(read_html(html)).blocks)


def _skipped(element: Element) -> bool:
    """The site's own parts, notes, permalinks, footnotes and their marks: not the author's text."""
    mark = element.name == "sup" and element.attributes.get("id", "").startswith("fnref")
    return mark or bool({SITE_OWN, EDITOR_NOTE, "headerlink", "footnote"} & set(element.classes))


class _Blocks:
    """Reads in page order: a block ends with its element, or where another block starts."""

    def __init__(self) -> None:
        self.read: list[tuple[str, int, list[str]]] = []  # kind, level and texts of each block
        self.end: Element | None = None  # the element the block being read ends with, if any
        self.own: int | None = None  # the level of a heading that opened the site's own part

    def visit(self, element: Element) -> None:
        if element.name in HEADINGS:  # a site-own heading marks its part, to the next as high
            level, own = int(element.name[1]), self.own or 7
            self.own = level if SITE_OWN in element.classes else None if level <= own else own
        if self.own is None and element.name:
            if _skipped(element) or _key_points(element):
                return
            self.opens(element)
        for child in element.children:
            if isinstance(child, Text) and self.own is None:
                if self.end is None and child.text.strip():
                    self.start("paragraph", 0, element)  # text outside any block is on the page
                if self.end is not None:
                    self.read[-1][2].append(child.text)
            elif isinstance(child, Element) and child.name not in VOID:
                self.visit(child)
        if element.closed and self.end is element:
            self.end = None

    def opens(self, element: Element) -> None:
        """A box's title, a question, a heading, or a block where none is open: a new block."""
        name, question = element.name, self.end is not None and self.read[-1][0] == "question"
        title = "admonition-title" in element.classes
        if title or name == "summary":
            self.start("paragraph" if title else "question", 0, element)
        elif name in HEADINGS and not question:
            self.start("heading", int(name[1]), element)
        elif name in BLOCKS and self.end is None:
            self.start("paragraph", 0, element)

    def start(self, kind: str, level: int, element: Element) -> None:
        self.read.append((kind, level, []))
        self.end = element


def _key_points(element: Element) -> bool:
    """The Key points box, known by its first title."""
    box = {"admonition", KEY_POINTS_KIND} <= set(element.classes)
    found = element.find(lambda inner: _skipped(inner) or "admonition-title" in inner.classes)
    titles = (normalize(title.text(_skipped)) for title in found if not _skipped(title))
    return box and next(titles, None) == KEY_POINTS_TITLE
