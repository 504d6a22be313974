"""Cite checked sources as footnotes, and fill the References and Glossary pages.

MkDocs glue over sources.py. A page cites a source with `[^key]`, the key of
an entry in hooks/references.yml; this hook appends the footnote's text (the
citation, its DOI link and what the source found). Unknown keys and a broken
references file are reported by guard_content.py before any page renders.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from sources import (
    GLOSSARY_MARKER,
    REFERENCES_MARKER,
    Reference,
    fill_marker,
    glossary_list,
    load_glossary,
    load_references,
    references_list,
    with_source_footnotes,
)

# This build's sources and glossary, read in on_config: each `mkdocs serve` rebuild reads them again.
references: dict[str, Reference] = {}
glossary: dict[str, str] = {}


def on_config(config: MkDocsConfig) -> None:
    """Read the sources and the glossary once per build."""
    global references, glossary
    references = load_references()[0]
    glossary = load_glossary()[0]


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Append the footnotes a page cites; put the generated lists where a page asks for them."""
    markdown = with_source_footnotes(markdown, references)
    if REFERENCES_MARKER in markdown:
        markdown = fill_marker(markdown, REFERENCES_MARKER, references_list(references))
    if GLOSSARY_MARKER in markdown:
        markdown = fill_marker(markdown, GLOSSARY_MARKER, glossary_list(glossary))
    return markdown
