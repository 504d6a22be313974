"""Compare the author's text on the rendered pages with the edited manuscript, sentence by sentence:
each sentence on its page, in its order and paragraph, and no other, so that the site publishes the
author's words with only the edits the ledger records."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import partial
from itertools import groupby
from typing import NamedTuple

from sitebuild.check.manifest import Manifest, Problem
from sitebuild.check.manuscript import LEDGER_NAME, Edit, Unit, short
from sitebuild.check.outline import FOOTNOTE
from sitebuild.check.page_text import EDITOR_NOTE, sentences
from sitebuild.load.page import Page

RESTORE = f"restore the manuscript's words, or record the change in {LEDGER_NAME} with its reason"
STRAY = f"remove it, or, if it is the site's own note, put it in an `!!! {EDITOR_NOTE}` admonition"
UNDONE = f" (the manuscript's own words: {LEDGER_NAME}:{{}} changes them; remove that entry"
UNDONE += " if the change is undone on purpose)"
WORD = re.compile(r"\w+(?:['-]\w+)*|[^\w\s]")
Say = Callable[..., Problem]
_matcher = partial(difflib.SequenceMatcher, None, autojunk=False)  # of two lists, no junk


class Piece(NamedTuple):
    """A sentence, heading or question: the unit the comparison aligns, by its kind and text."""

    kind: str
    text: str
    paragraph: int  # pieces of one paragraph share this number
    section: str = ""  # its section in the manuscript; "" for a piece of the page
    level: int = 0

    @property
    def key(self) -> tuple[str, str]:  # what the alignment compares: kind and text
        return self.kind, self.text


def check_article(
    manifest: Manifest,
    units: list[Unit],
    pages: dict[str, Page],
    edits: list[Edit],
    skip: frozenset[str] = frozenset(),
) -> list[Problem]:
    """Every difference between the edited manuscript and the author's text on the pages; those in
    `skip` already have a problem in their Markdown, which what renders from them would repeat."""
    # A footnote marker whose definition was lost shows as text; citations are checked on their own.
    unmark = partial(FOOTNOTE.sub, lambda mark: mark[0] if mark[2] else "")
    expected, actual = {}, {}
    for page in dict.fromkeys(unit.page for unit in units):
        # A page with one section and no introduction takes the section's heading as its title.
        own = page == manifest.introduction.page or len(manifest.sections_on(page)) != 1
        mine = [(u.kind, u.text, u.section, 1 + own) for u in units if u.page == page]
        expected[page] = _pieces(mine)
        if page in pages:
            blocks = pages[page].reading.blocks
            if own and blocks[:1] and (blocks[0].kind, blocks[0].level) == ("heading", 1):
                blocks = blocks[1:]
            actual[page] = _pieces((b.kind, unmark(b.text), "", b.level) for b in blocks)
    home = {piece.key: page for page, found in expected.items() for piece in found}
    shown = {piece.key for found in actual.values() for piece in found}
    problems = []
    for page, found in actual.items():
        if page not in skip:
            say = partial(_say, f"docs/{page}", pages[page].words.lines)
            edited = [edit for edit in edits if edit.page == page]
            problems += _compare(say, expected[page], found, home, shown, edited)
    return problems


def word_changes(old: str, new: str, limit: int = 3) -> str:
    """The words that differ, as `old` → `new`; the first few."""
    a, b = WORD.findall(old), WORD.findall(new)
    changes = [
        f"`{' '.join(a[i1:i2]) or '(nothing)'}` → `{' '.join(b[j1:j2]) or '(nothing)'}`"
        for tag, i1, i2, j1, j2 in _matcher(a, b).get_opcodes()
        if tag != "equal"
    ]
    more = f" and {len(changes) - limit} more" if len(changes) > limit else ""
    # Words joined as written: no space before punctuation (the separators put none there).
    return re.sub(r" ([,.;:!?)])", r"\1", "; ".join(changes[:limit]) + more)


def _pieces(parts: Iterable) -> list[Piece]:
    """Headings (at their level) and questions as they are, paragraphs as their sentences."""
    pieces = []
    for n, (kind, text, section, level) in enumerate(parts):
        if kind == "paragraph":
            pieces += [Piece("sentence", part, n, section) for part in sentences(text)]
        else:
            pieces.append(Piece(kind, text, n, section, level if kind == "heading" else 0))
    return pieces


def _compare(say: Say, expected: list, actual: list, home: dict, shown: set, edits: list) -> list:
    keys = [piece.key for piece in expected], [piece.key for piece in actual]
    counts = Counter(keys[0]), Counter(keys[1])
    # moved: this page's pieces out of the manuscript's order, as the manuscript has them
    problems, missing, moved, lost_from = [], [], [], None
    for tag, i1, i2, j1, j2 in _matcher(*keys).get_opcodes():
        if tag == "equal":
            # After pieces lost from the page, the piece before this run is the one before them.
            before = (i1 if lost_from is None else lost_from) - 1
            problems += _check_form(say, expected, actual, range(i1, i2), j1 - i1, before)
            continue
        lost_from = i1 if tag == "delete" else None
        pairs, left, added = _pair(expected[i1:i2], actual[j1:j2])
        for old, new in pairs:
            said = f"{_named(new)} differs from the manuscript: {word_changes(old.text, new.text)}"
            # The page may undo a recorded edit: then the entry may be what is out of date.
            undone = [e.line for e in edits if old.text.replace(e.new, e.old, 1) == new.text]
            said += UNDONE.format(undone[0]) if undone else ""
            problems.append(say(old, said, RESTORE, new.text))
        # What is left is reported where it stands now, if anywhere: moved, or on another page.
        missing += [piece for piece in left if piece.key not in shown]
        runs = {}  # pieces of another page, by that page; pieces of none, by their paragraph
        for piece in added:
            ours, theirs = (count[piece.key] for count in counts)
            if 0 < ours < theirs:
                said = f"{_named(piece)} appears more often than in the manuscript"
                problems.append(say(piece, said, "remove the copy", piece.text))
            elif ours:
                moved.append(next(p for p in expected if p.key == piece.key))
            else:
                runs.setdefault(home.get(piece.key, piece.paragraph), []).append(piece)
        for where, run in sorted(runs.items(), key=lambda item: isinstance(item[0], int)):
            said, fix = f"{_run(run, 'are', 'is')} not in the manuscript", STRAY
            if isinstance(where, str):  # the page of the manuscript that has them
                said = f"{_run(run, 'belong', 'belongs')} on docs/{where} in the manuscript"
                fix = f"move {'them' if run[1:] else 'it'} back to docs/{where}"
            problems.append(say(run[0], said, fix, run[0].text))
    return problems + _runs(say, moved, expected, False) + _runs(say, missing, expected, True)


def _pair(old: list[Piece], new: list[Piece]) -> tuple[list[tuple[Piece, Piece]], list, list]:
    """The changed pieces of a differing run paired: the same kind, most alike first, in order."""
    pairs, left, start = [], [], 0
    for piece in old:
        words = WORD.findall(piece.text)
        kin = [i for i in range(start, len(new)) if new[i].kind == piece.kind]
        like = [(_matcher(words, WORD.findall(new[i].text)).ratio(), i) for i in kin]
        ratio, best = max(like, default=(0.0, -1))
        if ratio >= 0.5:
            pairs.append((piece, new[best]))
            start = best + 1
        else:
            left.append(piece)
    return pairs, left, [piece for piece in new if all(piece is not b for _, b in pairs)]


def _runs(say: Say, pieces: list[Piece], expected: list[Piece], lost: bool) -> list[Problem]:
    """One problem for each run of pieces side by side in the manuscript, within one section:
    `lost` from the page (a whole section, or sentences), or else out of the manuscript's order."""
    problems, at = [], [(expected.index(p) - n, p.section) for n, p in enumerate(pieces)]
    for _, group in groupby(zip(at, pieces, strict=True), key=lambda item: item[0]):
        run = [piece for _, piece in group]
        first, index, them = run[0], expected.index(run[0]), "them" if run[1:] else "it"
        before = expected[index - 1].text if index else None
        after = f"after {_quote(before)}" if index else ""
        fix = f"restore {them} from the manuscript, {after or 'at the start of the page'}"
        if not lost:
            come = "they come" if run[1:] else "it comes"
            said = f"{_run(run, 'are', 'is')} out of the manuscript's order"
            fix = f"move {them} back: {come} {after or 'first on the page'}"
        elif first.kind == "heading" and run == [p for p in expected if p.section == first.section]:
            said = f"the whole section is missing (its heading and {len(run) - 1} sentences)"
        elif run[1:]:
            said = f"{len(run)} sentences from the manuscript are missing, from"
            said += f" {_quote(first.text, 40)} to {_quote(run[-1].text, 40)}"
        else:
            said = f"{_named(first)} from the manuscript is missing"
        problems.append(say(first, said, fix, before if lost else first.text))
    return problems


