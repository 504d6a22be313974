"""Every file a maintainer can touch, read once per build into the one object all steps share:
a file that is missing, empty, not UTF-8, a link out or malformed is a Problem here, and nothing
is read again later."""

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitebuild.check import manuscript as text
from sitebuild.check import references as sources
from sitebuild.check import site_words as own
from sitebuild.check.manifest import MANIFEST_NAME, Manifest, parse_manifest
from sitebuild.finish.assets import UNUSED_NAME, parse_unused
from sitebuild.load.inputs import HERE, MAX_PAGE_BYTES, fault, read_text
from sitebuild.load.page import Page
from sitebuild.problems import Problem
from sitebuild.render import with_site_extensions

# Every data file a maintainer edits: the Project's field, its path, its parser (text in; its
# content and its problems out), and what makes its value when it cannot be read: with None, any
# problem makes the value None (its checks stand aside); otherwise what did parse is kept.
DATA_FILES = (
    ("manifest", MANIFEST_NAME, parse_manifest, None),
    ("references", sources.REFERENCES_NAME, sources.parse_references, dict),
    ("glossary", sources.GLOSSARY_NAME, sources.parse_glossary, dict),
    ("citations", sources.CITATIONS_NAME, sources.parse_citations, None),
    ("vocabulary", own.WORDS_NAME, own.parse_vocabulary, None),
    ("site_words", own.SITE_WORDS_NAME, own.parse_site_words, None),
    ("unused_families", UNUSED_NAME, parse_unused, frozenset),
)


@dataclass
class Project:
    """What one build read, and what was wrong with it; read_project sets each data file's field
    (DATA_FILES)."""

    root: Path
    pages: dict[str, Page] = field(default_factory=dict)  # each page read once, by its docs path
    unreadable: list[str] = field(default_factory=list)  # the pages that could not be read
    problems: list[Problem] = field(default_factory=list)
    raw: dict[str, str] = field(default_factory=dict)  # each data file's text, by its path
    manifest: Manifest | None = None
    references: dict[str, sources.Reference] = field(default_factory=dict)
    glossary: dict[str, str] = field(default_factory=dict)
    citations: list[sources.Citation] | None = None
    vocabulary: own.Vocabulary | None = None
    site_words: own.SiteWords | None = None
    unused_families: frozenset[str] = frozenset()
    units: list[text.Unit] = field(default_factory=list)  # the edited manuscript, by sentence
    edits: list[text.Edit] = field(default_factory=list)  # the ledger's

    @property
    def sources(self) -> dict[str, str]:  # each page's Markdown, by its path under docs/
        return {page: record.source for page, record in self.pages.items()}

    @property
    def rendered(self) -> dict[str, Page]:  # by the builder, or by render_here
        return {page: record for page, record in self.pages.items() if record.html}


def read_for_build(config: Any) -> Project:
    """Date the build, read every input once, and add the site's Markdown extensions (mkdocs.yml
    cannot name them: hooks/ is not importable while MkDocs checks the config)."""
    # The folder holding mkdocs.yml, as MkDocs takes it: a link there is not followed out of it.
    root = Path(os.path.abspath(config.config_file_path)).parent
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
    read = Project(root)
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
        read.problems += trouble
        if text is None:
            read.unreadable.append(page)
        else:
            read.pages[page] = Page.read(page, text)
    for name, file, parse, empty in DATA_FILES:
        text, trouble = read_text(root / file, root=root)
        value, more = parse(text) if text is not None else (empty and empty(), [])
        trouble += more
        setattr(read, name, None if trouble and empty is None else value)
        read.problems += trouble
        read.raw |= {file: text} if text else {}
    found = read_manuscript(root, read.manifest) if read.manifest else ([], [], [])
    read.units, read.edits, more = found
    read.problems += more
    return read


def read_manuscript(root: Path, manifest: Manifest) -> tuple[list, list, list[Problem]]:
    """The manuscript with the ledger's edits made, as units with their pages."""
    manuscript, problems = read_text(root / text.MANUSCRIPT_NAME, root=root)
    if manuscript is not None and not manuscript.strip():  # else each edit "not in the manuscript"
        fix = f"restore it (git checkout -- {text.MANUSCRIPT_NAME})"
        manuscript, problems = None, [Problem(text.MANUSCRIPT_NAME, "file", "is empty", fix)]
    ledger, more = read_text(root / text.LEDGER_NAME, root=root)
    if manuscript is None or ledger is None:
        return [], [], problems + more
    edits, problems = text.parse_ledger(ledger, manifest.pages)
    edited, problems = text.apply_edits(manuscript, edits) if not problems else (None, problems)
    units, problems = text.manuscript_units(edited, manifest) if not problems else ([], problems)
    return units, edits, problems
