"""Every file a maintainer can touch, read once per build into the one object all steps share.

A file that is missing, empty, not UTF-8, a link out or malformed is a Problem here (inputs.py,
strict_yaml.py); nothing is read again later, and a data file with a problem is named in `broken`.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitebuild.check import manuscript as text
from sitebuild.check import references as sources
from sitebuild.check.citation_map import CITATIONS_NAME, Citation, parse_citations
from sitebuild.check.key_point_words import WORDS_NAME, Vocabulary, parse_vocabulary
from sitebuild.check.manifest import MANIFEST_NAME, Manifest, parse_manifest
from sitebuild.check.site_words import SITE_WORDS_NAME, SiteWords, parse_site_words
from sitebuild.finish.unused_styles import UNUSED_NAME, parse_unused
from sitebuild.load.inputs import HERE, MAX_PAGE_BYTES, fault, read_text
from sitebuild.load.page import Page
from sitebuild.problems import Problem
from sitebuild.render import with_site_extensions

# Every data file a maintainer edits: the Project's field, its path, its parser (text in; its
# content and its problems out), and its value when it cannot be read: with None, any problem
# makes it None (its checks stand aside); otherwise what did parse is kept.
DATA_FILES = (
    ("manifest", MANIFEST_NAME, parse_manifest, None),
    ("references", sources.REFERENCES_NAME, sources.parse_references, {}),
    ("glossary", sources.GLOSSARY_NAME, sources.parse_glossary, {}),
    ("citations", CITATIONS_NAME, parse_citations, None),
    ("vocabulary", WORDS_NAME, parse_vocabulary, None),
    ("site_words", SITE_WORDS_NAME, parse_site_words, None),
    ("unused_families", UNUSED_NAME, parse_unused, frozenset()),
)


@dataclass
class Project:
    """What one build read, with the manuscript's edits made, and what was wrong with it."""

    root: Path
    pages: dict[str, Page]  # each page read and parsed once, by its path under docs/
    unreadable: list[str]  # pages that could not be read (their problem is in `problems`)
    problems: list[Problem]
    units: list[text.Unit]  # the manuscript, edited, sentence by sentence
    edits: list[text.Edit]
    broken: frozenset[str]  # the data files (DATA_FILES' fields, "manuscript") with a problem
    raw: dict[str, str]  # each data file's text, by its path: the raw HTML check names lines
    manifest: Manifest | None
    references: dict[str, sources.Reference]
    glossary: dict[str, str]
    citations: list[Citation] | None
    vocabulary: Vocabulary | None
    site_words: SiteWords | None  # key points and editor's notes tied to their words
    unused_families: frozenset[str]

    @property
    def sources(self) -> dict[str, str]:
        """Each page's Markdown, by its path under docs/."""
        return {page: record.source for page, record in self.pages.items()}

    @property
    def rendered(self) -> dict[str, Page]:
        """The pages Markdown has rendered (by the builder, or by render_here)."""
        return {page: record for page, record in self.pages.items() if record.html}


def read_for_build(config: Any) -> Project:
    """Date the build, read every input once, and add the site's Markdown extensions (mkdocs.yml
    cannot name them: hooks/ is not importable while MkDocs checks the config)."""
    root = Path(config.config_file_path).resolve().parent
    # MkDocs dates the sitemap (and its gzip header) by SOURCE_DATE_EPOCH, else by the clock.
    if "SOURCE_DATE_EPOCH" not in os.environ and (epoch := last_commit_time(root)):
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    found = read_project(root, Path(config.docs_dir))
    mine = with_site_extensions(config.markdown_extensions, found.references, found.glossary)
    config.markdown_extensions[:] = mine
    return found


def last_commit_time(root: Path) -> str | None:
    """The last commit's Unix time, so one commit builds the same bytes; outside git, None."""
    try:
        run = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True)
    except OSError:
        return None
    return run.stdout.decode().strip() or None


def read_project(root: Path, docs: Path) -> Project:
    """Read every input once; each problem is kept, none raised."""
    pages, unreadable, problems = read_pages(docs, root)
    data, raw, broken = {}, {}, set()
    for name, file, parse, empty in DATA_FILES:
        raw[file], trouble = read_text(root / file, root=root)
        value, more = parse(raw[file]) if raw[file] is not None else (empty, [])
        trouble += more
        data[name] = None if trouble and empty is None else value
        problems += trouble
        broken |= {name} if trouble else set()
    manifest = data["manifest"]
    units, edits, more = read_manuscript(root, manifest) if manifest else ([], [], [])
    broken |= {"manuscript"} if more else set()
    raw = {file: content for file, content in raw.items() if content}
    return Project(
        root, pages, unreadable, problems + more, units, edits, frozenset(broken), raw, **data
    )


def read_pages(docs: Path, root: Path) -> tuple[dict[str, Page], list[str], list[Problem]]:
    """Every Markdown page's text by its path under docs/, the pages that cannot be read, why."""
    pages, unreadable, problems = {}, [], []
    for path in sorted(docs.rglob("*.md")):
        if fault(path, root, "special"):
            continue  # no page: check_folders says what it is
        text, trouble = read_text(path, root=root)
        page, size = path.relative_to(docs).as_posix(), len((text or "").encode("utf-8"))
        if text is not None and not text.strip():
            fix = f"restore it (git checkout -- docs/{page}), or remove it"
            trouble, text = [Problem(f"docs/{page}", "page", "is empty", fix)], None
        elif size > MAX_PAGE_BYTES:
            said = f"is {size:,} bytes, over the limit of {MAX_PAGE_BYTES:,}"
            fix = "remove what was pasted in by mistake, or split the page"
            trouble = [Problem(f"docs/{page}", "page", said, f"{fix} (the limit is in {HERE})")]
        problems += trouble
        if text is None:
            unreadable.append(page)
        else:
            pages[page] = Page.read(page, text)
    return pages, unreadable, problems


def read_manuscript(root: Path, manifest: Manifest) -> tuple[list, list, list[Problem]]:
    """The manuscript with the ledger's edits made, as units with their pages."""
    manuscript, problems = read_text(root / text.MANUSCRIPT_NAME, root=root)
    ledger, more = read_text(root / text.LEDGER_NAME, root=root)
    if manuscript is None or ledger is None:
        return [], [], problems + more
    edits, problems = text.parse_ledger(ledger, manifest.pages)
    edited, problems = text.apply_edits(manuscript, edits) if not problems else (None, problems)
    units, problems = text.manuscript_units(edited, manifest) if not problems else ([], problems)
    return units, edits, problems
