"""Every content check of the site, as two steps any builder's pipeline can run, and the one report they make.

- check_inputs: every input a maintainer can touch, before anything is
  rendered: pages and the manifest (check/sections.py), page standards
  (check/page_standards.py), sources and glossary (sources/), the manuscript
  and its ledger (check/manuscript.py), templates and folders (inputs.py).
- check_extra_files: the stylesheets and scripts mkdocs.yml lists, which the
  finished pages carry inline (finish/assets.py).
- check_rendered: the pages as Markdown rendered them: no raw script, no
  stranded Markdown (check/raw_html.py), the manuscript's text
  (check/against_manuscript.py), key points and citations that match it
  (check/editorial.py).

hooks/mkdocs_pipeline.py runs them inside a MkDocs build; `python -m sitebuild
check` runs both with no builder, over pages rendered by render_pages.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import markdown

from sitebuild.cache import cached_problems, cached_text, stable
from sitebuild.check.page_standards import check_front_matter, check_key_points, check_unique_descriptions
from sitebuild.check.raw_html import check_admonitions, check_raw_html, check_stranded_markdown
from sitebuild.check.sections import check_faq, check_pages
from sitebuild.configuration import check_page_values
from sitebuild.finish.assets import closing_tag_problem
from sitebuild.finish.verify import css_from_other_hosts
from sitebuild.inputs import check_folders, check_templates, display, read_text
from sitebuild.problems import Problem
from sitebuild.project import Project
from sitebuild.sources.references import GLOSSARY_NAME, REFERENCES_NAME, check_citations


def check_inputs(project: Project, nav: Any, parse_template: Callable[[str], object], today: dt.date) -> tuple[list[Problem], list[Problem]]:
    """Every file a maintainer can touch, as read into `project`: (errors, warnings)."""
    problems = project.problems + check_folders(project.root) + check_templates(project.root / "overrides", parse_template, project.root)
    if project.manifest:
        problems += check_pages(project.manifest, [*project.pages, *project.unreadable], nav_pages(nav, project.pages))
        problems += check_faq(project.manifest, project.pages)
    # With no readable sources every key would look unknown: references.yml's own problem says why.
    references = project.references if "references" not in project.broken else {}
    warnings = []
    for page, source in project.pages.items():
        errors, overdue = check_front_matter(page, source, today)
        problems += errors + check_citations(page, source, references)
        warnings += overdue
    problems += check_unique_descriptions(project.pages)
    glossary = {GLOSSARY_NAME: project.raw.get(GLOSSARY_NAME, "")}
    problems += check_page_values(project.root, project.pages, glossary)
    for page in project.manifest.article_pages() if project.manifest else []:
        if page in project.pages:
            problems += check_key_points(page, project.pages[page])
    return problems, warnings


def check_extra_files(project: Project, docs: Path, extra_css: list[str], extra_javascript: list[str]) -> list[Problem]:
    """The site's own stylesheets and scripts that mkdocs.yml lists: there, UTF-8, and fit to be written into a page."""
    problems = []
    for key, tag, paths in (("extra_css", "style", extra_css), ("extra_javascript", "script", extra_javascript)):
        for path in paths:
            if not (docs / path).is_file():
                problems.append(Problem("mkdocs.yml", f"{key}: {path}", "no such file in docs/", "correct the path or remove the entry"))
                continue
            text, trouble = read_text(docs / path, root=project.root)
            problem = closing_tag_problem(display(docs / path, project.root), text, tag) if text is not None else None
            problems += trouble + ([problem] if problem else [])
            if key == "extra_css" and text is not None:
                problems += css_from_other_hosts(display(docs / path, project.root), text)
    return problems


