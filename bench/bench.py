"""`make bench`: this site against the same article on Material's defaults, in one run.

Measures, for both sites served on 127.0.0.1 with gzip: Lighthouse (mobile
preset) on every page — the four category scores, LCP, TBT, CLS, bytes and
requests of a first visit, each the median of several runs, as Lighthouse's
own advice on variability suggests; the median of clean builds (ours with and
without its hooks) and the hooks' share of each of our builds, timed inside
that build (bench/hook_time.py); and the search index size. Prints a table of
ours/baseline and writes the same as JSON under bench/results/, and the table
as bench/results/latest.md (linked from bench/README.md).

Usage: python bench/bench.py [--builds 5] [--runs 3] [--output bench/results]
       python bench/bench.py --report bench/results/<date>.json  (latest.md only)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "tests")]

from browser_support import CHROMIUM_ARGS, chromium_path, page_url, serve  # noqa: E402
from sitebuild.check.against_manuscript import check_article  # noqa: E402
from sitebuild.check.manifest import (  # noqa: E402
    Manifest,
    Section,
    load_manifest,  # noqa: E402
)
from sitebuild.check.outline import FRONT_MATTER, read_admonitions  # noqa: E402

LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
HOOK_TIMER = ROOT / "bench" / "hook_time.py"
# The latest run's table, in bench/results/ beside the JSON it is read from.
LATEST = "latest.md"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks", "includes", "manuscript")
# The manuscript check must stay fast as the article grows: timed on this many copies of it.
CHECK_SCALE = 50
# The baseline: Material with nothing configured, the whole article on one page.
BASELINE_CONFIG = "site_name: Ketamine for Chronic Pain\ntheme: material\n"
QUESTION = re.compile(r'^\?\?\?\+? question "(?P<question>[^"]+)"')
FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")

Lighthouse = Callable[[str], dict]


# --- the two sites ---------------------------------------------------------------


def baseline_markdown(docs: Path, pages: list[str]) -> str:
    """The article's pages as one plain Markdown page: headings, paragraphs, the FAQ; no more."""
    lines = ["# Ketamine for Chronic Pain", ""]
    for page in pages:
        source = (docs / page).read_text(encoding="utf-8")
        source = without_admonitions_titled(FRONT_MATTER.sub("", source), "Key points")
        # Editor's notes are the site's, not the article's.
        for title in set(re.findall(r'^!!! editor-note "([^"]*)"', source, re.M)):
            source = without_admonitions_titled(source, title)
        for line in source.splitlines():
            question = QUESTION.match(line)
            if question:
                lines.append(f"### {question['question']}")
            elif line.startswith("# ") and page != pages[0]:
                lines.append("#" + line)
            elif not line.startswith("# "):
                lines.append(FOOTNOTE_REF.sub("", line.removeprefix("    ")))
    return "\n".join(lines) + "\n"


def without_admonitions_titled(source: str, title: str) -> str:
    """The page with those admonitions blanked out (the baseline has no key points)."""
    lines = source.split("\n")
    for box in read_admonitions(source):
        if box.title != title:
            continue
        end = box.line  # 1-based line of the marker; blank it and its indented body
        while end < len(lines) and (
            not lines[end].strip() or lines[end].startswith(("    ", "\t"))
        ):
            end += 1
        for index in range(box.line - 1, end):
            lines[index] = ""
    return "\n".join(lines)


def check_seconds(scale: int = CHECK_SCALE) -> float:
    """Seconds the manuscript check takes on a page of the article's paragraphs `scale` times."""
    from sitebuild.check.manuscript import manuscript_units
    from sitebuild.load.page import Page

    manuscript = (ROOT / "manuscript" / "ketamine-for-chronic-pain.txt").read_text(encoding="utf-8")
    paragraphs = [line for line in manuscript.splitlines() if len(line) > 120] * scale
    manifest = Manifest(
        ("index.md", "a.md"), Section("", "index.md"), (Section("Synthetic", "a.md"),), "a.md", ()
    )
    html = "<h1>Synthetic</h1>" + "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    started = time.perf_counter()
    units, _ = manuscript_units("Synthetic\n" + "\n".join(paragraphs), manifest)
    problems = check_article(manifest, units, {"a.md": Page.read("a.md", "", html)}, [])
    seconds = time.perf_counter() - started
    assert not problems, problems[:3]
    return seconds


