"""`make bench` produces its table and JSON: a tiny run, one build each and a stand-in for Lighthouse."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from site_support import ROOT

# bench/ is a folder of scripts, not a package.
sys.path.insert(0, str(ROOT / "bench"))

import bench  # noqa: E402

LIGHTHOUSE_REPORT = {
    "categories": {category: {"score": 1.0} for category in bench.CATEGORIES},
    "audits": {
        "largest-contentful-paint": {"numericValue": 1200.4},
        "total-blocking-time": {"numericValue": 50},
        "cumulative-layout-shift": {"numericValue": 0.0},
        "total-byte-weight": {"numericValue": 70000},
        "network-requests": {"details": {"items": [{}] * 9}},
    },
}


def test_a_tiny_run_writes_the_table_and_json(tmp_path: Path):
    visited = []

    def fake_lighthouse(url: str) -> dict:
        visited.append(url)
        return bench.lighthouse_metrics(LIGHTHOUSE_REPORT)

    text, path = bench.run(
        builds=1, runs=2, output=tmp_path, lighthouse=fake_lighthouse, today=dt.date(2026, 11, 25)
    )
    assert path == tmp_path / "2026-11-25.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) == {"date", "machine", "lighthouse_runs", "hooks_share", "summary", "raw"}
    assert len(visited) == 2 * (len(data["raw"]["ours"]["pages"]) + 1), (
        "every page of ours and the baseline's one page, twice"
    )
    assert (
        data["raw"]["ours"]["search_index_bytes"]
        > data["raw"]["baseline"]["search_index_bytes"]
        > 0
    )
    lines = text.splitlines()
    assert lines[0].startswith("Benchmark of 2026-11-25 on ") and lines[0].endswith(
        "; Lighthouse: median of 2 runs per page"
    )
    assert "| Lighthouse performance (lowest page) | 100 | 100 | 1.00 |" in lines
    assert "| first-visit bytes (highest page) | 70000 | 70000 | 1.00 |" in lines
    assert any(line.startswith("| build seconds (median) |") for line in lines)
    assert any(line.startswith("| hooks' share of our build time |") for line in lines)
    assert any(
        line.startswith("| manuscript check on 50× the article, seconds | 0.") for line in lines
    ), "under a second"
    latest = (tmp_path / bench.LATEST).read_text(encoding="utf-8")
    assert latest.endswith("\n" + text + "\n"), "latest.md holds the printed table"
    assert bench.report(data) == text, "the table can be written again from the JSON alone"


def test_each_number_is_the_median_of_the_runs():
    runs = [
        {"performance": 97, "lcp_ms": 1400},
        {"performance": 100, "lcp_ms": 1300},
        {"performance": 99, "lcp_ms": 1900},
    ]
    assert bench.median_metrics(runs) == {"performance": 99, "lcp_ms": 1400}
    assert bench.median_metrics(runs[:2]) == {"performance": 97, "lcp_ms": 1300}, (
        "of two runs, the lower: a value a run really had"
    )


def test_the_baseline_is_the_article_on_one_plain_page():
    markdown = bench.baseline_markdown(ROOT / "docs", ["index.md", "ketamine.md", "faq.md"])
    assert markdown.startswith("# Ketamine for Chronic Pain\n")
    assert "## What Is Ketamine and How Does It Work?" in markdown
    assert "### Can ketamine infusions be covered under insurance?" in markdown
    assert "Key points" not in markdown and "[^" not in markdown and "reviewed:" not in markdown
