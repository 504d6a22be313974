"""Read and validate hooks/manifest.yml, the list of what the article must contain."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import sitebuild.load.strict_yaml as strict_yaml
from sitebuild.load.inputs import ROOT, read_text
from sitebuild.problems import Problem

MANIFEST_NAME = "hooks/manifest.yml"
# The title of the summary box that opens each article page (page_standards.py).
KEY_POINTS_TITLE = "Key points"
_problem = partial(Problem, MANIFEST_NAME)


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


def load_data(path: Path, parse: Callable, empty: Any) -> Any:
    """A data file parsed, or `empty` and the problem that keeps it from being read."""
    text, problems = read_text(path)
    return (empty, problems) if text is None else parse(text)


def yaml_entries(text: str, name: str, kind: type, *shape: Any) -> tuple[list, list[Problem]]:
    """A YAML file's entries (key, or number from 1 in a list; fields; line), or the problem that
    keeps it from being read; `shape`: what is wrong, fix and line when it is not of that kind."""
    data, problems = strict_yaml.load(text, name, fix="correct the YAML syntax")
    if problems or not isinstance(data, kind):
        return [], problems or [Problem(name, "top level", *shape)]
    items = data.items() if kind is dict else enumerate(data, start=1)
    entries = [
        (key, e if isinstance(e, dict) else {}, getattr(e, "line", None)) for key, e in items
    ]
    return entries, []


def parse_manifest(text: str) -> tuple[Manifest | None, list[Problem]]:
    """Parse manifest text and report every way it is malformed, each at its line."""
    fix = "correct the indentation, quotes or colons there"
    data, problems = strict_yaml.load(text, MANIFEST_NAME, fix=fix)
    if problems or not isinstance(data, dict):
        wrong = "is not a mapping with pages, introduction, sections and faq"
        return None, problems or [_problem("file", wrong, "restore its layout from git", 1)]
    pages = _items(data.get("pages"), "pages", problems, _string)
    introduction = _section(data.get("introduction"), "introduction", problems, heading=False)
    sections = _items(data.get("sections"), "sections", problems, _section)
    faq = data.get("faq") if isinstance(data.get("faq"), dict) else {}
    if not faq:
        fix = "give it a page and a list of questions"
        problems.append(_problem("faq", "is missing or not a mapping", fix))
    line = getattr(faq, "line", None)  # where the mapping starts (strict_yaml.LinedDict)
    faq_page = _string(faq.get("page"), "faq.page", problems, line)
    questions = _items(faq.get("questions"), "faq.questions", problems, _string, line)
    # Pages named by sections and the FAQ must be listed pages; nothing appears twice.
    named = [("introduction.page", introduction.page, introduction.line), ("faq.page", faq_page)]
    named += [(f"section {s.heading!r}", s.page, s.line) for s in sections]
    listed = f"use one of the pages listed under pages: {', '.join(pages)}"
    problems += _repeated("pages", "", "page", pages)
    problems += [
        _problem(at, f"names unknown page {page!r}", listed, *line)
        for at, page, *line in named
        if page and page not in pages
    ]
    problems += _repeated("sections", "the heading ", "section", [s.heading for s in sections])
    problems += _repeated("faq.questions", "the question ", "question", questions)
    manifest = Manifest(pages, introduction, sections, faq_page, questions)
    return (None if problems else manifest), problems


def _repeated(place: str, label: str, each: str, items: Any) -> list[Problem]:
    seen: set[Any] = set()
    twice = [item for item in items if item in seen or seen.add(item)]
    fix = f"list each {each} once"
    return [_problem(place, f"lists {label}{item!r} more than once", fix) for item in twice]


def _items(value: Any, place: str, problems: list, read: Callable, line: Any = None) -> tuple:
    """A required, non-empty list, each item read at its place."""
    if not isinstance(value, list) or not value:
        problems.append(_problem(place, "is missing or not a list", "give it a list of entries"))
        value = []
    return tuple(read(item, f"{place}[{i}]", problems, line) for i, item in enumerate(value))


def _section(entry: Any, place: str, problems: list, _: Any = None, heading: bool = True) -> Any:
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
    wrong = "is missing or empty" if empty else f"is a {type(value).__name__}, not text"
    problems.append(_problem(place, wrong, "give it a text value", line))
    return ""
