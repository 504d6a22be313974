"""The cited sources (hooks/references.yml) and the glossary (includes/glossary.md) as Markdown.

Pure functions: text in, Markdown or Problems out, so the tests call them
without a build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from content_manifest import SAFE_YAML, Problem
from markdown_outline import content_lines

ROOT = Path(__file__).resolve().parent.parent
REFERENCES_PATH = ROOT / "hooks" / "references.yml"
REFERENCES_NAME = "hooks/references.yml"
GLOSSARY_PATH = ROOT / "includes" / "glossary.md"
REFERENCE_FIELDS = ("authors", "title", "journal", "published", "doi", "finding")
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
FOOTNOTE_USE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
FOOTNOTE_DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:", re.M)
GLOSSARY_ENTRY = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<meaning>.+?)\s*$", re.M)
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

    @property
    def url(self) -> str:
        return f"https://doi.org/{self.doi}"

    def citation(self) -> str:
        """Authors. Title. Journal. Year;volume(issue):pages. DOI link."""
        title = self.title.rstrip(".")
        return f"{self.authors}. {title}. *{self.journal}*. {self.published}. [doi:{self.doi}]({self.url})"


def load_references(path: Path = REFERENCES_PATH) -> tuple[dict[str, Reference], list[Problem]]:
    return parse_references(path.read_text(encoding="utf-8"))


def parse_references(text: str) -> tuple[dict[str, Reference], list[Problem]]:
    """The sources by key, or the problems that keep the file from being used."""
    try:
        data = yaml.load(text, Loader=SAFE_YAML)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        return {}, [Problem(REFERENCES_NAME, "YAML", f"the file does not parse ({getattr(error, 'problem', error)})", "correct the YAML syntax", line)]
    if not isinstance(data, dict):
        return {}, [Problem(REFERENCES_NAME, "top level", "expected a mapping of source keys", "write `key:` entries with their fields")]
    references, problems = {}, []
    for key, entry in data.items():
        fields = entry if isinstance(entry, dict) else {}
        missing = [name for name in REFERENCE_FIELDS if not str(fields.get(name) or "").strip()]
        if missing:
            problems.append(
                Problem(REFERENCES_NAME, f"source {key!r}", f"lacks {', '.join(missing)}", "give every field, checked against the publisher's listing")
            )
            continue
        values = {name: " ".join(str(fields[name]).split()) for name in REFERENCE_FIELDS}
        if not DOI.match(values["doi"]):
            problems.append(
                Problem(REFERENCES_NAME, f"source {key!r}", f"{values['doi']!r} is not a DOI", "write the DOI as 10.xxxx/…, without https://doi.org/")
            )
            continue
        references[str(key)] = Reference(str(key), **values)
    return references, problems


def cited_keys(markdown: str) -> list[str]:
    """The footnote keys a page uses and does not define itself, in order of first use."""
    text = "\n".join(line for _, line in content_lines(markdown))
    defined = set(FOOTNOTE_DEFINITION.findall(text))
    return list(dict.fromkeys(key for key in FOOTNOTE_USE.findall(text) if key not in defined))


def check_citations(page: str, markdown: str, references: dict[str, Reference]) -> list[Problem]:
    """Every footnote a page uses is defined on it or names a known source."""
    lines = content_lines(markdown)
    problems = []
    for key in cited_keys(markdown):
        if key not in references:
            line = next((number for number, text in lines if f"[^{key}]" in text), None)
            known = ", ".join(sorted(references))
            problems.append(
                Problem(
                    f"docs/{page}",
                    f"footnote [^{key}]",
                    "names no source in hooks/references.yml",
                    f"use one of {known}, or add the checked source there",
                    line,
                )
            )
    return problems


def with_source_footnotes(markdown: str, references: dict[str, Reference]) -> str:
    """The page with a footnote definition, citation and finding, for each source it cites."""
    definitions = [f"[^{key}]: {references[key].citation()} What it found: {references[key].finding}" for key in cited_keys(markdown) if key in references]
    return markdown.rstrip("\n") + "\n\n" + "\n\n".join(definitions) + "\n" if definitions else markdown


def references_list(references: dict[str, Reference]) -> str:
    """The References page's list: one numbered entry per source, with what it found.

    Kept out of search: every title says "ketamine" or "pain", and readers
    searching the article should land on the article, not on its sources.
    """
    entries = [f"1.  {ref.citation()}\n\n    **What it found:** {ref.finding}" for ref in references.values()]
    return "<div markdown data-search-exclude>\n\n" + "\n\n".join(entries) + "\n\n</div>"


def check_glossary(path: Path = GLOSSARY_PATH) -> list[Problem]:
    """The glossary exists and defines terms: every page appends it (pymdownx.snippets)."""
    name = "includes/glossary.md"
    if not path.is_file():
        return [Problem(name, "glossary", "the file is missing", f"restore it (git checkout -- {name}); every page appends it")]
    if not read_glossary(path.read_text(encoding="utf-8")):
        return [Problem(name, "glossary", "it defines no term", "write one `*[term]: meaning` line per term")]
    return []


def read_glossary(text: str) -> dict[str, str]:
    """Terms and meanings from `*[term]: meaning` lines."""
    return {match["term"]: match["meaning"] for match in GLOSSARY_ENTRY.finditer(text)}


def glossary_list(glossary: dict[str, str]) -> str:
    """The Glossary page's entries, alphabetically, as a definition list of paragraphs."""
    entries = sorted(glossary.items(), key=lambda item: item[0].casefold())
    return "\n\n".join(f"**{term}**\n: {meaning}" for term, meaning in entries)


def fill_marker(markdown: str, marker: str, content: str) -> str:
    """Put generated Markdown where the page has its marker line."""
    return markdown.replace(marker, content)
