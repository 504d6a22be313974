"""Compare the article's pages with the manifest: pure functions, page sources in, Problems out."""

from __future__ import annotations

import difflib
from itertools import pairwise

from sitebuild.check.manifest import MANIFEST_NAME, Manifest, Problem
from sitebuild.check.outline import content_lines, plain_text, read_admonitions, read_headings


def check_pages(manifest: Manifest, doc_pages: list[str], nav_pages: list[str]) -> list[Problem]:
    """Every manifest page exists and is in the navigation, in order; none is left out of it."""
    problems = []
    for page in manifest.pages:
        if page not in doc_pages:
            names = [repr(section.heading) for section in manifest.sections_on(page)]
            listed = " and ".join(filter(None, [", ".join(names[:-1]), *names[-1:]]))
            gone = f", and with it the section{'s' * (len(names) > 1)} {listed}" if names else ""
            fix = f"restore it (git checkout -- docs/{page}), or remove it from pages in"
            fix += f" {MANIFEST_NAME} and move its sections"
            problems.append(Problem(f"docs/{page}", "page", "the file is missing" + gone, fix))
        elif page not in nav_pages:
            wrong = f"the page {page!r} is not in the navigation"
            fix = "add it to nav in mkdocs.yml, in the manuscript's order"
            problems.append(Problem("mkdocs.yml", "nav", wrong, fix))
    unlisted, fix = f"is not listed in {MANIFEST_NAME}", f"add it to pages in {MANIFEST_NAME}"
    fix += " and to nav in mkdocs.yml, or delete it"
    extra = [page for page in doc_pages if page not in manifest.pages]
    problems += [Problem(f"docs/{page}", "page", unlisted, fix) for page in extra]
    # Pages that hold the article follow the manuscript's order in the navigation.
    in_nav = [page for page in manifest.article_pages() if page in nav_pages]
    for earlier, later in pairwise(in_nav):
        if nav_pages.index(later) < nav_pages.index(earlier):
            wrong = f"{later!r} comes before {earlier!r}, against the manuscript's order"
            fix = f"list {earlier!r} before {later!r} in nav"
            problems.append(Problem("mkdocs.yml", "nav", wrong, fix))
    return problems


def check_faq(manifest: Manifest, sources: dict[str, str]) -> list[Problem]:
    """Each question is one collapsible admonition with an answer."""
    page, source = manifest.faq_page, sources.get(manifest.faq_page)
    if source is None:
        return []
    admonitions, problems = read_admonitions(source), []
    for question in manifest.questions:
        found = _question_problems(question, source, admonitions)
        problems += [Problem(f"docs/{page}", f"question {question!r}", *each) for each in found]
    return problems


def _question_problems(question: str, source: str, admonitions: list) -> list[tuple]:
    write = f'write it as ??? question "{question}" with the answer indented by four spaces below'
    matches = [block for block in admonitions if block.title == question]
    if not matches:
        titles = [block.title for block in admonitions if block.title]
        near = difflib.get_close_matches(question, titles, n=1, cutoff=0.6)
        if heading := next((h.line for h in read_headings(source) if h.text == question), None):
            return [("is a heading, not a collapsible admonition", write, heading)]
        if text := next((n for n, line in content_lines(source) if question in line), None):
            return [("is plain text, not a collapsible admonition", write, text)]
        if near:
            line = next(block.line for block in admonitions if block.title == near[0])
            fix = f"restore the question's words, or change it in {MANIFEST_NAME} too"
            fix += " (with its entry in manuscript/edits.yml)"
            return [(f"is missing; this line asks {near[0]!r} instead", fix, line)]
        return [("is missing", write.replace("write it", "add it"))]
    block, found = matches[0], []
    if len(matches) > 1:
        found.append((f"appears {len(matches)} times", "keep one", matches[1].line))
    if not block.collapsible:
        wrong = "is an admonition that does not collapse (!!!)"
        found.append((wrong, "start it with ??? instead of !!!", block.line))
    elif block.marker == "???+":
        fix = "start it with ??? so that it starts closed"
        found.append(("opens by default (???+)", fix, block.line))
    if block.kind != "question":
        fix = "use the `question` type: search engines read only those as questions"
        found.append((f"is a `{block.kind}` admonition", fix, block.line))
    if not any(character.isalnum() for character in plain_text(block.body)):
        fix = "write the answer below the question, indented by four spaces"
        found.append(("has no answer", fix, block.line))
    return found
