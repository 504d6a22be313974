"""What raw HTML in a page may not do: run a script, embed another page or object, or show Markdown as text.

Pure functions over a page's rendered HTML (read with an HTML parser) and
its Markdown source (for the line to fix). The site runs only the scripts
its build emits; a script a maintainer writes into a page would run under
the site's name, so the build refuses it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sitebuild.check.page_text import EDITOR_NOTE, author_blocks, read_page
from sitebuild.problems import Problem

# Elements that run code or embed another document.
FORBIDDEN = {"script", "iframe", "object", "embed", "frame", "frameset", "applet", "base"}
# And those that redirect, load from elsewhere, or hide or restyle the article (verify checks too).
FORBIDDEN |= {"meta", "link", "style", "noscript", "form", "template"}
# Attributes holding a URL a browser may follow or load.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "xlink:href"}
# Markdown that reached the page as text: headings, bold, admonitions. (A footnote mark left
# as text is a citation's problem, reported by sitebuild/sources/ or by the text it came with.)
STRANDED = re.compile(r"^#{1,6} \S|\*\*\S|^(?:!!!|\?\?\?)\+? ")
FIX_HTML = "remove it: pages may hold text, links and images, not scripts, event handlers or embedded pages (hooks/README.md: What the build refuses)"


def check_raw_html(page: str, html: str, source: str) -> list[Problem]:
    """Scripts, event handlers, javascript: links and embedded documents in a rendered page."""
    file = f"docs/{page}"
    return [Problem(file, "raw HTML", what, FIX_HTML, _line(source, needle)) for what, needle in dict.fromkeys(_scan(html).found)]


def check_stranded_markdown(page: str, html: str, source: str) -> list[Problem]:
    """Markdown shown to readers as text, as happens inside raw HTML without the `markdown` attribute."""
    problems = []
    for block in author_blocks(html):
        match = STRANDED.search(block.text)
        if match:
            shown = block.text[match.start() : match.start() + 30].strip()
            problems.append(
                Problem(
                    f"docs/{page}",
                    "Markdown shown as text",
                    f"readers see {shown!r}…, not its formatting",
                    "add `markdown` to the HTML element around it (<div markdown>), or remove the raw HTML",
                    _line(source, block.text[:30]) or _line(source, shown),
                )
            )
    return problems


def check_admonitions(page: str, html: str, source: str) -> list[Problem]:
    """On an article page, a box is the Key points or an editor's note: any other type would pass the site's words off as the author's."""
    return [
        Problem(
            f"docs/{page}",
            "admonition",
            f"a box of type `{kind}` on a page of the article",
            f"write the site's own notes as `!!! {EDITOR_NOTE} \"Editor's note\"` (README.md: Add an editor's note), or remove it",
            _line(source, f"!!! {kind}") or _line(source, f"??? {kind}"),
        )
        for kind in _scan(html).kinds
        if kind not in (EDITOR_NOTE, "abstract")
    ]


@dataclass(frozen=True)
class _Findings:
    found: list[tuple[str, str]]  # (what is wrong, a text to find its line by)
    kinds: list[str]  # the admonitions' types


# What raw HTML does (scripts, handlers, embeds) and which boxes the page has, from the page's one parse.
@functools.lru_cache(maxsize=32)
def _scan(html: str) -> _Findings:
    findings = _Findings([], [])
    for tag, attrs in read_page(html).tags:
        if tag in FORBIDDEN:
            findings.found.append((f"{'an' if tag[0] in 'aeio' else 'a'} <{tag}> element", f"<{tag}"))
        for name, value in attrs:
            if name.startswith("on"):
                findings.found.append((f"an event handler ({name}=) on <{tag}>", name))
            elif name in ("ping", "style", "hidden"):
                findings.found.append((f"a {name} attribute on <{tag}>", f"{name}"))
            elif name in URL_ATTRIBUTES and _scheme(value or "") in ("javascript", "vbscript", "data") and not (tag == "img" and name == "src"):
                findings.found.append((f"a {_scheme(value or '')}: address in {name}= on <{tag}>", f"{_scheme(value or '')}:"))
            elif name == "class" and tag == "div" and "admonition" in (value or "").split():
                findings.kinds.append(next((word for word in (value or "").split() if word != "admonition"), "note"))
    return findings


# A URL's scheme as a browser reads it: case, white space and control characters do not count.
def _scheme(url: str) -> str:
    cleaned = "".join(character for character in url if character > " ").lower()
    return cleaned.split(":", 1)[0] if ":" in cleaned else ""


def _line(source: str, needle: str) -> int | None:
    needle = needle.casefold().strip()
    for number, line in enumerate(source.splitlines(), start=1):
        if needle and needle in line.casefold():
            return number
    return None
