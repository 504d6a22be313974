"""Small stylesheets and scripts written into each page, and Material's palette cut to the colours the site uses.

Pure functions over text; the MkDocs glue is inline_assets.py. A reader's
first page then waits for one stylesheet, not four, and downloads no palette
it never shows.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from urllib.parse import quote

# A palette rule names the scheme, primary or accent colour it is for.
PALETTE_ATTRIBUTE = re.compile(r"""\[data-md-color-(scheme|primary|accent)=["']?([\w-]+)["']?\]""")
NEGATION = re.compile(r":not\([^()]*\)")
BRACE = re.compile(r"[{}]")
# Only these at-rules hold further rules; the rest (@keyframes, @font-face…) are kept whole.
GROUPING = ("@media", "@supports", "@container", "@layer")
# One selector of a list: anything but commas, or a bracket holding at most one further bracket.
SELECTOR = re.compile(r"(?:[^,()]+|\((?:[^()]|\([^()]*\))*\))+")
STYLESHEET_LINK = re.compile(r"<link\b(?=[^>]*\brel=[\"']?stylesheet\b)[^>]*\bhref=[\"']?(?P<href>[^\"'\s>]+)[\"']?[^>]*>", re.I)
ICON_LINK = re.compile(r"(?P<before><link\b(?=[^>]*\brel=[\"']?icon\b)[^>]*\bhref=)[\"']?(?P<href>[^\"'\s>]+)[\"']?", re.I)
SCRIPT_TYPE = re.compile(r"\btype=[\"']?(?P<type>[^\"'\s>]+)", re.I)
SCRIPT_SOURCE = re.compile(r"<script\b[^>]*\bsrc=[\"']?(?P<src>[^\"'\s>]+)[\"']?[^>]*>\s*</script>", re.I)
# Material's rule that stops transitions while the palette switches restyles the
# whole page twice on every load; extra.js and extra.css do it only on a switch.
PALETTE_SWITCHING = "[data-md-color-switching]"
# Material's defaults for a palette entry that leaves a value out (base.html).
PALETTE_DEFAULTS = {"scheme": "default", "primary": "indigo", "accent": "indigo"}


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


def without_selectors(css: str, drops: Callable[[str], bool]) -> str:
    """The stylesheet without the selectors `drops` names, and without the rules and at-rules left empty."""
    kept = []
    for statements, prelude, body in css_blocks(css):
        kept.append(statements)
        if prelude.startswith(GROUPING):
            inner = without_selectors(body, drops)
            kept.append(f"{prelude}{{{inner}}}" if inner else "")
        elif prelude.startswith("@") or not drops(prelude):
            # A list that as a whole needs nothing dropped has no selector that does: keep it without splitting.
            kept.append(f"{prelude}{{{body}}}")
        else:
            selectors = [selector for selector in split_selectors(prelude) if not drops(selector)]
            kept.append(f"{','.join(selectors)}{{{body}}}" if selectors else "")
    return "".join(kept)


def css_blocks(css: str) -> Iterator[tuple[str, str, str]]:
    """(statements before, prelude, body) of each top-level block; an at-rule's body holds further blocks."""
    position, depth, start = 0, 0, 0
    for brace in BRACE.finditer(css):
        if brace[0] == "{":
            depth += 1
            if depth == 1:
                start = brace.start()
            continue
        depth -= 1
        if depth == 0:
            # Statements such as @charset end with ';' and belong to no block.
            statements, _, prelude = css[position:start].rpartition(";")
            yield statements + ";" if statements else "", prelude.strip(), css[start + 1 : brace.start()]
            position = brace.end()


def split_selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside :not(…) or :is(…))."""
    if "(" not in prelude:
        return [selector.strip() for selector in prelude.split(",")]
    # A regular expression handles two levels of brackets, ten times faster than walking the characters.
    selectors = SELECTOR.findall(prelude)
    if ",".join(selectors) == prelude:
        return [selector.strip() for selector in selectors]
    selectors, depth, current = [], 0, ""
    for char in prelude:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            selectors.append(current.strip())
            current = ""
        else:
            current += char
    return [*selectors, current.strip()]


def shows(selector: str, used: Mapping[str, set[str]]) -> bool:
    """Whether a selector is worth keeping: every scheme or colour it requires is one the site uses."""
    if PALETTE_SWITCHING in selector:
        return False
    # A negated colour (":not([data-md-color-scheme=slate])") never stops a rule from applying.
    required = PALETTE_ATTRIBUTE.findall(NEGATION.sub("", selector))
    return all(value in used.get(kind, set()) for kind, value in required)


def site_path(page_url: str, href: str) -> str:
    """The file a page's relative link points at: ('faq/', '../assets/x.css') → 'assets/x.css'."""
    return posixpath.normpath(posixpath.join(posixpath.dirname("/" + page_url), href)).lstrip("/")


def with_inline_assets(html: str, page_url: str, styles: Mapping[str, str], scripts: Mapping[str, str], icons: Mapping[str, str] | None = None) -> str:
    """The page with each listed stylesheet link and script tag replaced by the file's text, and a listed icon by its data: URI."""
    html = STYLESHEET_LINK.sub(lambda m: inline(m, site_path(page_url, m["href"]), styles, "style"), html)
    html = ICON_LINK.sub(lambda m: inline_icon(m, site_path(page_url, m["href"]), icons or {}), html)
    return SCRIPT_SOURCE.sub(lambda m: inline_script(m, site_path(page_url, m["src"]), scripts), html)


def inline(match: re.Match[str], path: str, texts: Mapping[str, str], tag: str) -> str:
    # Files not listed keep their tag.
    return f"<{tag}>{texts[path]}</{tag}>" if path in texts else match[0]


def inline_script(match: re.Match[str], path: str, scripts: Mapping[str, str]) -> str:
    # A module stays a module: it still runs after the deferred scripts, in a task of its own.
    if path not in scripts:
        return match[0]
    kind = SCRIPT_TYPE.search(match[0])
    return f"<script type={kind['type']}>{scripts[path]}</script>" if kind else f"<script>{scripts[path]}</script>"


def inline_icon(match: re.Match[str], path: str, icons: Mapping[str, str]) -> str:
    return f'{match["before"]}"{icons[path]}"' if path in icons else match[0]


def svg_data_uri(svg: str) -> str:
    """An SVG as a data: URI: no whitespace between tags, single quotes, and only what a URL forbids escaped."""
    compact = re.sub(r">\s+<", "><", " ".join(svg.split())).replace('"', "'")
    return "data:image/svg+xml," + quote(compact, safe="/:=;,'()")


def closing_tag_problem(path: str, text: str, tag: str) -> str | None:
    """A problem line when a file cannot sit inside <style>/<script>: its text would end the element early."""
    if f"</{tag}" in text.lower():
        return f"{path}: contains '</{tag}', which would end the inline <{tag}> early. Fix: split the string, e.g. '<\\/{tag}>'."
    return None
