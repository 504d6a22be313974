"""The site's build, step by step: the one hook mkdocs.yml registers (MkDocs and ProperDocs run it).

MkDocs glue only: each event below hands its work to the plain modules of
hooks/sitebuild/, in the order MkDocs calls them. Other builders run the same
work from the command line (hooks/README.md: "The build pipeline"):

  1. on_config         read every input once (sitebuild/project.py); date the build by
                       the last commit; add the site's Markdown extensions (sitebuild/markdown/)
  2. on_pre_build      check every input (sitebuild/checks.py) before the site folder is touched
  3. on_serve          while an input is broken, keep serving the last good site
  4. on_page_markdown  the About page's editorial notes, made from the manuscript's ledger
  5. on_page_content   keep each page as Markdown rendered it, for steps 6 and 7
  6. on_env            check the rendered pages against the manuscript; stop before any is written
  7. on_post_build     finish the written site (sitebuild/finish/site.py, also
                       `python -m sitebuild finish site/`); give each FAQ answer and editor's
                       note its search entry; then verify it (sitebuild/finish/verify.py, also
                       `python -m sitebuild verify site/`)

What one build has read and rendered lives in one Project object
(sitebuild/project.py), made in on_config and kept in the build's config, so
each `mkdocs serve` rebuild starts afresh. Every problem stops the build once, as one line with file, line, what
is wrong and the fix.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from sitebuild.build_date import date_by_last_commit
from sitebuild.check.manuscript import EDITORIAL_NOTES_MARKER, editorial_notes
from sitebuild.checks import check_extra_files, check_inputs, check_rendered_here, check_rendered_once, report, template_parser
from sitebuild.configuration import article_pages, check_config
from sitebuild.finish import verify as verifying
from sitebuild.finish.site import REFUSAL, extra_files, finish_site, site_facts
from sitebuild.markdown import with_site_extensions
from sitebuild.project import Project, read_project
from sitebuild.search_index import answers_by_location, note_entries, with_site_entries

# A warning, not an error: `mkdocs serve` keeps working on an overdue page,
# and every `--strict` build (make build, make test, CI) fails on it.
log = logging.getLogger("mkdocs.hooks.mkdocs_pipeline")

# Where this build's Project is kept in its config.
PROJECT_KEY = "sitebuild"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Read every input once, date the build, and add the site's Markdown extensions."""
    root = Path(config.config_file_path).resolve().parent
    date_by_last_commit(root)
    project = read_project(root, Path(config.docs_dir))
    config[PROJECT_KEY] = project
    # mkdocs.yml cannot name them: hooks/ is not importable while MkDocs checks the config.
    config.markdown_extensions[:] = with_site_extensions(config.markdown_extensions, project.references, project.glossary)
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Check every input before the build touches the site folder."""
    project = _project(config)
    problems, overdue = check_inputs(project, config.nav, template_parser(config.theme.get_env, project.cache), dt.date.today())
    problems += check_extra_files(project, Path(config.docs_dir), *extra_files(config))
    settings = check_config(config, project.root, article_pages(project))
    problems = settings + problems
    for warning in overdue:
        log.warning(str(warning))
    if problems:
        # A setting that changes the rendering (an extension removed) explains the pages' problems.
        if not settings:
            extensions = config.markdown_extensions
            problems += check_rendered_here(project, problems, extensions, config.mdx_configs)
        refusal = Abort(report(problems))
        refusal.site_untouched = True  # read by on_serve (the class itself is new after each rebuild's reload)
        raise refusal


def on_serve(server: Any, /, *, config: MkDocsConfig, builder: Callable[..., None]) -> Any:
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
    if EDITORIAL_NOTES_MARKER not in markdown:
        return markdown
    return markdown.replace(EDITORIAL_NOTES_MARKER, editorial_notes(_project(config).edits))


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Keep each page as Markdown rendered it, for the checks and the search index."""
    _project(config).rendered[page.file.src_uri] = html
    return html


def on_env(env: Any, /, *, config: MkDocsConfig, files: Files) -> None:
    """Check the rendered text; stop before any page is written."""
    project = _project(config)
    problems = check_rendered_once(project, project.rendered, project.cache)
    if problems:
        raise Abort(report(problems))


def on_post_build(*, config: MkDocsConfig) -> None:
    """Finish the written site, then give each FAQ answer and each editor's note its search entry."""
    project = _project(config)
    site = Path(config.site_dir)
    problems = finish_site(site, site_facts(config, project))
    if problems:
        raise Abort(report(problems, *REFUSAL))
    with_site_entries(site, answers_by_location(project.rendered), note_entries(project.rendered))
    # The written site as a reader gets it (make build runs this again after every builder).
    facts = verifying.verify_facts(config, project, verifying.template_dirs(config))
    problems = verifying.verify_site(site, facts)
    if problems:
        emptied = verifying.leave_unpublishable(site, project.root)
        what, outcome = verifying.REFUSAL
        raise Abort(report(problems, what, outcome if emptied else verifying.KEPT))


def _project(config: MkDocsConfig) -> Project:
    return config[PROJECT_KEY]
