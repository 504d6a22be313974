"""Every repository path the maintainers' documents name exists, so no pointer goes stale.

Read: the Markdown documents at the top and beside the code (README.md, BUILDERS.md,
CONTRIBUTING.md, hooks/README.md, tests/README.md, bench/README.md), the comments of
pyproject.toml, and the header comments of the data files (hooks/*.yml, includes/glossary.md).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from site_support import ROOT

DOCUMENTS = [
    "README.md",
    "BUILDERS.md",
    "CONTRIBUTING.md",
    "hooks/README.md",
    "tests/README.md",
    "bench/README.md",
]
HEADERS = sorted(path.relative_to(ROOT).as_posix() for path in (ROOT / "hooks").glob("*.yml"))
HEADERS += ["includes/glossary.md"]
# A path: words joined by slashes (a folder may end with one), or a file name whose type the
# project keeps. <name> and * stand for any name: bench/results/<date>.json.
PATH = re.compile(
    r"(?<![\w./<>*-])(?:[\w.<>*-]+/)+[\w.<>*-]*|(?<![\w./<>*-])[\w.-]+\."
    r"(?:md|py|yml|yaml|toml|txt|json|sh|html|css|js|svg|lock)\b"
)
# Names that look like paths and are not the repository's, each with its reason.
NOT_OURS = {
    "shared/references.md": "the editors' notes on the sources, kept outside the repository",
    "search/search_index.json": "a file of the built site, not of the repository",
    "modern/main.css": "Zensical's stylesheet, inside its package",
    "partials/language.html": "Material's template, inside its package",
    "partials/javascripts/content.html": "Material's template, overridden in overrides/",
    "main.css": "Material's stylesheet, inside its package",
    "main.html": "Material's template, overridden in overrides/",
    "search.json": "a file of Zensical's built site",
    "search_index.json": "a file of the built site",
    "sitemap.xml": "a file of the built site",
    "robots.txt": "a file of the built site",
    "404.html": "a file of the built site",
    "search/": "a folder of the built site",
    "base.html": "Material's template, inside its package",
    "path/to/mkdocs.yml": "a placeholder in an example command",
    "docs/leak.txt": "the file named in an example of an error message",
    "properdocs.yml": "a file ProperDocs would read; this project has none",
}


def ignored_by_git() -> list[str]:
    """What the project generates (site/, .venv/, …): named in documents, absent from a clone."""
    lines = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    return [line.strip().rstrip("/") for line in lines if line.strip() and not line.startswith("#")]


GENERATED = ignored_by_git()


def candidates(text: str) -> set[str]:
    """The path-like words of a text, but addresses and system paths (/usr/bin/…)."""
    found = set()
    for match in PATH.finditer(text):
        word = match.group().rstrip(".,;:)")
        start = text[max(0, match.start() - 8) : match.start()]
        if "://" in start + word or word.startswith(("/", "www.")) or "@" in start[-1:]:
            continue
        if re.match(r"^[\w-]+\.(?:com|org|gov|net|io)\b", word):  # a web address without scheme
            continue
        found.add(word)
    return found


def exists(word: str, document: Path) -> bool:
    """A path from the repository's top, the document's folder or docs/ (a page's link)."""
    pattern = re.sub(r"<[^>]*>", "*", word.rstrip("/"))  # <x> and * stand for any name
    top = pattern.split("/")[0]
    if word in NOT_OURS or any(top == name or pattern.startswith(name + "/") for name in GENERATED):
        return True
    for base in (ROOT, document.parent, ROOT / "docs"):
        if any(base.glob(pattern)) if "*" in pattern else (base / pattern).exists():
            return True
    return False


def missing_paths(text: str, document: Path) -> list[str]:
    return sorted(word for word in candidates(text) if not exists(word, document))


def markdown_text(text: str) -> str:
    """Code spans and link targets: where a document names a path (code blocks are examples)."""
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    spans = re.findall(r"`([^`\n]+)`", text)
    links = [target.split("#")[0] for target in re.findall(r"\]\(([^)\s]+)\)", text)]
    return "\n".join(spans + links)


def header_comment(text: str) -> str:
    """The comment lines (# …, or an HTML comment) before a data file's first entry."""
    if text.startswith("<!--"):
        return text[: text.index("-->")]
    lines = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines)


def toml_comments(text: str) -> str:
    return "\n".join(re.findall(r"#(.*)$", text, re.M))


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_path_a_document_names_exists(name: str):
    document = ROOT / name
    assert document.is_file(), f"{name} is gone: the README links to it"
    text = markdown_text(document.read_text(encoding="utf-8"))
    missing = missing_paths(text, document)
    assert not missing, f"{name} names paths that do not exist: {missing}"


def test_every_path_pyproject_comments_name_exists():
    text = toml_comments((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    missing = missing_paths(text, ROOT / "pyproject.toml")
    assert not missing, f"pyproject.toml's comments name paths that do not exist: {missing}"


@pytest.mark.parametrize("name", HEADERS)
def test_every_path_a_data_file_header_names_exists(name: str):
    text = header_comment((ROOT / name).read_text(encoding="utf-8"))
    missing = missing_paths(text, ROOT / name)
    assert not missing, f"{name}'s header names paths that do not exist: {missing}"


def test_the_readme_links_every_moved_document():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in DOCUMENTS[1:] + ["LICENSE"]:
        assert f"]({name}" in readme, f"README.md does not link {name}"


def test_a_stale_path_is_reported():
    text = "See BUILDERS-NOTES.md and hooks/social_cards.py, not hooks/sitebuild/ or site/."
    stale = ["BUILDERS-NOTES.md", "hooks/social_cards.py"]
    assert missing_paths(text, ROOT / "pyproject.toml") == stale
    readme = ROOT / "README.md"
    assert missing_paths("`bench/results/<date>.json`, `docs/*.md`", readme) == []
    assert missing_paths("`bench/results/<none>.csv`", readme) == ["bench/results/<none>.csv"]


def test_addresses_and_system_paths_are_not_paths():
    text = "https://example.org/a/b.md /usr/bin/chromium cdc.gov/mmwr/x.html"
    assert candidates(text) == set()
