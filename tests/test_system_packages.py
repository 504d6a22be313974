"""`make test` checks the system packages first: present, it says nothing; missing, one line.

tests/system-packages.sh runs here on a PATH of its own, so each case is made on purpose,
whatever this machine has: fake browsers, npm and Java, or none of them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from site_support import ROOT

SCRIPT = ROOT / "tests" / "system-packages.sh"
ALL = "chromium fonts-dejavu-core firefox-esr npm default-jre-headless"


def fake_machine(tmp_path: Path, *, programs: tuple[str, ...]) -> dict[str, str]:
    """A PATH holding only `id` and these programs (each a script that does nothing)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "id").symlink_to(shutil.which("id"))
    for name in programs:
        (bin_dir / name).write_text("#!/bin/sh\n", encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    font = tmp_path / "DejaVuSans.ttf"
    font.write_bytes(b"")
    return {
        "PATH": str(bin_dir),
        "CHROMIUM": str(bin_dir / "chromium"),
        "FIREFOX": str(bin_dir / "firefox-esr"),
        "DEJAVU": str(font),
        "INSTALL": "no",
    }


def check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = ["/bin/sh", str(SCRIPT)]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False)


def test_with_everything_there_it_says_nothing(tmp_path: Path):
    env = fake_machine(tmp_path, programs=("chromium", "firefox-esr", "npm", "java"))
    result = check(env)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_with_nothing_there_it_names_the_one_command_in_one_line(tmp_path: Path):
    env = fake_machine(tmp_path, programs=())
    env["DEJAVU"] = str(tmp_path / "no-font.ttf")
    result = check(env)
    assert result.returncode == 1 and result.stdout == ""
    prefix = "" if os.geteuid() == 0 else "sudo "
    assert result.stderr.splitlines() == [
        f"make test needs {ALL} (browsers and HTML checkers for the tests): "
        f"run {prefix}apt-get install -y {ALL}, "
        "or set CHROMIUM=/path FIREFOX=/path to browsers you have"
    ]


def test_a_browser_path_that_leads_nowhere_is_missing(tmp_path: Path):
    env = fake_machine(tmp_path, programs=("firefox-esr", "npm", "java"))
    env["CHROMIUM"] = "/nonexistent/chromium"
    result = check(env)
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1 and "apt-get install -y chromium," in result.stderr


def test_make_test_checks_them_before_anything_slow():
    # Not the settings of a make this test may run under (make test passes MAKEFLAGS down).
    env = {name: value for name, value in os.environ.items() if not name.startswith("MAKE")}
    command = ["make", "-n", "test"]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert "tests/system-packages.sh" in first, "the first step of make test"
