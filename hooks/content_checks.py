"""Compare the article's pages with the manifest.

Every check is a pure function: page sources (text) in, Problems out, so the
tests exercise them without building the site. guard_content.py runs them.
"""

from __future__ import annotations

import difflib
from itertools import pairwise

from content_manifest import KEY_POINTS_TITLE, MANIFEST_NAME, Manifest, Problem, Section
from markdown_outline import (
    Heading,
    contains_phrase,
    content_lines,
    plain_text,
    read_admonitions,
    read_headings,
    without_admonitions_titled,
)

DOCS_DIR = "docs"


def check_site(manifest: Manifest, sources: dict[str, str], nav_pages: list[str]) -> list[Problem]:
    """Every check, pages first, as a maintainer would fix them."""
    # Key points repeat the page's facts; the facts must still be in the text itself.
    present = {page: without_admonitions_titled(text, KEY_POINTS_TITLE) for page, text in sources.items() if page in manifest.pages}
    return [
        *check_pages(manifest, list(sources), nav_pages),
        *check_introduction(manifest, present),
        *check_sections(manifest, present),
        *check_faq(manifest, present),
    ]


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


def check_introduction(manifest: Manifest, sources: dict[str, str]) -> list[Problem]:
    """The home page still carries the introduction's key facts."""
    intro = manifest.introduction
    if intro.page not in sources:
        return []
    return [
        Problem(
            doc(intro.page),
            "introduction",
            f"the key fact {fact!r} is missing",
            f"restore it, or update introduction.facts in {MANIFEST_NAME} if the wording changed on purpose",
        )
        for fact in intro.facts
        if not contains_phrase(sources[intro.page], fact)
    ]


def check_sections(manifest: Manifest, sources: dict[str, str]) -> list[Problem]:
    """Each section is on its page once, in order, not empty, with its key facts."""
    headings = {page: read_headings(text) for page, text in sources.items()}
    problems = []
    for section in manifest.sections:
        if section.page in headings:
            problems += _check_section(section, headings)
    for page, found in headings.items():
        problems += _check_section_order(page, manifest.sections_on(page), found)
    return problems


def check_faq(manifest: Manifest, sources: dict[str, str]) -> list[Problem]:
    """Each question is one collapsible admonition with an answer that keeps its facts."""
    page = manifest.faq_page
    if page not in sources:
        return []
    source = sources[page]
    admonitions, headings, lines = read_admonitions(source), read_headings(source), content_lines(source)
    problems = []
    for question in manifest.questions:
        place = f"question {question.question!r}"
        write_it = f'write it as ??? question "{question.question}" with the answer indented by four spaces below'
        matches = [block for block in admonitions if block.title == question.question]
        if not matches:
            as_heading = next((h.line for h in headings if h.text == question.question), None)
            as_text = next((number for number, line in lines if question.question in line), None)
            if as_heading:
                problems.append(Problem(doc(page), place, "is a heading, not a collapsible admonition", write_it, as_heading))
            elif as_text:
                problems.append(Problem(doc(page), place, "is plain text, not a collapsible admonition", write_it, as_text))
            else:
                problems.append(Problem(doc(page), place, "is missing", write_it.replace("write it", "add it")))
            continue
        block = matches[0]
        if len(matches) > 1:
            problems.append(Problem(doc(page), place, f"appears {len(matches)} times", "keep one", matches[1].line))
        if not block.collapsible:
            problems.append(Problem(doc(page), place, "is an admonition that does not collapse (!!!)", "start it with ??? instead of !!!", block.line))
        if not has_words(block.body):
            problems.append(Problem(doc(page), place, "has no answer", "write the answer below the question, indented by four spaces", block.line))
            continue
        fix = f"restore it, or update the question's facts in {MANIFEST_NAME}"
        problems += _missing_facts(doc(page), place, block.body, question.facts, " from the answer", fix, block.line)
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


# One section: where its heading is, and what its text keeps.
def _check_section(section: Section, headings: dict[str, list[Heading]]) -> list[Problem]:
    place = f"section {section.heading!r}"
    own = [h for h in headings[section.page] if h.text == section.heading]
    elsewhere = [(page, h) for page, found in headings.items() if page != section.page for h in found if h.text == section.heading]
    if own:
        problems = [
            Problem(doc(page), place, f"appears here as well as on its own page {doc(section.page)}", f"remove the copy from {doc(page)}", h.line)
            for page, h in elsewhere
        ]
    else:
        problems = [
            Problem(
                doc(page),
                place,
                f"is here, but {MANIFEST_NAME} puts it on {doc(section.page)}",
                f"move it back to {doc(section.page)}, or change its page in {MANIFEST_NAME}",
                h.line,
            )
            for page, h in elsewhere
        ]
        return problems or [_missing_heading(section, headings[section.page])]
    if len(own) > 1:
        problems.append(Problem(doc(section.page), place, f"appears {len(own)} times on this page", "keep one", own[1].line))
    heading = own[0]
    if not has_words(heading.body):
        return problems + [Problem(doc(section.page), place, "the section has no text", "restore the section's text under its heading", heading.line)]
    fix = f"restore it, or update the section's facts in {MANIFEST_NAME} if the wording changed on purpose"
    return problems + _missing_facts(doc(section.page), place, heading.body, section.facts, "", fix, heading.line)


# Each key fact the text no longer contains, as one problem.
def _missing_facts(file: str, place: str, text: str, facts: tuple[str, ...], where: str, fix: str, line: int) -> list[Problem]:
    return [Problem(file, place, f"the key fact {fact!r} is missing{where}", fix, line) for fact in facts if not contains_phrase(text, fact)]


# A missing heading, with a hint when a similar one suggests it was renamed.
def _missing_heading(section: Section, found: list[Heading]) -> Problem:
    similar = difflib.get_close_matches(section.heading, [h.text for h in found], n=1, cutoff=0.6)
    if similar:
        line = next(h.line for h in found if h.text == similar[0])
        return Problem(
            doc(section.page),
            f"section {section.heading!r}",
            f"the heading is missing; this line has {similar[0]!r} instead",
            f"restore the heading's exact words, or rename the section in {MANIFEST_NAME} too",
            line,
        )
    return Problem(
        doc(section.page), f"section {section.heading!r}", "the heading is missing", f"restore the heading and its text, or move the section in {MANIFEST_NAME}"
    )


# Sections that share a page keep the manuscript's order.
def _check_section_order(page: str, expected: list[Section], found: list[Heading]) -> list[Problem]:
    wanted = [section.heading for section in expected]
    first_seen = list(dict.fromkeys(h.text for h in found if h.text in wanted))
    in_order = [heading for heading in wanted if heading in first_seen]
    for actual, intended in zip(first_seen, in_order, strict=True):  # the same headings, in two orders
        if actual != intended:
            line = next(h.line for h in found if h.text == actual)
            return [
                Problem(doc(page), f"section {actual!r}", f"comes before {intended!r}, against the manuscript's order", f"move it after {intended!r}", line)
            ]
    return []


# Pages that hold the article follow the manuscript's order in the navigation.
def _check_nav_order(manifest: Manifest, nav_pages: list[str]) -> list[Problem]:
    article = dict.fromkeys([manifest.introduction.page, *(s.page for s in manifest.sections)])
    in_nav = [page for page in article if page in nav_pages]
    return [
        Problem("mkdocs.yml", "nav", f"{later!r} comes before {earlier!r}, against the manuscript's order", f"list {earlier!r} before {later!r} in nav")
        for earlier, later in pairwise(in_nav)
        if nav_pages.index(later) < nav_pages.index(earlier)
    ]
