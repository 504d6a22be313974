"""Refuse to build a site that lost, broke or duplicated a section of the article,
or a page that lacks what health information owes its reader.

MkDocs glue only: the checks live in content_checks.py (the article against
hooks/manifest.yml), page_standards.py (description, review dates, key points)
and sources.py (citations). They run in on_nav, before any page is rendered or
written, and read everything afresh, so nothing is kept between the rebuilds
of `mkdocs serve`.
"""

from __future__ import annotations

import datetime as dt
import logging

from content_checks import check_site
from content_manifest import Problem, load_manifest
from editorial_checks import editorial_problems
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from page_standards import (
    check_front_matter,
    check_key_points,
    check_unique_descriptions,
)
from sources import check_citations, check_glossary, load_references

# A warning, not an error: `mkdocs serve` keeps working on an overdue page,
# and every `--strict` build (make build, make test, CI) fails on it.
log = logging.getLogger("mkdocs.hooks.guard_content")


def on_nav(nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> None:
    """Check the article and every page; abort the build on any problem."""
    sources = {file.src_uri: file.content_string for file in files.documentation_pages()}
    problems, overdue = check_pages(sources, [page.file.src_uri for page in nav.pages], dt.date.today())
    for warning in overdue:
        log.warning(str(warning))
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
    # The citation map and the key points' words (editorial_checks.py).
    problems += editorial_problems(sources, set(references))
    return problems, warnings


def report(problems: list[Problem]) -> str:
    """All problems, one line each, under a line that says the build stopped."""
    count = f"{len(problems)} problem" + ("s" if len(problems) > 1 else "")
    return "\n".join([f"The article failed its content checks ({count}); nothing was built:", *map(str, problems)])
