"""The citation map (hooks/citations.yml): which words on a page each footnote supports, and why.

A footnote tells a reader that the words just before it are backed by the
source. The map declares, for every footnote on the site, those words and what
in the source supports them, so one file lets a reviewer audit every citation.
A marker after undeclared words, or a declared claim that lost its words or its
marker, fails the build.

Pure functions: text in, Problems out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import sitebuild.strict_yaml as strict_yaml
from sitebuild.check.outline import FRONT_MATTER, HTML_COMMENT
from sitebuild.inputs import ROOT, read_text
from sitebuild.problems import Problem

CITATIONS_PATH = ROOT / "hooks" / "citations.yml"
CITATIONS_NAME = "hooks/citations.yml"
ENTRY_FIELDS = ("page", "key", "claim", "support", "where")
MARKER = re.compile(r"\[\^([^\]\s]+)\](?!:)")
DEFINITION = re.compile(r"^\[\^[^\]\s]+\]:.*$", re.M)
# What may stand between a claim's last word and its marker: closing punctuation only.
BETWEEN = re.compile(r"^[\s.,;:!?)\"'’”]*$")
QUOTE_LENGTH = 60


@dataclass(frozen=True)
class Citation:
    page: str
    key: str
    claim: str
    support: str
    where: str
    line: int | None  # of the entry in citations.yml


def load_citations(path: Path = CITATIONS_PATH) -> tuple[list[Citation], list[Problem]]:
    """The map, or the problem that keeps it from being read (a missing file is a problem, not a crash)."""
    text, problems = read_text(path)
    return ([], problems) if text is None else parse_citations(text)


def parse_citations(text: str) -> tuple[list[Citation], list[Problem]]:
    data, problems = strict_yaml.load(text, CITATIONS_NAME, fix="correct the YAML syntax")
    if problems:
        return [], problems
    if not isinstance(data, list):
        return [], [Problem(CITATIONS_NAME, "top level", "expected a list of citations", "write one `- page: …` entry per footnote use", 1)]
    lines = [getattr(entry, "line", None) for entry in data]
    citations, problems = [], []
    for index, (entry, line) in enumerate(zip(data, lines, strict=False)):
        fields = entry if isinstance(entry, dict) else {}
        missing = [name for name in ENTRY_FIELDS if not isinstance(fields.get(name), str) or not fields[name].strip()]
        if missing:
            problems.append(Problem(CITATIONS_NAME, f"entry {index + 1}", f"lacks {', '.join(missing)}", "give page, key, claim, support and where", line))
            continue
        values = {name: " ".join(str(fields[name]).split()) for name in ENTRY_FIELDS}
        citations.append(Citation(**values, line=line))
    return citations, problems


def marker_uses(source: str) -> list[tuple[int, str, str]]:
    """(line, key, the words before the marker on its line) for each footnote marker on a page."""
    match = FRONT_MATTER.match(source)
    offset = source.count("\n", 0, match.end()) if match else 0
    body = DEFINITION.sub("", HTML_COMMENT.sub(lambda m: "\n" * m[0].count("\n"), source[match.end() if match else 0 :]))
    uses = []
    for number, line in enumerate(body.splitlines(), start=offset + 1):
        for marker in MARKER.finditer(line):
            uses.append((number, marker[1], line[: marker.start()]))
    return uses


def words(text: str) -> str:
    """Words as compared: no emphasis or link targets, one space between words."""
    text = re.sub(r"\[([^\]^][^\]]*)\]\([^)]*\)", r"\1", text)
    return " ".join(re.sub(r"[*_`]+", "", text).split())


def follows(before: str, claim: str) -> bool:
    """Whether the text before a marker ends with the claim (and only punctuation or other markers after it)."""
    before, claim = words(MARKER.sub("", before)), words(claim)
    at = before.rfind(claim)
    return at >= 0 and bool(BETWEEN.match(before[at + len(claim) :]))


def check_citation_map(sources: dict[str, str], citations: list[Citation], known_keys: set[str]) -> list[Problem]:
    """Every footnote follows words the map declares; every declared claim is still on its page, with its marker."""
    problems = []
    for citation in citations:
        if citation.key not in known_keys:
            problems.append(
                Problem(
                    CITATIONS_NAME,
                    f"{citation.page} [^{citation.key}]",
                    "names no source in hooks/references.yml",
                    "use a key from hooks/references.yml",
                    citation.line,
                )
            )
        elif citation.page not in sources:
            problems.append(
                Problem(CITATIONS_NAME, f"{citation.page} [^{citation.key}]", "names a page that does not exist", "use a page in docs/", citation.line)
            )
    for page, source in sources.items():
        declared = [c for c in citations if c.page == page]
        uses = marker_uses(source)
        for line, key, before in uses:
            if key not in known_keys:
                continue  # sources.check_citations reports an unknown key on a page
            if not any(c.key == key and follows(before, c.claim) for c in declared):
                quote = words(MARKER.sub("", before))[-QUOTE_LENGTH:]
                problems.append(
                    Problem(
                        f"docs/{page}",
                        f"footnote [^{key}]",
                        f"follows '…{quote}', words no entry in {CITATIONS_NAME} declares",
                        "move the footnote after words its source supports, or declare them there (page, key, claim, support, where)",
                        line,
                    )
                )
        for citation in declared:
            if citation.key not in known_keys or any(key == citation.key and follows(before, citation.claim) for _, key, before in uses):
                continue
            gone = words(citation.claim).casefold() not in words(MARKER.sub("", DEFINITION.sub("", source))).casefold()
            problems.append(
                Problem(
                    CITATIONS_NAME,
                    f"{page} [^{citation.key}]",
                    f"the claim '{citation.claim}' is " + ("no longer on the page" if gone else f"no longer followed by [^{citation.key}]"),
                    "remove or update the entry to match the page" if gone else f"put [^{citation.key}] right after those words, or update the entry",
                    citation.line,
                )
            )
    return problems
