"""One reading of a page's Markdown source for every check, with the renderer's own grammar, at
the line numbers a maintainer sees in the file."""

from __future__ import annotations

import re
from itertools import takewhile
from typing import NamedTuple

# As MkDocs splits it (mkdocs.utils.meta.YAML_RE), which the package may not import.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
FENCE = re.compile(r"^\s*(```|~~~)")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
ATX_HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+\{[^}]*\})?(?:\s+#+)?\s*$")
# pymdown-extensions' grammar: `!!! kind "title"` (admonition), `???[+] [kind] "title"` (details).
ADMONITION = re.compile(r'^(!!!|\?{3}\+?) ?([\w-]+)?(?: +[\w-]+)*?(?: +"(.*?)")? *$')
# A footnote reference, [^key]; with the colon after it, at the start of a line, its definition.
FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\](:?)")
INLINE_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
INDENTED = re.compile(r"(    |\t)|\s*$")  # a line of an admonition's body, or a blank one


class Heading(NamedTuple):
    level: int
    text: str
    line: int
    body: str  # everything up to the next heading of the same or a higher level


class Admonition(NamedTuple):
    marker: str  # "???" or "???+" collapse; "!!!" does not
    kind: str
    title: str
    line: int
    body: str
    end: int  # the line its indented body ends on

    @property
    def collapsible(self) -> bool:
        return self.marker.startswith("???")


def content_lines(source: str) -> list[tuple[int, str]]:
    """The lines that make the page a reader sees: no front matter, comments (blanked) or code."""
    start = match.end() if (match := FRONT_MATTER.match(source)) else 0
    lines, fenced = [], False
    body = without_comments(source[start:]).splitlines()
    for number, line in enumerate(body, start=source.count("\n", 0, start) + 1):
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            lines.append((number, line))
    return lines


def without_comments(text: str) -> str:
    """The text with each HTML comment blanked, its lines kept so that line numbers stay true."""
    return HTML_COMMENT.sub(lambda comment: "\n" * comment[0].count("\n"), text)


def text_lines(source: str) -> list[tuple[int, str]]:
    """The content lines less footnote definitions: the page's own text."""
    return [(number, line) for number, line in content_lines(source) if not defined_key(line)]


def defined_key(line: str) -> str | None:
    """The key a line defines a footnote for ([^key]: …), which pages leave to the build."""
    return match[1] if (match := FOOTNOTE.match(line)) and match[2] else None


def footnote_uses(source: str) -> list[tuple[int, str, str]]:
    """(line, key, the text before it on its line) for each footnote reference on a page."""
    marks = [(n, line, use) for n, line in text_lines(source) for use in FOOTNOTE.finditer(line)]
    return [(number, use[1], line[: use.start()]) for number, line, use in marks if not use[2]]


def read_headings(source: str) -> list[Heading]:
    """Every ATX heading, with the text of the part it opens."""
    lines = content_lines(source)
    found = [(i, m) for i, (_, line) in enumerate(lines) if (m := ATX_HEADING.match(line))]
    headings = []
    for k, (i, m) in enumerate(found):
        end = next((j for j, n in found[k + 1 :] if len(n[1]) <= len(m[1])), len(lines))
        body = "\n".join(line for _, line in lines[i + 1 : end])
        headings.append(Heading(len(m[1]), m[2].strip(), lines[i][0], body))
    return headings


def read_admonitions(source: str) -> list[Admonition]:
    """Every admonition (`!!!`, `???`, `???+`) the renderer makes, with its indented body."""
    lines, found = content_lines(source), []
    for index, (number, line) in enumerate(lines):
        marker, kind, title = m.groups() if (m := ADMONITION.match(line)) else ("", None, None)
        if kind or marker and marker != "!!!" and title is not None:
            body = list(takewhile(lambda at: INDENTED.match(at[1]), lines[index + 1 :]))
            text = "\n".join(line.strip() for _, line in body)
            end = body[-1][0] if body else number
            found.append(Admonition(marker, kind or "", (title or "").strip(), number, text, end))
    return found


def plain_text(markdown: str) -> str:
    """Words as a reader sees them: no link targets, footnote marks, comments or emphasis."""
    text = FOOTNOTE.sub(r"\2", HTML_COMMENT.sub(" ", markdown))
    return " ".join(re.sub(r"[*_`]+", "", INLINE_LINK.sub(r"\1", text)).split())
