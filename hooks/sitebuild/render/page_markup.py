"""The attributes readers' tools need, set while each page renders, before any search index."""

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from sitebuild.check.manifest import KEY_POINTS_KIND, KEY_POINTS_TITLE
from sitebuild.check.page_text import EDITOR_NOTE, SEARCH_EXCLUDE
from sitebuild.render.faq_headings import classes


class PageMarkupExtension(Extension, Treeprocessor):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # After footnotes (50) and inline (20) have made the footnotes and links; before toc (5).
        md.treeprocessors.register(self, "page_markup", 7)

    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):  # shown when a table stacks on a phone
            heads = table.iterfind(".//thead//th")
            names = [" ".join("".join(th.itertext()).split()) for th in heads]
            for row in table.iterfind(".//tbody//tr"):
                for name, cell in zip(names, row.findall("td"), strict=False):
                    cell.attrib.update({"data-label": name} if name else {})
        # So that print can show its address; the site's links are relative; an author's rel stays.
        for link in root.iter("a"):
            if (link.get("href") or "").startswith(("http://", "https://")):
                link.attrib.setdefault("rel", "external")
        # A note is its own search entry, by its id; a search lands on the article's words.
        notes = [div for div in root.iter("div") if classes(div) == ["admonition", EDITOR_NOTE]]
        label = {"role": "note", "aria-label": "Editor's note, not part of the article"}
        for number, note in enumerate(notes, 1):
            note.attrib.update({**label, "id": f"{EDITOR_NOTE}-{number}", SEARCH_EXCLUDE: ""})
        for div in root.iter("div"):  # search skips the footnotes and the Key points box
            box, first = classes(div), [t for t in div[:1] if "admonition-title" in classes(t)]
            key_points = ["".join(t.itertext()).strip() for t in first] == [KEY_POINTS_TITLE]
            if box == ["footnote"] or key_points and box == ["admonition", KEY_POINTS_KIND]:
                div.set(SEARCH_EXCLUDE, "")


makeExtension = PageMarkupExtension  # noqa: N816 (Python-Markdown's name)
