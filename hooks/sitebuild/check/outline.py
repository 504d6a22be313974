"""One reading of a page's Markdown source for every check, with the renderer's own grammar.

Line numbers are those a maintainer sees in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import takewhile

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


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int
    body: str  # everything up to the next heading of the same or a higher level


@dataclass(frozen=True)
class Admonition:
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
    match = FRONT_MATTER.match(source)
    start = match.end() if match else 0
    body = without_comments(source[start:])
    lines, in_fence = [], False
    for number, line in enumerate(body.splitlines(), start=source.count("\n", 0, start) + 1):
        if FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
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
    lines = text_lines(source)
    marks = [(number, line, use) for number, line in lines for use in FOOTNOTE.finditer(line)]
    return [(number, use[1], line[: use.start()]) for number, line, use in marks if not use[2]]


def read_headings(source: str) -> list[Heading]:
    """Every ATX heading, with the text of the part it opens."""
    lines = content_lines(source)
    found = [(i, match) for i, (_, line) in enumerate(lines) if (match := ATX_HEADING.match(line))]
    headings = []
    for position, (index, match) in enumerate(found):
        end = next((i for i, m in found[position + 1 :] if len(m[1]) <= len(match[1])), len(lines))
        body = "\n".join(line for _, line in lines[index + 1 : end])
        headings.append(Heading(len(match[1]), match[2].strip(), lines[index][0], body))
    return headings


def read_admonitions(source: str) -> list[Admonition]:
    """Every admonition (`!!!`, `???`, `???+`) the renderer makes, with its indented body."""
    lines = content_lines(source)
    found = []
    for index, (number, line) in enumerate(lines):
        match = ADMONITION.match(line)
        marker, kind, title = match.groups() if match else ("", None, None)
        if kind or marker and marker != "!!!" and title is not None:
            body = list(takewhile(_indented, lines[index + 1 :]))
            text = "\n".join(line.strip() for _, line in body)
            end = body[-1][0] if body else number
            found.append(Admonition(marker, kind or "", (title or "").strip(), number, text, end))
    return found


def _indented(item: tuple[int, str]) -> bool:
    return not item[1].strip() or item[1].startswith(("    ", "\t"))


def plain_text(markdown: str) -> str:
    """Words as a reader sees them: no link targets, footnote marks, comments or emphasis."""
    text = FOOTNOTE.sub(r"\2", HTML_COMMENT.sub(" ", markdown))
    return " ".join(re.sub(r"[*_`]+", "", INLINE_LINK.sub(r"\1", text)).split())
