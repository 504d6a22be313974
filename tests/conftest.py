"""Shared fixtures: the site is built once per test session, and read from there."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from browser_support import DESKTOP, Visit, launch_chromium, open_visit, serve
from playwright.sync_api import Browser, sync_playwright
from site_support import ROOT, BuiltSite, mkdocs_build
from sitebuild.check.manifest import Manifest, load_manifest
from sitebuild.check.manuscript import (
    LEDGER_NAME,
    MANUSCRIPT_NAME,
    Unit,
    apply_edits,
    manuscript_units,
    parse_ledger,
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project to break on purpose."""
    for name in ("mkdocs.yml", "docs", "hooks", "overrides", "includes", "manuscript"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    return tmp_path


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
    # SITE_DIR=path runs the suite on a site built elsewhere (another builder's: BUILDERS.md).
    if os.environ.get("SITE_DIR"):
        return BuiltSite(Path(os.environ["SITE_DIR"]).resolve(), "")
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

    def open_tab(
        *, viewport: dict = DESKTOP, color_scheme: str = "light", touch: bool = False
    ) -> Visit:
        opened.append(
            open_visit(browser, base_url, viewport=viewport, color_scheme=color_scheme, touch=touch)
        )
        return opened[-1]

    yield open_tab
    for tab in opened:
        tab.close()


# The fixtures that start a browser. A test using one must carry the `browser` marker, or
# `make check` (-m "not browser") would start a browser an editor may not have.
BROWSER_FIXTURES = {"browser", "visit", "firefox"}
# Modules that build copies of the project, broken on purpose, with another builder, or
# twice: they test the build itself, a few hundred builds that would take `make check`
# past a minute. Marked here, as whole files, so that new tests there are marked too.
REBUILDS = {
    "test_bad_input.py",
    "test_build_guard.py",
    "test_builders.py",
    "test_reproducible.py",
    "test_bench.py",
    "test_published_site.py",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the `rebuilds` modules; refuse a test that starts a browser without `browser`."""
    unmarked = []
    for item in items:
        if item.path.name in REBUILDS:
            item.add_marker(pytest.mark.rebuilds)
        uses = BROWSER_FIXTURES & set(getattr(item, "fixturenames", ()))
        if uses and item.get_closest_marker("browser") is None:
            unmarked.append(item.nodeid)
    if unmarked:
        hint = "mark these tests @pytest.mark.browser (they start a browser): "
        raise pytest.UsageError(hint + ", ".join(unmarked))


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


@pytest.fixture
def bare_facts(tmp_path: Path) -> tuple[SimpleNamespace, SimpleNamespace]:
    """A site with nothing to inline and no sources: what finishing a page does by itself (the
    mkdocs.yml settings and the project finished_page reads)."""
    config = SimpleNamespace(
        site_name="Site",
        site_url="https://example.org/",
        extra={},
        theme={},
        extra_css=[],
        extra_javascript=[],
    )
    project = SimpleNamespace(pages={}, manifest=None, unused_families=frozenset(), root=tmp_path)
    return config, project
