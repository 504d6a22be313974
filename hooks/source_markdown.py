"""Python-Markdown extension: each page's footnotes from the checked sources, and the References and Glossary lists.

The same additions hooks/cite_sources.py makes in a MkDocs build, for a
builder that runs `markdown_extensions` but not `hooks:` (Zensical, from the
.zensical.yml that `make build BUILDER=zensical` writes, with hooks/ on
PYTHONPATH). The sources and the glossary are read once per extension, that
is once per build.
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
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


class _SourceFootnotes(Preprocessor):
    def __init__(self, md: Markdown, references: dict[str, Reference], glossary: dict[str, str]) -> None:
        super().__init__(md)
        self.references, self.glossary = references, glossary

    def run(self, lines: list[str]) -> list[str]:
        markdown = with_source_footnotes("\n".join(lines), self.references)
        if REFERENCES_MARKER in markdown:
            markdown = fill_marker(markdown, REFERENCES_MARKER, references_list(self.references))
        if GLOSSARY_MARKER in markdown:
            markdown = fill_marker(markdown, GLOSSARY_MARKER, glossary_list(self.glossary))
        return markdown.split("\n")


class SourceFootnotesExtension(Extension):
    """Footnotes and generated lists, as hooks/cite_sources.py writes them."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # Problems with these files are reported by `python -m sitebuild check`, which make build runs first.
        references, glossary = load_references()[0], load_glossary()[0]
        # After the snippets extension (32) has appended the glossary's abbreviations.
        md.preprocessors.register(_SourceFootnotes(md, references, glossary), "source_footnotes", 31)


def makeExtension(**kwargs: Any) -> SourceFootnotesExtension:  # noqa: N802 (Python-Markdown's name)
    return SourceFootnotesExtension(**kwargs)
