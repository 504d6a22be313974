"""The author's manuscript, kept verbatim, and the ledger of every edit made to its words: each
change is written down as `from` (the manuscript's words) → `to` (the published words), where the
build can check it and the About page can list it."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import NamedTuple

import sitebuild.load.strict_yaml as strict_yaml
from sitebuild.check.manifest import MANIFEST_NAME, Manifest, Problem
from sitebuild.check.page_text import normalize

MANUSCRIPT_NAME = "manuscript/ketamine-for-chronic-pain.txt"
LEDGER_NAME = "manuscript/edits.yml"
EDITORIAL_NOTES_MARKER = "<!-- editorial-notes -->"
# What a copy-edit may be. The last two may change what a reader understands,
# so they need a reason, and the About page lists each of them.
MEANING_KINDS = ("wrong word", "missing word")
KINDS = ("spelling", "punctuation", "capitalization", "grammar", "wording", *MEANING_KINDS)
FIELDS = ("page", "from", "to", "kind")
# The manuscript numbers its questions ("1. What is …"); the site shows each as a question.
QUESTION_NUMBER = re.compile(r"^\d+\.\s+")
# A sentence ending inside an edit's words: an edit with fewer than its `from` joins two sentences.
JOIN = re.compile(r"[.?!]\s+[A-Z]")


class Edit(NamedTuple):
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


class Unit(NamedTuple):
    """A heading, paragraph or FAQ question of the edited manuscript, with where it belongs."""

    page: str
    section: str  # the heading of the section it belongs to ("introduction" before the first)
    kind: str  # "heading", "paragraph" or "question"
    text: str


def parse_ledger(text: str, pages: tuple[str, ...]) -> tuple[list[Edit], list[Problem]]:
    """The ledger's edits, or every way an entry is malformed, so none is applied half-read."""
    fix = "correct the YAML there (each entry: page, from, to, kind, and reason for a wrong or"
    data, problems = strict_yaml.load(text, LEDGER_NAME, fix=fix + " missing word)")
    entries = data.get("edits") if isinstance(data, dict) else None
    if problems or not isinstance(entries, list):
        fix = "restore its layout from git: `edits:` followed by one entry per change"
        none = Problem(LEDGER_NAME, "edits", "the file has no `edits:` list", fix, 1)
        return [], problems or [none]
    wrong = "say why the manuscript's word was plainly wrong (readers see it on the About page)"
    any_page, any_kind = "use one of " + ", ".join(pages), "use one of: " + ", ".join(KINDS)
    edits, remove = [], "remove the entry"
    for number, entry in enumerate(entries, start=1):
        line, say = getattr(entry, "line", None), partial(Problem, LEDGER_NAME, f"edit {number}")
        if not isinstance(entry, dict):
            fix = "write `page:`, `from:`, `to:` and `kind:` lines"
            problems.append(say("is not a mapping", fix, line))
            continue
        found = [
            say(f"`{field}` is missing or not text", f"give `{field}:` a quoted text value", line)
            for field in FIELDS
            if not isinstance(entry.get(field), str) or (field != "to" and not entry[field].strip())
        ]
        if unknown := sorted(set(entry) - {*FIELDS, "reason"}):
            fix = f"use only {', '.join(FIELDS)} and reason"
            found.append(say(f"has unknown fields {', '.join(unknown)}", fix, line))
        if not found:  # every field is there: now what they say
            old, new, kind = normalize(entry["from"]), normalize(entry["to"]), entry["kind"].strip()
            page, reason = entry["page"], normalize(str(entry.get("reason") or ""))
            checks = [
                (page not in pages, f"`page` {page!r} is not a page of the site", any_page),
                (kind not in KINDS, f"`kind` {kind!r} is not one of the kinds", any_kind),
                (old == new, "`from` and `to` are the same, so it changes nothing", remove),
                (kind in MEANING_KINDS and not reason, f"a {kind} edit has no `reason`", wrong),
            ]
            say = partial(Problem, LEDGER_NAME, _place(old, new))
            found = [say(problem, fix, line) for failed, problem, fix in checks if failed]
            edits += [] if found else [Edit(page, old, new, kind, reason, line or 0)]
        problems += found
    return edits, problems


def apply_edits(manuscript: str, edits: list[Edit]) -> tuple[str, list[Problem]]:
    """The manuscript with every edit made, or the entries that no longer apply to it."""
    text, spans, edited = _edited(manuscript, edits, lambda edit: edit.new)
    problems = []
    for edit in edits:
        count, say = text.count(edit.old), partial(Problem, LEDGER_NAME, _place(edit.old, edit.new))
        if count == 0:
            fix = "correct `from` to the manuscript's exact words, or remove the entry"
            problems.append(say("its `from` is not in the manuscript", fix, edit.line))
        elif count > 1:
            fix = "add a word or two of context to `from` and `to` so that it matches once"
            problems.append(say(f"its `from` is in the manuscript {count} times", fix, edit.line))
    for (start, first), (after, second) in zip(spans, spans[1:], strict=False):
        if after < start + len(first.old):
            said = f"it overlaps the edit on line {first.line}"
            place, fix = f"edit {short(second.old, 40)!r}", "merge the two entries into one"
            problems.append(Problem(LEDGER_NAME, place, said, fix, second.line))
    return (text, problems) if problems else (edited, [])


