"""Each FAQ question (a `??? question` admonition) is a heading, made while the page renders:
screen-reader users move between questions by heading, and toc lists each with an id."""

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from sitebuild.check.page_text import SEARCH_EXCLUDE

QUESTION_CLASS = "question"  # the admonition type of an FAQ question (`??? question`)


def classes(element: etree.Element) -> list[str]:
    return (element.get("class") or "").split()


class FaqHeadingsExtension(Extension, Treeprocessor):
    """Before toc, each question's summary becomes a heading, which toc gives an id and a
    permalink (HTML allows a heading in <summary>; a link to it opens the answer)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # Above toc (5), so that toc sees the headings; below inline (20) and attr_list (8), so
        # that the question's text is final. The permalinks move once toc has made them.
        md.treeprocessors.register(self, "faq_headings", 6)
        md.treeprocessors.register(_Permalinks(md), "faq_permalinks", 4)

    def run(self, root: etree.Element) -> None:
        for details in (d for d in root.iter("details") if QUESTION_CLASS in classes(d)):
            summary = details.find("summary")
            if summary is not None and summary.find("h2") is None:
                heading = etree.Element("h2", {"class": "faq-question"})  # under the page title
                heading.text, summary.text = summary.text, None
                heading.extend(list(summary))
                summary[:] = [heading]


class _Permalinks(Treeprocessor):
    """The permalink moves out of the <summary>, a button: assistive technology cannot reach a
    control inside one. Search skips it, as it does inside headings."""

    def run(self, root: etree.Element) -> None:
        for details in root.iter("details"):
            summary = details.find("summary")
            heading = summary.find("h2") if summary is not None else None
            permalink = heading.find("a[@class='headerlink']") if heading is not None else None
            if permalink is not None:
                heading.remove(permalink)
                permalink.tail = None
                permalink.set(SEARCH_EXCLUDE, "")
                details.insert(list(details).index(summary) + 1, permalink)


makeExtension = FaqHeadingsExtension  # noqa: N816 (Python-Markdown's name)
