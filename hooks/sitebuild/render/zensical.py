"""mkdocs.yml as Zensical 0.0.73 reads it: it cannot read `!relative $config_dir` (the glossary
snippet's folder) and runs no hooks, so the site's extensions are listed by name (NAMES)."""

RELATIVE_BASE_PATH, PROJECT_BASE_PATH = "[!relative $config_dir]", '["."]'
LIST_START = "\nmarkdown_extensions:\n"
NAMES = tuple(f"sitebuild.render.{name}" for name in ("faq_headings", "footnotes", "page_markup"))


def zensical_config(mkdocs_yml: str) -> str:
    """mkdocs.yml as Zensical reads it; a ValueError saying what to update if it no longer fits."""
    for needed in (RELATIVE_BASE_PATH, LIST_START):
        if needed not in mkdocs_yml:
            update = "update hooks/sitebuild/render/zensical.py"
            raise ValueError(f"mkdocs.yml: no {needed.strip()!r} any more: {update}")
    text = mkdocs_yml.replace(RELATIVE_BASE_PATH, PROJECT_BASE_PATH)
    return text.replace(LIST_START, LIST_START + "".join(f"  - {name}\n" for name in NAMES), 1)
