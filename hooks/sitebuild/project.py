"""Every file a maintainer can touch, read once per build into one object that every step of the build shares.

A file that is missing, empty, not UTF-8, a link out of the project or
malformed becomes a Problem here (inputs.py, strict_yaml.py); nothing is read
again later in the build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitebuild.check.key_point_words import Vocabulary, load_vocabulary
from sitebuild.check.manifest import Manifest, load_manifest
from sitebuild.check.manuscript import LEDGER_NAME, MANUSCRIPT_NAME, Edit, Unit, apply_edits, manuscript_units, parse_ledger
from sitebuild.check.site_words import SITE_WORDS_NAME, SiteWords, load_site_words
from sitebuild.finish.unused_styles import UNUSED_NAME, parse_unused
from sitebuild.inputs import check_page_size, read_text, special_file
from sitebuild.problems import Problem
from sitebuild.sources import references as sources
from sitebuild.sources.citation_map import CITATIONS_NAME, Citation, load_citations
from sitebuild.sources.references import GLOSSARY_NAME, REFERENCES_NAME, Reference


@dataclass
class Project:
    """What one build read: the pages, the data files, the manuscript with its edits made, and what was wrong with any of them."""

    root: Path
    pages: dict[str, str]  # Markdown by path under docs/
    unreadable: list[str]  # pages that could not be read (their problem is in `problems`)
    manifest: Manifest | None
    references: dict[str, Reference]
    glossary: dict[str, str]
    citations: list[Citation] | None  # None when hooks/citations.yml cannot be read
    vocabulary: Vocabulary | None
    site_words: SiteWords | None  # key points and editor's notes tied to their words
    unused_families: frozenset[str]
    units: list[Unit]  # the manuscript, edited, sentence by sentence
    edits: list[Edit]
    problems: list[Problem]
    broken: frozenset[str] = frozenset()  # data files with a problem: checks that need them stand aside
    rendered: dict[str, str] = field(default_factory=dict)  # each page's HTML, as Markdown rendered it
    raw: dict[str, str] = field(default_factory=dict)  # glossary and references text, by name
    settings_broken: bool = False  # mkdocs.yml changes the rendering: pages are not judged

    @property
    def cache(self) -> Path:
        """Where pure steps keep their results between builds (sitebuild/cache.py)."""
        return self.root / ".cache" / "build"


def read_project(root: Path, docs: Path) -> Project:
    """Read every input once; each problem is kept, none raised."""
    pages, unreadable, problems = read_pages(docs, root)
    manifest, manifest_problems = load_manifest(root / "hooks" / "manifest.yml")
    # Read here, once, and kept: the raw HTML check names these files and their lines.
    raw = {name: read_text(root / name, root=root) for name in (REFERENCES_NAME, GLOSSARY_NAME)}
    references, reference_problems = _parsed(raw[REFERENCES_NAME], sources.parse_references)
    glossary, glossary_problems = _parsed(raw[GLOSSARY_NAME], sources.parse_glossary)
    citations, citation_problems = load_citations(root / CITATIONS_NAME)
    vocabulary, vocabulary_problems = load_vocabulary(root / "hooks" / "key_point_words.yml")
    site_words, site_words_problems = load_site_words(root / SITE_WORDS_NAME)
    unused_text, unused_problems = read_text(root / UNUSED_NAME, root=root)
    unused_families, more = parse_unused(unused_text) if unused_text is not None else (frozenset(), [])
    units, edits, manuscript_problems = read_manuscript(root, manifest) if manifest else ([], [], [])
    found = {
        "manifest": manifest_problems,
        "references": reference_problems,
        "glossary": glossary_problems,
        "citations": citation_problems,
        "vocabulary": vocabulary_problems,
        "site words": site_words_problems,
        "unused styles": unused_problems + more,
        "manuscript": manuscript_problems,
    }
    return Project(
        root=root,
        pages=pages,
        unreadable=unreadable,
        manifest=manifest,
        references=references,
        glossary=glossary,
        citations=None if citation_problems else citations,
        vocabulary=vocabulary,
        site_words=site_words,
        unused_families=unused_families,
        units=units,
        edits=edits,
        problems=problems + [problem for found_here in found.values() for problem in found_here],
        broken=frozenset(name for name, found_here in found.items() if found_here),
        raw={name: text for name, (text, _) in raw.items() if text is not None},
    )


def _parsed(read: tuple[str | None, list[Problem]], parse: Any) -> tuple[Any, list[Problem]]:
    """A data file's parsed content, or the problem that kept it from being read."""
    text, problems = read
    return ({}, problems) if text is None else parse(text)


def read_pages(docs: Path, root: Path) -> tuple[dict[str, str], list[str], list[Problem]]:
    """Every Markdown page's text by its path under docs/, the pages that cannot be read, and why."""
    pages, unreadable, problems = {}, [], []
    for path in sorted(docs.rglob("*.md")):
        if special_file(path, root):
            continue  # no page: check_folders says what it is
        text, trouble = read_text(path, root=root)
        page = path.relative_to(docs).as_posix()
        problems += trouble
        if text is not None and not text.strip():
            problems.append(Problem(f"docs/{page}", "page", "is empty", f"restore it (git checkout -- docs/{page}), or remove it"))
            text = None
        if text is None:
            unreadable.append(page)
        else:
            problems += check_page_size(page, text)
            pages[page] = text
    return pages, unreadable, problems


def read_manuscript(root: Path, manifest: Manifest) -> tuple[list[Unit], list[Edit], list[Problem]]:
    """The manuscript with the ledger's edits made, as units with their pages."""
    manuscript, problems = read_text(root / MANUSCRIPT_NAME, root=root)
    ledger, more = read_text(root / LEDGER_NAME, root=root)
    if manuscript is None or ledger is None:
        return [], [], problems + more
    edits, problems = parse_ledger(ledger, manifest.pages)
    if problems:
        return [], edits, problems
    edited, problems = apply_edits(manuscript, edits)
    if problems:
        return [], edits, problems
    units, problems = manuscript_units(edited, manifest)
    return units, edits, problems
