"""Refuse to build a site that lost or changed a part of the article, or a page that lacks what health information owes its reader.

MkDocs glue only: the checks live in content_checks.py (pages and FAQ form,
against hooks/manifest.yml), manuscript_ledger.py and article_check.py (every
sentence against the manuscript and its ledger of edits), page_standards.py
(description, review dates, key points) and sources.py (citations). The
inputs are checked in on_nav; the author's text is checked in on_env, when
every page is rendered and none is written yet. The build stops once, with
every problem. Each build starts afresh in on_config, so nothing is kept
between the rebuilds of `mkdocs serve`.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

from article_check import PageText, check_article
from content_checks import check_site
from content_manifest import Manifest, Problem, load_manifest
from editorial_checks import editorial_problems
from manuscript_ledger import EDITORIAL_NOTES_MARKER, LEDGER_NAME, MANUSCRIPT_NAME, Edit, Unit, apply_edits, editorial_notes, manuscript_units, parse_ledger
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from page_standards import (
    check_front_matter,
    check_key_points,
    check_unique_descriptions,
)
from sources import check_citations, check_glossary, load_references

ROOT = Path(__file__).resolve().parent.parent

# A warning, not an error: `mkdocs serve` keeps working on an overdue page,
# and every `--strict` build (make build, make test, CI) fails on it.
log = logging.getLogger("mkdocs.hooks.guard_content")


@dataclass
class _Build:
    """What one build has read and found so far."""

    manifest: Manifest | None = None
    units: list[Unit] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    pages: dict[str, PageText] = field(default_factory=dict)
    reference_keys: set[str] = field(default_factory=set)


build = _Build()


def on_config(config: MkDocsConfig) -> None:
    """Start each build, and each `mkdocs serve` rebuild, with nothing read."""
    global build
    build = _Build()


def on_nav(nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> None:
    """Check every input: pages, manifest, sources, glossary, the manuscript and its ledger."""
    sources = {file.src_uri: file.content_string for file in files.documentation_pages()}
    problems, overdue = check_pages(sources, [page.file.src_uri for page in nav.pages], dt.date.today())
    for warning in overdue:
        log.warning(str(warning))
    build.manifest, _ = load_manifest()
    build.reference_keys = set(load_references()[0])
    if build.manifest:
        build.units, build.edits, manuscript_problems = read_manuscript(build.manifest)
        problems += manuscript_problems
    build.problems = problems


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The About page's editorial notes, made from the ledger."""
    return markdown.replace(EDITORIAL_NOTES_MARKER, editorial_notes(build.edits)) if EDITORIAL_NOTES_MARKER in markdown else markdown


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Keep each page as Markdown rendered it, before the other hooks add to it."""
    build.pages[page.file.src_uri] = PageText(html, page.markdown or "")
    return html


def on_env(env: object, /, *, config: MkDocsConfig, files: Files) -> None:
    """Compare the author's text on the rendered pages with the manuscript; stop before any page is written."""
    problems = build.problems
    sources = {page: _source(files, page) for page in build.pages}
    # Each problem once: a page whose Markdown is already wrong is not compared, and a key point
    # or citation is not checked against author's text that is itself wrong.
    troubled = frozenset(problem.file.removeprefix("docs/") for problem in problems)
    if build.manifest and build.units:
        rendered = {page: PageText(text.html, sources[page]) for page, text in build.pages.items()}
        article = check_article(build.manifest, build.units, rendered, build.edits, skip=troubled)
        problems = problems + article
        troubled |= {problem.file.removeprefix("docs/") for problem in article}
    problems = problems + editorial_problems(sources, build.reference_keys, skip=troubled)
    if problems:
        raise Abort(report(problems))


def check_pages(sources: dict[str, str], nav_pages: list[str], today: dt.date) -> tuple[list[Problem], list[Problem]]:
    """Every check over the page sources: (errors, warnings)."""
    manifest, problems = load_manifest()
    references, reference_problems = load_references()
    problems += reference_problems + check_glossary()
    if manifest:
        problems += check_site(manifest, sources, nav_pages)
    warnings = []
    for page, source in sources.items():
        errors, overdue = check_front_matter(page, source, today)
        problems += errors + check_citations(page, source, references)
        warnings += overdue
    problems += check_unique_descriptions(sources)
    for page in manifest.article_pages() if manifest else []:
        if page in sources:
            problems += check_key_points(page, sources[page])
    return problems, warnings


def read_manuscript(manifest: Manifest) -> tuple[list[Unit], list[Edit], list[Problem]]:
    """The manuscript with the ledger's edits made, as units with their pages."""
    texts, problems = {}, []
    for name in (MANUSCRIPT_NAME, LEDGER_NAME):
        try:
            texts[name] = (ROOT / name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = "is not UTF-8" if isinstance(error, UnicodeDecodeError) else f"cannot be read ({error.strerror})"
            problems.append(Problem(name, "file", reason, f"restore it (git checkout -- {name})"))
    if problems:
        return [], [], problems
    edits, problems = parse_ledger(texts[LEDGER_NAME], manifest.pages)
    if problems:
        return [], edits, problems
    edited, problems = apply_edits(texts[MANUSCRIPT_NAME], edits)
    if problems:
        return [], edits, problems
    units, problems = manuscript_units(edited, manifest)
    return units, edits, problems


def report(problems: list[Problem]) -> str:
    """All problems, one line each, under a line that says the build stopped."""
    count = f"{len(problems)} problem" + ("s" if len(problems) > 1 else "")
    return "\n".join([f"The article failed its content checks ({count}); nothing was built:", *map(str, problems)])


# The page's Markdown as the maintainer wrote it (its line numbers), not as the hooks extended it.
def _source(files: Files, page: str) -> str:
    file = files.get_file_from_path(page)
    return file.content_string if file else ""
