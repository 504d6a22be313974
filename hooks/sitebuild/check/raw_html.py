"""What raw HTML in a page may not do: run a script, embed a page, or show Markdown as text. The
site runs only the scripts its build emits: one written into a page would run under its name."""

from __future__ import annotations

import re

from sitebuild.check.page_text import EDITOR_NOTE, Reading
from sitebuild.problems import Problem

# Elements that run code or embed another document.
FORBIDDEN = {"script", "iframe", "object", "embed", "frame", "frameset", "applet", "base"}
# And those that redirect, load from elsewhere, or hide or restyle the article (verify checks too).
FORBIDDEN |= {"meta", "link", "style", "noscript", "form", "template"}
# Attributes holding a URL a browser may follow or load.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background"}
URL_ATTRIBUTES |= {"xlink:href"}
# Markdown that reached the page as text: headings, bold, admonitions. (A footnote mark left
# as text is a citation's problem, reported by sitebuild/check/ or by the text it came with.)
STRANDED = re.compile(r"^#{1,6} \S|\*\*\S|^(?:!!!|\?\?\?)\+? ")
FIX_HTML = (
    "remove it: pages may hold text, links and images, not scripts, event handlers or embedded "
    "pages (hooks/README.md: What the build refuses)"
)  # fmt: skip
FIX_TEXT = "add `markdown` to the HTML element around it (<div markdown>), or remove the raw HTML"
FIX_BOX = (
    f"write the site's own notes as `!!! {EDITOR_NOTE} \"Editor's note\"` (README.md: Add an "
    "editor's note), or remove it"
)  # fmt: skip


def check_raw_html(file: str, reading: Reading, source: str) -> list[Problem]:
    """Scripts, event handlers, javascript: links and embedded documents in a rendered page."""
    found = dict.fromkeys(_scan(reading)[0])
    return [Problem(file, "raw HTML", what, FIX_HTML, _line(source, at)) for what, at in found]


def check_shown_markup(page: str, reading: Reading, source: str, article: bool) -> list[Problem]:
    """Markdown shown to readers as text, as inside raw HTML without the `markdown` attribute; on
    a page of the article, a box other than Key points or an editor's note: it passes as the
    author's."""
    found = []
    for block in reading.blocks:
        if match := STRANDED.search(block.text):
            shown = block.text[match.start() : match.start() + 30].strip()
            line = _line(source, block.text[:30]) or _line(source, shown)
            what = f"readers see {shown!r}…, not its formatting"
            found.append(("Markdown shown as text", what, FIX_TEXT, line))
    for kind in _scan(reading)[1] if article else []:
        if kind not in (EDITOR_NOTE, "abstract"):
            line = _line(source, f"!!! {kind}") or _line(source, f"??? {kind}")
            what = f"a box of type `{kind}` on a page of the article"
            found.append(("admonition", what, FIX_BOX, line))
    return [Problem(f"docs/{page}", *each) for each in found]


def _scan(reading: Reading) -> tuple[list[tuple[str, str]], list[str]]:
    """What raw HTML does (what is wrong, a text to find its line by), and the boxes' types."""
    found, kinds = [], []
    for tag, attrs in reading.tags:
        if tag in FORBIDDEN:
            found.append((f"{'an' if tag[0] in 'aeio' else 'a'} <{tag}> element", f"<{tag}"))
        for name, value in attrs:
            # A URL's scheme as a browser reads it: case, white space and control characters aside.
            url = "".join(character for character in value or "" if character > " ").lower()
            scheme, words = url.split(":", 1)[0] if ":" in url else "", (value or "").split()
            unsafe = scheme in ("javascript", "vbscript", "data") and (tag, name) != ("img", "src")
            if name.startswith("on"):
                found.append((f"an event handler ({name}=) on <{tag}>", name))
            elif name in ("ping", "style", "hidden"):
                found.append((f"a {name} attribute on <{tag}>", name))
            elif name in URL_ATTRIBUTES and unsafe:
                found.append((f"a {scheme}: address in {name}= on <{tag}>", f"{scheme}:"))
            elif name == "class" and tag == "div" and "admonition" in words:
                kinds.append(next((word for word in words if word != "admonition"), "note"))
    return found, kinds


def _line(source: str, needle: str) -> int | None:
    needle, lines = needle.casefold().strip(), enumerate(source.casefold().splitlines(), start=1)
    return next((number for number, line in lines if needle and needle in line), None)
