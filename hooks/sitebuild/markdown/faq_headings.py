"""A Python-Markdown extension: each FAQ question (a `??? question` admonition) is a heading.

HTML allows a heading inside <summary>. Made while the Markdown is rendered,
before the toc extension's treeprocessor runs, the heading gets its id and
permalink from toc like any other (the permalink is then moved just after the
<summary>, see PermalinksOutOfSummaries), and is listed in the page's table of
contents; screen-reader users can move between questions by heading, and a
link to one opens it (Material opens a closed <details> holding the target).

It lives in a Markdown extension, not in a page hook, so every builder that
renders with this Markdown gets the same headings (markdown/__init__.py).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

QUESTION_CLASS = "question"
HEADING_CLASS = "faq-question"
QUESTION_LEVEL = 2  # questions sit directly under the FAQ page's title
# Above toc (5), so toc sees the headings; below inline (20) and attr_list (8),
# so the question's text is already final (emphasis, glossary terms).
PRIORITY = 6
# Below toc, which has then put its permalink in the heading.
PERMALINK_PRIORITY = 4


class QuestionHeadings(Treeprocessor):
    """Wraps the summary of each `details.question` in a heading."""

    def run(self, root: etree.Element) -> None:
        for details in root.iter("details"):
            summary = details.find("summary")
            if (
                summary is not None
                and QUESTION_CLASS in details.get("class", "").split()
                and summary.find(f"h{QUESTION_LEVEL}") is None
            ):
                wrap_in_heading(summary)


def wrap_in_heading(summary: etree.Element) -> None:
    """Move the summary's text and inline children into a heading inside it."""
    heading = etree.Element(f"h{QUESTION_LEVEL}", {"class": HEADING_CLASS})
    heading.text, summary.text = summary.text, None
    for child in list(summary):
        summary.remove(child)
        heading.append(child)
    summary.append(heading)


class PermalinksOutOfSummaries(Treeprocessor):
    """Moves toc's permalink from a question's heading to just after its <summary>.

    A <summary> is a button: a link inside it is a control inside a control,
    which assistive technology cannot reach (axe: nested-interactive). Right
    after the summary, the link opens with the answer.
    """

    def run(self, root: etree.Element) -> None:
        for details in root.iter("details"):
            summary = details.find("summary")
            heading = summary.find(f"h{QUESTION_LEVEL}") if summary is not None else None
            permalink = heading.find("a[@class='headerlink']") if heading is not None else None
            if permalink is not None:
                heading.remove(permalink)
                permalink.tail = None
                permalink.set("data-search-exclude", "")  # search skips it inside headings only
                details.insert(list(details).index(summary) + 1, permalink)


class FaqHeadingsExtension(Extension):
    """Register the treeprocessors around toc's."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(QuestionHeadings(md), "faq_headings", PRIORITY)
        md.treeprocessors.register(
            PermalinksOutOfSummaries(md), "faq_permalinks", PERMALINK_PRIORITY
        )


def makeExtension(**kwargs: object) -> FaqHeadingsExtension:  # noqa: N802 (Python-Markdown's entry point)
    return FaqHeadingsExtension(**kwargs)