def _check_form(say: Say, expected: list, actual: list, same: range, shift: int, before: int):
    """Pieces equal in words (`same`; on the page, `shift` later): heading levels, paragraphs.
    `before` is the piece of `expected` the page has before the first: when a paragraph's first
    sentence is lost, the next one opening it on the page is no second problem."""
    problems = []
    for i in same:
        old, new, j = expected[i], actual[i + shift], i + shift
        prior = before if i == same.start else i - 1
        if old.kind == "heading" and old.level != new.level:
            fix = f"write it as a level-{old.level} heading ({'#' * old.level} …)"
            said = f"the heading is at level {new.level}, not {old.level}"
            problems.append(say(old, said, fix, new.text))
        starts = expected[prior].paragraph != old.paragraph  # a paragraph, in the manuscript
        opens = j and actual[j - 1].paragraph != new.paragraph  # one, on the page
        if old.kind == "sentence" and prior >= 0 and j and starts != opens:
            said = "starts a new paragraph" if starts else "continues the paragraph before it"
            said = f"the sentence {_quote(new.text)} {said} in the manuscript"
            fix = "start a new paragraph" if starts else "join it to the paragraph"
            problems.append(say(old, said, fix + " before it", new.text))
    return problems


def _say(file: str, lines: tuple, piece: Piece, said: str, fix: str, text: str | None) -> Problem:
    """A problem with a piece, in its section (the article, for one only the page has), at the line
    of the Markdown source where `text` stands."""
    probes = [text[:60], text[:25], " ".join(text.split()[:3])] if text else []
    line = next((number for p in probes for number, words in lines if p and p in words), None)
    place = "introduction" if piece.section == "introduction" else f"section {piece.section!r}"
    return Problem(file, place if piece.section else "article", said, fix, line)


def _named(piece: Piece) -> str:
    return f"the {piece.kind} {_quote(piece.text)}"


def _run(run: list[Piece], many: str, one: str) -> str:
    """The run named by its first piece, with `many` or `one` (a verb) as its number needs."""
    return _named(run[0]) + (f" and the {len(run) - 1} after it {many}" if run[1:] else f" {one}")


def _quote(text: str, width: int = 60) -> str:
    return f'"{short(text, width)}"'
