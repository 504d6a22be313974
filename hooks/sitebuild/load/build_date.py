"""Date the build by the last commit, so one commit always builds the same bytes.

MkDocs dates the sitemap (and its gzip header) by SOURCE_DATE_EPOCH when it is
set, else by the clock. `make` sets it from the last commit; a bare `mkdocs
build` gets the same here, and a value the caller chose is left alone.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def date_by_last_commit(project: Path) -> None:
    """Set SOURCE_DATE_EPOCH to the last commit's time when nobody set it."""
    if "SOURCE_DATE_EPOCH" not in os.environ:
        epoch = last_commit_time(project)
        if epoch:
            os.environ["SOURCE_DATE_EPOCH"] = epoch


def last_commit_time(project: Path) -> str | None:
    """The last commit's Unix time, or None outside a git checkout (from a tarball: the clock)."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return None
    return result.stdout.strip() or None
