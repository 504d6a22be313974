"""The About page's editorial notes, as built: every change that may alter the meaning, with why.

The notes are made from manuscript/edits.yml while the site builds; a builder that leaves
them out (Zensical, which runs no hooks) publishes an empty section, which this test catches.
"""

from __future__ import annotations

from site_support import ROOT, BuiltSite, words_only
from sitebuild.check.manifest import Manifest
from sitebuild.check.manuscript import LEDGER_NAME, parse_ledger

# The kinds the About page lists one by one, each with its reason (CONTRIBUTING.md).
LISTED_KINDS = {"wrong word", "missing word"}


def test_the_editorial_notes_list_each_meaning_changing_edit(site: BuiltSite, manifest: Manifest):
    ledger = (ROOT / LEDGER_NAME).read_text(encoding="utf-8")
    edits, problems = parse_ledger(ledger, manifest.pages)
    assert not problems and edits
    heading = site.article("about.md").find(id="editorial-notes")
    assert heading is not None, "the About page has no Editorial notes heading"
    notes = " ".join(words_only(" ".join(part.get_text(" ") for part in heading.find_all_next())))
    listed = [edit for edit in edits if edit.kind in LISTED_KINDS]
    assert listed, "the ledger has wrong or missing words to list"
    unlisted = [edit.reason for edit in listed if " ".join(words_only(edit.reason)) not in notes]
    assert unlisted == [], "the editorial notes leave out these edits' reasons"
