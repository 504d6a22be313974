"""Settings that drop a page, skip the finishing pass, load from other hosts or render citations as
text (mkdocs.yml), and values written unescaped into a page's <head> or given their own template
(front matter, snippets): each one Problem with its file and line, checked first."""

import os
import re
from pathlib import Path
from typing import Any

from sitebuild.check.page_standards import read_date
from sitebuild.load import strict_yaml
from sitebuild.load.inputs import fault, read_text, resolved
from sitebuild.load.page import Page
from sitebuild.problems import Problem

# The one hook that checks and finishes the site (README: "The build pipeline").
HOOK = "hooks/mkdocs_pipeline.py"
# The plugins mkdocs.yml may list: none of them loads from another host or moves pages.
PLUGINS = frozenset({"search", "material/search", "minify"})
# The Markdown extensions the article's checks and rendering rely on (footnotes: the citations),
# and the only ones mkdocs.yml may list.
REQUIRED_EXTENSIONS = (
    "abbr admonition attr_list def_list footnotes md_in_html tables toc pymdownx.details "
    "pymdownx.superfences pymdownx.smartsymbols pymdownx.snippets"
).split()
EXTENSIONS = frozenset({*REQUIRED_EXTENSIONS, "fenced_code"})  # MkDocs adds fenced_code itself
EXTENSIONS_AT = "REQUIRED_EXTENSIONS in hooks/sitebuild/check/configuration.py"
# Characters that start or end markup in HTML; plain prose has typographic quotes instead.
MARKUP = re.compile(r"[<>\"]")
PLAIN = "write plain text"
DROPPING = ("exclude_docs", "draft_docs")
# Values written into the pages as text, in mkdocs.yml and in front matter.
CONFIG_TEXT = ("site_name", "site_description", "copyright")
PAGE_TEXT = ("title", "description", "headline")
TEMPLATE = "gives the page a template of its own"
# The folder snippets come from (pymdownx.snippets: `--8<-- "name"`).
INCLUDES = "includes"
QUOTED = r"\"[^\"\n]+\"|'[^'\n]+'"
SNIPPET = re.compile(rf"^[ \t]*(?P<escape>;*)-+8<-+(?:[ \t]+(?P<name>{QUOTED}))?[ \t]*$")

# What mkdocs.yml may not do, "key | what is wrong | the fix", in check_config's order; `{}`: each
# name its test finds (a test that is true or false finds one, unnamed, or none).
SETTINGS = [
    setting.split(" | ")
    for setting in f"""
hooks | {HOOK} is not registered | list it under hooks: (it checks and finishes every page)
docs_dir | is not docs/ | remove docs_dir: the site's pages and their checks are in docs/
use_directory_urls | is false | remove it: every page is finished at its folder's index.html
exclude_docs | leaves out {{}}, a page of the article | remove exclude_docs
draft_docs | leaves out {{}}, a page of the article | remove draft_docs
plugins | {{}} is not one of the site's plugins | remove it ({", ".join(sorted(PLUGINS))} only)
theme | is not Material with overrides/ | set name: material and custom_dir: overrides
theme | font is set: every page would load fonts from Google | set font: false
extra | analytics is set: every page would load a tracker | remove analytics
extra | date_published: {{}} | write the date the site was first published as YYYY-MM-DD
repo_url | is set: every page would fetch the repository's facts from its host | remove repo_url
site_url | is not set: no page could name its social card | restore site_url: !ENV [SITE_URL, …]
markdown_extensions | {{}} is missing | list it again (the article needs it)
markdown_extensions | {{}} is not one of the site's | remove it ({EXTENSIONS_AT} lists them)
pymdownx.snippets | base_path is not the project's folder | set base_path: [!relative $config_dir]
pymdownx.snippets | may read files outside the project | remove restrict_base_path and url_download
pymdownx.snippets | check_paths is not true | set check_paths: true
pymdownx.snippets | encoding is not utf-8-sig | set encoding: utf-8-sig
pymdownx.snippets | auto_append {{}} is not in {INCLUDES}/ | keep snippets in {INCLUDES}/
site_name | {{}} | {PLAIN}
site_description | {{}} | {PLAIN}
copyright | {{}} | {PLAIN}
nav | the title {{!r}} holds markup | {PLAIN}
""".strip().splitlines()
]


