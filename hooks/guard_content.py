"""Refuse to build a site that lost or changed a part of the article, a page that lacks what health information owes its reader, or any bad input.

MkDocs glue only; the checks are plain functions in the modules named below.
The build is checked in two places, and stops once, with every problem:

- on_pre_build, before anything is written or even cleaned (so `mkdocs serve`
  keeps serving the last good site): every input a maintainer can touch is
  read (inputs.py) and checked: pages and the manifest (content_checks.py),
  page standards (page_standards.py), sources and glossary (sources.py), the
  manuscript and its ledger (manuscript_ledger.py). If any fails, the pages
  are rendered here too, so that the text checks below join the report.
- on_env, when every page is rendered and none is written: the rendered
  text (raw_html.py, article_check.py against the manuscript, and
  editorial_checks.py for key points and citations).

Each build starts afresh in on_config, so nothing is kept between the
rebuilds of `mkdocs serve`.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data
from sitebuild.cache import cache_folder, cached_text
from sitebuild.check.against_manuscript import PageText, check_article
from sitebuild.check.editorial import editorial_problems
from sitebuild.check.manifest import Manifest, load_manifest
from sitebuild.check.manuscript import (
    EDITORIAL_NOTES_MARKER,
    LEDGER_NAME,
    MANUSCRIPT_NAME,
    Edit,
    Unit,
    apply_edits,
    editorial_notes,
    manuscript_units,
    parse_ledger,
)
from sitebuild.check.page_standards import check_front_matter, check_key_points, check_unique_descriptions
from sitebuild.check.raw_html import check_admonitions, check_raw_html, check_stranded_markdown
from sitebuild.check.sections import check_faq, check_pages
from sitebuild.inputs import ROOT, check_folders, check_page_size, check_templates, read_text
from sitebuild.markdown.footnotes import SourceFootnotesExtension
from sitebuild.problems import Problem
from sitebuild.sources.references import Reference, check_citations, load_glossary, load_references

# A warning, not an error: `mkdocs serve` keeps working on an overdue page,
# and every `--strict` build (make build, make test, CI) fails on it.
log = logging.getLogger("mkdocs.hooks.guard_content")


@dataclass
class _Build:
    """What one build has read and rendered."""

    manifest: Manifest | None = None
    units: list[Unit] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    references: dict[str, Reference] = field(default_factory=dict)
    rendered: dict[str, str] = field(default_factory=dict)


build = _Build()


def on_config(config: MkDocsConfig) -> None:
    """Start each build, and each `mkdocs serve` rebuild, with nothing read."""
    global build
    build = _Build()


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Check every input before the build touches the site folder."""
    problems, overdue = check_inputs(config, dt.date.today())
    for warning in overdue:
        log.warning(str(warning))
    if problems:
        refusal = Abort(report(problems + check_rendered_here(config, problems)))
        refusal.site_untouched = True  # read by on_serve (the class itself is new after each rebuild's reload)
        raise refusal


