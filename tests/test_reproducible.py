"""The same commit builds the same bytes, whatever the clock says when it runs.

Each build runs in a copy of its own, with no cache (.cache/), so the bytes are
made twice, not read back from the first build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from site_support import QUIET_BUILD, ROOT

# A build run in a Python whose clock time-machine has moved to another day.
BUILD_ON_ANOTHER_DAY = """
import sys, time_machine
from mkdocs.__main__ import cli
with time_machine.travel("2027-06-01 12:00 +0000", tick=False):
    sys.argv = ["mkdocs", "build", "--strict", "--quiet", "--site-dir", sys.argv[1]]
    cli()
"""


def fresh_copy(folder: Path) -> Path:
    """The project with its history (the build is dated by the last commit) and no cache."""
    folder.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "hooks", "overrides", "includes", "manuscript", ".git"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, folder / name)
    return folder


def build(site_dir: Path, *, another_day: bool) -> None:
    env = {
        key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"
    }  # as a bare `mkdocs build`
    env["NO_MKDOCS_2_WARNING"] = "1"
    command = (
        [sys.executable, "-c", BUILD_ON_ANOTHER_DAY, str(site_dir)]
        if another_day
        else [*QUIET_BUILD, "--site-dir", str(site_dir)]
    )
    project = fresh_copy(site_dir.parent / f"{site_dir.name}-project")
    assert not (project / ".cache").exists()
    result = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def files_of(site_dir: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(site_dir)): path.read_bytes()
        for path in sorted(site_dir.rglob("*"))
        if path.is_file()
    }


def test_two_builds_on_different_days_are_byte_identical(tmp_path: Path):
    build(tmp_path / "today", another_day=False)
    build(tmp_path / "later", another_day=True)
    today, later = files_of(tmp_path / "today"), files_of(tmp_path / "later")
    assert today.keys() == later.keys()
    assert [name for name in today if today[name] != later[name]] == []


def test_the_sitemap_is_dated_by_the_last_commit(tmp_path: Path):
    build(tmp_path / "site", another_day=True)
    commit_day = subprocess.run(
        ["git", "log", "-1", "--format=%cd", "--date=format-local:%Y-%m-%d"],
        cwd=ROOT,
        env={**os.environ, "TZ": "UTC"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<lastmod>{commit_day}</lastmod>" in sitemap
