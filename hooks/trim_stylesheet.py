"""Serve Material's main stylesheet without the rules for components this site never shows.

MkDocs glue over unused_styles.py; the families to drop are listed, each with
its reason, in hooks/unused_styles.yml. The trimmed file gets a fingerprint of
its own, so a browser that cached Material's never mixes the two; the build
fails if a page uses a class whose rules were dropped.
"""

from __future__ import annotations

import posixpath
import re
from functools import partial

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from sitebuild.cache import cache_folder, cached_text
from sitebuild.finish.unused_styles import fingerprinted, load_unused, unused_classes_in_page, without_unused_rules

# Material's fingerprinted main stylesheet and its source map.
MAIN = re.compile(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css(\.map)?")

# Set by each build's on_config and on_files, so nothing carries over between builds.
families: frozenset[str] = frozenset()
renamed: dict[str, str] = {}
problems: list[str] = []
pages_read: list[str] = []  # the pages read so far


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Read the unused families; a malformed file stops the build with every problem in it."""
    global families, renamed, problems, pages_read
    families, found = load_unused()
    renamed, problems, pages_read = {}, [], []
    abort_on([str(problem) for problem in found])
    return config


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    """Replace Material's main stylesheet with its trimmed copy under a new fingerprint, and drop its source map."""
    for file in [file for file in files if MAIN.fullmatch(file.src_uri)]:
        files.remove(file)
        if file.src_uri.endswith(".map"):
            continue
        text = strip_source_map(file.content_string)
        trimmed = cached_text(cache_folder(config.config_file_path), "trimmed-css", [text, *sorted(families)], partial(without_unused_rules, text, families))
        path = fingerprinted(file.src_uri, trimmed)
        renamed[posixpath.basename(file.src_uri)] = posixpath.basename(path)
        files.append(File.generated(config, path, content=trimmed))
    return files


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    """Link the trimmed stylesheet, and note any class the page uses whose rules were dropped."""
    # The templates are the same on every page: read the whole first page, then each page's own content.
    html = page.content or "" if pages_read else output
    pages_read.append(page.file.src_uri)
    problems.extend(str(problem) for problem in unused_classes_in_page(html, f"docs/{page.file.src_uri}", families))
    return with_renamed_links(output)


def on_post_template(output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
    """The same link for pages built from a template alone (404.html)."""
    return with_renamed_links(output_content)


def on_post_build(*, config: MkDocsConfig) -> None:
    """Stop the build if any page needs a dropped rule, naming every one."""
    abort_on(problems)


def with_renamed_links(html: str) -> str:
    for old, new in renamed.items():
        html = html.replace(old, new)
    return html


def strip_source_map(css: str) -> str:
    # The map describes Material's whole file, not the trimmed one.
    return re.sub(r"/\*# sourceMappingURL=[^*]*\*/\s*$", "", css)


def abort_on(found: list[str]) -> None:
    # One line per problem, then stop the build without a traceback.
    if found:
        raise Abort("Material's stylesheet cannot be trimmed for this site:\n" + "\n".join(found))