def on_serve(server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
    """Keep serving the last good site while an input is broken: report the problems instead of failing the rebuild.

    MkDocs' server holds every request after a failed rebuild until one succeeds;
    a build that stopped in on_pre_build has not touched the site folder, so the
    last good site can go on being served.
    """
    rebuild = server.builder

    def rebuild_or_report() -> None:
        try:
            rebuild()
        except Abort as refusal:
            if not getattr(refusal, "site_untouched", False):
                raise
            log.error(f"{refusal.message}\nStill serving the last good build; save a fix to rebuild.")

    server.builder = rebuild_or_report
    return server


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The About page's editorial notes, made from the ledger."""
    return markdown.replace(EDITORIAL_NOTES_MARKER, editorial_notes(build.edits)) if EDITORIAL_NOTES_MARKER in markdown else markdown


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Keep each page as Markdown rendered it, before the other hooks add to it."""
    build.rendered[page.file.src_uri] = html
    return html


def on_env(env: Any, /, *, config: MkDocsConfig, files: Files) -> None:
    """Check the rendered text; stop before any page is written."""
    problems = check_rendered(build.rendered)
    if problems:
        raise Abort(report(problems))


def check_inputs(config: MkDocsConfig, today: dt.date) -> tuple[list[Problem], list[Problem]]:
    """Every file a maintainer can touch, read once: (errors, warnings)."""
    build.sources, unreadable, problems = read_pages(Path(config.docs_dir))
    problems += check_folders() + check_templates(ROOT / "overrides", _parser(config))
    build.manifest, manifest_problems = load_manifest()
    build.references, reference_problems = load_references()
    references = build.references
    problems += manifest_problems + reference_problems + load_glossary()[1]
    if build.manifest:
        problems += check_pages(build.manifest, [*build.sources, *unreadable], nav_pages(config.nav, build.sources))
        problems += check_faq(build.manifest, build.sources)
        build.units, build.edits, manuscript_problems = read_manuscript(build.manifest)
        problems += manuscript_problems
    warnings = []
    for page, source in build.sources.items():
        errors, overdue = check_front_matter(page, source, today)
        # With no readable sources every key would look unknown: references.yml's own problem says why.
        problems += errors + check_citations(page, source, references if not reference_problems else {})
        warnings += overdue
    problems += check_unique_descriptions(build.sources)
    for page in build.manifest.article_pages() if build.manifest else []:
        if page in build.sources:
            problems += check_key_points(page, build.sources[page])
    return problems, warnings


def check_rendered(rendered: dict[str, str], skip: frozenset[str] = frozenset()) -> list[Problem]:
    """The pages as readers get them: no raw script, no stranded Markdown, the manuscript's text, key points and citations that match it."""
    problems = []
    article_pages = [*build.manifest.article_pages(), build.manifest.faq_page] if build.manifest else []
    for page, html in rendered.items():
        source = build.sources.get(page, "")
        problems += check_raw_html(page, html, source) + check_stranded_markdown(page, html, source)
        problems += check_admonitions(page, html, source) if page in article_pages else []
    skip = skip | _files(problems)
    if build.manifest and build.units:
        pages = {page: PageText(html, build.sources.get(page, "")) for page, html in rendered.items()}
        article = check_article(build.manifest, build.units, pages, build.edits, skip=skip)
        problems += article
        skip |= _files(article)
    return problems + editorial_problems(build.sources, set(build.references), skip=skip)


def check_rendered_here(config: MkDocsConfig, problems: list[Problem]) -> list[Problem]:
    """check_rendered over pages rendered here, for a report made before (or without) the builder's rendering.

    Pages whose Markdown already has a problem are left out; with the glossary or
    the extensions' inputs broken nothing can be rendered, and the inputs are reported alone.
    """
    troubled = _files(problems)
    if any(problem.file.startswith(("includes/", "hooks/")) for problem in problems):
        return []
    return check_rendered({page: render(config, text) for page, text in build.sources.items() if page not in troubled}, skip=troubled)


def read_pages(docs: Path) -> tuple[dict[str, str], list[str], list[Problem]]:
    """Every Markdown page's text by its path under docs/, the pages that cannot be read, and why."""
    sources, unreadable, problems = {}, [], []
    for path in sorted(docs.rglob("*.md")):
        text, trouble = read_text(path)
        page = path.relative_to(docs).as_posix()
        problems += trouble
        if text is not None and not text.strip():
            problems.append(Problem(f"docs/{page}", "page", "is empty", f"restore it (git checkout -- docs/{page}), or remove it"))
            text = None
        if text is None:
            unreadable.append(page)
        else:
            problems += check_page_size(page, text)
            sources[page] = text
    return sources, unreadable, problems


def nav_pages(nav: Any, sources: dict[str, str]) -> list[str]:
    """The pages `nav:` in mkdocs.yml lists, in order (every page, sorted, when there is no `nav:`)."""
    if nav is None:
        return sorted(sources)
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in nav_pages(value, sources)]
    return [page for item in nav for page in nav_pages(item, sources)] if isinstance(nav, list) else []


def read_manuscript(manifest: Manifest) -> tuple[list[Unit], list[Edit], list[Problem]]:
    """The manuscript with the ledger's edits made, as units with their pages."""
    manuscript, problems = read_text(ROOT / MANUSCRIPT_NAME)
    ledger, more = read_text(ROOT / LEDGER_NAME)
    if manuscript is None or ledger is None:
        return [], [], problems + more
    edits, problems = parse_ledger(ledger, manifest.pages)
    if problems:
        return [], edits, problems
    edited, problems = apply_edits(manuscript, edits)
    if problems:
        return [], edits, problems
    units, problems = manuscript_units(edited, manifest)
    return units, edits, problems


def render(config: MkDocsConfig, source: str) -> str:
    """A page rendered as the build would render it, for the report of a build that stops before rendering."""
    text, _ = get_data(source)
    extensions = [extension for extension in config.markdown_extensions if not isinstance(extension, SourceFootnotesExtension)]
    extensions.append(SourceFootnotesExtension(build.references, {}))
    return markdown.Markdown(extensions=extensions, extension_configs=config.mdx_configs).convert(text)


def report(problems: list[Problem]) -> str:
    """All problems, one line each, under a line that says the build stopped."""
    problems = list(dict.fromkeys(problems))  # a file two checks both found wrong, said once
    count = f"{len(problems)} problem" + ("s" if len(problems) > 1 else "")
    return "\n".join([f"The article failed its content checks ({count}); nothing was built:", *map(str, problems)])


# The theme's Jinja parser, asked only about a template not already seen to parse (build_cache.py).
def _parser(config: MkDocsConfig) -> Callable[[str], str]:
    folder, environment = cache_folder(config.config_file_path), functools.cache(config.theme.get_env)
    return lambda text: cached_text(folder, "template-parses", [text], lambda: (environment().parse(text), "parses")[1])


def _files(problems: list[Problem]) -> frozenset[str]:
    """The pages (paths under docs/) that these problems are about."""
    return frozenset(problem.file.removeprefix("docs/") for problem in problems if problem.file.startswith("docs/"))
