"""Write the site's own stylesheets and scripts, Material's palette cut to the colours in use, and an SVG favicon into every page.

MkDocs glue over small_assets.py. Each of these files is a few kilobytes or
less: as separate files they cost a first visit a request each and hold back
the first paint; inline they cost well under what their requests did. They
are taken out of the build, so no copy lies in the site unused.
"""

from __future__ import annotations

import re
from functools import partial

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from sitebuild.cache import cache_folder, cached_text
from sitebuild.finish.assets import closing_tag_problem, palette_colours, svg_data_uri, trimmed_palette, with_inline_assets

# Material's fingerprinted palette stylesheet and its source map.
PALETTE = re.compile(r"assets/stylesheets/palette\.[0-9a-f]+\.min\.css(\.map)?")

# The texts pages carry inline, by site path; replaced (not added to) by each build's on_files.
styles: dict[str, str] = {}
scripts: dict[str, str] = {}
icons: dict[str, str] = {}


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    """Read and minify the files to inline, and take them out of the build; all problems at once."""
    global styles, scripts, icons
    css = list(config.extra_css)
    javascript = [str(getattr(script, "path", script)) for script in config.extra_javascript]
    wanted = [("extra_css", path) for path in css] + [("extra_javascript", path) for path in javascript]
    abort_on([missing_file_problem(key, path) for key, path in wanted if not files.get_file_from_path(path)])
    palette = [file for file in files if PALETTE.fullmatch(file.src_uri)]
    colours = palette_colours(config.theme["palette"] if "palette" in config.theme else None)
    cache = cache_folder(config.config_file_path)
    styles = {path: cached_text(cache, "min-css", [read(files, path)], partial(minified_css, read(files, path))) for path in css}
    styles |= {
        file.src_uri: cached_text(cache, "palette", [file.content_string, repr(colours)], partial(minified_palette, file.content_string, colours))
        for file in palette
        if file.src_uri.endswith(".css")
    }
    scripts = {path: cached_text(cache, "min-js", [read(files, path)], partial(minified_js, read(files, path))) for path in javascript}
    problems = [closing_tag_problem(path, text, "style") for path, text in styles.items()]
    abort_on(problems + [closing_tag_problem(path, text, "script") for path, text in scripts.items()])
    favicon = str(config.theme["favicon"]) if "favicon" in config.theme else ""
    icon = files.get_file_from_path(favicon) if favicon.endswith(".svg") else None
    icons = {favicon: svg_data_uri(icon.content_string)} if icon else {}
    taken = {*styles, *scripts, *icons, *(file.src_uri for file in palette)}
    for file in [file for file in files if file.src_uri in taken]:
        files.remove(file)
    return files


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    """Replace the links to the inlined files with their text."""
    return with_inline_assets(output, page.url, styles, scripts, icons)


def on_post_template(output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
    """The same for pages built from a template alone (404.html)."""
    return with_inline_assets(output_content, template_name, styles, scripts, icons)


# The minifiers are imported only when build_cache.py has no result for the text.
def minified_css(text: str) -> str:
    import csscompressor

    return csscompressor.compress(text)


def minified_palette(text: str, colours: object) -> str:
    return minified_css(trimmed_palette(text, colours))


def minified_js(text: str) -> str:
    import jsmin

    return jsmin.jsmin(text).strip()


def read(files: Files, path: str) -> str:
    file: File | None = files.get_file_from_path(path)
    assert file is not None  # abort_on has reported missing files
    return file.content_string


def missing_file_problem(key: str, path: str) -> str:
    return f"mkdocs.yml: {key}: {path}: no such file in docs/. Fix: correct the path or remove the entry."


def abort_on(problems: list[str | None]) -> None:
    # One line per problem, then stop the build without a traceback.
    found = [problem for problem in problems if problem]
    if found:
        raise Abort("Cannot write the site's own assets into its pages:\n" + "\n".join(found))
