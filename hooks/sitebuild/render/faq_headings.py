"""Each FAQ question (a `??? question` admonition) is a heading, made while the page renders:
screen-reader users move between questions by heading, and toc lists each with an id."""

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

QUESTION_CLASS = "question"  # the admonition type of an FAQ question (`??? question`)
SEARCH_EXCLUDE = "data-search-exclude"


def classes(element: etree.Element) -> list[str]:
    return (element.get("class") or "").split()


class FaqHeadingsExtension(Extension, Treeprocessor):
    """Before toc, each question's summary becomes a heading, which toc gives a permalink. After
    toc, the permalink moves out of the <summary>, a button: assistive technology cannot reach a
    control inside one."""

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
            if summary is not None and heading is None and QUESTION_CLASS in classes(details):
                heading = etree.Element("h2", {"class": "faq-question"})  # under the page title
                heading.text, summary.text = summary.text, None
                heading.extend(list(summary))
                summary[:] = [heading]
            elif permalink is not None:
                heading.remove(permalink)
                permalink.tail = None
                permalink.set(SEARCH_EXCLUDE, "")  # search skips it inside headings only
                details.insert(list(details).index(summary) + 1, permalink)


makeExtension = FaqHeadingsExtension  # noqa: N816 (Python-Markdown's name)
