"""Every file a maintainer can touch, read once per build into the one object all steps share.

A file that is missing, empty, not UTF-8, a link out of the project or malformed becomes a
Problem here (inputs.py, strict_yaml.py); nothing is read again later in the build, and a
data file with a problem is named in `broken`, so the checks that need it stand aside.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sitebuild.check import manuscript as text
from sitebuild.check import references as sources
from sitebuild.check import site_words as own
from sitebuild.check.manifest import MANIFEST_NAME, Manifest, parse_manifest
from sitebuild.finish.assets import UNUSED_NAME, parse_unused
from sitebuild.load.inputs import check_page_size, read_text, special_file
from sitebuild.load.page import Page
from sitebuild.problems import Problem

# Every data file a maintainer edits: the name its checks know it by, its path, its parser (text
# in; its content, or None, and its problems out). A file with a problem is named in `broken`.
DATA_FILES = (
    ("manifest", MANIFEST_NAME, parse_manifest),
    ("references", sources.REFERENCES_NAME, sources.parse_references),
    ("glossary", sources.GLOSSARY_NAME, sources.parse_glossary),
    ("citations", sources.CITATIONS_NAME, sources.parse_citations),
    ("vocabulary", own.WORDS_NAME, own.parse_vocabulary),
    ("site words", own.SITE_WORDS_NAME, own.parse_site_words),
    ("unused styles", UNUSED_NAME, parse_unused),
)


@dataclass
class Project:
    """What one build read, with the manuscript's edits made, and what was wrong with it."""

    root: Path
    pages: dict[str, Page]  # each page read and parsed once, by its path under docs/
    unreadable: list[str]  # pages that could not be read (their problem is in `problems`)
    manifest: Manifest | None
    references: dict[str, sources.Reference]
    glossary: dict[str, str]
    citations: list[sources.Citation] | None  # None when hooks/citations.yml cannot be read
    vocabulary: own.Vocabulary | None
    site_words: own.SiteWords | None  # key points and editor's notes tied to their words
    unused_families: frozenset[str]
    units: list[text.Unit]  # the manuscript, edited, sentence by sentence
    edits: list[text.Edit]
    problems: list[Problem]
    broken: frozenset[str] = frozenset()  # data files with a problem
    raw: dict[str, str] = field(default_factory=dict)  # glossary and references text, by name

    @property
    def sources(self) -> dict[str, str]:
        """Each page's Markdown, by its path under docs/."""
        return {page: record.source for page, record in self.pages.items()}

    @property
    def rendered(self) -> dict[str, Page]:
        """The pages Markdown has rendered (by the builder, or by render_here)."""
        return {page: record for page, record in self.pages.items() if record.html}


def read_project(root: Path, docs: Path) -> Project:
    """Read every input once; each problem is kept, none raised."""
    pages, unreadable, problems = read_pages(docs, root)
    raw, data, found = {}, {}, {}
    for name, file, parse in DATA_FILES:
        raw[file], found[name] = read_text(root / file, root=root)
        data[name], more = parse(raw[file]) if raw[file] is not None else (None, [])
        found[name] += more
    manifest = data["manifest"]
    units, edits, found["manuscript"] = (
        read_manuscript(root, manifest) if manifest else ([], [], [])
    )
    return Project(
        root,
        pages,
        unreadable,
        manifest,
        references=data["references"] or {},
        glossary=data["glossary"] or {},
        citations=None if found["citations"] else data["citations"],
        vocabulary=data["vocabulary"],
        site_words=data["site words"],
        unused_families=data["unused styles"] or frozenset(),
        units=units,
        edits=edits,
        problems=problems + [problem for found_here in found.values() for problem in found_here],
        broken=frozenset(name for name, found_here in found.items() if found_here),
        # Kept as text too: the raw HTML check names these files and their lines.
        raw={
            file: raw[file]
            for file in (sources.REFERENCES_NAME, sources.GLOSSARY_NAME)
            if raw[file]
        },
    )


def read_pages(docs: Path, root: Path) -> tuple[dict[str, Page], list[str], list[Problem]]:
    """Every Markdown page's text by its path under docs/, the pages that cannot be read, why."""
    pages, unreadable, problems = {}, [], []
    for path in sorted(docs.rglob("*.md")):
        if special_file(path, root):
            continue  # no page: check_folders says what it is
        text, trouble = read_text(path, root=root)
        page = path.relative_to(docs).as_posix()
        if text is not None and not text.strip():
            fix = f"restore it (git checkout -- docs/{page}), or remove it"
            trouble, text = [Problem(f"docs/{page}", "page", "is empty", fix)], None
        problems += trouble if text is None else check_page_size(page, text)
        if text is None:
            unreadable.append(page)
        else:
            pages[page] = Page.read(page, text)
    return pages, unreadable, problems


def read_manuscript(
    root: Path, manifest: Manifest
) -> tuple[list[text.Unit], list[text.Edit], list[Problem]]:
    """The manuscript with the ledger's edits made, as units with their pages."""
    manuscript, problems = read_text(root / text.MANUSCRIPT_NAME, root=root)
    ledger, more = read_text(root / text.LEDGER_NAME, root=root)
    if manuscript is None or ledger is None:
        return [], [], problems + more
    edits, problems = text.parse_ledger(ledger, manifest.pages)
    edited, problems = text.apply_edits(manuscript, edits) if not problems else (None, problems)
    units, problems = text.manuscript_units(edited, manifest) if not problems else ([], problems)
    return units, edits, problems
