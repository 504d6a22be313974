"""The site's CSS and JS as pages carry them: its small files and Material's palette (cut to the
colours in use) written into each page, so a first visit waits for one stylesheet, not four; and
Material's main stylesheet without the components the site never shows (hooks/unused_styles.yml)."""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import csscompressor
import jsmin
import tinycss2

from sitebuild.html_reading import Element
from sitebuild.load import strict_yaml
from sitebuild.problems import Problem

# Material's fingerprinted stylesheets (Zensical keeps its themes' palettes in classic/, modern/).
PALETTE = re.compile(r"assets/stylesheets/(?:[a-z]+/)?palette\.[0-9a-f]+\.min\.css")
MAIN = re.compile(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css")
SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/\s*$")
UNUSED_NAME = "hooks/unused_styles.yml"
# Only these at-rules hold further rules; the rest (@keyframes, @font-face…) are kept whole.
GROUPING = ("media", "supports", "container", "layer")
# Material's rule that stops transitions while the palette switches restyles the whole page
# twice on every load; extra.js and extra.css do it only on a switch.
PALETTE_SWITCHING = "data-md-color-switching"


@dataclass
class Inline:
    """The texts pages carry inline, by the site path of the file each replaces."""

    styles: dict[str, str] = field(default_factory=dict)
    scripts: dict[str, str] = field(default_factory=dict)
    icons: dict[str, str] = field(default_factory=dict)  # data: URIs
    renamed: dict[str, str] = field(default_factory=dict)  # the trimmed main stylesheet's path


def inline_assets(site: Path, config: Any, families: frozenset) -> tuple[Inline, dict, list]:
    """The site's CSS and JS, its palette and favicon, as pages carry them; Material's main
    stylesheet without the unused families, {old path: (new path, text)}; what stops them."""

    def read(path: str) -> str:
        return (site / path).read_text(encoding="utf-8")

    files = sorted(file.relative_to(site).as_posix() for file in site.rglob("*.css"))
    trimmed = {}
    for path in filter(MAIN.fullmatch, files):
        # The source map describes Material's whole file, not the trimmed one.
        text = without_unused_rules(SOURCE_MAP.sub("", read(path)), families)
        trimmed[path] = (fingerprinted(path, text), text)
    css, javascript = extra_files(config)
    wanted = [("extra_css", path) for path in css] + [("extra_javascript", p) for p in javascript]
    if gone := [f"{key}: {path}" for key, path in wanted if not (site / path).is_file()]:
        wrong, fix = "is not in the built site", "correct the path under docs/, or remove the entry"
        return Inline(), trimmed, [Problem("mkdocs.yml", what, wrong, fix) for what in gone]
    colours = palette_colours(config.theme.get("palette"))
    styles = {path: read(path) for path in css}
    styles |= {p: trimmed_palette(read(p), colours) for p in filter(PALETTE.fullmatch, files)}
    inline = Inline({path: csscompressor.compress(text) for path, text in styles.items()})
    inline.scripts = {path: minified_js(read(path)) for path in javascript}
    icon = str(config.theme.get("favicon", ""))
    if icon.endswith(".svg") and (site / icon).is_file():
        inline.icons[icon] = svg_data_uri(read(icon))
    problems = []
    for tag, texts in (("style", inline.styles), ("script", inline.scripts)):
        problems += [closing_tag_problem(f"{site.name}/{p}", t, tag) for p, t in texts.items()]
    return inline, trimmed, [problem for problem in problems if problem]


def extra_files(config: Any) -> tuple[list[str], list[str]]:
    """The stylesheets and scripts mkdocs.yml lists, by their paths in docs/ (and in the site)."""
    scripts = [str(getattr(script, "path", script)) for script in config.extra_javascript]
    return [str(path) for path in config.extra_css], scripts


def link_edit(page: str, link: Element, inline: Inline) -> list[tuple[int, int, str]]:
    """A stylesheet written into the page or pointed at the trimmed one; an icon as data."""
    rel, href = link.attributes.get("rel", "").lower().split(), link.attributes.get("href", "")
    target = site_path(page, href)
    if "stylesheet" in rel and target in inline.styles:
        return [(link.start, link.end, f"<style>{inline.styles[target]}</style>")]
    if "stylesheet" in rel and target in inline.renamed:
        href = posixpath.join(posixpath.dirname(href), posixpath.basename(inline.renamed[target]))
    elif "icon" in rel and target in inline.icons:
        href = inline.icons[target]
    else:
        return []
    written = ["link"]  # each value quoted only when it must be, as the minifier writes them
    for key, value in {**link.attributes, "href": href}.items():
        if re.search(r"[\s\"'=<>`]", value):
            value = f'"{value.replace("&", "&amp;").replace(chr(34), "&quot;")}"'
        written.append(f"{key}={value}" if value else key)
    return [(link.start, link.end, f"<{' '.join(written)}>")]


def palette_colours(palette: object) -> dict[str, set[str]]:
    """The schemes, primary and accent colours a `theme.palette` setting can show."""
    items = [palette] if isinstance(palette, dict) else palette
    items = [e if isinstance(e, dict) else {} for e in items] if isinstance(items, list) else []
    defaults = {"scheme": "default", "primary": "indigo", "accent": "indigo"}.items()  # base.html
    return {k: {str(e.get(k) or d).replace(" ", "-").lower() for e in items} for k, d in defaults}


def trimmed_palette(css: str, used: Mapping[str, set[str]]) -> str:
    """Material's palette without the selectors that require a scheme or colour the site never
    sets ([data-md-color-scheme=slate]); one inside :not(…) only excludes, so it does not count."""

    def drops(selector: list) -> bool:
        for token in (token for token in selector if token.type == "[] block"):
            parts = [part for part in token.content if part.type != "whitespace"]
            name = parts[0].value if parts and parts[0].type == "ident" else ""
            valued = len(parts) >= 3 and parts[-1].type in ("ident", "string")
            value = parts[-1].value if valued else ""
            colour = name.removeprefix("data-md-color-")  # scheme, primary or accent
            if name == PALETTE_SWITCHING or colour != name and value not in used.get(colour, set()):
                return True
        return False

    return without_selectors(css, drops)


def without_selectors(css: str | list, drops: Callable[[list], bool]) -> str:
    """The stylesheet without the selectors `drops` names, nor rules and groups left empty."""
    kept = []
    for rule in tinycss2.parse_stylesheet(css):
        grouping = rule.type == "at-rule" and rule.lower_at_keyword in GROUPING
        if grouping and rule.content is not None:
            if inner := without_selectors(rule.content, drops):
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
        elif rule.type == "qualified-rule":
            selectors = [s for s in split_selectors(rule.prelude) if not drops(s)]
            if selectors := [tinycss2.serialize(selector).strip() for selector in selectors]:
                kept.append(f"{','.join(selectors)}{{{tinycss2.serialize(rule.content)}}}")
        else:
            kept.append(rule.serialize())
    return "".join(kept)


def split_selectors(prelude: list) -> list[list]:
    """A selector list split at its top-level commas (one in :not(…) is inside a function)."""
    selectors: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def site_path(page_url: str, href: str) -> str:
    """The file a page's relative link points at: ('faq/', '../assets/x.css') → 'assets/x.css'."""
    return posixpath.normpath(posixpath.join(posixpath.dirname("/" + page_url), href)).lstrip("/")


def svg_data_uri(svg: str) -> str:
    """An SVG as a data: URI: no space between tags, single quotes, only what a URL forbids."""
    compact = re.sub(r">\s+<", "><", " ".join(svg.split())).replace('"', "'")
    return "data:image/svg+xml," + quote(compact, safe="/:=;,'()")


def closing_tag_problem(name: str, text: str, tag: str) -> Problem | None:
    """A problem when a file's text would end the <style>/<script> it is written into early."""
    if f"</{tag}" not in text.lower():
        return None
    wrong = f"contains '</{tag}', which would end the element early"
    return Problem(name, f"inline <{tag}>", wrong, f"split the string, e.g. '<\\/{tag}>'")


def minified_js(text: str) -> str:
    return jsmin.jsmin(text).strip()


def parse_unused(text: str) -> tuple[frozenset[str], list[Problem]]:
    """Families from the file's `family: why` lines; a Problem for each line that is not one."""
    data, problems = strict_yaml.load(text, UNUSED_NAME, fix="correct the colons or quotes there")
    if not isinstance(data, dict):  # None when the file does not parse, and its problem says why
        wrong, fix = "is not a list of `family: why` lines", "restore its layout from git"
        return frozenset(), problems or [Problem(UNUSED_NAME, "file", wrong, fix)]
    wrong = "is not a CSS class name with a reason after it"
    fix = "write `class-name: why the site never shows it`"
    for family, why in data.items():
        named = isinstance(family, str) and re.match(r"-?[A-Za-z_][\w-]*$", family)
        if not (named and isinstance(why, str) and why.strip()):
            problems.append(Problem(UNUSED_NAME, str(family), wrong, fix))
    return frozenset(data), problems


def in_family(name: str, families: Collection[str]) -> bool:
    """Whether a class is one of the families or starts with one and -, __ or --."""
    return _family(families).fullmatch(name) is not None


def _family(families: Collection[str]) -> re.Pattern[str]:
    # One expression, not a loop over families: a build checks thousands of class names. Only
    # fullmatch is asked, which tries every family in turn, so their order does not matter.
    return re.compile(rf"({'|'.join(map(re.escape, families)) or '(?!)'})(?:-[\w-]*|__[\w-]*)?")


def selector_classes(selector: list) -> list[str]:
    """The classes a selector requires (one in :not(…) or :is(…) is a function's: not counted)."""
    pairs = zip(selector, selector[1:], strict=False)
    named = [name for dot, name in pairs if dot.type == "literal" and dot.value == "."]
    return [name.value for name in named if name.type == "ident"]


def without_unused_rules(css: str, families: frozenset[str]) -> str:
    """The stylesheet without the selectors that need an unused class, nor rules left with none."""
    unused = _family(families)
    return without_selectors(css, lambda s: any(map(unused.fullmatch, selector_classes(s))))


def unused_classes(class_names: set[str], page: str, families: frozenset[str]) -> list[Problem]:
    """A Problem for each class of an unused family a built page carries: it has no styles."""
    fix = f"take its family off {UNUSED_NAME} (or stop using the class)"
    wrong, unused = f"has no styles: {UNUSED_NAME} drops them", _family(families)
    names = [name for name in sorted(class_names) if unused.fullmatch(name)]
    return [Problem(page, f'class "{name}"', wrong, fix) for name in names]


def fingerprinted(path: str, text: str) -> str:
    """The path with Material's content hash replaced by the trimmed text's."""
    digest = hashlib.sha256(text.encode()).hexdigest()[:8]
    return re.sub(r"\.[0-9a-f]{6,}\.min\.css$", f".{digest}.min.css", path)
