"""The site's Python-Markdown extensions, one a module, run by every builder. MkDocs cannot import
them from mkdocs.yml (hooks/ is not on sys.path then), so its hook adds them with what it has read;
Zensical lists them by name (zensical.py), and they read the files."""

from typing import Any

from sitebuild.render.faq_headings import FaqHeadingsExtension
from sitebuild.render.footnotes import SourceFootnotesExtension
from sitebuild.render.page_markup import PageMarkupExtension

KINDS = (FaqHeadingsExtension, SourceFootnotesExtension, PageMarkupExtension)


def with_site_extensions(extensions: list[Any], references: dict, glossary: dict) -> list[Any]:
    """The configured extensions, then the site's own (any earlier copy of them replaced)."""
    others = [extension for extension in extensions if not isinstance(extension, KINDS)]
    found = SourceFootnotesExtension(references, glossary)
    return [*others, FaqHeadingsExtension(), found, PageMarkupExtension()]
