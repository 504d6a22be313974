"""The sources (hooks/references.yml) and glossary (includes/glossary.md) as Markdown, and the
citation map (hooks/citations.yml): which words each footnote supports, and why, in one file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from sitebuild.check import outline
from sitebuild.check.manifest import yaml_entries
from sitebuild.check.outline import footnote_uses, plain_text
from sitebuild.check.page_text import SEARCH_EXCLUDE
from sitebuild.load.inputs import ROOT, load_data
from sitebuild.problems import Problem

REFERENCES_NAME, CITATIONS_NAME = "hooks/references.yml", "hooks/citations.yml"
GLOSSARY_NAME = "includes/glossary.md"
REFERENCE_FIELDS = ("authors", "title", "journal", "published", "doi", "finding")
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
GLOSSARY_ENTRY = re.compile(r"^\*\[(?P<term>[^\]\[*]+)\]:\s*(?P<meaning>[^\s].*?)\s*$")
# A page marks where its generated list goes with one of these lines.
REFERENCES_MARKER, GLOSSARY_MARKER = "<!-- references -->", "<!-- glossary -->"
# What may stand between a claim's last word and its footnote: closing punctuation only.
BETWEEN = re.compile(r"^[\s.,;:!?)\"'’”]*$")
NO_SOURCE = f"names no source in {REFERENCES_NAME}", f"use a key from {REFERENCES_NAME}"
NO_PAGE = ("names a page that does not exist", "use a page in docs/")


class Citation(NamedTuple):
    """One footnote use the map declares."""

    page: str
    key: str
    claim: str
    support: str
    where: str
    line: int | None  # of the entry in hooks/citations.yml


class Reference(NamedTuple):
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


def load_references(path: Path = ROOT / REFERENCES_NAME) -> tuple[dict[str, Reference], list]:
    return load_data(path, parse_references, {})


def parse_references(text: str) -> tuple[dict[str, Reference], list[Problem]]:
    """The sources by key, or the problems that keep the file from being used."""
    wrong, fix = "expected a mapping of source keys", "write `key:` entries with their fields"
    entries, problems = yaml_entries(text, REFERENCES_NAME, dict, wrong, fix)
    references = {}
    for key, fields, line in entries:
        values = {n: " ".join(str(fields.get(n)).split()) for n in REFERENCE_FIELDS}
        missing = [n for n, v in values.items() if not (v and isinstance(fields.get(n), str | int))]
        # `evidence`: (quote, where) pairs, all text, or none at all
        items = fields.get("evidence") if isinstance(fields.get("evidence"), list) else []
        pairs = [(e.get("quote"), e.get("where")) if isinstance(e, dict) else (0, 0) for e in items]
        texts = pairs and all(isinstance(t, str) and t.strip() for pair in pairs for t in pair)
        evidence = [(" ".join(q.split()), " ".join(w.split())) for q, w in pairs if texts]
        if missing:
            wrong = f"lacks {', '.join(missing)} (or is not text)"
            fix = "give every field, checked against the publisher's listing"
        elif not DOI.match(values["doi"]):
            wrong = f"{values['doi']!r} is not a DOI"
            fix = "write the DOI as 10.xxxx/…, without https://doi.org/"
        elif not texts:
            wrong = "lacks `evidence:` (a list of `quote:` and `where:`)"
            fix = "quote the source's own words behind the finding, and say where you read them"
        else:
            references[str(key)] = Reference(str(key), *values.values(), tuple(evidence), line or 0)
            continue
        problems.append(Problem(REFERENCES_NAME, f"source {key!r}", wrong, fix, line))
    return references, problems


def cited_keys(markdown: str) -> list[str]:
    """The footnote keys a page uses and does not define itself, in order of first use."""
    return list(dict.fromkeys(key for _, key, _ in footnote_uses(markdown)))


def check_citations(page: str, markdown: str, references: dict[str, Reference]) -> list[Problem]:
    """Every footnote a page uses names a known source, and the page defines none itself: a
    definition would replace the checked citation of its key, or add a source nobody checked."""
    fix = f"remove the definition: the build writes each footnote from {REFERENCES_NAME}"
    file, problems = f"docs/{page}", []
    for number, line in outline.content_lines(markdown):
        if key := outline.defined_key(line):
            replacing = ", replacing the checked source of that key" if key in references else ""
            wrong = "is defined in the page" + replacing
            problems.append(Problem(file, f"footnote [^{key}]", wrong, fix, number))
    first = {key: number for number, key, _ in reversed(footnote_uses(markdown))}  # its first use
    fix = f"use one of {', '.join(sorted(references))}, or add the checked source there"
    # With no readable sources, references.yml's own problem says why.
    unknown = [key for key in cited_keys(markdown) if key not in references] if references else []
    problems += [Problem(file, f"footnote [^{k}]", NO_SOURCE[0], fix, first[k]) for k in unknown]
    return problems


def with_source_footnotes(markdown: str, references: dict[str, Reference]) -> str:
    """The page with a footnote definition, citation and finding, for each source it cites."""
    cited = [references[key] for key in cited_keys(markdown) if key in references]
    notes = [f"[^{ref.key}]: {ref.citation()} What it found: {ref.finding}" for ref in cited]
    return markdown.rstrip("\n") + "\n\n" + "\n\n".join(notes) + "\n" if notes else markdown


def references_list(refs: dict[str, Reference]) -> str:
    """The References page's list, kept out of search: every title says "ketamine" or "pain", and
    a search of the article should land on the article."""
    entries = [f"1.  {r.citation()}\n\n    **What it found:** {r.finding}" for r in refs.values()]
    return f"<div markdown {SEARCH_EXCLUDE}>\n\n" + "\n\n".join(entries) + "\n\n</div>"


def load_glossary(path: Path = ROOT / GLOSSARY_NAME) -> tuple[dict[str, str], list[Problem]]:
    return load_data(path, parse_glossary, {})


def parse_glossary(text: str) -> tuple[dict[str, str], list[Problem]]:
    """Terms and meanings from `*[term]: meaning` lines; any other but a comment is a problem."""
    terms, problems = {}, []
    for number, line in enumerate(outline.without_comments(text).splitlines(), start=1):
        match = GLOSSARY_ENTRY.match(line := line.strip())
        if line and not match:
            wrong, fix = f"line {line[:40]!r} is not an entry", "write it as `*[term]: meaning`"
            problems.append(Problem(GLOSSARY_NAME, "glossary", wrong, fix, number))
        elif match and match["term"] in terms:
            twice = ("is defined twice", "keep one meaning", number)
            problems.append(Problem(GLOSSARY_NAME, f"term {match['term']!r}", *twice))
        elif match:
            terms[match["term"]] = match["meaning"]
    if not terms and not problems:
        fix = "write one `*[term]: meaning` line per term"
        problems.append(Problem(GLOSSARY_NAME, "glossary", "it defines no term", fix))
    return terms, problems


def glossary_list(glossary: dict[str, str]) -> str:
    """The Glossary page's entries, alphabetically, as a definition list of paragraphs."""
    entries = sorted(glossary.items(), key=lambda item: item[0].casefold())
    return "\n\n".join(f"**{term}**\n: {meaning}" for term, meaning in entries)


