"""Read and validate hooks/manifest.yml, the list of what the article must contain."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sitebuild.load.strict_yaml as strict_yaml
from sitebuild.load.inputs import ROOT, read_text
from sitebuild.problems import Problem

MANIFEST_NAME = "hooks/manifest.yml"
MANIFEST_PATH = ROOT / MANIFEST_NAME
# The title of the summary box that opens each article page (page_standards.py).
KEY_POINTS_TITLE = "Key points"


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


def load_manifest(path: Path = MANIFEST_PATH) -> tuple[Manifest | None, list[Problem]]:
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
    if problems:
        return None, problems
    if not isinstance(data, dict):
        wrong = "is not a mapping with pages, introduction, sections and faq"
        return None, [_problem("file", wrong, "restore its layout from git", 1)]
    pages = tuple(_strings(data.get("pages"), "pages", problems))
    introduction = _section(data.get("introduction"), "introduction", problems, heading=False)
    entries = enumerate(_list(data.get("sections"), "sections", problems))
    sections = tuple(_section(entry, f"sections[{i}]", problems) for i, entry in entries)
    faq = data.get("faq") if isinstance(data.get("faq"), dict) else {}
    if not faq:
        fix = "give it a page and a list of questions"
        problems.append(_problem("faq", "is missing or not a mapping", fix))
    line = getattr(faq, "line", None)  # where the mapping starts (strict_yaml.LinedDict)
    faq_page = _string(faq.get("page"), "faq.page", problems, line)
    questions = tuple(_strings(faq.get("questions"), "faq.questions", problems, line))
    manifest = Manifest(pages, introduction, sections, faq_page, questions)
    problems += _cross_check(manifest)
    return (None if problems else manifest), problems


# Pages named by sections and the FAQ must be listed pages; nothing appears twice.
def _cross_check(manifest: Manifest) -> list[Problem]:
    pages, intro = manifest.pages, manifest.introduction
    named = [("introduction.page", intro.page, intro.line), ("faq.page", manifest.faq_page, None)]
    named += [(f"section {s.heading!r}", s.page, s.line) for s in manifest.sections]
    unknown = [(at, page, line) for at, page, line in named if page and page not in pages]
    listed = f"use one of the pages listed under pages: {', '.join(pages)}"
    problems = _repeated("pages", "", "page", pages)
    problems += [_problem(at, f"names unknown page {p!r}", listed, line) for at, p, line in unknown]
    headings = [section.heading for section in manifest.sections]
    problems += _repeated("sections", "the heading ", "section", headings)
    return problems + _repeated("faq.questions", "the question ", "question", manifest.questions)


def _repeated(place: str, label: str, each: str, items: Any) -> list[Problem]:
    seen: set[Any] = set()
    twice = [item for item in items if item in seen or seen.add(item)]
    fix = f"list each {each} once"
    return [_problem(place, f"lists {label}{item!r} more than once", fix) for item in twice]


def _section(entry: Any, place: str, problems: list[Problem], heading: bool = True) -> Section:
    if not isinstance(entry, dict):
        fix = "give it a heading and a page"
        problems.append(_problem(place, "is missing or not a mapping", fix))
        return Section("", "")
    line = getattr(entry, "line", None)
    title = _string(entry.get("heading"), f"{place}.heading", problems, line) if heading else ""
    return Section(title, _string(entry.get("page"), f"{place}.page", problems, line), line)


# A required, non-empty string.
def _string(value: Any, place: str, problems: list[Problem], line: int | None = None) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip()
    kind = f"is a {type(value).__name__}, not text"
    wrong = "is missing or empty" if value in (None, "") else kind
    problems.append(_problem(place, wrong, "give it a text value", line))
    return ""


# A required, non-empty list.
def _list(value: Any, place: str, problems: list[Problem]) -> list[Any]:
    if isinstance(value, list) and value:
        return value
    problems.append(_problem(place, "is missing or not a list", "give it a list of entries"))
    return []


def _strings(value: Any, place: str, problems: list[Problem], line: int | None = None) -> list[str]:
    items = enumerate(_list(value, place, problems))
    return [_string(item, f"{place}[{i}]", problems, line) for i, item in items]


def _problem(place: str, problem: str, fix: str, line: int | None = None) -> Problem:
    return Problem(MANIFEST_NAME, place, problem, fix, line)
