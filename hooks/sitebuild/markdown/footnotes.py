"""Python-Markdown extension: each page's footnotes from the checked sources, and the References and Glossary lists.

Every builder runs it: MkDocs and ProperDocs through hooks/mkdocs_pipeline.py,
which adds it to the Markdown extensions; Zensical, which runs no hooks,
from the .zensical.yml that `make build BUILDER=zensical` writes (with
hooks/ on PYTHONPATH).
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from sitebuild.sources.references import (
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
    def __init__(
        self, md: Markdown, references: dict[str, Reference], glossary: dict[str, str]
    ) -> None:
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
    """Footnotes and generated lists from the checked sources and the glossary.

    A MkDocs build hands over what its hook already read (sitebuild/project.py);
    another builder lists the extension by name, and it reads the files itself.
    """

    def __init__(
        self,
        references: dict[str, Reference] | None = None,
        glossary: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.references, self.glossary = references, glossary

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # Problems with these files are reported by the content checks, which run before any builder.
        references = self.references if self.references is not None else load_references()[0]
        glossary = self.glossary if self.glossary is not None else load_glossary()[0]
        # After the snippets extension (32) has appended the glossary's abbreviations.
        md.preprocessors.register(
            _SourceFootnotes(md, references, glossary), "source_footnotes", 31
        )


def makeExtension(**kwargs: Any) -> SourceFootnotesExtension:  # noqa: N802 (Python-Markdown's name)
    return SourceFootnotesExtension(**kwargs)
