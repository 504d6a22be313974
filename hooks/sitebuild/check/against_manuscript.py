"""Compare the author's text on the rendered pages with the manuscript, sentence by sentence.

Every sentence of the manuscript (after the ledger's edits) must be on its page, in the
manuscript's order and paragraphs, and every sentence of the author's text on a page must be in the
manuscript: the site publishes the author's words, and only the edits the ledger records.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from sitebuild.check.manifest import Manifest, Problem
from sitebuild.check.manuscript import LEDGER_NAME, Edit, Unit, short
from sitebuild.check.outline import FOOTNOTE
from sitebuild.check.page_text import EDITOR_NOTE, sentences

if TYPE_CHECKING:
    from sitebuild.load.page import Page

RESTORE = f"restore the manuscript's words, or record the change in {LEDGER_NAME} with its reason"
WORD = re.compile(r"\w+(?:['-]\w+)*|[^\w\s]")


class Piece(NamedTuple):
    """A sentence, heading or question: the unit the comparison aligns."""

    kind: str
    text: str
    paragraph: int  # pieces of one paragraph share this number
    section: str = ""
    level: int = 0

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.text}"


Say = Callable[[str, str, str, str | None], Problem]
Lines = tuple[tuple[int, str], ...]  # (line, words as read) of each line of a page's Markdown


def check_article(
    manifest: Manifest,
    units: list[Unit],
    pages: dict[str, Page],
    edits: list[Edit],
    skip: frozenset[str] = frozenset(),
) -> list[Problem]:
    """Every difference between the edited manuscript and the author's text on the pages.

    Pages in `skip` already have a problem in their Markdown (front matter, a citation, the FAQ's
    form): what renders from them would only repeat it.
    """
    level = {page: _heading_level(manifest, page) for page in dict.fromkeys(u.page for u in units)}
    expected = {
        page: _pieces(
            (u.kind, u.text, u.section, (u.kind == "heading") * at) for u in units if u.page == page
        )
        for page, at in level.items()
    }
    actual = {page: _actual(manifest, page, pages[page]) for page in expected if page in pages}
    where_expected = {piece.key: page for page, found in expected.items() for piece in found}
    where_actual = {piece.key: page for page, found in actual.items() for piece in found}
    problems = []
    for page, found in actual.items():
        if page not in skip:
            say = partial(_say, f"docs/{page}", pages[page].words.lines)
            edited = [edit for edit in edits if edit.page == page]
            problems += _compare(say, expected[page], found, where_expected, where_actual, edited)
    return problems


def word_changes(old: str, new: str, limit: int = 3) -> str:
    """The words that differ, as `old` → `new`; the first few."""
    a, b = WORD.findall(old), WORD.findall(new)
    changes = [
        f"`{_join(a[i1:i2]) or '(nothing)'}` → `{_join(b[j1:j2]) or '(nothing)'}`"
        for tag, i1, i2, j1, j2 in _matcher(a, b).get_opcodes()
        if tag != "equal"
    ]
    more = f" and {len(changes) - limit} more" if len(changes) > limit else ""
    return "; ".join(changes[:limit]) + more


def _pieces(parts: Iterable[tuple[str, str, str, int]]) -> list[Piece]:
    """Headings and questions as they are, paragraphs as their sentences."""
    pieces = []
    for number, (kind, text, section, level) in enumerate(parts):
        if kind == "paragraph":
            pieces += [Piece("sentence", part, number, section) for part in sentences(text)]
        else:
            pieces.append(Piece(kind, text, number, section, level))
    return pieces


def _actual(manifest: Manifest, page: str, record: Page) -> list[Piece]:
    """The rendered page's blocks as pieces, without the page title the site adds."""
    blocks = list(record.reading.blocks)
    title = blocks and (blocks[0].kind, blocks[0].level) == ("heading", 1)
    blocks = blocks[1:] if title and _heading_level(manifest, page) == 2 else blocks
    # A footnote marker whose definition was lost shows as text; citations are checked on their own.
    unmarked = (FOOTNOTE.sub(lambda mark: mark[0] if mark[2] else "", b.text) for b in blocks)
    return _pieces((b.kind, text, "", b.level) for b, text in zip(blocks, unmarked, strict=True))