def make_baseline_project(target: Path, pages: list[str]) -> Path:
    (target / "docs").mkdir(parents=True)
    (target / "mkdocs.yml").write_text(BASELINE_CONFIG, encoding="utf-8")
    (target / "docs" / "index.md").write_text(
        baseline_markdown(ROOT / "docs", pages), encoding="utf-8"
    )
    return target


def make_project_copy(target: Path, *, hooks: bool) -> Path:
    """This project in a temporary folder, optionally with its hooks switched off."""
    target.mkdir(parents=True)
    for name in PROJECT_PARTS:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)
    if not hooks:
        config = target / "mkdocs.yml"
        text = re.sub(
            r"^hooks:\n(?:  - .*\n)+", "hooks: []\n", config.read_text(encoding="utf-8"), flags=re.M
        )
        config.write_text(text, encoding="utf-8")
    return target


def build(project: Path, site_dir: Path) -> tuple[float, float]:
    """One clean build: its wall-clock seconds, and our hooks' seconds within it (hook_time.py)."""
    # As on a maintainer's machine, where Python keeps compiled modules (hooks too) between builds.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"} | {
        "NO_MKDOCS_2_WARNING": "1"
    }
    shutil.rmtree(site_dir, ignore_errors=True)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(HOOK_TIMER), str(site_dir)],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    return seconds, json.loads(result.stdout.splitlines()[-1])["hook_seconds"]


def median_build(project: Path, site_dir: Path, runs: int) -> dict[str, float]:
    """The median of clean builds, and the hooks' share of each build's own time (steadier than
    comparing builds)."""
    builds = [build(project, site_dir) for _ in range(runs)]
    return {
        "build_seconds": statistics.median(seconds for seconds, _ in builds),
        "hooks_share": statistics.median(hooks / (seconds - hooks) for seconds, hooks in builds),
    }


# --- Lighthouse ------------------------------------------------------------------


def run_lighthouse(url: str) -> dict:
    """Lighthouse's mobile preset (its default) on one URL, with Debian's Chromium."""
    if not LIGHTHOUSE.exists():
        raise SystemExit(
            "Lighthouse is not installed: run `npm ci --prefix bench` (make bench does)"
        )
    env = {**os.environ, "CHROME_PATH": chromium_path() or os.environ.get("CHROME_PATH", "")}
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            f"--chrome-flags={flags}",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return lighthouse_metrics(json.loads(result.stdout))


def lighthouse_metrics(report: dict) -> dict:
    """The numbers the benchmark keeps from a Lighthouse report."""
    audits = report["audits"]
    return {
        **{
            category: round(report["categories"][category]["score"] * 100)
            for category in CATEGORIES
        },
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "bytes": round(audits["total-byte-weight"]["numericValue"]),
        "requests": len(audits["network-requests"]["details"]["items"]),
    }


# --- the run -----------------------------------------------------------------------


def median_metrics(reports: list[dict]) -> dict:
    """Each number's median over the runs (the lower middle one: a value a run really had)."""
    return {key: statistics.median_low(report[key] for report in reports) for key in reports[0]}


def measure(*, builds: int, runs: int, lighthouse: Lighthouse, work: Path) -> dict:
    """Every measurement of both sites."""
    manifest, _ = load_manifest()
    ours = make_project_copy(work / "ours", hooks=True)
    bare = make_project_copy(work / "ours-without-hooks", hooks=False)
    baseline = make_baseline_project(work / "baseline", manifest.article_pages())
    result = {
        "ours": {
            **median_build(ours, work / "ours-site", builds),
            "build_seconds_without_hooks": median_build(bare, work / "bare-site", builds)[
                "build_seconds"
            ],
        },
        "baseline": {
            "build_seconds": median_build(baseline, work / "baseline-site", builds)["build_seconds"]
        },
    }
    result["ours"]["check_seconds_50x"] = statistics.median(check_seconds() for _ in range(builds))
    for name, site, pages in (
        ("ours", work / "ours-site", manifest.pages),
        ("baseline", work / "baseline-site", ["index.md"]),
    ):
        result[name]["search_index_bytes"] = (site / "search" / "search_index.json").stat().st_size
        with serve(site) as base_url:
            urls = {page_url(page): base_url + page_url(page).lstrip("/") for page in pages}
            result[name]["pages"] = {
                path: median_metrics([lighthouse(url) for _ in range(runs)])
                for path, url in urls.items()
            }
    return result


