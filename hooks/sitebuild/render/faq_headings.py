"""Each FAQ question (a `??? question` admonition) is a heading, made while the page renders.

HTML allows a heading in <summary>. Made before toc's treeprocessor, it gets toc's id and permalink
like any heading, and is listed in the page's contents: screen-reader users move between questions
by heading, and a link to one opens it. A Markdown extension, so that every builder makes it.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

HEADING = "h2"  # questions sit directly under the FAQ page's title
QUESTION_CLASS = "question"  # the admonition type of an FAQ question (`??? question`)


class QuestionHeadings(Treeprocessor):
    """Moves the summary of each `details.question` into a heading inside it."""

    def run(self, root: etree.Element) -> None:
        for details in root.iter("details"):
            summary = details.find("summary")
            if summary is None or QUESTION_CLASS not in details.get("class", "").split():
                continue
            if summary.find(HEADING) is None:
                heading = etree.Element(HEADING, {"class": "faq-question"})
                heading.text, summary.text = summary.text, None
                heading.extend(list(summary))
                summary[:] = [heading]


class PermalinksOutOfSummaries(Treeprocessor):
    """Moves toc's permalink from a question's heading to just after its <summary>.

    A link in a <summary>, a button, is a control in a control, which assistive technology cannot
    reach (axe: nested-interactive); right after it, the link opens with the answer.
    """

    def run(self, root: etree.Element) -> None:
        for details in root.iter("details"):
            summary = details.find("summary")
            heading = summary.find(HEADING) if summary is not None else None
            permalink = heading.find("a[@class='headerlink']") if heading is not None else None
            if permalink is not None:
                heading.remove(permalink)
                permalink.tail = None
                permalink.set("data-search-exclude", "")  # search skips it inside headings only
                details.insert(list(details).index(summary) + 1, permalink)


class FaqHeadingsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # Above toc (5), so that toc sees the headings; below inline (20) and attr_list (8), so
        # that the question's text is final. The permalinks move once toc has made them.
        md.treeprocessors.register(QuestionHeadings(md), "faq_headings", 6)
        md.treeprocessors.register(PermalinksOutOfSummaries(md), "faq_permalinks", 4)


def makeExtension(**kwargs: object) -> FaqHeadingsExtension:  # noqa: N802 (Python-Markdown's name)
    return FaqHeadingsExtension(**kwargs)