def parse_citations(text: str) -> tuple[list[Citation], list[Problem]]:
    """The map's entries, each with every field, or what is wrong with each of them."""
    wrong, fix = "expected a list of citations", "write one `- page: …` entry per footnote use"
    entries, problems = yaml_entries(text, CITATIONS_NAME, list, wrong, fix, 1)
    citations, fix = [], "give page, key, claim, support and where"
    for index, fields, line in entries:
        given = {n: v if isinstance(v := fields.get(n), str) else "" for n in Citation._fields[:-1]}
        if missing := [name for name, value in given.items() if not value.strip()]:
            lacks = f"lacks {', '.join(missing)}"
            problems.append(Problem(CITATIONS_NAME, f"entry {index}", lacks, fix, line))
        else:
            citations.append(Citation(*(" ".join(v.split()) for v in given.values()), line))
    return citations, problems


def follows(before: str, citation: Citation) -> bool:
    """Whether the text before a footnote ends with the claim, then punctuation or footnotes."""
    before, claim = plain_text(before), plain_text(citation.claim)
    at = before.rfind(claim)
    return at >= 0 and bool(BETWEEN.match(before[at + len(claim) :]))


def check_citation_map(sources: dict[str, str], citations: list[Citation], known: set) -> list:
    """Every footnote follows words the map declares; every declared claim is on its page, cited.
    (An unknown key on a page is check_citations' to report.)"""
    problems, used = [], set()
    for c in [c for c in citations if c.key not in known or c.page not in sources]:
        wrong = NO_SOURCE if c.key not in known else NO_PAGE
        problems.append(Problem(CITATIONS_NAME, f"{c.page} [^{c.key}]", *wrong, c.line, c.page))
    move = "move the footnote after words its source supports, or declare them there"
    move += " (page, key, claim, support, where)"
    for page, source in sources.items():
        for line, key, before in footnote_uses(source):
            cited = {c for c in citations if (c.page, c.key) == (page, key) and follows(before, c)}
            used |= cited
            if key in known and not cited:
                wrong = f"follows '…{plain_text(before)[-60:]}', words no entry in {CITATIONS_NAME}"
                wrong += " declares"
                problems.append(Problem(f"docs/{page}", f"footnote [^{key}]", wrong, move, line))
        text = plain_text("\n".join(ln for _, ln in outline.text_lines(source))).casefold()
        for c in [c for c in citations if c.page == page and c.key in known and c not in used]:
            wrong = f"no longer followed by [^{c.key}]"
            fix = f"put [^{c.key}] right after those words, or update the entry"
            if plain_text(c.claim).casefold() not in text:
                wrong, fix = "no longer on the page", "remove or update the entry to match the page"
            wrong = f"the claim '{c.claim}' is {wrong}"
            problems.append(Problem(CITATIONS_NAME, f"{page} [^{c.key}]", wrong, fix, c.line, page))
    return problems