def summary(result: dict) -> list[tuple[str, float, float]]:
    """(measure, ours, baseline): our worst page against the baseline's single page."""
    ours, base = result["ours"]["pages"].values(), next(iter(result["baseline"]["pages"].values()))
    rows = [
        (
            f"Lighthouse {category} (lowest page)",
            min(page[category] for page in ours),
            base[category],
        )
        for category in CATEGORIES
    ]
    rows += [
        (f"{label} (highest page)", max(page[key] for page in ours), base[key])
        for key, label in METRICS
    ]
    rows += [
        (
            "build seconds (median)",
            result["ours"]["build_seconds"],
            result["baseline"]["build_seconds"],
        ),
        (
            "build seconds without our hooks",
            result["ours"]["build_seconds_without_hooks"],
            result["baseline"]["build_seconds"],
        ),
        (
            "search index bytes",
            result["ours"]["search_index_bytes"],
            result["baseline"]["search_index_bytes"],
        ),
    ]
    return rows


METRICS = (
    ("lcp_ms", "LCP ms"),
    ("tbt_ms", "TBT ms"),
    ("cls", "CLS"),
    ("bytes", "first-visit bytes"),
    ("requests", "first-visit requests"),
)


def table(rows: list[tuple[str, float, float]], hooks_share: float, check_50x: float) -> str:
    """A Markdown table with the ratio ours/baseline."""
    lines = ["| Measure | Ours | Baseline | Ours/baseline |", "| --- | ---: | ---: | ---: |"]
    for name, ours, base in rows:
        ratio = f"{ours / base:.2f}" if base else "–"
        lines.append(f"| {name} | {number(ours)} | {number(base)} | {ratio} |")
    lines.append(f"| hooks' share of our build time | {hooks_share:.1%} | | |")
    lines.append(
        f"| manuscript check on {CHECK_SCALE}× the article, seconds | {check_50x:.2f} | | |"
    )
    return "\n".join(lines)


def number(value: float) -> str:
    """Whole numbers as they are; seconds and CLS to two decimals."""
    return f"{value:g}" if float(value).is_integer() else f"{value:.2f}"


def report(data: dict) -> str:
    """The run's table, with the line naming its date, machine and runs, from its JSON."""
    runs = f"Lighthouse: median of {data['lighthouse_runs']} runs per page"
    heading = f"Benchmark of {data['date']} on {data['machine']}; {runs}"
    rows = [tuple(row) for row in data["summary"]]
    check = data["raw"]["ours"]["check_seconds_50x"]
    return heading + "\n\n" + table(rows, data["hooks_share"], check)


def write_latest(data: dict, output: Path) -> Path:
    """bench/results/latest.md: the table bench/README.md links to, never typed by hand."""
    latest = output / LATEST
    source = f"{data['date']}.json"
    note = f"<!-- Written by `make bench` (bench/bench.py) from {source}; do not edit. -->\n\n"
    latest.write_text(note + report(data) + "\n", encoding="utf-8")
    return latest


def run(
    *,
    builds: int,
    runs: int,
    output: Path,
    lighthouse: Lighthouse = run_lighthouse,
    today: dt.date | None = None,
) -> tuple[str, Path]:
    """Measure, print the table, write the JSON and latest.md; the table and the JSON's path."""
    with tempfile.TemporaryDirectory() as work:
        result = measure(builds=builds, runs=runs, lighthouse=lighthouse, work=Path(work))
    rows = summary(result)
    share = result["ours"]["hooks_share"]
    day = today or dt.date.today()
    system, python = f"{platform.system()} {platform.machine()}", platform.python_version()
    machine = f"{system}, {os.cpu_count()} cores, Python {python}"
    output.mkdir(parents=True, exist_ok=True)
    path = output / f"{day:%Y-%m-%d}.json"
    data = {
        "date": f"{day:%Y-%m-%d}",
        "machine": machine,
        "lighthouse_runs": runs,
        "hooks_share": share,
        "summary": [list(row) for row in rows],
        "raw": result,
    }
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    text = report(data)
    write_latest(data, output)
    print(text)
    return text, path


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builds", type=int, default=5, help="clean builds per median (default 5)")
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="Lighthouse runs per page, whose median is kept (default 3)",
    )
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results")
    # Rewrites latest.md from a run's JSON without measuring again.
    parser.add_argument("--report", type=Path, metavar="JSON", help="latest.md from a run's JSON")
    arguments = parser.parse_args()
    if arguments.report:
        data = json.loads(arguments.report.read_text(encoding="utf-8"))
        print(write_latest(data, arguments.output).read_text(encoding="utf-8"), end="")
    else:
        run(builds=arguments.builds, runs=arguments.runs, output=arguments.output)
