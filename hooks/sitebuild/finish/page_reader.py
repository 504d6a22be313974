"""Where in a built page the parts the finishing steps change are: they splice at those offsets
(finish/site.py), so the rest of the page keeps the bytes the builder and its minifier wrote."""

from __future__ import annotations

from dataclasses import dataclass, field

from sitebuild.html_reading import Element, read_html


@dataclass
class Tag:
    """A whole element: where it starts and ends, and its attributes."""

    start: int
    end: int
    attributes: dict[str, str]


@dataclass
class Script:
    tag: Tag
    body: str
    in_content: bool  # inside the page's <article>: written in the page, not emitted by the build


@dataclass
class PageParts:
    charset_end: int | None = None
    head_end: int | None = None
    title_end: int | None = None  # the end of the first </h1> in the page's <article>
    title: str = ""  # its words
    links: list[Element] = field(default_factory=list)
    scripts: list[Script] = field(default_factory=list)
    class_names: set[str] = field(default_factory=set)
    elements: list[Element] = field(default_factory=list)  # every start tag
    styles: list[tuple[int, str]] = field(default_factory=list)  # each <style>'s line and text
    headings: list[str] = field(default_factory=list)  # the article's <h1> and <h2>, as words
    # What overrides/main.html wrote, by the one rule it has: the tab's title and the card's URL.
    head_title: str = ""
    card: str = ""


def read_parts(html: str) -> PageParts:
    """Where the charset, the end of <head>, the title, links, scripts and styles are."""
    parts = PageParts(elements=list(read_html(html).walk()))
    for element in parts.elements:
        name, close = element.name, element.close
        parts.class_names.update(element.classes)
        if name == "meta" and "charset" in element.attributes and parts.charset_end is None:
            parts.charset_end = element.end
        elif name == "link":
            parts.links.append(element)
        elif name == "head" and close is not None and parts.head_end is None:
            parts.head_end = close
        elif name == "style" and close is not None:
            parts.styles.append((element.line, html[element.end : close]))
        elif name == "script" and close is not None:
            whole = Tag(element.start, html.find(">", close) + 1, element.attributes)
            parts.scripts.append(Script(whole, html[element.end : close], element.in_content))
        elif name in ("h1", "h2") and element.in_content and close is not None:
            # A permalink's ¶ is not one of the heading's words.
            words = element.text(lambda a: a.name == "a" and "headerlink" in a.classes).split()
            parts.headings.append(" ".join(words))
            if name == "h1" and parts.title_end is None:
                parts.title, parts.title_end = parts.headings[-1], html.find(">", close) + 1
    return _head(parts)


def _head(parts: PageParts) -> PageParts:
    titles = [element for element in parts.elements if element.name == "title"]
    parts.head_title = titles[0].text(lambda _: False) if titles else ""
    cards = [e.attributes for e in parts.elements if e.attributes.get("property") == "og:image"]
    parts.card = cards[0].get("content", "") if cards else ""
    return parts
