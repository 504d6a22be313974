"""Where in a built page the parts the finishing steps change are, read once: finish/site.py
splices at these offsets, so the rest keeps the bytes the builder and its minifier wrote."""

from sitebuild.html_reading import read_html


class PageParts:
    def __init__(self, html: str) -> None:
        self.elements = list(read_html(html).walk())  # every start tag, in the page's order
        ended = [e for e in self.elements if e.close is not None]
        metas = [e for e in self.elements if e.name == "meta" and "charset" in e.attributes]
        self.charset_end = metas[0].end if metas else None
        self.head_end = next((e.close for e in ended if e.name == "head"), None)
        self.scripts = [(e, html[e.end : e.close]) for e in ended if e.name == "script"]
        self.styles = [(e.line, html[e.end : e.close]) for e in ended if e.name == "style"]
        heads = [e for e in ended if e.name in ("h1", "h2") and e.in_content]  # the article's
        words = [e.text(lambda a: a.name == "a" and "headerlink" in a.classes) for e in heads]
        self.headings = [" ".join(text.split()) for text in words]  # a permalink's ¶ is no word
        ends = [html.find(">", e.close) + 1 for e in heads if e.name == "h1"]
        self.title_end = ends[0] if ends else None  # just past the article's first </h1>
        # What overrides/main.html wrote, by the one rule it has: the tab's title and the card.
        titles = (e.text() for e in self.elements if e.name == "title")
        cards = (e.attributes for e in self.elements if e.attributes.get("property") == "og:image")
        self.head_title, self.card = next(titles, ""), next(cards, {}).get("content", "")
        self.class_names = {name for element in self.elements for name in element.classes}


read_parts = PageParts
