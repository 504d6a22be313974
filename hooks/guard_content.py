"""Refuse to build a site that lost, broke or duplicated a section of the article.

MkDocs glue only: the checks live in content_checks.py and compare the page
sources with hooks/manifest.yml. They run in on_nav, before any page is
rendered or written, and read everything afresh, so nothing is kept between
the rebuilds of `mkdocs serve`.
"""

from __future__ import annotations

from content_checks import check_site
from content_manifest import Problem, load_manifest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation


def on_nav(nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> None:
    """Check the article against the manifest; abort the build on any problem."""
    manifest, problems = load_manifest()
    if manifest:
        sources = {file.src_uri: file.content_string for file in files.documentation_pages()}
        problems = check_site(manifest, sources, [page.file.src_uri for page in nav.pages])
    if problems:
        raise Abort(report(problems))


def report(problems: list[Problem]) -> str:
    """All problems, one line each, under a line that says the build stopped."""
    count = f"{len(problems)} problem" + ("s" if len(problems) > 1 else "")
    return "\n".join([f"The article failed its content checks ({count}); nothing was built:", *map(str, problems)])
