"""`make builder-status BUILDER=zensical`: the whole suite on a builder's output, failures by cause.

Runs every test with SITE_DIR on the site that `make build BUILDER=…` wrote, keeps pytest's
JUnit report, and writes a table of the failures, each sorted into its cause, into BUILDERS.md
between the markers for that builder, so the figures there come from a run, not by hand.

Usage: python tests/builder_status.py BUILDER [--site site] [--from-report report.xml]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILDERS_MD = ROOT / "BUILDERS.md"
REPORTS = ROOT / ".cache" / "builder-status"
MAKE_SETTINGS = {"BUILDER", "MAKEFLAGS", "MAKELEVEL", "MFLAGS"}

# Why a test fails on Zensical's output: (cause, a pattern its id or first failure line
# matches), first match wins. A failure that matches none is counted as "not sorted", so a
# new kind of failure shows up instead of hiding in a known cause.
CAUSES = [
    (
        "search index layout: `search.json`, not `search/search_index.json`",
        r"search/search_index\.json",
    ),
    (
        "untrimmed stylesheet: `modern/main.css` is not Material's `main.css`",
        r"trimmed_stylesheet",
    ),
    (
        "contrast of the active link in its theme",
        r"color-contrast",
    ),
    (
        "About's empty editorial notes",
        r"editorial_notes",
    ),
    (
        "unnamed search checkbox (`input#__search`)",
        r"InputCheckbox\.Name|input#__search",
    ),
    (
        "duplicate `aria-label` attribute",
        r"Duplicate attribute .aria-label",
    ),
    (
        "phone drawer: it stays open, and Tab reaches its hidden links",
        r"focus_ring\[phone\]|phone_menu",
    ),
    (
        "search UI: its own search box and results",
        r"Timeout \d+ms exceeded|md-search__input|search",
    ),
    (
        "compares ProperDocs' files with the site under test, meant to be MkDocs'",
        r"properdocs_writes",
    ),
]


def run_suite(site: Path, report: Path) -> int:
    """Every test against the built site; pytest's exit code."""
    report.parent.mkdir(parents=True, exist_ok=True)
    # Not the settings of the make that runs this (BUILDER=zensical would reach the tests that
    # run make themselves, and change what they test).
    kept = {name: value for name, value in os.environ.items() if name not in MAKE_SETTINGS}
    env = {**kept, "SITE_DIR": str(site)}
    options = ["-q", "-p", "no:cacheprovider", f"--junitxml={report}"]
    command = [sys.executable, "-m", "pytest", *options]
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


def results(report: Path) -> tuple[int, list[tuple[str, str]]]:
    """(tests run, [(test id, what failed)]) from a JUnit report.

    What failed: the exception's first line and pytest's explanation (its lines starting "E "),
    not the test's source, whose words would mislead the sorting.
    """
    cases = ET.parse(report).getroot().iter("testcase")
    total, failed = 0, []
    for case in cases:
        total += 1
        for kind in ("failure", "error"):
            problem = case.find(kind)
            if problem is not None:
                name = f"{case.get('classname')}::{case.get('name')}"
                first = (problem.get("message") or "").strip().splitlines()[:1]
                lines = (problem.text or "").splitlines()
                explained = [line for line in lines if line.startswith("E ")]
                failed.append((name, "\n".join(first + explained)))
                break
    return total, failed


def cause_of(name: str, message: str) -> str:
    for cause, pattern in CAUSES:
        if re.search(pattern, f"{name} {message}", re.I):
            return cause
    return "not sorted"


def table(builder: str, total: int, failed: list[tuple[str, str]]) -> str:
    counts = Counter(cause_of(name, message) for name, message in failed)
    lines = [
        f"Written by `make builder-status BUILDER={builder}`: {len(failed)} of {total} tests fail.",
        "",
        "| cause | failing tests | for example |",
        "| --- | ---: | --- |",
    ]
    for cause, count in counts.most_common():
        example = next(name for name, message in failed if cause_of(name, message) == cause)
        lines.append(f"| {cause} | {count} | `{example.removeprefix('tests.')}` |")
    return "\n".join(lines)


def write_into_builders_md(builder: str, text: str) -> None:
    """Between <!-- status:BUILDER --> and <!-- /status:BUILDER --> in BUILDERS.md."""
    page = BUILDERS_MD.read_text(encoding="utf-8")
    start, end = f"<!-- status:{builder} -->", f"<!-- /status:{builder} -->"
    if start not in page or end not in page:
        raise SystemExit(f"BUILDERS.md has no {start} … {end} markers to write between")
    before, rest = page.split(start, 1)
    after = rest.split(end, 1)[1]
    BUILDERS_MD.write_text(f"{before}{start}\n{text}\n{end}{after}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("builder")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--from-report", type=Path, help="a JUnit report of an earlier run")
    arguments = parser.parse_args()
    report = arguments.from_report or REPORTS / f"{arguments.builder}.xml"
    if not arguments.from_report:
        run_suite(arguments.site.resolve(), report)
    total, failed = results(report)
    text = table(arguments.builder, total, failed)
    write_into_builders_md(arguments.builder, text)
    print(text)
    for name, message in failed:
        first = message.splitlines()[0][:150] if message else ""
        print(f"{cause_of(name, message)}: {name}: {first}")


if __name__ == "__main__":
    main()
