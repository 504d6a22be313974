"""Read and validate hooks/manifest.yml, the list of what the article must contain, and compare
the pages and their FAQ questions with it: page sources in, Problems out."""

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import Any

import sitebuild.load.strict_yaml as strict_yaml
from sitebuild.check.outline import content_lines, plain_text, read_admonitions, read_headings
from sitebuild.load.inputs import ROOT, load_data
from sitebuild.problems import Problem

MANIFEST_NAME = "hooks/manifest.yml"
# The title of the summary box that opens each article page (page_standards.py).
KEY_POINTS_TITLE = "Key points"
KEY_POINTS_KIND = "abstract"  # its admonition type: `!!! abstract "Key points"`
_problem = partial(Problem, MANIFEST_NAME)
# What a FAQ question's box may not be, "what is wrong", "the fix", in the order they are said.
QUESTION_RULES = (
    ("is an admonition that does not collapse (!!!)", "start it with ??? instead of !!!"),
    ("opens by default (???+)", "start it with ??? so that it starts closed"),
    (
        "is a `{}` admonition",
        "use the `question` type: search engines read only those as questions",
    ),
    ("has no answer", "write the answer below the question, indented by four spaces"),
)


@dataclass(frozen=True)
class Section:
    heading: str
    page: str
    line: int | None = field(default=None, compare=False)  # where it starts in the manifest


@dataclass(frozen=True)
class Manifest:
    pages: tuple[str, ...]
    introduction: Section
    sections: tuple[Section, ...]
    faq_page: str
    questions: tuple[str, ...]

    def sections_on(self, page: str) -> list[Section]:
        """The sections a page holds, in the manuscript's order."""
        return [section for section in self.sections if section.page == page]

    def article_pages(self) -> list[str]:
        """The pages that hold the article's introduction or its sections, in order."""
        return list(dict.fromkeys([self.introduction.page, *(s.page for s in self.sections)]))


def load_manifest(path: Path = ROOT / MANIFEST_NAME) -> tuple[Manifest | None, list[Problem]]:
    """Read the manifest; a missing, unreadable or linked-out file is a problem, not a crash."""
    return load_data(path, parse_manifest, None)


def yaml_entries(text: str, name: str, kind: type, *shape: Any) -> tuple[list, list[Problem]]:
    """A YAML file's entries (key, or number from 1 in a list; fields; line), or the problem that
    keeps it from being read; `shape`: what is wrong, fix and line when it is not of that kind."""
    data, problems = strict_yaml.load(text, name, fix="correct the YAML syntax")
    if problems or not isinstance(data, kind):
        return [], problems or [Problem(name, "top level", *shape)]
    items = data.items() if kind is dict else enumerate(data, start=1)
    return [(k, e if isinstance(e, dict) else {}, getattr(e, "line", None)) for k, e in items], []


def parse_manifest(text: str) -> tuple[Manifest | None, list[Problem]]:
    """Parse manifest text and report every way it is malformed, each at its line."""
    fix = "correct the indentation, quotes or colons there"
    data, problems = strict_yaml.load(text, MANIFEST_NAME, fix=fix)
    if problems or not isinstance(data, dict):
        wrong = "is not a mapping with pages, introduction, sections and faq"
        return None, problems or [_problem("file", wrong, "restore its layout from git", 1)]
    pages = _items(data.get("pages"), "pages", problems, _string)
    intro = _section(data.get("introduction"), "introduction", problems, heading=False)
    sections = _items(data.get("sections"), "sections", problems, _section)
    faq = data.get("faq") if isinstance(data.get("faq"), dict) else {}
    if not faq:
        fix = "give it a page and a list of questions"
        problems.append(_problem("faq", "is missing or not a mapping", fix))
    line = getattr(faq, "line", None)  # where the mapping starts (strict_yaml.LinedDict)
    faq_page = _string(faq.get("page"), "faq.page", problems, line)
    questions = _items(faq.get("questions"), "faq.questions", problems, _string, line)
    # Pages named by sections and the FAQ must be listed pages; nothing appears twice.
    named = [("introduction.page", intro.page, intro.line), ("faq.page", faq_page, None)]
    named += [(f"section {s.heading!r}", s.page, s.line) for s in sections]
    listed = f"use one of the pages listed under pages: {', '.join(pages)}"
    problems += _repeated("pages", "", "page", pages)
    # With no list of pages (said above), no page is unknown: one line, not one for each section.
    unknown = [(at, p, line) for at, p, line in named if p and pages and p not in pages]
    problems += [_problem(at, f"names unknown page {p!r}", listed, n) for at, p, n in unknown]
    problems += _repeated("sections", "the heading ", "section", [s.heading for s in sections])
    problems += _repeated("faq.questions", "the question ", "question", questions)
    return (None if problems else Manifest(pages, intro, sections, faq_page, questions)), problems


def _repeated(place: str, label: str, each: str, items: Any) -> list[Problem]:
    fix, twice = f"list each {each} once", [x for i, x in enumerate(items) if x in items[:i]]
    return [_problem(place, f"lists {label}{item!r} more than once", fix) for item in twice]


