"""The one hook mkdocs.yml registers (MkDocs and ProperDocs run it), MkDocs glue only;
hooks/sitebuild/ does each step (hooks/README.md: "The build pipeline"):

  1. on_config         read every input once (sitebuild/load/project.py) into this build's Project
  2. on_pre_build      check every input (sitebuild/check/run.py) before the site folder is touched
  3. on_serve          while an input is broken, keep serving the last good site
  4. on_page_markdown  the About page's editorial notes, made from the manuscript's ledger
  5. on_page_content   keep each page as Markdown rendered it, for steps 6 and 7
  6. on_env            check the rendered pages; stop before any is written
  7. on_post_build     finish the written site (sitebuild/finish/) and its search index; verify it
"""

import datetime as dt
import logging
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
from sitebuild.load.project import read_for_build

# A warning, not an error: `mkdocs serve` keeps working on an overdue page,
# and every `--strict` build (make build, make test, CI) fails on it.
log = logging.getLogger("mkdocs.hooks.mkdocs_pipeline")
STILL_SERVING = "Still serving the last good build; save a fix to rebuild."
KEY = "sitebuild"  # this build's Project, kept in its config: each serve rebuild starts afresh


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Read every input once, date the build, and add the site's Markdown extensions."""
    config[KEY] = read_for_build(config)
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Check every input before the build touches the site folder."""
    problems, overdue, renderable = check_inputs(config, config[KEY], dt.date.today())
    for warning in overdue:
        log.warning(str(warning))
    if problems:
        rendered = render_here(config, config[KEY], problems) if renderable else []
        refusal = Abort(report(problems + rendered))
        refusal.site_untouched = True  # read by on_serve (the class is new after each reload)
        raise refusal


def on_serve(server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
    """Report a broken input instead of failing: MkDocs' server would hold every request until a
    rebuild succeeds, and a build stopped in on_pre_build has not touched the site folder."""
    rebuild = server.builder

    def rebuild_or_report() -> None:
        try:
            rebuild()
        except Abort as refusal:
            if not getattr(refusal, "site_untouched", False):
                raise
            log.error(f"{refusal.message}\n{STILL_SERVING}")

    server.builder = rebuild_or_report
    return server


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The About page's editorial notes, made from the ledger."""
    notes = editorial_notes(config[KEY].edits) if EDITORIAL_NOTES_MARKER in markdown else ""
    return markdown.replace(EDITORIAL_NOTES_MARKER, notes)


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Keep each page as Markdown rendered it, on its record, for the checks and search index."""
    if record := config[KEY].pages.get(page.file.src_uri):  # none if on_pre_build stopped it
        record.html = html
    return html


def on_env(env: Any, /, *, config: MkDocsConfig, files: Files) -> None:
    """Check the rendered text; stop before any page is written."""
    if problems := check_rendered(config[KEY]):
        raise Abort(report(problems))


def on_post_build(*, config: MkDocsConfig) -> None:
    """Finish the written site, give FAQ answers and editor's notes search entries, verify it."""
    project, site = config[KEY], Path(config.site_dir)
    if problems := finish_site(site, config, project):
        # MkDocs has written the pages unfinished (no policy, no _headers): not a site to upload.
        raise Abort(report(problems, REFUSAL[0], verify.outcome(site, project.root, problems)))
    with_site_entries(site, answers_by_location(project.rendered), note_entries(project.rendered))
    problems, refusal = verify.verified(site, config, project)
    if problems:
        raise Abort(report(problems, *refusal))
