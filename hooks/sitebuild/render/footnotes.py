"""Each page's footnotes from the checked sources, and the References and Glossary lists."""

from __future__ import annotations

from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from sitebuild.check import references as sources


class _SourceFootnotes(Preprocessor):
    def __init__(self, md: Markdown, references: dict, glossary: dict[str, str]) -> None:
        super().__init__(md)
        self.references, self.glossary = references, glossary

    def run(self, lines: list[str]) -> list[str]:
        markdown = sources.with_source_footnotes("\n".join(lines), self.references)
        references = sources.references_list(self.references)
        markdown = markdown.replace(sources.REFERENCES_MARKER, references)
        glossary = sources.glossary_list(self.glossary)
        return markdown.replace(sources.GLOSSARY_MARKER, glossary).split("\n")


class SourceFootnotesExtension(Extension):
    """Given what a MkDocs build has read; listed by name, it reads the files itself."""

    def __init__(self, references: dict | None = None, glossary: dict | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.references, self.glossary = references, glossary

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # The content checks, which run before any builder, report problems with these files.
        references = sources.load_references()[0] if self.references is None else self.references
        glossary = sources.load_glossary()[0] if self.glossary is None else self.glossary
        # After the snippets extension (32) has appended the glossary's abbreviations.
        preprocessor = _SourceFootnotes(md, references, glossary)
        md.preprocessors.register(preprocessor, "source_footnotes", 31)


def makeExtension(**kwargs: Any) -> SourceFootnotesExtension:  # noqa: N802 (Python-Markdown's name)
    return SourceFootnotesExtension(**kwargs)
