"""One reading of an HTML page as a light tree: elements with their offsets, for the finishing
pass to splice at, and text both as readers see it and as the page writes it (the search index)."""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import NamedTuple

VOID = set("area base br col embed hr img input link meta source track wbr".split())


class Text(NamedTuple):
    text: str  # as readers see it: entities converted
    raw: str  # as the page writes it


@dataclass(eq=False)
class Element:
    """An element: its start tag's place and attributes, what it holds, where its end tag is."""

    name: str
    attrs: list[tuple[str, str | None]]
    start: int
    end: int  # just past the start tag
    line: int
    in_content: bool  # after more <article> tags than </article>, however the tags nest
    children: "list[Element | Text]" = field(default_factory=list)
    close: int | None = None  # where its own end tag starts, when the page writes one
    closed: bool = False  # ended before the page did: by its end tag or an enclosing one's

    @property
    def attributes(self) -> dict[str, str]:
        return {name: value or "" for name, value in self.attrs}

    @property
    def classes(self) -> list[str]:
        return self.attributes.get("class", "").split()

    def walk(self) -> "Iterator[Element]":
        """Every element inside this one, in the page's order."""
        for child in (child for child in self.children if isinstance(child, Element)):
            yield child
            yield from child.walk()

    def find(self, match: "Callable[[Element], bool]") -> "Iterator[Element]":
        """The elements inside this one that match, but not those inside one that does."""
        for child in (child for child in self.children if isinstance(child, Element)):
            yield from [child] if match(child) else child.find(match)

    def text(self, skip: "Callable[[Element], bool]" = lambda _: False) -> str:
        """The text readers see in it, less the elements skipped."""
        shown = [c for c in self.children if isinstance(c, Text) or not skip(c)]
        return "".join(c.text if isinstance(c, Text) else c.text(skip) for c in shown)


class _Reader(HTMLParser):
    """Builds the tree: an end tag closes what was left open inside its element; a stray one, no."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.html, self.articles, self.open = html, 0, [Element("", [], 0, 0, 1, False)]
        self.lines = [0] + [m.end() for m in re.finditer("\n", html)]  # getpos() is (line, column)
        self.feed(html)
        self.close()

    def position(self) -> int:
        return self.lines[self.getpos()[0] - 1] + self.getpos()[1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start, text = self.position(), self.get_starttag_text() or ""
        element = Element(tag, attrs, start, start + len(text), self.getpos()[0], self.articles > 0)
        self.open[-1].children.append(element)
        self.articles += tag == "article"
        self.open += [] if tag in VOID else [element]

    def handle_endtag(self, tag: str) -> None:
        self.articles = max(0, self.articles - (tag == "article"))
        if tag in (element.name for element in self.open[1:]):
            while (element := self.open.pop()).name != tag:
                element.closed = True
            element.closed, element.close = True, self.position()

    def handle_data(self, data: str) -> None:
        start = self.position()
        end = self.html.find("<", start) % (len(self.html) + 1)  # the next tag, else the page's end
        raw = data if self.cdata_elem or data[0] == "<" else self.html[start:end]  # "<" alone
        self.open[-1].children.append(Text(data, raw))


def url_scheme(value: str | None) -> str:
    """An address's scheme as a browser reads it ("" for none): case, white space and control
    characters aside, so " Java\tScript:" is javascript. Used wherever an address is judged."""
    scheme, colon, _ = "".join(c for c in value or "" if c > " ").lower().partition(":")
    return scheme if colon else ""


def read_html(html: str) -> Element:
    """The page as a tree under a root without a name; elements left open stay in theirs."""
    return _Reader(html).open[0]