def check_config(config: Any, root: Path, pages: list[str]) -> list[Problem]:
    """mkdocs.yml's settings that would publish other than the checked article: one line each."""
    # The settings file in use (mkdocs.yml, or another named with -f): a link out of the project
    # or into .git is refused, as for every input; otherwise MkDocs has read it, as may we.
    path = Path(os.path.abspath(config.config_file_path))
    linked, text = fault(path, root, "link"), read_text(path, root=root)[0] or ""
    # A plugin that turns use_directory_urls off (offline) is that plugin's problem, said below.
    odd = [name for name in config.plugins if name not in PLUGINS and name not in config.hooks]
    custom = config.theme.custom_dir and Path(config.theme.custom_dir).resolve()
    extra, snippets = config.extra, config.mdx_configs.get("pymdownx.snippets", {})
    # Not listed, snippets has no settings to check: "pymdownx.snippets is missing" says it all.
    listed = "pymdownx.snippets" in config.markdown_extensions
    bases = [Path(os.fspath(base)).resolve() for base in snippets.get("base_path", ["."])]
    drop = [[p for p in pages if config.get(k) and config[k].match_file(p)] for k in DROPPING]
    folder, appended = (root / INCLUDES).resolve(), snippets.get("auto_append", [])
    published = read_date(extra["date_published"])[1] if "date_published" in extra else ""
    found = (
        (root / HOOK).resolve() not in [(root / path).resolve() for path in config.hooks],
        Path(config.docs_dir).resolve() != (root / "docs").resolve(),
        not config.use_directory_urls and (_line(text, "use_directory_urls") or not odd),
        *[[", ".join(left_out)] if left_out else [] for left_out in drop],
        odd,
        # The inline scripts verify allows are read from the theme's templates: only the site's.
        config.theme.name != "material" or custom != (root / "overrides").resolve(),
        config.theme.get("font"),
        "analytics" in extra,
        [published] if published else [],
        config.repo_url,
        not config.site_url,
        [name for name in REQUIRED_EXTENSIONS if name not in config.markdown_extensions],
        # Any other could read files (pymdownx.b64), or replace a checked one under another name
        # (pymdownx.snippets:SnippetExtension, reading outside the project); the site's own are
        # objects the hook adds.
        [n for n in config.markdown_extensions if isinstance(n, str) and n not in EXTENSIONS],
        # Snippets read only includes/ and stop on a missing file (the pages' names: _snippets).
        listed and bases != [root.resolve()],
        snippets.get("restrict_base_path") is False or snippets.get("url_download"),
        listed and snippets.get("check_paths") is not True,
        listed and snippets.get("encoding") != "utf-8-sig",  # a BOM in the glossary, read as pages
        [n for n in appended if not _in_includes(root, str(n), folder)],
        *[_markup(config.get(key), "every page") for key in CONFIG_TEXT],
        [title for title in _nav_titles(config.nav) if MARKUP.search(title)],
    )
    # A list names what its row's message is about; a true value is one unnamed refusal.
    names = [each if isinstance(each, list) else [""] if each else [] for each in found]
    rows = zip(SETTINGS, names, strict=True)
    refused = [(k, what.format(n), fix) for (k, what, fix), ns in rows for n in ns]
    # A key set twice first: MkDocs kept the last, which may explain the rest.
    twice = strict_yaml.settings(text, "mkdocs.yml") if text else []
    lines = [Problem("mkdocs.yml", k, said, fix, _line(text, k)) for k, said, fix in refused]
    return ([linked] if linked else []) + twice + lines


def _in_includes(root: Path, name: str, folder: Path) -> bool:
    """Whether a snippet's file is in includes/, or is a link there that check_folders refuses
    already (it walks includes/, not every folder: a link in hooks/ is this row's to refuse)."""
    path, named = root / name, Path(os.path.abspath(root / name))
    linked = named.is_relative_to(os.path.abspath(root / INCLUDES)) and fault(path, root, "link")
    return bool(linked) or (resolved(path) or folder).is_relative_to(folder)


def _markup(value: Any, where: str) -> list[str]:
    """What says a value holds markup: none when it is plain text."""
    found = MARKUP.findall(value)[:1] if isinstance(value, str) else []
    return [f"holds {mark!r}, which would be markup in {where}" for mark in found]


def _nav_titles(nav: Any) -> list[str]:
    """Every title in `nav:` (Material writes them into each page's menu without escaping)."""
    if isinstance(nav, list):
        return [title for item in nav for title in _nav_titles(item)]
    pairs = nav.items() if isinstance(nav, dict) else []
    return [title for key, value in pairs for title in [str(key), *_nav_titles(value)]]


def check_page_values(root: Path, pages: dict[str, Page], includes: dict) -> list[Problem]:
    """Front matter that puts markup in a page or gives it a template; snippets from elsewhere."""
    problems, fix = [], "remove it: every page uses the site's (overrides/main.html)"
    for page, record in pages.items():
        meta, source = record.meta, record.source
        said = [(k, w, PLAIN) for k in PAGE_TEXT for w in _markup(meta.get(k), "the page")]
        said += [("template", TEMPLATE, fix)] if "template" in meta else []
        lines = [(k, what, fix, _line(source, k)) for k, what, fix in said]
        problems += [Problem(f"docs/{page}", f"front matter: {k}", *rest) for k, *rest in lines]
    sources = {f"docs/{page}": record.source for page, record in pages.items()} | includes
    return problems + [p for file, text in sources.items() for p in _snippets(root, file, text)]


def _snippets(root: Path, file: str, source: str) -> list[Problem]:
    """Each `--8<-- "name"` names a file in includes/ (a block's names, one a line, too)."""
    problems, in_block, folder = [], False, (root / INCLUDES).resolve()
    for number, line in enumerate(source.splitlines(), 1):
        match = SNIPPET.match(line)
        if match and match["escape"]:
            continue  # an escaped marker is text
        if match and not match["name"]:
            in_block = not in_block  # a block's names follow, one a line, to its closing marker
            continue
        if not (name := match["name"][1:-1] if match else line.strip() if in_block else ""):
            continue
        path = re.sub(r"(:[\w-]*)+$", "", name)  # "name.md:3:5" and "name.md:section": a part
        if (target := resolved(root / path)) is None:  # base_path is the project's folder
            continue  # a link to itself: check_folders says so
        outside = not target.is_relative_to(folder) or Path(path).is_absolute() or "://" in name
        if outside or not target.is_file():
            wrong = f"is not in {INCLUDES}/" if outside else f"no such file in {INCLUDES}/"
            fix = f"keep included text in {INCLUDES}/, and name it from there"
            problems.append(Problem(file, f"snippet {name!r}", wrong, fix, number))
    return problems


def _line(text: str, key: str) -> int | None:
    """The line where a top-level (or front matter) key is set, for the message."""
    match = re.search(rf"^[ \t]*(?:- )?{re.escape(key)}[ \t]*:", text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else None