def _heading_level(manifest: Manifest, page: str) -> int:
    """A page with one section and no introduction takes the section's heading as its title."""
    own_title = page == manifest.introduction.page or len(manifest.sections_on(page)) != 1
    return 2 if own_title else 1


def _compare(
    say: Say,
    expected: list[Piece],
    actual: list[Piece],
    where_expected: dict[str, str],
    where_actual: dict[str, str],
    edits: list[Edit],
) -> list[Problem]:
    keys_expected, keys_actual = [p.key for p in expected], [p.key for p in actual]
    counts_expected, counts_actual = Counter(keys_expected), Counter(keys_actual)
    # moved: pieces of this page, out of the manuscript's order
    problems, missing, moved = [], [], []
    for tag, i1, i2, j1, j2 in _matcher(keys_expected, keys_actual).get_opcodes():
        if tag == "equal":
            same = zip(range(i1, i2), range(j1, j2), strict=True)
            problems += _check_form(say, expected, actual, same)
            continue
        pairs, left, added = _pair(expected[i1:i2], actual[j1:j2])
        for old, new in pairs:
            said = f"{_named(new)} differs from the manuscript: {word_changes(old.text, new.text)}"
            said += _ledger_hint(old, new, edits)
            problems.append(say(_section(old), said, RESTORE, new.text))
        # What is left is reported where it stands now, if anywhere: moved, or on another page.
        missing += [piece for piece in left if piece.key not in where_actual]
        strangers: dict[int, list[Piece]] = {}  # pieces in no page of the manuscript, by paragraph
        elsewhere: dict[str, list[Piece]] = {}  # pieces of other pages, by page
        for piece in added:
            if 0 < counts_expected[piece.key] < counts_actual[piece.key]:
                said = f"{_named(piece)} appears more often than in the manuscript"
                problems.append(say("article", said, "remove the copy", piece.text))
            elif piece.key in counts_expected:
                moved.append(piece)
            elif piece.key in where_expected:
                elsewhere.setdefault(where_expected[piece.key], []).append(piece)
            else:
                strangers.setdefault(piece.paragraph, []).append(piece)
        for home, run in elsewhere.items():
            said = f"{_run(run, 'belong', 'belongs')} on docs/{home}"
            fix = f"move {'them' if run[1:] else 'it'} back to docs/{home}"
            problems.append(say("article", said + " in the manuscript", fix, run[0].text))
        fix = f"remove it, or, if it is the site's own note, put it in an `!!! {EDITOR_NOTE}`"
        fix += " admonition"
        for run in strangers.values():
            said = f"{_run(run, 'are', 'is')} not in the manuscript"
            problems.append(say("article", said, fix, run[0].text))
    # The manuscript's pieces with the same words know their section.
    twins = [next(p for p in expected if p.key == piece.key) for piece in moved]
    return problems + _runs(say, twins, expected, False) + _runs(say, missing, expected, True)


def _pair(old: list[Piece], new: list[Piece]) -> tuple[list[tuple[Piece, Piece]], list, list]:
    """The changed pieces of a differing run paired: the same kind, most alike first, in order."""
    pairs, left, start = [], [], 0
    for piece in old:
        words = WORD.findall(piece.text)
        kin = [(i, c.text) for i, c in enumerate(new) if i >= start and c.kind == piece.kind]
        like = [(_matcher(words, WORD.findall(t)).ratio(), i) for i, t in kin]
        best = max(like, default=(0.0, -1))
        if best[0] >= 0.5:
            pairs.append((piece, new[best[1]]))
            start = best[1] + 1
        else:
            left.append(piece)
    paired = {id(b) for _, b in pairs}
    return pairs, left, [piece for piece in new if id(piece) not in paired]


def _runs(say: Say, pieces: list[Piece], expected: list[Piece], lost: bool) -> list[Problem]:
    """One problem for each run of pieces side by side in the manuscript, within one section:
    missing from the page (a whole section, or sentences), or else out of the manuscript's order."""
    runs: list[list[Piece]] = []
    at = expected.index
    for piece in pieces:
        last = runs[-1][-1] if runs else None
        if last and at(last) == at(piece) - 1 and last.section == piece.section:
            runs[-1].append(piece)
        else:
            runs.append([piece])
    return [(_missing if lost else _out_of_order)(say, run, expected) for run in runs]


