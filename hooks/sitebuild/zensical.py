"""The configuration Zensical builds from: mkdocs.yml, in a form it can read, with the site's own Markdown extensions.

Zensical 0.0.73 cannot read `!relative $config_dir` (the glossary snippet's
folder) and runs no hooks; it does run `markdown_extensions`, so the two
extensions that the hooks add to a MkDocs build are listed here instead
(with hooks/ on PYTHONPATH): FAQ questions as headings, and footnotes and
lists from the checked sources.
"""

from __future__ import annotations

RELATIVE_BASE_PATH, PROJECT_BASE_PATH = "[!relative $config_dir]", '["."]'
EXTENSIONS = ("sitebuild.markdown.faq_headings", "sitebuild.markdown.footnotes", "sitebuild.markdown.page_markup")
LIST_START = "\nmarkdown_extensions:\n"


def zensical_config(mkdocs_yml: str) -> str:
    """mkdocs.yml as Zensical reads it; a mkdocs.yml this no longer fits is a ValueError saying what to update."""
    for needed in (RELATIVE_BASE_PATH, LIST_START):
        if needed not in mkdocs_yml:
            raise ValueError(f"mkdocs.yml: no {needed.strip()!r} any more: update hooks/sitebuild/zensical.py")
    text = mkdocs_yml.replace(RELATIVE_BASE_PATH, PROJECT_BASE_PATH)
    return text.replace(LIST_START, LIST_START + "".join(f"  - {name}\n" for name in EXTENSIONS), 1)
