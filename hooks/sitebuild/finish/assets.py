"""Small stylesheets and scripts written into each page, and Material's palette cut to the colours the site uses.

Pure functions over text; finish/site.py writes them into each page. A
reader's first page then waits for one stylesheet, not four, and downloads no
palette it never shows. Each of these files is a few kilobytes or less: as
separate files they cost a first visit a request each and hold back the first
paint; inline they cost well under what their requests did.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from sitebuild.problems import Problem

# A node of tinycss2's parse: a rule, a token or a block.
Node = Any

# Only these at-rules hold further rules; the rest (@keyframes, @font-face…) are kept whole.
GROUPING = ("media", "supports", "container", "layer")
# Material's rule that stops transitions while the palette switches restyles the
# whole page twice on every load; extra.js and extra.css do it only on a switch.
PALETTE_SWITCHING = "data-md-color-switching"
# A palette rule names the scheme, primary or accent colour it is for: [data-md-color-scheme=slate].
PALETTE_ATTRIBUTE = "data-md-color-"
# Material's defaults for a palette entry that leaves a value out (base.html).
PALETTE_DEFAULTS = {"scheme": "default", "primary": "indigo", "accent": "indigo"}


@dataclass
class Inline:
    """The texts pages carry inline, by the site path of the file each replaces."""

    styles: dict[str, str] = field(default_factory=dict)
    scripts: dict[str, str] = field(default_factory=dict)
    icons: dict[str, str] = field(default_factory=dict)  # data: URIs


def palette_colours(palette: object) -> dict[str, set[str]]:
    """The schemes, primary and accent colours a `theme.palette` setting can show."""
    entries = palette if isinstance(palette, list) else [palette] if isinstance(palette, dict) else []
    used: dict[str, set[str]] = {kind: set() for kind in PALETTE_DEFAULTS}
    for entry in entries:
        for kind, default in PALETTE_DEFAULTS.items():
            used[kind].add(str(entry.get(kind) or default).replace(" ", "-").lower())
    return used


def trimmed_palette(css: str, used: Mapping[str, set[str]]) -> str:
    """Material's palette stylesheet without the rules for schemes and colours the site never sets (nor its switching rule)."""
    return without_selectors(css, lambda selector: not shows(selector, used))


def without_selectors(css: str, drops: Callable[[list[Node]], bool]) -> str:
    """The stylesheet without the selectors `drops` names, and without the rules and grouping at-rules left empty."""
    import tinycss2  # only when the build cache has no result for this stylesheet

    return "".join(_kept(tinycss2.parse_stylesheet(css), drops))


def _kept(rules: list[Node], drops: Callable[[list[Node]], bool]) -> Iterator[str]:
    import tinycss2

    for rule in rules:
        if rule.type == "at-rule" and rule.lower_at_keyword in GROUPING and rule.content is not None:
            inner = "".join(_kept(tinycss2.parse_stylesheet(rule.content), drops))
            if inner:
                yield f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}"
        elif rule.type == "qualified-rule":
            selectors = [selector for selector in split_selectors(rule.prelude) if not drops(selector)]
            if selectors:
                yield f"{','.join(tinycss2.serialize(selector).strip() for selector in selectors)}{{{tinycss2.serialize(rule.content)}}}"
        else:
            # Other at-rules (@charset, @keyframes, @font-face…) and comments are kept whole.
            yield rule.serialize()


def split_selectors(prelude: list[Node]) -> list[list[Node]]:
    """A selector list split at its top-level commas; a comma inside :not(…) or :is(…) is inside a function token."""
    selectors: list[list[Node]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def attributes(selector: list[Node]) -> list[tuple[str, str]]:
    """(name, value) of the attribute conditions a selector requires ([data-md-color-scheme=slate]); those inside :not(…) only exclude."""
    found = []
    for token in selector:
        if token.type == "[] block":
            parts = [part for part in token.content if part.type != "whitespace"]
            name = parts[0].value if parts and parts[0].type == "ident" else ""
            value = parts[-1].value if len(parts) >= 3 and parts[-1].type in ("ident", "string") else ""
            found.append((name, value))
    return found


def shows(selector: list[Node], used: Mapping[str, set[str]]) -> bool:
    """Whether a selector is worth keeping: every scheme or colour it requires is one the site uses."""
    required = attributes(selector)
    if any(name == PALETTE_SWITCHING for name, _ in required):
        return False
    return all(value in used.get(name.removeprefix(PALETTE_ATTRIBUTE), set()) for name, value in required if name.startswith(PALETTE_ATTRIBUTE))


def site_path(page_url: str, href: str) -> str:
    """The file a page's relative link points at: ('faq/', '../assets/x.css') → 'assets/x.css'."""
    return posixpath.normpath(posixpath.join(posixpath.dirname("/" + page_url), href)).lstrip("/")


def svg_data_uri(svg: str) -> str:
    """An SVG as a data: URI: no whitespace between tags, single quotes, and only what a URL forbids escaped."""
    compact = re.sub(r">\s+<", "><", " ".join(svg.split())).replace('"', "'")
    return "data:image/svg+xml," + quote(compact, safe="/:=;,'()")


def closing_tag_problem(name: str, text: str, tag: str) -> Problem | None:
    """A problem when a file cannot sit inside <style>/<script>: its text would end the element early."""
    if f"</{tag}" in text.lower():
        return Problem(name, f"inline <{tag}>", f"contains '</{tag}', which would end the element early", f"split the string, e.g. '<\\/{tag}>'")
    return None


# The minifiers are imported only when the build cache has no result for the text.
def minified_css(text: str) -> str:
    import csscompressor

    return csscompressor.compress(text)


def minified_js(text: str) -> str:
    import jsmin

    return jsmin.jsmin(text).strip()
