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

# Why a test fails on Zensical's output: (cause, what in the test's id or its failure message
# shows it), first match wins. A failure that matches none is counted as "not sorted", so a
# new kind of failure shows up instead of hiding in a known cause.
CAUSES = [
    ("search index layout: `search.json`, not `search/search_index.json`", r"search_index\.json"),
    ("search UI: Zensical's own search box and results", r"search"),
    ("contrast of the active link in its theme", r"color-contrast|contrast"),
    ("unnamed search checkbox", r"__search|label|unnamed"),
    ("duplicate `aria-label`", r"aria-label|landmark-unique|share a name"),
    ("untrimmed stylesheet (`modern/main.css`)", r"unused_styles|trimmed|fingerprint"),
    ("phone drawer", r"drawer|phone_menu"),
    ("About's empty editorial notes", r"editorial|about"),
]


def run_suite(site: Path, report: Path) -> int:
    """Every test against the built site; pytest's exit code."""
    report.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "SITE_DIR": str(site)}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={report}"]
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


def results(report: Path) -> tuple[int, list[tuple[str, str]]]:
    """(tests run, [(test id, first line of its failure)]) from a JUnit report."""
    cases = ET.parse(report).getroot().iter("testcase")
    total, failed = 0, []
    for case in cases:
        total += 1
        for kind in ("failure", "error"):
            problem = case.find(kind)
            if problem is not None:
                name = f"{case.get('classname')}::{case.get('name')}"
                message = (problem.get("message") or problem.text or "").strip().splitlines()
                failed.append((name, message[0] if message else ""))
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
        lines.append(f"| {cause} | {count} | `{example.rsplit('.', 1)[-1]}` |")
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
        print(f"{cause_of(name, message)}: {name}: {message[:150]}")


if __name__ == "__main__":
    main()
