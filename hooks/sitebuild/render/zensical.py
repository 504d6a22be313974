"""The configuration Zensical builds from: mkdocs.yml as it can read it, with the site's extensions.

Zensical 0.0.73 cannot read `!relative $config_dir` (the glossary snippet's
folder) and runs no hooks; it does run `markdown_extensions`, so the site's own
extensions, which the hook adds to a MkDocs build, are listed here instead
(sitebuild/render/, which make installs with the package).
"""

from __future__ import annotations

from sitebuild.render import NAMES

RELATIVE_BASE_PATH, PROJECT_BASE_PATH = "[!relative $config_dir]", '["."]'
LIST_START = "\nmarkdown_extensions:\n"


def zensical_config(mkdocs_yml: str) -> str:
    """mkdocs.yml as Zensical reads it; a ValueError saying what to update if it no longer fits."""
    for needed in (RELATIVE_BASE_PATH, LIST_START):
        if needed not in mkdocs_yml:
            update = "update hooks/sitebuild/render/zensical.py"
            raise ValueError(f"mkdocs.yml: no {needed.strip()!r} any more: {update}")
    text = mkdocs_yml.replace(RELATIVE_BASE_PATH, PROJECT_BASE_PATH)
    return text.replace(LIST_START, LIST_START + "".join(f"  - {name}\n" for name in NAMES), 1)
