"""The site's small stylesheets and scripts, and Material's palette cut to the colours in use,
written into each page: a first visit waits for one stylesheet, not four."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import csscompressor
import jsmin
import tinycss2

from sitebuild.problems import Problem

Node = Any  # a node of tinycss2's parse: a rule, a token or a block
# Only these at-rules hold further rules; the rest (@keyframes, @font-face…) are kept whole.
GROUPING = ("media", "supports", "container", "layer")
# Material's rule that stops transitions while the palette switches restyles the whole page
# twice on every load; extra.js and extra.css do it only on a switch.
PALETTE_SWITCHING = "data-md-color-switching"
PALETTE_DEFAULTS = {"scheme": "default", "primary": "indigo", "accent": "indigo"}  # base.html
minified_css = csscompressor.compress


@dataclass
class Inline:
    """The texts pages carry inline, by the site path of the file each replaces."""

    styles: dict[str, str] = field(default_factory=dict)
    scripts: dict[str, str] = field(default_factory=dict)
    icons: dict[str, str] = field(default_factory=dict)  # data: URIs
    renamed: dict[str, str] = field(default_factory=dict)  # the trimmed main stylesheet's path


def palette_colours(palette: object) -> dict[str, set[str]]:
    """The schemes, primary and accent colours a `theme.palette` setting can show."""
    used: dict[str, set[str]] = {kind: set() for kind in PALETTE_DEFAULTS}
    palette = [palette] if isinstance(palette, dict) else palette
    for entry in palette if isinstance(palette, list) else []:
        for kind, default in PALETTE_DEFAULTS.items():
            used[kind].add(str(entry.get(kind) or default).replace(" ", "-").lower())
    return used


def trimmed_palette(css: str, used: Mapping[str, set[str]]) -> str:
    """Material's palette without the rules for schemes and colours the site never sets."""
    return without_selectors(css, lambda selector: not _shows(selector, used))


def without_selectors(css: str, drops: Callable[[list[Node]], bool]) -> str:
    """The stylesheet without the selectors `drops` names, nor rules and groups left empty."""
    return "".join(_kept(tinycss2.parse_stylesheet(css), drops))


def _kept(rules: list[Node], drops: Callable[[list[Node]], bool]) -> Iterator[str]:
    for rule in rules:
        grouping = rule.type == "at-rule" and rule.lower_at_keyword in GROUPING
        if grouping and rule.content is not None:
            if inner := "".join(_kept(tinycss2.parse_stylesheet(rule.content), drops)):
                yield f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}"
        elif rule.type == "qualified-rule":
            selectors = [s for s in split_selectors(rule.prelude) if not drops(s)]
            if kept := [tinycss2.serialize(selector).strip() for selector in selectors]:
                yield f"{','.join(kept)}{{{tinycss2.serialize(rule.content)}}}"
        else:
            yield rule.serialize()


def split_selectors(prelude: list[Node]) -> list[list[Node]]:
    """A selector list split at its top-level commas (one in :not(…) is inside a function)."""
    selectors: list[list[Node]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def _shows(selector: list[Node], used: Mapping[str, set[str]]) -> bool:
    """Whether every scheme or colour a selector requires ([data-md-color-scheme=slate]) is one
    the site uses; a condition inside :not(…) only excludes, so it does not count."""
    for token in selector:
        if token.type == "[] block":
            parts = [part for part in token.content if part.type != "whitespace"]
            name = parts[0].value if parts and parts[0].type == "ident" else ""
            valued = len(parts) >= 3 and parts[-1].type in ("ident", "string")
            value = parts[-1].value if valued else ""
            colour = name.removeprefix("data-md-color-")  # scheme, primary or accent
            if name == PALETTE_SWITCHING or colour != name and value not in used.get(colour, set()):
                return False
    return True


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
