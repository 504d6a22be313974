"""The site's Python-Markdown extensions, run by every builder. MkDocs cannot import them from
mkdocs.yml (hooks/ is not on sys.path then), so its hook adds them with what it has read; Zensical
lists them by name (zensical.py), and they read the files. Each is its own (tree)processor."""

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from sitebuild.check import references as sources
from sitebuild.check.manifest import KEY_POINTS_TITLE
from sitebuild.check.page_text import EDITOR_NOTE

QUESTION_CLASS = "question"  # the admonition type of an FAQ question (`??? question`)
SEARCH_EXCLUDE = "data-search-exclude"
ABSTRACT = ("admonition", "abstract")  # the key points' box


def _classes(element: etree.Element) -> list[str]:
    return (element.get("class") or "").split()


class FaqHeadingsExtension(Extension, Treeprocessor):
    """Before toc, each question's summary becomes a heading, which toc lists with an id and a
    permalink: screen-reader users move between questions by heading. After toc, the permalink
    moves out of the <summary>, a button: assistive technology cannot reach a control in one."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # Above toc (5), so that toc sees the headings; below inline (20) and attr_list (8), so
        # that the question's text is final. The permalinks move once toc has made them.
        md.treeprocessors.register(self, "faq_headings", 6)
        md.treeprocessors.register(self, "faq_permalinks", 4)

    def run(self, root: etree.Element) -> None:
        for details in root.iter("details"):
            summary = details.find("summary")
            heading = summary.find("h2") if summary is not None else None
            permalink = heading.find("a[@class='headerlink']") if heading is not None else None
            if summary is not None and heading is None and QUESTION_CLASS in _classes(details):
                heading = etree.Element("h2", {"class": "faq-question"})  # under the page title
                heading.text, summary.text = summary.text, None
                heading.extend(list(summary))
                summary[:] = [heading]
            elif permalink is not None:
                heading.remove(permalink)
                permalink.tail = None
                permalink.set(SEARCH_EXCLUDE, "")  # search skips it inside headings only
                details.insert(list(details).index(summary) + 1, permalink)


class SourceFootnotesExtension(Extension, Preprocessor):
    """Each page's footnotes from the checked sources, and the References and Glossary lists."""

    def __init__(self, references: dict | None = None, glossary: dict | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.references, self.glossary = references, glossary

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # The content checks, which run before any builder, report problems with these files.
        self.checked = sources.load_references()[0] if self.references is None else self.references
        glossary = sources.load_glossary()[0] if self.glossary is None else self.glossary
        self.lists = {sources.REFERENCES_MARKER: sources.references_list(self.checked)}
        self.lists[sources.GLOSSARY_MARKER] = sources.glossary_list(glossary)
        # After the snippets extension (32) has appended the glossary's abbreviations.
        md.preprocessors.register(self, "source_footnotes", 31)

    def run(self, lines: list[str]) -> list[str]:
        markdown = sources.with_source_footnotes("\n".join(lines), self.checked)
        for marker, listed in self.lists.items():
            markdown = markdown.replace(marker, listed)
        return markdown.split("\n")


class PageMarkupExtension(Extension, Treeprocessor):
    """The attributes readers' tools need, set before any search index is made."""

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
        notes = [div for div in root.iter("div") if _classes(div) == ["admonition", EDITOR_NOTE]]
        for number, note in enumerate(notes, 1):
            label = "Editor's note, not part of the article"
            note.attrib.update({"role": "note", "aria-label": label})
            note.attrib.update({"id": f"{EDITOR_NOTE}-{number}", SEARCH_EXCLUDE: ""})
        for div in root.iter("div"):
            first = [t for t in div[:1] if "admonition-title" in _classes(t)]
            key_points = ["".join(t.itertext()).strip() for t in first] == [KEY_POINTS_TITLE]
            if _classes(div) == ["footnote"] or key_points and _classes(div) == [*ABSTRACT]:
                div.set(SEARCH_EXCLUDE, "")


def with_site_extensions(extensions: list[Any], references: dict, glossary: dict) -> list[Any]:
    """The configured extensions, then the site's own (any earlier copy of them replaced)."""
    others = [extension for extension in extensions if type(extension).__module__ != __name__]
    ours = [FaqHeadingsExtension(), SourceFootnotesExtension(references, glossary)]
    return [*others, *ours, PageMarkupExtension()]
