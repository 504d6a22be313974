"""A deploy build (`make build` under CI or with DEPLOY=1) refuses to publish without SITE_URL; other builds and `make test` do not need it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
from site_support import ROOT

NO_MAKE = "No make found: install it (apt-get install make)"
NOT_SET = (
    "SITE_URL is not set: a deploy build (CI or DEPLOY=1) needs the site's public address, "
    "e.g. make build SITE_URL=https://your.domain/ (for a local build in CI: DEPLOY=0).  Stop."
)


def make_dry_run(target: str, **settings: str) -> subprocess.CompletedProcess[str]:
    """`make -n target` with only these of CI, DEPLOY and SITE_URL set: the check runs, nothing is built."""
    if shutil.which("make") is None:
        pytest.fail(NO_MAKE, pytrace=False)
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("CI", "DEPLOY", "SITE_URL", "MAKEFLAGS", "MAKELEVEL")
    }
    return subprocess.run(
        ["make", "-n", target],
        cwd=ROOT,
        env={**env, **settings},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    "settings",
    [{"CI": "true"}, {"DEPLOY": "1"}, {"CI": "1", "SITE_URL": ""}],
    ids=["ci", "deploy", "empty"],
)
def test_a_deploy_build_without_site_url_stops_with_one_line(settings: dict):
    result = make_dry_run("build", **settings)
    assert result.returncode != 0
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and re.fullmatch(
        r"Makefile:\d+: \*\*\* " + re.escape(NOT_SET), lines[0]
    ), result.stderr
    assert "mkdocs" not in result.stdout


def test_a_deploy_build_needs_a_full_address():
    result = make_dry_run("build", DEPLOY="1", SITE_URL="/")
    assert result.returncode != 0
    assert (
        len(result.stderr.splitlines()) == 1 and "SITE_URL is '/': a deploy build" in result.stderr
    )


@pytest.mark.parametrize(
    "settings",
    [
        {"CI": "true", "SITE_URL": "https://example.org/ketamine/"},
        {},
        {"CI": "false"},
        {"CI": "true", "DEPLOY": "0"},
    ],
    ids=["deploy-with-url", "local", "ci-false", "ci-local"],
)
def test_other_builds_go_ahead(settings: dict):
    result = make_dry_run("build", **settings)
    assert result.returncode == 0, result.stderr
    assert "mkdocs build --strict" in result.stdout


def test_make_test_under_ci_needs_no_site_url():
    result = make_dry_run("test", CI="true")
    assert result.returncode == 0, result.stderr
    assert "pytest" in result.stdout
