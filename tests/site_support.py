"""What several test modules share: the built site as the tests read it, a maintainer's build, and readers' helpers.

Test modules import from here (and from browser_support.py, firefox_support.py),
never from one another.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from sitebuild.check.manifest import KEY_POINTS_TITLE, load_manifest
from sitebuild.check.outline import read_admonitions
from sitebuild.check.page_standards import BULLET

ROOT = Path(__file__).resolve().parent.parent
Completed = subprocess.CompletedProcess[str]
PAGES = load_manifest()[0].pages
# A strict build that prints only its problems (make screenshots, the reproducibility test).
QUIET_BUILD = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]

# The first line of every refusal: the content checks', the finishing pass's or verify's.
REFUSALS = (
    "The article failed its content checks",
    "The built site cannot be finished",
    "The built site failed verification",
)
HEADER = re.compile(
    rf"^({'|'.join(REFUSALS)})"
    r" \(\d+ problems?\); "
)


@dataclass(frozen=True)
class BuiltSite:
    root: Path
    log: str

    def html_path(self, page: str) -> Path:
        """The HTML file MkDocs writes for a Markdown page (directory URLs)."""
        stem = page.removesuffix(".md")
        return self.root / ("index.html" if stem == "index" else f"{stem}/index.html")

    def soup(self, page: str) -> BeautifulSoup:
        return BeautifulSoup(self.html_path(page).read_text(encoding="utf-8"), "html.parser")

    def article(self, page: str) -> BeautifulSoup:
        """The page's own content, without navigation, header or footer."""
        return self.soup(page).select_one("article.md-content__inner")


def mkdocs_build(
    project: Path, site_dir: Path, *, strict: bool = True, config: str = "mkdocs.yml"
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build` as a maintainer would, capturing its log; then `python -m sitebuild
    verify`, which also judges a copy whose mkdocs.yml no longer runs the hook."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            *(["--strict"] if strict else []),
            *["--config-file", config],
            "--site-dir",
            str(site_dir),
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if built.returncode != 0:
        return built
    verified = verify(project, site_dir, env, config)
    stdout, stderr = built.stdout + verified.stdout, built.stderr + verified.stderr
    return subprocess.CompletedProcess(built.args, verified.returncode, stdout, stderr)


def verify(
    project: Path, site_dir: Path, env: dict[str, str] | None = None, config: str = "mkdocs.yml"
) -> Completed:
    """`python -m sitebuild verify`, as make build runs it after Zensical (the hook, after MkDocs)."""
    env = {**(env or os.environ), "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project / "hooks")}
    command = [sys.executable, "-m", "sitebuild", "verify", str(site_dir), "-f", config]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)


def edit(path: Path, old: str, new: str) -> None:
    """Replace text that must be there, so a stale test cannot pass by editing nothing."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def reading_text(element) -> str:
    """Text as read: inline tags (a tooltip's <abbr>, a footnote mark) add no spaces before punctuation."""
    text = " ".join(element.get_text(" ").split())
    return re.sub(r"\(\s+", "(", re.sub(r"\s+([).,;:?!])", r"\1", text))


def search(tab, term: str) -> list[str]:
    """Type a term into the site's search; return the result links in order."""
    if tab.page.locator(".md-search__input").is_hidden():
        tab.page.click("button.md-header__button[for='__search']")
    field = tab.page.locator(".md-search__input")
    field.fill("")
    field.press_sequentially(term)  # Material searches on keyup, which fill() does not send
    tab.page.wait_for_selector(".md-search-result__item")
    # Results arrive while the reader types; read them once they stop changing.
    read = "() => [...document.querySelectorAll('.md-search-result__item > a.md-search-result__link')].map(a => a.href)"
    links, previous = tab.page.evaluate(read), None
    while links != previous:
        tab.page.wait_for_timeout(300)
        links, previous = tab.page.evaluate(read), links
    return links


def words_only(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def printed_in_order(words: list[str], printed: list[str], slack: int = 12) -> bool:
    """Whether the words appear in the printout in order. A PDF lists positioned text (a box's
    title, a footnote number, a printed address) where it likes, so a few other words may come between."""
    for start in (i for i, word in enumerate(printed) if words and word == words[0]):
        position, skipped = start, 0
        for word in words[1:]:
            position += 1
            while position < len(printed) and printed[position] != word and skipped <= slack:
                position, skipped = position + 1, skipped + 1
            if position >= len(printed) or skipped > slack:
                break
        else:
            return True
    return not words


def key_points(source: str) -> list[str]:
    """The bullets of a page's key points box, as plain sentences."""
    boxes = [box for box in read_admonitions(source) if box.title == KEY_POINTS_TITLE]
    lines = boxes[0].body.splitlines() if boxes else []
    return [re.sub(r"[*_`]", "", line[2:]).strip() for line in lines if BULLET.match(line)]


def refusal(output: str) -> list[str]:
    """The problems under the refusal's first line."""
    lines = output.splitlines()
    start = next((i for i, line in enumerate(lines) if HEADER.match(line)), None)
    assert start is not None, f"no refusal in:\n{output}"
    logged = ("INFO", "WARNING", "ERROR")
    return [line for line in lines[start + 1 :] if line.strip() and not line.startswith(logged)]
