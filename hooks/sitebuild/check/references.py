"""The cited sources (hooks/references.yml) and the glossary (includes/glossary.md) as Markdown."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sitebuild.check.manifest import load_data, yaml_entries
from sitebuild.check.outline import content_lines, defined_key, footnote_uses, without_comments
from sitebuild.load.inputs import ROOT
from sitebuild.problems import Problem

REFERENCES_NAME = "hooks/references.yml"
REFERENCES_PATH = ROOT / REFERENCES_NAME
GLOSSARY_NAME = "includes/glossary.md"
GLOSSARY_PATH = ROOT / GLOSSARY_NAME
REFERENCE_FIELDS = ("authors", "title", "journal", "published", "doi", "finding")
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
GLOSSARY_ENTRY = re.compile(r"^\*\[(?P<term>[^\]\[*]+)\]:\s*(?P<meaning>[^\s].*?)\s*$")
# A page marks where its generated list goes with one of these lines.
REFERENCES_MARKER = "<!-- references -->"
GLOSSARY_MARKER = "<!-- glossary -->"


@dataclass(frozen=True)
class Reference:
    key: str
    authors: str
    title: str
    journal: str
    published: str
    doi: str
    finding: str
    # Where the finding was read: (the source's own words, where they stand), checked by the build.
    evidence: tuple[tuple[str, str], ...] = ()
    line: int = 0

    def citation(self) -> str:
        """Authors. Title. Journal. Year;volume(issue):pages. DOI link."""
        # "…, et al." already ends with its full stop; so may a title.
        authors, title = self.authors.rstrip("."), self.title.rstrip(".")
        link = f"[doi:{self.doi}](https://doi.org/{self.doi})"
        return f"{authors}. {title}. *{self.journal}*. {self.published}. {link}"


def load_references(path: Path = REFERENCES_PATH) -> tuple[dict[str, Reference], list[Problem]]:
    """The sources, or the problem that keeps the file from being read."""
    return load_data(path, parse_references, {})


def parse_references(text: str) -> tuple[dict[str, Reference], list[Problem]]:
    """The sources by key, or the problems that keep the file from being used."""
    wrong, fix = "expected a mapping of source keys", "write `key:` entries with their fields"
    entries, problems = yaml_entries(text, REFERENCES_NAME, dict, wrong, fix)
    references = {}
    for key, fields, line in entries:
        values = {name: " ".join(str(fields.get(name)).split()) for name in REFERENCE_FIELDS}
        if wrong := _reference_problem(fields, values):
            problems.append(Problem(REFERENCES_NAME, f"source {key!r}", *wrong, line))
        else:
            evidence = _evidence(fields["evidence"])
            references[str(key)] = Reference(str(key), **values, evidence=evidence, line=line or 0)
    return references, problems


def _reference_problem(fields: dict, values: dict[str, str]) -> tuple[str, str] | None:
    given = [name for name in REFERENCE_FIELDS if isinstance(fields.get(name), str | int)]
    if missing := [name for name in REFERENCE_FIELDS if name not in given or not values[name]]:
        fix = "give every field, checked against the publisher's listing"
        return f"lacks {', '.join(missing)} (or is not text)", fix
    if not DOI.match(values["doi"]):
        fix = "write the DOI as 10.xxxx/…, without https://doi.org/"
        return f"{values['doi']!r} is not a DOI", fix
    if not _evidence(fields.get("evidence")):
        fix = "quote the source's own words behind the finding, and say where you read them"
        return "lacks `evidence:` (a list of `quote:` and `where:`)", fix
    return None


def _evidence(value: object) -> tuple[tuple[str, str], ...]:
    """The (quote, where) pairs of a source's `evidence:`, or () when any is missing or not text."""
    entries = [e if isinstance(e, dict) else {} for e in value] if isinstance(value, list) else []
    pairs = [(entry.get("quote"), entry.get("where")) for entry in entries]
    if not pairs or not all(isinstance(t, str) and t.strip() for pair in pairs for t in pair):
        return ()
    return tuple((" ".join(quote.split()), " ".join(where.split())) for quote, where in pairs)


