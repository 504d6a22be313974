"""One page of docs/, read and parsed once: the record every check and finishing step takes.
Its front matter and words are read with the page; its rendered HTML is parsed the first time a
step asks, once the builder (or `python -m sitebuild check`) has rendered it."""

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Self

from sitebuild.check.page_standards import front_matter
from sitebuild.check.page_text import Reading, reading_of
from sitebuild.check.site_words import PageWords, read_page_words
from sitebuild.html_reading import Element, read_html
from sitebuild.problems import Problem


def page_url(path: str) -> str:
    """The site's one rule for a page's address (MkDocs', with directory URLs): faq.md → "faq/"."""
    stem = path.removesuffix(".md")
    stem = "" if stem == "index" else stem.removesuffix("/index")
    return f"{stem}/" if stem else ""


@dataclass
class Page:
    path: str  # under docs/, as MkDocs' src_uri
    source: str  # the Markdown as read (a byte-order mark dropped, "\n" line ends)
    meta: dict[str, Any]  # the front matter; empty when it does not parse
    meta_problem: Problem | None  # why it does not parse
    words: PageWords  # the author's words, the editor's notes, the key points, numbered lines
    html: str = field(default="", repr=False)  # as Markdown rendered it

    @classmethod
    def read(cls, path: str, source: str, html: str = "") -> Self:
        return cls(path, source, *front_matter(source), read_page_words(source), html)

    @cached_property
    def tree(self) -> Element:  # the rendered page, for the search index
        return read_html(self.html)

    @cached_property
    def reading(self) -> Reading:  # its blocks of the author's text and every tag, for the checks
        return reading_of(self.tree)
