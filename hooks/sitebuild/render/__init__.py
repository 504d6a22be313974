"""The site's Python-Markdown extensions, made while each page is rendered, by every builder.

MkDocs cannot import them by name from mkdocs.yml (hooks/ is not on sys.path then), so its hook
adds them with what it has read; Zensical lists them by name (NAMES) and they read the files.
"""

from __future__ import annotations

from typing import Any

from sitebuild.render.faq_headings import FaqHeadingsExtension
from sitebuild.render.footnotes import SourceFootnotesExtension
from sitebuild.render.page_markup import PageMarkupExtension

NAMES = tuple(f"sitebuild.render.{name}" for name in ("faq_headings", "footnotes", "page_markup"))
KINDS = (FaqHeadingsExtension, SourceFootnotesExtension, PageMarkupExtension)


def with_site_extensions(extensions: list[Any], references: dict, glossary: dict) -> list[Any]:
    """The configured extensions, then the site's own (any earlier copy of them replaced)."""
    others = [extension for extension in extensions if not isinstance(extension, KINDS)]
    ours = [FaqHeadingsExtension(), SourceFootnotesExtension(references, glossary)]
    return [*others, *ours, PageMarkupExtension()]