def cited_keys(markdown: str) -> list[str]:
    """The footnote keys a page uses and does not define itself, in order of first use."""
    return list(dict.fromkeys(key for _, key, _ in footnote_uses(markdown)))


def check_citations(page: str, markdown: str, references: dict[str, Reference]) -> list[Problem]:
    """Every footnote a page uses names a known source, and the page defines none itself: a
    definition would replace the checked citation of its key, or add a source nobody checked."""
    fix = "remove the definition: the build writes each footnote from hooks/references.yml"
    problems = []
    for number, line in content_lines(markdown):
        if key := defined_key(line):
            replacing = ", replacing the checked source of that key" if key in references else ""
            wrong = "is defined in the page" + replacing
            problems.append(Problem(f"docs/{page}", f"footnote [^{key}]", wrong, fix, number))
    first = {key: number for number, key, _ in reversed(footnote_uses(markdown))}  # its first use
    fix = f"use one of {', '.join(sorted(references))}, or add the checked source there"
    # With no readable sources, references.yml's own problem says why.
    unknown = [key for key in cited_keys(markdown) if key not in references] if references else []
    wrong = "names no source in hooks/references.yml"
    problems += [Problem(f"docs/{page}", f"footnote [^{k}]", wrong, fix, first[k]) for k in unknown]
    return problems


def with_source_footnotes(markdown: str, references: dict[str, Reference]) -> str:
    """The page with a footnote definition, citation and finding, for each source it cites."""
    cited = [references[key] for key in cited_keys(markdown) if key in references]
    notes = [f"[^{ref.key}]: {ref.citation()} What it found: {ref.finding}" for ref in cited]
    return markdown.rstrip("\n") + "\n\n" + "\n\n".join(notes) + "\n" if notes else markdown


def references_list(references: dict[str, Reference]) -> str:
    """The References page's list, kept out of search: every title says "ketamine" or "pain", and
    a search of the article should land on the article."""
    found = [f"{r.citation()}\n\n    **What it found:** {r.finding}" for r in references.values()]
    entries = [f"1.  {entry}" for entry in found]
    return "<div markdown data-search-exclude>\n\n" + "\n\n".join(entries) + "\n\n</div>"


def load_glossary(path: Path = GLOSSARY_PATH) -> tuple[dict[str, str], list[Problem]]:
    """The glossary's terms and meanings: every page appends it (pymdownx.snippets)."""
    return load_data(path, parse_glossary, {})


def parse_glossary(text: str) -> tuple[dict[str, str], list[Problem]]:
    """Terms and meanings from `*[term]: meaning` lines; any other but a comment is a problem."""
    terms: dict[str, str] = {}
    problems = []
    for number, line in enumerate(without_comments(text).splitlines(), start=1):
        if not (line := line.strip()):
            continue
        match = GLOSSARY_ENTRY.match(line)
        if not match:
            wrong, fix = f"line {line[:40]!r} is not an entry", "write it as `*[term]: meaning`"
            problems.append(Problem(GLOSSARY_NAME, "glossary", wrong, fix, number))
        elif match["term"] in terms:
            twice = ("is defined twice", "keep one meaning", number)
            problems.append(Problem(GLOSSARY_NAME, f"term {match['term']!r}", *twice))
        else:
            terms[match["term"]] = match["meaning"]
    if not terms and not problems:
        fix = "write one `*[term]: meaning` line per term"
        problems.append(Problem(GLOSSARY_NAME, "glossary", "it defines no term", fix))
    return terms, problems


def glossary_list(glossary: dict[str, str]) -> str:
    """The Glossary page's entries, alphabetically, as a definition list of paragraphs."""
    entries = sorted(glossary.items(), key=lambda item: item[0].casefold())
    return "\n\n".join(f"**{term}**\n: {meaning}" for term, meaning in entries)
