"""Compare the article's pages with the manifest.

Every check is a pure function: page sources (text) in, Problems out, so the
tests exercise them without building the site. sitebuild/checks.py runs them.
"""

from __future__ import annotations

import difflib
from itertools import pairwise

from sitebuild.check.manifest import MANIFEST_NAME, Manifest, Problem, Section
from sitebuild.check.outline import (
    content_lines,
    plain_text,
    read_admonitions,
    read_headings,
)

DOCS_DIR = "docs"


def check_pages(manifest: Manifest, doc_pages: list[str], nav_pages: list[str]) -> list[Problem]:
    """Every manifest page exists and is in the navigation, in order; no page is left out of the manifest."""
    problems = []
    for page in manifest.pages:
        if page not in doc_pages:
            problems.append(
                Problem(
                    doc(page),
                    "page",
                    "the file is missing" + _and_with_it(manifest.sections_on(page)),
                    f"restore it (git checkout -- {doc(page)}), or remove it from pages in {MANIFEST_NAME} and move its sections",
                )
            )
        elif page not in nav_pages:
            problems.append(
                Problem(
                    "mkdocs.yml",
                    "nav",
                    f"the page {page!r} is not in the navigation",
                    "add it to nav in mkdocs.yml, in the manuscript's order",
                )
            )
    problems += [
        Problem(doc(page), "page", f"is not listed in {MANIFEST_NAME}", f"add it to pages in {MANIFEST_NAME} and to nav in mkdocs.yml, or delete it")
        for page in doc_pages
        if page not in manifest.pages
    ]
    return problems + _check_nav_order(manifest, nav_pages)


def check_faq(manifest: Manifest, sources: dict[str, str]) -> list[Problem]:
    """Each question is one collapsible admonition with an answer."""
    page = manifest.faq_page
    if page not in sources:
        return []
    source = sources[page]
    admonitions, headings, lines = read_admonitions(source), read_headings(source), content_lines(source)
    problems = []
    for question in manifest.questions:
        place = f"question {question!r}"
        write_it = f'write it as ??? question "{question}" with the answer indented by four spaces below'
        matches = [block for block in admonitions if block.title == question]
        if not matches:
            as_heading = next((h.line for h in headings if h.text == question), None)
            as_text = next((number for number, line in lines if question in line), None)
            near = difflib.get_close_matches(question, [block.title for block in admonitions if block.title], n=1, cutoff=0.6)
            if as_heading:
                problems.append(Problem(doc(page), place, "is a heading, not a collapsible admonition", write_it, as_heading))
            elif as_text:
                problems.append(Problem(doc(page), place, "is plain text, not a collapsible admonition", write_it, as_text))
            elif near:
                line = next(block.line for block in admonitions if block.title == near[0])
                problems.append(
                    Problem(
                        doc(page),
                        place,
                        f"is missing; this line asks {near[0]!r} instead",
                        f"restore the question's words, or change it in {MANIFEST_NAME} too (with its entry in manuscript/edits.yml)",
                        line,
                    )
                )
            else:
                problems.append(Problem(doc(page), place, "is missing", write_it.replace("write it", "add it")))
            continue
        block = matches[0]
        if len(matches) > 1:
            problems.append(Problem(doc(page), place, f"appears {len(matches)} times", "keep one", matches[1].line))
        if not block.collapsible:
            problems.append(Problem(doc(page), place, "is an admonition that does not collapse (!!!)", "start it with ??? instead of !!!", block.line))
        elif block.marker == "???+":
            problems.append(Problem(doc(page), place, "opens by default (???+)", "start it with ??? so that it starts closed", block.line))
        if block.kind != "question":
            problems.append(
                Problem(doc(page), place, f"is a `{block.kind}` admonition", "use the `question` type: search engines read only those as questions", block.line)
            )
        if not has_words(block.body):
            problems.append(Problem(doc(page), place, "has no answer", "write the answer below the question, indented by four spaces", block.line))
    return problems


def doc(page: str) -> str:
    """A page's path as the maintainer sees it in the repository."""
    return f"{DOCS_DIR}/{page}"


def has_words(markdown: str) -> bool:
    return any(character.isalnum() for character in plain_text(markdown))


# "and with it the sections 'A' and 'B'", for a page that held sections.
def _and_with_it(sections: list[Section]) -> str:
    names = [repr(section.heading) for section in sections]
    if not names:
        return ""
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f", and with it the section{'s' if len(names) > 1 else ''} {listed}"


# Pages that hold the article follow the manuscript's order in the navigation.
def _check_nav_order(manifest: Manifest, nav_pages: list[str]) -> list[Problem]:
    article = dict.fromkeys([manifest.introduction.page, *(s.page for s in manifest.sections)])
    in_nav = [page for page in article if page in nav_pages]
    return [
        Problem("mkdocs.yml", "nav", f"{later!r} comes before {earlier!r}, against the manuscript's order", f"list {earlier!r} before {later!r} in nav")
        for earlier, later in pairwise(in_nav)
        if nav_pages.index(later) < nav_pages.index(earlier)
    ]
