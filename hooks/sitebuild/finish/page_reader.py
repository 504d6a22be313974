"""Where in a built page the parts the finishing steps change are, read once: finish/site.py
splices at these offsets, so the rest keeps the bytes the builder and its minifier wrote."""

from __future__ import annotations

from dataclasses import dataclass, field

from sitebuild.html_reading import Element, read_html


@dataclass
class PageParts:
    elements: list[Element]  # every start tag, in the page's order
    charset_end: int | None = None
    head_end: int | None = None
    title_end: int | None = None  # just past the first </h1> in the page's <article>
    scripts: list[tuple[Element, str]] = field(default_factory=list)  # each <script>, its text
    styles: list[tuple[int, str]] = field(default_factory=list)  # each <style>'s line and text
    headings: list[str] = field(default_factory=list)  # the article's <h1> and <h2>, as words
    # What overrides/main.html wrote, by the one rule it has: the tab's title and the card's URL.
    head_title: str = ""
    card: str = ""

    @property
    def class_names(self) -> set[str]:
        return {name for element in self.elements for name in element.classes}


def read_parts(html: str) -> PageParts:
    """Where the charset, the end of <head>, the title, scripts and styles are."""
    parts = PageParts(list(read_html(html).walk()))
    for element in parts.elements:
        name, close = element.name, element.close
        if name == "meta" and "charset" in element.attributes and parts.charset_end is None:
            parts.charset_end = element.end
        elif close is None:
            continue
        elif name == "head" and parts.head_end is None:
            parts.head_end = close
        elif name == "style":
            parts.styles.append((element.line, html[element.end : close]))
        elif name == "script":
            parts.scripts.append((element, html[element.end : close]))
        elif name in ("h1", "h2") and element.in_content:
            # A permalink's ¶ is not one of the heading's words.
            words = element.text(lambda a: a.name == "a" and "headerlink" in a.classes).split()
            parts.headings.append(" ".join(words))
            if name == "h1" and parts.title_end is None:
                parts.title_end = html.find(">", close) + 1
    titles = (e.text(lambda _: False) for e in parts.elements if e.name == "title")
    cards = (e.attributes for e in parts.elements if e.attributes.get("property") == "og:image")
    parts.head_title, parts.card = next(titles, ""), next(cards, {}).get("content", "")
    return parts
