"""Read the outline of a Markdown page: its headings and its admonitions.

Pure functions over text, with the line numbers a maintainer sees in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# As MkDocs reads it: spaces may follow the dashes.
FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(?:.*?\n)?(?:-{3}|\.{3})[ \t]*\n", re.S)
FENCE = re.compile(r"^\s*(```|~~~)")
ATX_HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+\{[^}]*\})?(?:\s+#+)?\s*$")
ADMONITION = re.compile(r'^(?P<marker>\?\?\?\+?|!!!)\s*(?P<kind>[\w-]+)[^"\n]*(?:"(?P<title>[^"]*)")?\s*$')
INLINE_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)


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

    @property
    def collapsible(self) -> bool:
        return self.marker.startswith("???")


def content_lines(source: str) -> list[tuple[int, str]]:
    """The page's lines with their numbers in the file, less front matter and code blocks."""
    match = FRONT_MATTER.match(source)
    offset = source.count("\n", 0, match.end()) if match else 0
    lines, in_fence = [], False
    for number, line in enumerate(source[match.end() if match else 0 :].splitlines(), start=offset + 1):
        if FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            lines.append((number, line))
    return lines


def read_headings(source: str) -> list[Heading]:
    """Every ATX heading, with the text of the part it opens."""
    lines = content_lines(source)
    found = [(index, ATX_HEADING.match(line)) for index, (_, line) in enumerate(lines)]
    found = [(index, match) for index, match in found if match]
    headings = []
    for position, (index, match) in enumerate(found):
        level = len(match.group(1))
        end = next((i for i, m in found[position + 1 :] if len(m.group(1)) <= level), len(lines))
        body = "\n".join(line for _, line in lines[index + 1 : end])
        headings.append(Heading(level, match.group(2).strip(), lines[index][0], body))
    return headings


def read_admonitions(source: str) -> list[Admonition]:
    """Every admonition (`!!!`, `???`, `???+`), with its indented body."""
    lines = content_lines(source)
    admonitions = []
    for index, (number, line) in enumerate(lines):
        match = ADMONITION.match(line)
        if not match:
            continue
        body = []
        for _, following in lines[index + 1 :]:
            if following.strip() and not following.startswith(("    ", "\t")):
                break
            body.append(following.strip())
        admonitions.append(Admonition(match["marker"], match["kind"], (match["title"] or "").strip(), number, "\n".join(body)))
    return admonitions


def plain_text(markdown: str) -> str:
    """Words as a reader sees them: no link targets, footnote marks, comments or emphasis."""
    text = HTML_COMMENT.sub(" ", markdown)
    text = FOOTNOTE_REF.sub("", text)
    text = INLINE_LINK.sub(r"\1", text)
    text = re.sub(r"[*_`]+", "", text)
    return " ".join(text.split())
