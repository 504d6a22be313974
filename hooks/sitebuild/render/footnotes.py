"""Each page's footnotes from the checked sources, and the References and Glossary lists."""

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from sitebuild.check import references as sources


class SourceFootnotesExtension(Extension, Preprocessor):
    """Given what a MkDocs build has read; listed by name (Zensical), it reads the files itself."""

    def __init__(self, references: dict | None = None, glossary: dict | None = None, **kwargs):
        super().__init__(**kwargs)
        self.references, self.glossary = references, glossary

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # The content checks, which run before any builder, report problems with these files.
        self.checked = sources.load_references()[0] if self.references is None else self.references
        glossary = sources.load_glossary()[0] if self.glossary is None else self.glossary
        self.lists = {sources.REFERENCES_MARKER: sources.references_list(self.checked)}
        self.lists[sources.GLOSSARY_MARKER] = sources.glossary_list(glossary)
        # After the snippets extension (32) has appended the glossary's abbreviations.
        md.preprocessors.register(self, "source_footnotes", 31)

    def run(self, lines: list[str]) -> list[str]:
        markdown = sources.with_source_footnotes("\n".join(lines), self.checked)
        for marker, listed in self.lists.items():
            markdown = markdown.replace(marker, listed)
        return markdown.split("\n")


makeExtension = SourceFootnotesExtension  # noqa: N816 (Python-Markdown's name)