def _items(value: Any, place: str, problems: list, read: Callable, line: Any = None) -> tuple:
    """A required, non-empty list, each item read at its place."""
    if not isinstance(value, list) or not value:
        problems.append(_problem(place, "is missing or not a list", "give it a list of entries"))
        value = []
    return tuple(read(item, f"{place}[{i}]", problems, line) for i, item in enumerate(value))


def _section(entry: Any, place: str, problems: list, line: Any = None, heading: bool = True) -> Any:
    if not isinstance(entry, dict):
        wrong, fix = "is missing or not a mapping", "give it a heading and a page"
        problems.append(_problem(place, wrong, fix))
        return Section("", "")
    line = getattr(entry, "line", None)
    title = _string(entry.get("heading"), f"{place}.heading", problems, line) if heading else ""
    return Section(title, _string(entry.get("page"), f"{place}.page", problems, line), line)


def _string(value: Any, place: str, problems: list, line: int | None = None) -> str:
    """A required, non-empty string."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    empty = value in (None, "")
    wrong = "is missing or empty" if empty else f"is a {strict_yaml.kind(value)}, not text"
    problems.append(_problem(place, wrong, "give it a text value", line))
    return ""


def check_pages(manifest: Manifest, doc_pages: list, nav_pages: list | None) -> list[Problem]:
    """Every manifest page exists and is in the navigation, in order; none is left out of it.
    With no `nav:` (None), one line says so, not one for each pair of pages out of order."""
    problems, nav = [], partial(Problem, "mkdocs.yml", "nav")
    if nav_pages is None:
        said = "is missing: the menu would list pages by name"
        problems.append(nav(said, "list the pages in the manuscript's order"))
    for page in manifest.pages:
        if page not in doc_pages:
            names = [repr(section.heading) for section in manifest.sections_on(page)]
            listed = " and ".join(filter(None, [", ".join(names[:-1]), *names[-1:]]))
            gone = f", and with it the section{'s' * (len(names) > 1)} {listed}" if names else ""
            fix = f"restore it (git checkout -- docs/{page}), or remove it from pages in"
            fix += f" {MANIFEST_NAME} and move its sections"
            problems.append(Problem(f"docs/{page}", "page", "the file is missing" + gone, fix))
        elif nav_pages is not None and page not in nav_pages:
            wrong = f"the page {page!r} is not in the navigation"
            problems.append(nav(wrong, "add it to nav in mkdocs.yml, in the manuscript's order"))
    unlisted, fix = f"is not listed in {MANIFEST_NAME}", f"add it to pages in {MANIFEST_NAME}"
    fix += " and to nav in mkdocs.yml, or delete it"
    extra = [page for page in doc_pages if page not in manifest.pages]
    problems += [Problem(f"docs/{page}", "page", unlisted, fix) for page in extra]
    # Pages that hold the article follow the manuscript's order in the navigation.
    in_nav = [page for page in manifest.article_pages() if page in (nav_pages or ())]
    for earlier, later in pairwise(in_nav):
        if nav_pages.index(later) < nav_pages.index(earlier):
            wrong = f"{later!r} comes before {earlier!r}, against the manuscript's order"
            problems.append(nav(wrong, f"list {earlier!r} before {later!r} in nav"))
    return problems


def check_faq(manifest: Manifest, sources: dict[str, str]) -> list[Problem]:
    """Each question is one collapsible admonition with an answer."""
    page, source = manifest.faq_page, sources.get(manifest.faq_page)
    boxes, problems = read_admonitions(source or ""), []
    for question in manifest.questions if source is not None else []:
        found = _question_problems(question, source, boxes)
        problems += [Problem(f"docs/{page}", f"question {question!r}", *each) for each in found]
    return problems


def _question_problems(question: str, source: str, boxes: list) -> list[tuple]:
    form = f'??? question "{question}" with the answer indented by four spaces below'
    write = f"write it as {form}"
    matches = [box for box in boxes if box.title == question]
    if not matches:
        titles = [box.title for box in boxes if box.title]
        near = difflib.get_close_matches(question, titles, n=1, cutoff=0.6)
        if heading := next((h.line for h in read_headings(source) if h.text == question), None):
            return [("is a heading, not a collapsible admonition", write, heading)]
        if text := next((n for n, line in content_lines(source) if question in line), None):
            return [("is plain text, not a collapsible admonition", write, text)]
        if near:
            line = next(box.line for box in boxes if box.title == near[0])
            fix = f"restore the question's words, or change it in {MANIFEST_NAME} too"
            fix += " (with its entry in manuscript/edits.yml)"
            return [(f"is missing; this line asks {near[0]!r} instead", fix, line)]
        return [("is missing", f"add it as {form}")]  # not replace(): the question may say it
    box = matches[0]
    found = [(f"appears {len(matches)} times", "keep one", matches[1].line)] if matches[1:] else []
    bad = (
        not box.collapsible,
        box.collapsible and box.marker == "???+",
        box.kind != "question",
        not any(character.isalnum() for character in plain_text(box.body)),
    )
    rules = zip(QUESTION_RULES, bad, strict=True)
    return found + [(what.format(box.kind), fix, box.line) for (what, fix), no in rules if no]
