"""Compare the author's text on the rendered pages with the manuscript, sentence by sentence, in order.

Pure functions: the edited manuscript's units, each page's rendered HTML and
Markdown source in; Problems out. Every sentence of the manuscript (after the
ledger's edits) must be on its page, in the manuscript's order and paragraphs,
and every sentence of the author's text on a page must be in the manuscript.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass

from sitebuild.check.manifest import Manifest, Problem
from sitebuild.check.manuscript import LEDGER_NAME, Edit, Unit
from sitebuild.check.outline import content_lines, plain_text
from sitebuild.check.page_text import Block, author_blocks, normalize, sentences

RESTORE = f"restore the manuscript's words, or record the change in {LEDGER_NAME} with its reason"
LITERAL_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")
WORD = re.compile(r"\w+(?:['-]\w+)*|[^\w\s]")


@dataclass(frozen=True)
class Piece:
    """A sentence, heading or question: the unit the comparison aligns."""

    kind: str
    text: str
    paragraph: int  # pieces of one paragraph share this number
    section: str = ""
    level: int = 0

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.text}"


@dataclass(frozen=True)
class PageText:
    """One article page as the check reads it: its rendered HTML and its Markdown source."""

    html: str
    source: str


def check_article(manifest: Manifest, units: list[Unit], pages: dict[str, PageText], edits: list[Edit], skip: frozenset[str] = frozenset()) -> list[Problem]:
    """Every difference between the edited manuscript and the author's text on the pages.

    Pages in `skip` already have a problem in their Markdown (front matter, a
    citation, the FAQ's form): what renders from them would only repeat it.
    """
    expected = {page: expected_pieces(manifest, [u for u in units if u.page == page]) for page in dict.fromkeys(u.page for u in units)}
    actual = {page: actual_pieces(manifest, page, author_blocks(pages[page].html)) for page in expected if page in pages}
    where_expected = {piece.key: page for page, found in expected.items() for piece in found}
    where_actual = {piece.key: page for page, found in actual.items() for piece in found}
    problems = []
    for page, found in actual.items():
        if page in skip:
            continue
        lines = _LineFinder(page, pages[page].source)
        problems += _compare_page(page, expected[page], found, where_expected, where_actual, lines, edits)
    return problems


def expected_pieces(manifest: Manifest, units: list[Unit]) -> list[Piece]:
    """A page's units from the manuscript, as pieces."""
    level = heading_level(manifest, units[0].page) if units else 2
    pieces = []
    for number, unit in enumerate(units):
        if unit.kind == "paragraph":
            pieces += [Piece("sentence", text, number, unit.section) for text in sentences(unit.text)]
        else:
            pieces.append(Piece(unit.kind, unit.text, number, unit.section, level if unit.kind == "heading" else 0))
    return pieces


def actual_pieces(manifest: Manifest, page: str, blocks: list[Block]) -> list[Piece]:
    """A page's rendered blocks as pieces, without the page title the site adds."""
    if heading_level(manifest, page) == 2 and blocks and blocks[0].kind == "heading" and blocks[0].level == 1:
        blocks = blocks[1:]
    pieces = []
    for number, block in enumerate(blocks):
        # A footnote marker whose definition was lost shows as text; citations are checked on their own.
        text = LITERAL_FOOTNOTE.sub("", block.text)
        if block.kind == "paragraph":
            pieces += [Piece("sentence", sentence, number) for sentence in sentences(text)]
        else:
            pieces.append(Piece(block.kind, text, number, level=block.level))
    return pieces


def heading_level(manifest: Manifest, page: str) -> int:
    """A page with one section and no introduction takes the section's heading as its title (level 1); others have their own title, sections at level 2."""
    own_title = page == manifest.introduction.page or len(manifest.sections_on(page)) != 1
    return 2 if own_title else 1


def word_changes(old: str, new: str, limit: int = 3) -> str:
    """The words that differ, as `old` → `new`; the first few."""
    a, b = WORD.findall(old), WORD.findall(new)
    changes = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            changes.append(f"`{_join(a[i1:i2]) or '(nothing)'}` → `{_join(b[j1:j2]) or '(nothing)'}`")
    more = f" and {len(changes) - limit} more" if len(changes) > limit else ""
    return "; ".join(changes[:limit]) + more


def _compare_page(
    page: str,
    expected: list[Piece],
    actual: list[Piece],
    where_expected: dict[str, str],
    where_actual: dict[str, str],
    lines: _LineFinder,
    edits: list[Edit],
) -> list[Problem]:
    file = f"docs/{page}"
    expected_keys, actual_keys = [p.key for p in expected], [p.key for p in actual]
    counts_expected, counts_actual = Counter(expected_keys), Counter(actual_keys)
    problems: list[Problem] = []
    missing: list[Piece] = []
    moved: list[Piece] = []  # pieces of this page, out of the manuscript's order
    matcher = difflib.SequenceMatcher(None, expected_keys, actual_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            problems += _check_form(file, expected[i1:i2], actual[j1:j2], expected, actual, i1, j1, lines)
            continue
        pairs, left, added = _pair(expected[i1:i2], actual[j1:j2])
        for old, new in pairs:
            problems.append(
                Problem(
                    file,
                    _section(old),
                    f"{_what(new)} {_quote(new.text)} differs from the manuscript: {word_changes(old.text, new.text)}{_ledger_hint(old, new, edits, page)}",
                    RESTORE,
                    lines.find(new.text),
                )
            )
        for piece in left:
            if piece.key in counts_actual or piece.key in where_actual:
                continue  # reported where it stands now: out of order, or on another page
            missing.append(piece)
        strangers: dict[int, list[Piece]] = {}  # pieces in no page of the manuscript, by paragraph
        elsewhere: dict[str, list[Piece]] = {}  # pieces of other pages, by page
        for piece in added:
            if piece.key in counts_expected and counts_actual[piece.key] > counts_expected[piece.key]:
                problems.append(
                    Problem(
                        file,
                        "article",
                        f"{_what(piece)} {_quote(piece.text)} appears more often than in the manuscript",
                        "remove the copy",
                        lines.find(piece.text),
                    )
                )
            elif piece.key in counts_expected:
                moved.append(piece)
            elif piece.key in where_expected:
                elsewhere.setdefault(where_expected[piece.key], []).append(piece)
            else:
                strangers.setdefault(piece.paragraph, []).append(piece)
        problems += [_on_wrong_page(file, group, home, lines) for home, group in elsewhere.items()]
        problems += [_not_in_manuscript(file, group, lines) for group in strangers.values()]
    problems += [_out_of_order(file, run, expected, lines) for run in _runs([_twin(piece, expected) for piece in moved], expected)]
    return problems + _missing(file, missing, expected, lines)


# Pair the changed pieces of a differing run: the same kind, most alike first, in order.
def _pair(old: list[Piece], new: list[Piece]) -> tuple[list[tuple[Piece, Piece]], list[Piece], list[Piece]]:
    pairs, left, start = [], [], 0
    for piece in old:
        scores = [
            (difflib.SequenceMatcher(None, WORD.findall(piece.text), WORD.findall(candidate.text), autojunk=False).ratio(), index)
            for index, candidate in enumerate(new[start:], start=start)
            if candidate.kind == piece.kind
        ]
        best = max(scores, default=(0.0, -1))
        if best[0] >= 0.5:
            pairs.append((piece, new[best[1]]))
            start = best[1] + 1
        else:
            left.append(piece)
    paired = {id(b) for _, b in pairs}
    return pairs, left, [piece for piece in new if id(piece) not in paired]


# Pieces out of order, one problem for each run of them.
def _out_of_order(file: str, run: list[Piece], expected: list[Piece], lines: _LineFinder) -> Problem:
    first, index = run[0], expected.index(run[0])
    after = f"after {_quote(expected[index - 1].text)}" if index else "first on the page"
    if len(run) > 1:
        what, fix = f"{_what(first)} {_quote(first.text)} and the {len(run) - 1} after it are", f"move them back: they come {after}"
    else:
        what, fix = f"{_what(first)} {_quote(first.text)} is", f"move it back: it comes {after}"
    return Problem(file, _section(first), f"{what} out of the manuscript's order", fix, lines.find(first.text))


# The manuscript's piece with the same words (it knows its section).
def _twin(piece: Piece, expected: list[Piece]) -> Piece:
    return next(p for p in expected if p.key == piece.key)


# Text the manuscript puts on another page, one problem for each page it came from.
def _on_wrong_page(file: str, group: list[Piece], page: str, lines: _LineFinder) -> Problem:
    first = group[0]
    what = f"{_what(first)} {_quote(first.text)}" + (f" and the {len(group) - 1} after it" if len(group) > 1 else "")
    verb = "belong" if len(group) > 1 else "belongs"
    return Problem(
        file,
        "article",
        f"{what} {verb} on docs/{page} in the manuscript",
        f"move {'them' if len(group) > 1 else 'it'} back to docs/{page}",
        lines.find(first.text),
    )


# Text in no page of the manuscript, one problem for each paragraph of it.
def _not_in_manuscript(file: str, group: list[Piece], lines: _LineFinder) -> Problem:
    first = group[0]
    what = f"{_what(first)} {_quote(first.text)}" + (f" and the {len(group) - 1} after it" if len(group) > 1 else "")
    return Problem(
        file,
        "article",
        f"{what} {'are' if len(group) > 1 else 'is'} not in the manuscript",
        "remove it, or, if it is the site's own note, put it in an `!!! editor-note` admonition",
        lines.find(first.text),
    )


# Missing pieces, one problem for each run of them: a whole section, or sentences side by side.
def _missing(file: str, missing: list[Piece], expected: list[Piece], lines: _LineFinder) -> list[Problem]:
    problems = []
    for run in _runs(missing, expected):
        first, index = run[0], expected.index(run[0])
        line = lines.find(expected[index - 1].text) if index else None
        where = f"after {_quote(expected[index - 1].text)}" if index else "at the start of the page"
        section = [p for p in expected if p.section == first.section]
        if run == section and first.kind == "heading":
            what = f"the whole section is missing (its heading and {len(run) - 1} sentences)"
        elif len(run) > 1:
            what = f"{len(run)} sentences from the manuscript are missing, from {_quote(first.text, 40)} to {_quote(run[-1].text, 40)}"
        else:
            what = f"{_what(first)} {_quote(first.text)} from the manuscript is missing"
        problems.append(Problem(file, _section(first), what, f"restore {'them' if len(run) > 1 else 'it'} from the manuscript, {where}", line))
    return problems


# Pieces side by side in the manuscript, within one section, as runs.
def _runs(pieces: list[Piece], expected: list[Piece]) -> list[list[Piece]]:
    runs: list[list[Piece]] = []
    for piece in pieces:
        index = expected.index(piece)
        if runs and expected.index(runs[-1][-1]) == index - 1 and runs[-1][-1].section == piece.section:
            runs[-1].append(piece)
        else:
            runs.append([piece])
    return runs


# Pieces that match in words: headings at their level, paragraphs broken where the manuscript breaks them.
def _check_form(
    file: str, expected: list[Piece], actual: list[Piece], all_expected: list[Piece], all_actual: list[Piece], i1: int, j1: int, lines: _LineFinder
) -> list[Problem]:
    problems = []
    for offset, (old, new) in enumerate(zip(expected, actual, strict=True)):
        if old.kind == "heading" and old.level != new.level:
            problems.append(
                Problem(
                    file,
                    _section(old),
                    f"the heading is at level {new.level}, not {old.level}",
                    f"write it as a level-{old.level} heading ({'#' * old.level} …)",
                    lines.find(new.text),
                )
            )
        if old.kind != "sentence" or i1 + offset == 0 or j1 + offset == 0:
            continue
        starts_old = all_expected[i1 + offset - 1].paragraph != old.paragraph
        starts_new = all_actual[j1 + offset - 1].paragraph != new.paragraph
        if starts_old != starts_new:
            said = "starts a new paragraph in the manuscript" if starts_old else "continues the paragraph before it in the manuscript"
            fix = "start a new paragraph before it" if starts_old else "join it to the paragraph before it"
            problems.append(Problem(file, _section(old), f"the sentence {_quote(new.text)} {said}", fix, lines.find(new.text)))
    return problems


def _ledger_hint(old: Piece, new: Piece, edits: list[Edit], page: str) -> str:
    undone = [edit for edit in edits if edit.page == page and edit.new in old.text and old.text.replace(edit.new, edit.old, 1) == new.text]
    return f" (the manuscript's own words: {LEDGER_NAME}:{undone[0].line} changes them; remove that entry if the change is undone on purpose)" if undone else ""


def _section(piece: Piece) -> str:
    return "introduction" if piece.section == "introduction" else f"section {piece.section!r}"


def _what(piece: Piece) -> str:
    return {"sentence": "the sentence", "heading": "the heading", "question": "the question"}[piece.kind]


def _quote(text: str, width: int = 60) -> str:
    return f'"{text}"' if len(text) <= width else f'"{text[: width - 1]}…"'


def _join(words: list[str]) -> str:
    return re.sub(r" ([,.;:!?)])", r"\1", " ".join(words))


class _LineFinder:
    """The line of the Markdown source where a sentence stands, as a maintainer's editor counts."""

    def __init__(self, page: str, source: str) -> None:
        self.lines = [(number, normalize(plain_text(line))) for number, line in content_lines(source)]

    def find(self, text: str) -> int | None:
        for probe in (text[:60], text[:25], " ".join(text.split()[:3])):
            for number, line in self.lines:
                if probe and probe in line:
                    return number
        return None
