"""The author's text as readers get it: blocks read from a rendered page with an HTML parser.

Pure functions over the HTML that Python-Markdown renders for a page. What the
site adds and marks as its own is left out: the Key points box, editor's notes
(the reserved `editor-note` admonition), footnote markers and footnotes,
permalinks, anything inside an element of the class `site-own`, and the whole
part under a heading of that class. Text in an HTML comment is not on the page,
so it is not here either.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from html.parser import HTMLParser

KEY_POINTS_TITLE = "Key points"
# The admonition type reserved for the site's own notes beside the author's text.
EDITOR_NOTE = "editor-note"
SITE_OWN = "site-own"
# Elements whose text is never the author's: Material's permalinks, footnotes.
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Blocks that end one piece of text and start another.
BLOCKS = {"p", "li", "dd", "dt", "td", "th", "summary", "blockquote", "pre", *HEADINGS}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Typographic quotes read as plain ones: the manuscript has curly apostrophes, the pages straight ones.
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


@dataclass(frozen=True)
class Block:
    """One piece of the author's text on a page: a heading, a paragraph, or an FAQ question."""

    kind: str  # "heading", "paragraph" or "question"
    text: str
    level: int = 0  # a heading's level


def normalize(text: str) -> str:
    """Text as compared: white space folded, typographic quotes plain."""
    return " ".join(text.translate(QUOTES).split())


@dataclass(frozen=True)
class Reading:
    """A rendered page, parsed once for every check: the author's blocks, and every element's tag and attributes."""

    blocks: tuple[Block, ...]
    tags: tuple[tuple[str, tuple[tuple[str, str | None], ...]], ...]


def author_blocks(html: str) -> list[Block]:
    """The page's headings, paragraphs and FAQ questions, in order, less what the site marks as its own."""
    return list(read_page(html).blocks)


# Several checks read the same rendered page: parse it once.
@functools.lru_cache(maxsize=32)
def read_page(html: str) -> Reading:
    """The page as the checks read it (raw_html.py uses its tags)."""
    reader = _AuthorText()
    reader.feed(html)
    reader.close()
    return Reading(tuple(block for block in reader.blocks if block.text), tuple(reader.tags))


class _AuthorText(HTMLParser):
    """Collects text by block, skipping whole subtrees the site marks as its own."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._open: list[str] = []  # the tags open now
        self._skip_depth: int | None = None  # depth of the subtree being skipped
        self._block: tuple[str, int, int] | None = None  # (kind, level, depth) of the block being read
        self._text: list[str] = []
        self._pending_admonition: int | None = None  # depth of an admonition whose title decides if it is skipped
        self._admonition_start: int = 0
        self._own_part: int | None = None  # level of the heading that opened a part the site marks as its own
        self.tags: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(attrs)))
        if tag in VOID:
            return
        self._open.append(tag)
        if self._skip_depth is not None:
            return
        depth = len(self._open)
        classes = set((dict(attrs).get("class") or "").split())
        element_id = dict(attrs).get("id") or ""
        if tag in HEADINGS:
            # A heading marked as the site's own marks its whole part, up to the next heading as high.
            if self._own_part is not None and int(tag[1]) <= self._own_part:
                self._own_part = None
            if SITE_OWN in classes:
                self._own_part = int(tag[1])
        if self._own_part is not None:
            return
        if self._skipped(tag, classes, element_id):
            self._skip_depth = depth
            return
        if "admonition" in classes and "abstract" in classes:
            # A Key points box is known by its title, the next block.
            self._pending_admonition, self._admonition_start = depth, len(self.blocks)
        if "admonition-title" in classes:
            self._start_block("title", 0, depth)
        elif tag == "summary":
            self._start_block("question", 0, depth)
        elif tag in HEADINGS and (self._block is None or self._block[0] != "question"):
            self._start_block("heading", int(tag[1]), depth)
        elif tag in BLOCKS and self._block is None:
            self._start_block("paragraph", 0, depth)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or tag not in self._open:
            return
        while self._open:
            depth = len(self._open)
            closed = self._open.pop()
            if self._skip_depth is not None:
                if depth == self._skip_depth:
                    self._skip_depth = None
            elif self._block is not None and depth == self._block[2]:
                self._end_block()
            if self._pending_admonition is not None and depth == self._pending_admonition:
                self._pending_admonition = None
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._skip_depth is not None or self._own_part is not None:
            return
        if self._block is None and data.strip():
            # Text outside any paragraph (inside a raw <div>, say) is still on the page.
            self._start_block("paragraph", 0, len(self._open))
        if self._block is not None:
            self._text.append(data)

    def _skipped(self, tag: str, classes: set[str], element_id: str) -> bool:
        if SITE_OWN in classes or EDITOR_NOTE in classes or "headerlink" in classes or "footnote" in classes:
            return True
        return tag == "sup" and element_id.startswith("fnref")

    def _start_block(self, kind: str, level: int, depth: int) -> None:
        if self._block is not None:
            self._end_block()
        self._block, self._text = (kind, level, depth), []

    def _end_block(self) -> None:
        assert self._block is not None
        kind, level, _ = self._block
        text = normalize("".join(self._text))
        self._block, self._text = None, []
        if kind == "title":
            if self._pending_admonition is not None and text == KEY_POINTS_TITLE:
                # Drop what was read of the box so far and skip the rest of it.
                del self.blocks[self._admonition_start :]
                self._skip_depth = self._pending_admonition
            else:
                self.blocks.append(Block("paragraph", text))
            return
        self.blocks.append(Block(kind, text, level))


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])")


def sentences(text: str) -> list[str]:
    """A paragraph's sentences: each ends with . ! or ? before a space and a capital letter."""
    return [part for part in SENTENCE_END.split(normalize(text)) if part]
