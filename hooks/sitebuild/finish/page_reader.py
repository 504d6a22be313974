"""One reading of a built page with Python's HTML parser: where each part the finishing steps change starts and ends.

The finishing steps then splice their additions in at those places
(finish/site.py), so the rest of the page keeps the exact bytes the builder
and its minifier wrote. Attribute order and quoting, and how deeply the
builder nests an element, do not matter to the parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Tag:
    """A start tag (or a whole element, when `end` is past its end tag) and its attributes."""

    start: int
    end: int
    attributes: dict[str, str]


@dataclass
class Script:
    tag: Tag
    body: str
    in_content: bool  # inside the page's <article>: written in the page, not emitted by the build


@dataclass(frozen=True)
class Element:
    """Any start tag, for `python -m sitebuild verify`: what it is, where, its attributes."""

    name: str
    attributes: dict[str, str]
    line: int
    in_content: bool  # inside the page's <article>


@dataclass
class PageParts:
    charset_end: int | None = None
    head_end: int | None = None
    title_end: int | None = None  # the end of the first </h1> in the page's <article>
    title_words: list[str] = field(default_factory=list)
    links: list[Tag] = field(default_factory=list)
    scripts: list[Script] = field(default_factory=list)
    class_names: set[str] = field(default_factory=set)
    elements: list[Element] = field(default_factory=list)
    styles: list[tuple[int, str]] = field(default_factory=list)  # each <style>'s line and text
    headings: list[str] = field(default_factory=list)  # the article's <h1> and <h2>, as plain words

    @property
    def title(self) -> str:
        return " ".join("".join(self.title_words).split())


class _Reader(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        # The offset of each line's start: the parser says where it is by line and column.
        self.line_starts = [0]
        position = html.find("\n")
        while position != -1:
            self.line_starts.append(position + 1)
            position = html.find("\n", position + 1)
        self.parts = PageParts()
        self.article_depth = 0  # open <article> elements
        self.in_title = False
        self.script: Tag | None = None
        self.headerlink_depth = 0  # inside a ¶ permalink, whose text is not the page's words
        self.heading: list[str] | None = None  # the words of the article's heading being read

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self.position()
        attributes = {name: value or "" for name, value in attrs}
        self.parts.class_names.update(attributes.get("class", "").split())
        tag_end = start + len(self.get_starttag_text() or "")
        element = Element(tag, attributes, self.getpos()[0], self.article_depth > 0)
        self.parts.elements.append(element)
        if tag == "meta" and "charset" in attributes and self.parts.charset_end is None:
            self.parts.charset_end = tag_end
        elif tag == "link":
            self.parts.links.append(Tag(start, tag_end, attributes))
        elif tag in ("script", "style"):
            self.script = Tag(start, tag_end, attributes)
        elif tag == "article":
            self.article_depth += 1
        elif tag == "h1" and self.article_depth and self.parts.title_end is None:
            self.in_title = True
        elif tag == "a" and "headerlink" in attributes.get("class", "").split():
            self.headerlink_depth += 1
        if tag in ("h1", "h2") and self.article_depth:
            self.heading = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        start = self.position()
        end = self.html.find(">", start) + 1
        if tag in ("h1", "h2") and self.heading is not None:
            self.parts.headings.append(plain(self.heading))
            self.heading = None
        if tag == "head" and self.parts.head_end is None:
            self.parts.head_end = start
        elif tag == "style" and self.script is not None:
            line = self.html.count("\n", 0, self.script.start) + 1
            self.parts.styles.append((line, self.html[self.script.end : start]))
            self.script = None
        elif tag == "script" and self.script is not None:
            body = self.html[self.script.end : start]
            self.parts.scripts.append(Script(Tag(self.script.start, end, self.script.attributes), body, self.article_depth > 0))
            self.script = None
        elif tag == "article":
            self.article_depth = max(0, self.article_depth - 1)
        elif tag == "h1" and self.in_title:
            self.in_title, self.parts.title_end = False, end
        elif tag == "a" and self.headerlink_depth:
            self.headerlink_depth -= 1

    def handle_data(self, data: str) -> None:
        if self.headerlink_depth:
            return
        if self.in_title:
            self.parts.title_words.append(data)
        if self.heading is not None:
            self.heading.append(data)


def read_parts(html: str) -> PageParts:
    """Where the charset, the end of <head>, the article's title, links, scripts and styles are, and every element."""
    reader = _Reader(html)
    reader.feed(html)
    reader.close()
    return reader.parts


def plain(words: list[str]) -> str:
    """Text pieces as the words a reader sees, white space folded."""
    return " ".join("".join(words).split())
