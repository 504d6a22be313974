"""Shared fixtures: the site is built once per test session, and read from there."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent

from browser_support import DESKTOP, Visit, launch_chromium, open_visit, serve  # noqa: E402
from sitebuild.check.manifest import Manifest, load_manifest  # noqa: E402
from sitebuild.check.manuscript import LEDGER_NAME, MANUSCRIPT_NAME, Unit, apply_edits, manuscript_units, parse_ledger  # noqa: E402


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


def mkdocs_build(project: Path, site_dir: Path, *, strict: bool = True) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build` as a maintainer would, capturing its log."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []), "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project to break on purpose."""
    for name in ("mkdocs.yml", "docs", "hooks", "overrides", "includes", "manuscript"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    """Replace text that must be there, so a stale test cannot pass by editing nothing."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="session")
def manifest() -> Manifest:
    loaded, problems = load_manifest()
    assert not problems, "\n".join(map(str, problems))
    return loaded


@pytest.fixture(scope="session")
def article_units(manifest: Manifest) -> list[Unit]:
    """The manuscript with the ledger's edits made: what the pages must say, unit by unit."""
    edits, problems = parse_ledger((ROOT / LEDGER_NAME).read_text(encoding="utf-8"), manifest.pages)
    edited, more = apply_edits((ROOT / MANUSCRIPT_NAME).read_text(encoding="utf-8"), edits)
    units, most = manuscript_units(edited, manifest)
    assert not problems + more + most, "\n".join(map(str, problems + more + most))
    return units


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site_dir)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr}", pytrace=False)
    return BuiltSite(site_dir, result.stderr + result.stdout)


@pytest.fixture(scope="session")
def base_url(site: BuiltSite) -> Iterator[str]:
    """The built site, served over HTTP with gzip on 127.0.0.1."""
    with serve(site.root) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium, problem = None, ""
        try:
            chromium = launch_chromium(playwright)
        except RuntimeError as error:
            problem = str(error)
        if chromium is None:  # failing outside the except block keeps the report to the hint
            pytest.fail(problem, pytrace=False)
        yield chromium
        chromium.close()


@pytest.fixture
def visit(browser: Browser, base_url: str) -> Iterator[Callable[..., Visit]]:
    """Open fresh tabs on the site: visit(viewport=PHONE, color_scheme="dark", touch=True)."""
    opened: list[Visit] = []

    def open_tab(*, viewport: dict = DESKTOP, color_scheme: str = "light", touch: bool = False) -> Visit:
        opened.append(open_visit(browser, base_url, viewport=viewport, color_scheme=color_scheme, touch=touch))
        return opened[-1]

    yield open_tab
    for tab in opened:
        tab.close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print each page's key-points reading grade (tests/test_health_information.py) after the run."""
    grades = [
        value
        for report in terminalreporter.getreports("passed") + terminalreporter.getreports("failed")
        for name, value in report.user_properties
        if name == "reading grade" and report.when == "call"
    ]
    if grades:
        terminalreporter.section("key points reading grade")
        for line in grades:
            terminalreporter.write_line(line)
