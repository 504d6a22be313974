"""The author's manuscript and the ledger of every edit made to its words.

Pure functions: the manuscript's text and the ledger's text in; the text the
pages must carry (units in the manuscript's order, each with its page and
section) and Problems out. manuscript/ketamine-for-chronic-pain.txt is the
author's file, kept verbatim; manuscript/edits.yml lists each change as
`from` (the manuscript's words) → `to` (the published words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sitebuild.strict_yaml as strict_yaml
from sitebuild.check.manifest import Manifest, Problem
from sitebuild.check.page_text import normalize

MANUSCRIPT_NAME = "manuscript/ketamine-for-chronic-pain.txt"
LEDGER_NAME = "manuscript/edits.yml"
# What a copy-edit may be. The last two may change what a reader understands,
# so they need a reason, and the About page lists each of them.
KINDS = ("spelling", "punctuation", "capitalization", "grammar", "wording", "wrong word", "missing word")
MEANING_KINDS = ("wrong word", "missing word")
FIELDS = ("page", "from", "to", "kind")
# The manuscript numbers its questions ("1. What is …"); the site shows each as a question of its own.
QUESTION_NUMBER = re.compile(r"^\d+\.\s+")


@dataclass(frozen=True)
class Edit:
    """One change to the author's words, as the ledger records it."""

    page: str
    old: str
    new: str
    kind: str
    reason: str
    line: int

    @property
    def changes_meaning(self) -> bool:
        return self.kind in MEANING_KINDS


@dataclass(frozen=True)
class Unit:
    """A heading, paragraph or FAQ question of the edited manuscript, with where it belongs."""

    page: str
    section: str  # the heading of the section it belongs to ("introduction" before the first)
    kind: str  # "heading", "paragraph" or "question"
    text: str


def parse_ledger(text: str, pages: tuple[str, ...]) -> tuple[list[Edit], list[Problem]]:
    """The ledger's edits, or every way an entry is malformed."""
    data, problems = strict_yaml.load(
        text, LEDGER_NAME, fix="correct the YAML there (each entry: page, from, to, kind, and reason for a wrong or missing word)"
    )
    if problems:
        return [], problems
    entries = data.get("edits") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return [], [Problem(LEDGER_NAME, "edits", "the file has no `edits:` list", "restore its layout from git: `edits:` followed by one entry per change", 1)]
    edits = []
    for number, entry in enumerate(entries, start=1):
        edit, entry_problems = _edit(entry, number, pages)
        problems += entry_problems
        if edit:
            edits.append(edit)
    return edits, problems


def apply_edits(manuscript: str, edits: list[Edit]) -> tuple[str, list[Problem]]:
    """The manuscript with every edit made, or the entries that no longer apply to it."""
    text = normalize_lines(manuscript)
    problems, spans = [], []
    for edit in edits:
        place = f"edit {_short(edit.old)!r} → {_short(edit.new)!r}"
        count = text.count(edit.old)
        if count == 0:
            problems.append(
                Problem(
                    LEDGER_NAME, place, "its `from` is not in the manuscript", "correct `from` to the manuscript's exact words, or remove the entry", edit.line
                )
            )
        elif count > 1:
            problems.append(
                Problem(
                    LEDGER_NAME,
                    place,
                    f"its `from` is in the manuscript {count} times",
                    "add a word or two of context to `from` and `to` so that it matches once",
                    edit.line,
                )
            )
        else:
            start = text.index(edit.old)
            spans.append((start, start + len(edit.old), edit))
    spans.sort(key=lambda span: span[0])
    for (_, end, first), (start, _, second) in zip(spans, spans[1:], strict=False):
        if start < end:
            problems.append(
                Problem(
                    LEDGER_NAME,
                    f"edit {_short(second.old)!r}",
                    f"it overlaps the edit on line {first.line}",
                    "merge the two entries into one",
                    second.line,
                )
            )
    if problems:
        return text, problems
    for start, end, edit in reversed(spans):
        text = text[:start] + edit.new + text[end:]
    return text, []


def manuscript_units(edited: str, manifest: Manifest) -> tuple[list[Unit], list[Problem]]:
    """The edited manuscript as units with their pages: a line that is a section's heading opens it."""
    sections = {normalize(section.heading): section for section in manifest.sections}
    page, section, units = manifest.introduction.page, "introduction", []
    for line in edited.splitlines():
        text = normalize(line)
        if not text:
            continue
        if text in sections:
            page, section = sections[text].page, text
            units.append(Unit(page, section, "heading", text))
        elif page == manifest.faq_page and QUESTION_NUMBER.match(text):
            units.append(Unit(page, section, "question", QUESTION_NUMBER.sub("", text)))
        else:
            units.append(Unit(page, section, "paragraph", text))
    found = {unit.text for unit in units if unit.kind == "heading"}
    problems = [
        Problem(
            "hooks/manifest.yml",
            f"section {section.heading!r}",
            "no line of the edited manuscript is this heading",
            f"make the heading match the manuscript's, or record the change to the heading in {LEDGER_NAME}",
        )
        for section in manifest.sections
        if normalize(section.heading) not in found
    ]
    return units, problems


def normalize_lines(text: str) -> str:
    """The manuscript with each line normalized as the pages are, and its line breaks kept."""
    return "\n".join(normalize(line) for line in text.splitlines())


