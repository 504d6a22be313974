"""The citation map (hooks/citations.yml): which words on a page each footnote supports, and why.

One file lets a reviewer audit every citation: a footnote after undeclared words, or a declared
claim that lost its words or its footnote, fails the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sitebuild.check.manifest import load_data, yaml_entries
from sitebuild.check.outline import footnote_uses, plain_text, text_lines
from sitebuild.load.inputs import ROOT
from sitebuild.problems import Problem

CITATIONS_NAME = "hooks/citations.yml"
CITATIONS_PATH = ROOT / CITATIONS_NAME
ENTRY_FIELDS = ("page", "key", "claim", "support", "where")
# What may stand between a claim's last word and its footnote: closing punctuation only.
BETWEEN = re.compile(r"^[\s.,;:!?)\"'’”]*$")
QUOTE_LENGTH = 60
NO_SOURCE = ("names no source in hooks/references.yml", "use a key from hooks/references.yml")
NO_PAGE = ("names a page that does not exist", "use a page in docs/")


@dataclass(frozen=True)
class Citation:
    page: str
    key: str
    claim: str
    support: str
    where: str
    line: int | None  # of the entry in citations.yml


def load_citations(path: Path = CITATIONS_PATH) -> tuple[list[Citation], list[Problem]]:
    """The map, or the problem that keeps it from being read."""
    return load_data(path, parse_citations, [])


def parse_citations(text: str) -> tuple[list[Citation], list[Problem]]:
    """The map's entries, each with every field, or what is wrong with each of them."""
    wrong, fix = "expected a list of citations", "write one `- page: …` entry per footnote use"
    entries, problems = yaml_entries(text, CITATIONS_NAME, list, wrong, fix, 1)
    citations = []
    for index, fields, line in entries:
        text = {name: fields.get(name) for name in ENTRY_FIELDS}
        text = {name: value if isinstance(value, str) else "" for name, value in text.items()}
        if missing := [name for name, value in text.items() if not value.strip()]:
            fix, lacks = "give page, key, claim, support and where", f"lacks {', '.join(missing)}"
            problems.append(Problem(CITATIONS_NAME, f"entry {index}", lacks, fix, line))
        else:
            values = {name: " ".join(value.split()) for name, value in text.items()}
            citations.append(Citation(**values, line=line))
    return citations, problems


def follows(before: str, claim: str) -> bool:
    """Whether the text before a footnote ends with the claim, then punctuation or footnotes."""
    before, claim = plain_text(before), plain_text(claim)
    at = before.rfind(claim)
    return at >= 0 and bool(BETWEEN.match(before[at + len(claim) :]))


def check_citation_map(sources: dict[str, str], citations: list[Citation], known_keys: set) -> list:
    """Every footnote follows words the map declares; every declared claim is on its page, cited."""
    problems = []
    for c in citations:
        wrong = NO_SOURCE if c.key not in known_keys else NO_PAGE if c.page not in sources else ()
        if wrong:
            problems.append(Problem(CITATIONS_NAME, f"{c.page} [^{c.key}]", *wrong, c.line, c.page))
    for page, source in sources.items():
        declared = [citation for citation in citations if citation.page == page]
        problems += _check_page(page, source, declared, known_keys)
    return problems


def _check_page(page: str, source: str, declared: list[Citation], known: set[str]) -> list:
    # An unknown key on a page is check_citations' to report.
    uses = [(line, key, before) for line, key, before in footnote_uses(source) if key in known]
    problems = []
    for line, key, before in uses:
        if not any(c.key == key and follows(before, c.claim) for c in declared):
            quote = plain_text(before)[-QUOTE_LENGTH:]
            wrong = f"follows '…{quote}', words no entry in {CITATIONS_NAME} declares"
            fix = "move the footnote after words its source supports, or declare them there"
            fix += " (page, key, claim, support, where)"
            problems.append(Problem(f"docs/{page}", f"footnote [^{key}]", wrong, fix, line))
    text = plain_text("\n".join(line for _, line in text_lines(source))).casefold()
    for c in declared:
        if c.key not in known or any(k == c.key and follows(b, c.claim) for _, k, b in uses):
            continue
        wrong = f"no longer followed by [^{c.key}]"
        fix = f"put [^{c.key}] right after those words, or update the entry"
        if plain_text(c.claim).casefold() not in text:
            wrong, fix = "no longer on the page", "remove or update the entry to match the page"
        wrong = f"the claim '{c.claim}' is {wrong}"
        problems.append(Problem(CITATIONS_NAME, f"{page} [^{c.key}]", wrong, fix, c.line, page))
    return problems