def _out_of_order(say: Say, run: list[Piece], expected: list[Piece]) -> Problem:
    index = expected.index(run[0])
    after = f"after {_quote(expected[index - 1].text)}" if index else "first on the page"
    fix = "move them back: they come" if len(run) > 1 else "move it back: it comes"
    said = f"{_run(run, 'are', 'is')} out of the manuscript's order"
    return say(_section(run[0]), said, f"{fix} {after}", run[0].text)


def _missing(say: Say, run: list[Piece], expected: list[Piece]) -> Problem:
    """A whole section, or sentences side by side, missing from the page."""
    first, index = run[0], expected.index(run[0])
    before = expected[index - 1].text if index else None
    where = f"after {_quote(before)}" if before is not None else "at the start of the page"
    if first.kind == "heading" and run == [p for p in expected if p.section == first.section]:
        what = f"the whole section is missing (its heading and {len(run) - 1} sentences)"
    elif len(run) > 1:
        what = f"{len(run)} sentences from the manuscript are missing, from"
        what += f" {_quote(first.text, 40)} to {_quote(run[-1].text, 40)}"
    else:
        what = f"{_named(first)} from the manuscript is missing"
    fix = f"restore {'them' if run[1:] else 'it'} from the manuscript, {where}"
    return say(_section(first), what, fix, before)


def _check_form(say: Say, expected: list[Piece], actual: list[Piece], pairs: Iterable) -> list:
    """Pieces that match in words: headings at their level, paragraphs as the manuscript's."""
    problems = []
    for i, j in pairs:
        old, new = expected[i], actual[j]
        if old.kind == "heading" and old.level != new.level:
            fix = f"write it as a level-{old.level} heading ({'#' * old.level} …)"
            said = f"the heading is at level {new.level}, not {old.level}"
            problems.append(say(_section(old), said, fix, new.text))
        if old.kind != "sentence" or not i or not j:
            continue
        starts = expected[i - 1].paragraph != old.paragraph
        if starts != (actual[j - 1].paragraph != new.paragraph):
            said = "starts a new paragraph" if starts else "continues the paragraph before it"
            said = f"the sentence {_quote(new.text)} {said} in the manuscript"
            fix = "start a new paragraph" if starts else "join it to the paragraph"
            fix += " before it"
            problems.append(say(_section(old), said, fix, new.text))
    return problems


def _ledger_hint(old: Piece, new: Piece, edits: list[Edit]) -> str:
    """Says so when the page undoes a recorded edit: the entry may be what is out of date."""
    # A differing pair's texts differ, so an edit not in the old text cannot give the new one.
    undone = [e.line for e in edits if old.text.replace(e.new, e.old, 1) == new.text]
    if not undone:
        return ""
    said = f" (the manuscript's own words: {LEDGER_NAME}:{undone[0]} changes them; remove that"
    return said + " entry if the change is undone on purpose)"


def _say(file: str, lines: Lines, place: str, problem: str, fix: str, text: str | None) -> Problem:
    """A problem in a page, at the line of the Markdown source where its text stands."""
    probes = [text[:60], text[:25], " ".join(text.split()[:3])] if text else []
    line = next((number for p in probes for number, words in lines if p and p in words), None)
    return Problem(file, place, problem, fix, line)


def _section(piece: Piece) -> str:
    return "introduction" if piece.section == "introduction" else f"section {piece.section!r}"


def _named(piece: Piece) -> str:
    return f"the {piece.kind} {_quote(piece.text)}"


def _run(run: list[Piece], many: str, one: str) -> str:
    """The run named by its first piece, with `many` or `one` (a verb) as its number needs."""
    return _named(run[0]) + (f" and the {len(run) - 1} after it {many}" if run[1:] else f" {one}")


def _matcher(a: list[str], b: list[str]) -> difflib.SequenceMatcher:
    return difflib.SequenceMatcher(None, a, b, autojunk=False)


def _quote(text: str, width: int = 60) -> str:
    return f'"{short(text, width)}"'


def _join(words: list[str]) -> str:
    return re.sub(r" ([,.;:!?)])", r"\1", " ".join(words))