def manuscript_units(edited: str, manifest: Manifest) -> tuple[list[Unit], list[Problem]]:
    """The edited manuscript as units with their pages: a section heading's line opens it."""
    pages = {normalize(section.heading): section.page for section in manifest.sections}
    page, section, units = manifest.introduction.page, "introduction", []
    for text in filter(None, map(normalize, edited.splitlines())):
        kind = "paragraph"
        if text in pages:
            page, section, kind = pages[text], text, "heading"
        elif page == manifest.faq_page and QUESTION_NUMBER.match(text):
            kind, text = "question", QUESTION_NUMBER.sub("", text)
        units.append(Unit(page, section, kind, text))
    found = {unit.text for unit in units if unit.kind == "heading"}
    fix = "make the heading match the manuscript's, or record the change to the heading in "
    fix, problem = fix + LEDGER_NAME, "no line of the edited manuscript is this heading"
    lost = [s.heading for s in manifest.sections if normalize(s.heading) not in found]
    return units, [Problem(MANIFEST_NAME, f"section {h!r}", problem, fix) for h in lost]


def editorial_notes(edits: list[Edit]) -> str:
    """The About page's notes: each edit that may change meaning with its reason, then the rest."""
    meaning = [edit for edit in edits if edit.changes_meaning]
    others = [edit for edit in edits if not edit.changes_meaning]
    joined = sum(len(JOIN.findall(edit.old)) > len(JOIN.findall(edit.new)) for edit in edits)
    verb = "joins" if joined == 1 else "join"
    joins = f"; {joined} of them {verb} two of the author's sentences into one" if joined else ""
    head = f"The manuscript's text is published with {len(edits)} edits ({_counts(edits)}){joins}."
    why = f"These {len(meaning)} edits replace or add a word in a way that could change what a"
    why += " reader understands. Each says why the editors judged the manuscript's word wrong or"
    note = f'??? note "The other {len(others)} copy-edits: grammar, punctuation and capitalization"'
    return "\n\n".join([head, why + " missing.", _table(meaning, True), note, _table(others)])


def review(manuscript: str, edits: list[Edit]) -> str:
    """For `make edits`: the manuscript line by line with each edit marked, and a count by kind."""
    marked = _edited(manuscript, edits, lambda edit: f"[-{edit.old}-]{{+{edit.new}+}}")[2]
    summary = f"{len(edits)} edits in {LEDGER_NAME}: {_counts(edits)}."
    summary += " Marked [-manuscript-]{+published+}."
    return "\n\n".join([*[line for line in marked.splitlines() if line.strip()], summary])


def _edited(manuscript: str, edits: list[Edit], new: Callable) -> tuple[str, list, str]:
    """The manuscript, each line normalized as the pages are; where each edit found once starts;
    and the text with each of those replaced by `new`."""
    text = "\n".join(map(normalize, manuscript.splitlines()))
    found = [(text.index(edit.old), edit) for edit in edits if text.count(edit.old) == 1]
    spans, edited = sorted(found, key=lambda span: span[0]), text
    for start, edit in reversed(spans):
        edited = edited[:start] + new(edit) + edited[start + len(edit.old) :]
    return text, spans, edited


def _counts(edits: list[Edit]) -> str:
    return ", ".join(f"{n} {kind}" for kind in KINDS if (n := sum(e.kind == kind for e in edits)))


def _table(edits: list[Edit], why: bool = False) -> str:
    """The edits as a table: page, both texts, and why (`why`) or kind (copy-edits, in a box)."""
    rows = [f"| Page | Manuscript | Published | {'Why' if why else 'Kind'} |", "| --- " * 4 + "|"]
    for edit in edits:
        name = edit.page.removesuffix(".md").replace("-", " ").capitalize()
        name = "Home" if edit.page == "index.md" else name
        old, new = (f"“{t}”".replace("|", "\\|") if t else "(nothing)" for t in edit[1:3])
        last = edit.reason.replace("|", "\\|") if why else edit.kind
        rows.append(f"| [{name}]({edit.page}) | {old} | {new} | {last} |")
    return "\n".join(("" if why else "    ") + row for row in rows)


def _place(old: str, new: str) -> str:
    return f"edit {short(old, 40)!r} → {short(new, 40)!r}"


def short(text: str, width: int = 60) -> str:
    """A quote cut to `width` characters, so that a message stays one readable line."""
    return text if len(text) <= width else text[: width - 1] + "…"
