"""Cite checked sources as footnotes, and fill the References and Glossary pages.

MkDocs glue: the work is done by the Markdown extension in source_markdown.py,
which every builder runs. A page cites a source with `[^key]`, the key of an
entry in hooks/references.yml; the extension appends the footnote's text (the
citation, its DOI link and what the source found). Unknown keys and a broken
references file are reported by guard_content.py before any page renders.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from sitebuild.markdown.footnotes import SourceFootnotesExtension
from sitebuild.sources.references import load_glossary, load_references


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Read the sources and the glossary once per build, for the extension that writes them into pages."""
    extensions = [extension for extension in config.markdown_extensions if not isinstance(extension, SourceFootnotesExtension)]
    config.markdown_extensions[:] = [*extensions, SourceFootnotesExtension(load_references()[0], load_glossary()[0])]
    return config
