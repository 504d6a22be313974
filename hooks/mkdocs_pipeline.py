"""The site's build, step by step: the one hook mkdocs.yml registers (MkDocs and ProperDocs run it).

MkDocs glue only; each event hands its work to the plain modules of hooks/sitebuild/
(hooks/README.md: "The build pipeline"):

  1. on_config         read every input once (sitebuild/load/project.py); date the build by the
                       last commit; add the site's Markdown extensions (sitebuild/render/)
  2. on_pre_build      check every input (sitebuild/check/run.py) before the site folder is touched
  3. on_serve          while an input is broken, keep serving the last good site
  4. on_page_markdown  the About page's editorial notes, made from the manuscript's ledger
  5. on_page_content   keep each page as Markdown rendered it, for steps 6 and 7
  6. on_env            check the rendered pages; stop before any is written
  7. on_post_build     finish the written site (sitebuild/finish/site.py); give each FAQ
                       answer and editor's note its search entry; verify it (finish/verify.py)

What one build read lives in one Project, kept in the build's config, so each `mkdocs serve`
rebuild starts afresh. Every problem stops the build once, as one line with its fix.
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
from sitebuild.check.manuscript import EDITORIAL_NOTES_MARKER, editorial_notes
from sitebuild.check.run import check_inputs, check_rendered, render_here, report
from sitebuild.finish import verify
from sitebuild.finish.search_index import answers_by_location, note_entries, with_site_entries
from sitebuild.finish.site import REFUSAL, finish_site
from sitebuild.load.build_date import date_by_last_commit
from sitebuild.load.project import Project, read_project
from sitebuild.render import with_site_extensions

# A warning, not an error: `mkdocs serve` keeps working on an overdue page,
# and every `--strict` build (make build, make test, CI) fails on it.
log = logging.getLogger("mkdocs.hooks.mkdocs_pipeline")
PROJECT_KEY = "sitebuild"  # where this build's Project is kept in its config


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Read every input once, date the build, and add the site's Markdown extensions."""
    root = Path(config.config_file_path).resolve().parent
    date_by_last_commit(root)
    project = config[PROJECT_KEY] = read_project(root, Path(config.docs_dir))
    # mkdocs.yml cannot name them: hooks/ is not importable while MkDocs checks the config.
    extensions = with_site_extensions(
        config.markdown_extensions, project.references, project.glossary
    )
    config.markdown_extensions[:] = extensions
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Check every input before the build touches the site folder."""
    project = config[PROJECT_KEY]
    problems, overdue, renderable = check_inputs(config, project, dt.date.today())
    for warning in overdue:
        log.warning(str(warning))
    if problems:
        rendered = render_here(config, project, problems) if renderable else []
        refusal = Abort(report(problems + rendered))
        refusal.site_untouched = True  # read by on_serve (the class is new after each reload)
        raise refusal


def on_serve(server: Any, /, *, config: MkDocsConfig, builder: Callable[..., None]) -> Any:
    """Keep serving the last good site while an input is broken: report instead of failing.

    MkDocs' server holds every request after a failed rebuild until one succeeds; a
    build that stopped in on_pre_build has not touched the site folder.
    """
    rebuild = server.builder

    def rebuild_or_report() -> None:
        try:
            rebuild()
        except Abort as refusal:
            if not getattr(refusal, "site_untouched", False):
                raise
            log.error(
                f"{refusal.message}\nStill serving the last good build; save a fix to rebuild."
            )

    server.builder = rebuild_or_report
    return server


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The About page's editorial notes, made from the ledger."""
    if EDITORIAL_NOTES_MARKER not in markdown:
        return markdown
    return markdown.replace(EDITORIAL_NOTES_MARKER, editorial_notes(config[PROJECT_KEY].edits))


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Keep each page as Markdown rendered it, on its record, for the checks and search index."""
    record = config[PROJECT_KEY].pages.get(page.file.src_uri)
    if record is not None:  # every page MkDocs renders was read, unless on_pre_build stopped it
        record.html = html
    return html


def on_env(env: Any, /, *, config: MkDocsConfig, files: Files) -> None:
    """Check the rendered text; stop before any page is written."""
    project = config[PROJECT_KEY]
    problems = check_rendered(project)
    if problems:
        raise Abort(report(problems))


def on_post_build(*, config: MkDocsConfig) -> None:
    """Finish the written site, give FAQ answers and editor's notes search entries, verify it."""
    project: Project = config[PROJECT_KEY]
    site = Path(config.site_dir)
    problems = finish_site(site, config, project)
    if problems:
        raise Abort(report(problems, *REFUSAL))
    rendered = project.rendered
    with_site_entries(site, answers_by_location(rendered), note_entries(rendered))
    problems = verify.verify_site(site, verify.verify_facts(config, project))
    if problems:
        emptied = verify.leave_unpublishable(site, project.root)
        what, outcome = verify.REFUSAL
        raise Abort(report(problems, what, outcome if emptied else verify.KEPT))
