"""`make builder-status` counts a builder's failures by cause from pytest's JUnit report."""

from __future__ import annotations

from pathlib import Path

import builder_status

REPORT = """<testsuites><testsuite>
<testcase classname="tests.test_site" name="test_search_index_covers_every_page">
  <failure message="FileNotFoundError: site/search/search_index.json">
E   FileNotFoundError</failure>
</testcase>
<testcase classname="tests.test_valid_html" name="test_every_page_is_valid_html">
  <failure message="AssertionError: assert [...] == []">def test(): search()
E   Left contains 3 more items: '/404.html:1: Duplicate attribute “aria-label”.'</failure>
</testcase>
<testcase classname="tests.test_new" name="test_something_else"><error message="boom" /></testcase>
<testcase classname="tests.test_site" name="test_passes" />
</testsuite></testsuites>"""


def test_failures_are_counted_by_cause_and_a_new_kind_is_not_hidden(tmp_path: Path):
    report = tmp_path / "report.xml"
    report.write_text(REPORT, encoding="utf-8")
    total, failed = builder_status.results(report)
    assert total == 4 and len(failed) == 3
    causes = [builder_status.cause_of(name, message) for name, message in failed]
    assert causes[0].startswith("search index layout")
    # Read from pytest's E lines, not the test's source (which says "search").
    assert causes[1] == "duplicate `aria-label` attribute"
    assert causes[2] == "not sorted"
    table = builder_status.table("zensical", total, failed)
    assert table.startswith("Written by `make builder-status BUILDER=zensical`: 3 of 4 tests fail.")
    assert "| not sorted | 1 | `test_new::test_something_else` |" in table


def test_builders_md_has_the_place_the_table_is_written():
    text = builder_status.BUILDERS_MD.read_text(encoding="utf-8")
    assert "<!-- status:zensical -->" in text and "<!-- /status:zensical -->" in text