def marked(manuscript: str, edits: list[Edit]) -> str:
    """The manuscript with each edit shown in place as [-from-]{+to+}, for an editor's review."""
    text = normalize_lines(manuscript)
    spans = sorted((text.index(edit.old), edit) for edit in edits if text.count(edit.old) == 1)
    for start, edit in reversed(spans):
        text = text[:start] + f"[-{edit.old}-]{{+{edit.new}+}}" + text[start + len(edit.old) :]
    return text


def _edit(entry: Any, number: int, pages: tuple[str, ...]) -> tuple[Edit | None, list[Problem]]:
    line = getattr(entry, "line", None)
    place = f"edit {number}"
    if not isinstance(entry, dict):
        return None, [Problem(LEDGER_NAME, place, "is not a mapping", "write `page:`, `from:`, `to:` and `kind:` lines", line)]
    problems = []
    for field in FIELDS:
        if not isinstance(entry.get(field), str) or (field != "to" and not entry[field].strip()):
            problems.append(Problem(LEDGER_NAME, place, f"`{field}` is missing or not text", f"give `{field}:` a quoted text value", line))
    unknown = sorted(set(entry) - {*FIELDS, "reason"})
    if unknown:
        problems.append(Problem(LEDGER_NAME, place, f"has unknown fields {', '.join(unknown)}", f"use only {', '.join(FIELDS)} and reason", line))
    if problems:
        return None, problems
    old, new, kind = normalize(entry["from"]), normalize(entry["to"]), entry["kind"].strip()
    reason = normalize(str(entry.get("reason") or ""))
    place = f"edit {_short(old)!r} → {_short(new)!r}"
    if entry["page"] not in pages:
        problems.append(Problem(LEDGER_NAME, place, f"`page` {entry['page']!r} is not a page of the site", f"use one of {', '.join(pages)}", line))
    if kind not in KINDS:
        problems.append(Problem(LEDGER_NAME, place, f"`kind` {kind!r} is not one of the kinds", f"use one of: {', '.join(KINDS)}", line))
    if old == new:
        problems.append(Problem(LEDGER_NAME, place, "`from` and `to` are the same, so it changes nothing", "remove the entry", line))
    if kind in MEANING_KINDS and not reason:
        problems.append(
            Problem(
                LEDGER_NAME, place, f"a {kind} edit has no `reason`", "say why the manuscript's word was plainly wrong (readers see it on the About page)", line
            )
        )
    return (None if problems else Edit(entry["page"], old, new, kind, reason, line or 0)), problems


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


EDITORIAL_NOTES_MARKER = "<!-- editorial-notes -->"


def editorial_notes(edits: list[Edit]) -> str:
    """The About page's notes: each edit that may change meaning with its reason, then the other copy-edits, collapsed."""
    meaning = [edit for edit in edits if edit.changes_meaning]
    others = [edit for edit in edits if not edit.changes_meaning]
    rows = [f"| [{_page_name(e.page)}]({e.page}) | {_cell(e.old)} | {_cell(e.new)} | {e.reason.replace('|', chr(92) + '|')} |" for e in meaning]
    other_rows = [f"    | [{_page_name(e.page)}]({e.page}) | {_cell(e.old)} | {_cell(e.new)} | {e.kind} |" for e in others]
    joined = sum(sentence_ends(edit.old) > sentence_ends(edit.new) for edit in edits)
    counts = ", ".join(f"{sum(e.kind == kind for e in edits)} {kind}" for kind in KINDS if any(e.kind == kind for e in edits))
    return "\n".join(
        [
            f"The manuscript's text is published with {len(edits)} edits ({counts})"
            + (f"; {joined} of them {'joins' if joined == 1 else 'join'} two of the author's sentences into one." if joined else "."),
            "",
            f"These {len(meaning)} edits replace or add a word in a way that could change what a reader understands."
            " Each says why the editors judged the manuscript's word wrong or missing.",
            "",
            "| Page | Manuscript | Published | Why |",
            "| --- | --- | --- | --- |",
            *rows,
            "",
            f'??? note "The other {len(others)} copy-edits: grammar, punctuation and capitalization"',
            "",
            "    | Page | Manuscript | Published | Kind |",
            "    | --- | --- | --- | --- |",
            *other_rows,
        ]
    )


def sentence_ends(text: str) -> int:
    """How many sentences end inside a piece of text (a full stop, ? or ! before a space and a capital)."""
    return len(re.findall(r"[.?!]\s+[A-Z]", text))


def _page_name(page: str) -> str:
    return page.removesuffix(".md").replace("-", " ").capitalize() if page != "index.md" else "Home"


def _cell(text: str) -> str:
    return f"“{text}”".replace("|", "\\|") if text else "(nothing)"


def review(manuscript: str, edits: list[Edit]) -> str:
    """For `make edits`: the manuscript line by line with each edit marked, and a count by kind."""
    counts = {kind: sum(edit.kind == kind for edit in edits) for kind in KINDS}
    lines = [line for line in marked(manuscript, edits).splitlines() if line.strip()]
    summary = ", ".join(f"{count} {kind}" for kind, count in counts.items() if count)
    return "\n\n".join([*lines, f"{len(edits)} edits in {LEDGER_NAME}: {summary}. Marked [-manuscript-]{{+published+}}."])
