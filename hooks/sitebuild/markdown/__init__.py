"""Python-Markdown extensions: the site's additions made while each page is rendered, by every builder.

MkDocs cannot import them by name from mkdocs.yml (hooks/ is not on sys.path
while the config is checked), so hooks/mkdocs_pipeline.py adds them in
on_config, with the sources it has read; Zensical lists them by name in the
.zensical.yml that `python -m sitebuild zensical-config` writes (with hooks/
on PYTHONPATH), and they read the sources themselves.
"""

from __future__ import annotations

from typing import Any

from markdown.extensions import Extension

from sitebuild.markdown.faq_headings import FaqHeadingsExtension
from sitebuild.markdown.footnotes import SourceFootnotesExtension
from sitebuild.markdown.page_markup import PageMarkupExtension

# By name, for a builder that reads them from its configuration.
NAMES = (
    "sitebuild.markdown.faq_headings",
    "sitebuild.markdown.footnotes",
    "sitebuild.markdown.page_markup",
)
KINDS = (FaqHeadingsExtension, SourceFootnotesExtension, PageMarkupExtension)


def with_site_extensions(
    extensions: list[Any], references: dict, glossary: dict[str, str]
) -> list[Any]:
    """The configured extensions, then the site's own (any earlier copy of them replaced)."""
    others = [extension for extension in extensions if not isinstance(extension, KINDS)]
    ours: list[Extension] = [
        FaqHeadingsExtension(),
        SourceFootnotesExtension(references, glossary),
        PageMarkupExtension(),
    ]
    return [*others, *ours]