def check_rendered(project: Project, rendered: dict[str, str], skip: frozenset[str] = frozenset()) -> list[Problem]:
    """The pages as readers get them: no raw script, no stranded Markdown, the manuscript's text, key points and citations that match it."""
    # Imported here: a rebuild with nothing changed reads this check's result from the cache, and never needs them.
    from sitebuild.check.against_manuscript import PageText, check_article
    from sitebuild.check.editorial import editorial_problems

    problems = []
    manifest = project.manifest
    article_pages = [*manifest.article_pages(), manifest.faq_page] if manifest else []
    # Raw HTML from the glossary or a source's finding is said once, in its own file.
    shared = raw_html_in_sources(project)
    said = {problem.problem for problem in shared}
    problems += shared
    for page, html in rendered.items():
        source = project.pages.get(page, "")
        raw = [found for found in check_raw_html(page, html, source) if found.problem not in said]
        problems += raw + check_stranded_markdown(page, html, source)
        problems += check_admonitions(page, html, source) if page in article_pages else []
    skip = skip | pages_in(problems)
    if manifest and project.units:
        pages = {page: PageText(html, project.pages.get(page, "")) for page, html in rendered.items()}
        article = check_article(manifest, project.units, pages, project.edits, skip=skip)
        problems += article
        skip |= pages_in(article)
    return problems + editorial_problems(project, skip=skip)


def raw_html_in_sources(project: Project) -> list[Problem]:
    """Scripts and handlers in includes/glossary.md or hooks/references.yml, by file and line."""
    problems = []
    for name in (GLOSSARY_NAME, REFERENCES_NAME):
        text = project.raw.get(name, "")
        problems += [replace(problem, file=name) for problem in check_raw_html("", text, text)]
    return problems


def check_rendered_once(project: Project, rendered: dict[str, str], cache: Path) -> list[Problem]:
    """check_rendered, or what it found last time for the same code and inputs (sitebuild/cache.py): a rebuild with nothing changed checks nothing again."""
    inputs = [stable(rendered), stable(project.pages), stable(project.manifest), stable(project.units), stable(project.edits)]
    inputs += [stable(project.citations), stable(project.vocabulary), stable(project.references)]
    inputs += [stable(project.site_words)]
    return cached_problems(cache, "rendered-checks", inputs, lambda: check_rendered(project, rendered))


def check_rendered_here(project: Project, problems: list[Problem], extensions: list[Any], configs: dict[str, Any]) -> list[Problem]:
    """check_rendered over pages rendered here, for a report made before (or without) a builder's rendering.

    Pages whose Markdown already has a problem are left out; with the glossary or
    the data files the extensions read broken, nothing can be rendered, and the inputs are reported alone.
    """
    if any(problem.file.startswith(("includes/", "hooks/")) for problem in problems):
        return []
    troubled = pages_in(problems)
    rendered = {page: render(text, extensions, configs) for page, text in project.pages.items() if page not in troubled}
    return check_rendered(project, rendered, skip=troubled)


def render(source: str, extensions: list[Any], configs: dict[str, Any]) -> str:
    """A page rendered with the build's Markdown extensions, its front matter left out."""
    from mkdocs.utils.meta import get_data

    text, _ = get_data(source)
    return markdown.Markdown(extensions=extensions, extension_configs=configs).convert(text)


def template_parser(get_env: Callable[[], Any], cache: Path) -> Callable[[str], str]:
    """The theme's Jinja parser, asked only about a template not already seen to parse (sitebuild/cache.py)."""
    environment = functools.cache(get_env)
    return lambda text: cached_text(cache, "template-parses", [text], lambda: (environment().parse(text), "parses")[1])


def nav_pages(nav: Any, pages: dict[str, str]) -> list[str]:
    """The pages `nav:` in mkdocs.yml lists, in order (every page, sorted, when there is no `nav:`)."""
    if nav is None:
        return sorted(pages)
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in nav_pages(value, pages)]
    return [page for item in nav for page in nav_pages(item, pages)] if isinstance(nav, list) else []


def report(problems: list[Problem], what: str = "The article failed its content checks", outcome: str = "nothing was built") -> str:
    """All problems, one line each, under a line that says the build stopped."""
    problems = list(dict.fromkeys(problems))  # a file two checks both found wrong, said once
    count = f"{len(problems)} problem" + ("s" if len(problems) > 1 else "")
    return "\n".join([f"{what} ({count}); {outcome}:", *map(str, problems)])


def pages_in(problems: list[Problem]) -> frozenset[str]:
    """The pages (paths under docs/) that these problems are about."""
    return frozenset(problem.file.removeprefix("docs/") for problem in problems if problem.file.startswith("docs/"))
