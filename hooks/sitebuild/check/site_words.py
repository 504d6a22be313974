"""The site's own words keep the strength of the words they stand on.

Readers trust what the site adds (Key points, editor's notes, source findings) more than the
author's words, so hooks/site_words.yml ties each bullet to the words it sums up and each note
to the author's words it qualifies, and the build compares their strength words: hedges, negations,
quantities, judgements and numbers. Cited claims and findings keep to their recorded support.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

import sitebuild.load.strict_yaml as strict_yaml
from sitebuild.check.manifest import KEY_POINTS_TITLE
from sitebuild.check.manuscript import short
from sitebuild.check.outline import content_lines, defined_key, plain_text, read_admonitions
from sitebuild.check.page_standards import BULLET
from sitebuild.check.page_text import EDITOR_NOTE, QUOTES, normalize
from sitebuild.problems import Problem

if TYPE_CHECKING:
    from sitebuild.load.page import Page

SITE_WORDS_NAME = "hooks/site_words.yml"
Cited = list[tuple[str, str]]  # (claim, support) of each citation on a page

# Words that set how strong a statement is: hedges and quantities, sizes, and words that judge
# (a plain-language stand-in may not trade one for another).
STRENGTH_WORDS = frozenset(
    "may might can could would should must seem likely unlikely possible probably perhaps some many"
    " most few several couple all every no not never always often usually typically sometimes rare"
    " common uncommon frequently occasionally less more least small large moderate weak strong"
    " significant substantial dramatic slight huge major minor clear thousands hundreds millions"
    " dozens good bad better worse best worst encouraging promising effective ineffective"
    " excellent great proven demonstrated shown safe unsafe dangerous transformational"
    " breakthrough big".split()
)
# Another form of a strength word counts as that word (form:word,word); a number-word as its digits.
_FORMS = (
    "cannot:can,not none:no seems:seem seemed:seem rarely:rare commonly:common uncommonly:uncommon"
    " possibly:possible significantly:significant substantially:substantial dramatically:dramatic"
    " slightly:slight effectively:effective thousand:thousands hundred:hundreds million:millions"
    " zero:0 two:2 three:3 four:4 five:5 six:6 seven:7 eight:8 nine:9 ten:10 eleven:11 twelve:12"
)
WORD_FORMS = {f.split(":")[0]: tuple(f.split(":")[1].split(",")) for f in _FORMS.split()}
# A name with a number in it (ICD-11) is a name, not a figure.
WORD = re.compile(r"[A-Za-z]+-\d+|[A-Za-z]+n't|[A-Za-z]+|\d+(?:[.,]\d+)*")
TAG = re.compile(r"</?[A-Za-z][^>]*>")
SITE_HEADING = re.compile(r"^#{1,6}\s.*\{[^}]*(?:site-own|data-search-exclude)[^}]*\}\s*$")
HEADING = re.compile(r"^#{1,6}\s")


def plain(text: str) -> str:
    """Words as a reader sees them: a tag's attributes are not read (raw HTML is refused apart)."""
    return plain_text(TAG.sub(" ", text)).translate(QUOTES)


def strength(text: str) -> frozenset[str]:
    """The hedges, negations, quantities, judgements and numbers in a text, normalized."""
    found = set()
    for token in WORD.findall(plain(text)):
        lower = token.casefold()
        if lower[0].isdigit():
            # No thousands commas: "2,110" is 2110.
            found.add(lower.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+", lower) else lower)
            continue
        if lower.endswith("n't"):
            found.add("not")
            lower = {"can't": "can", "won't": "will"}.get(lower, lower[:-3])
        found.update(WORD_FORMS.get(lower, (lower,)) if "-" not in lower else ())
    return frozenset(found & STRENGTH_WORDS | {word for word in found if word[0].isdigit()})


def number_in(claimed: str, supported: frozenset[str]) -> bool:
    """A word is supported when the support has it; a number also when the support rounds to it."""
    decimals = len(claimed.split(".")[1]) if "." in claimed else 0
    rounded = [round(float(v), decimals) for v in supported if re.fullmatch(r"\d+(\.\d+)?", v)]
    return claimed in supported or bool(decimals) and any(r == float(claimed) for r in rounded)


class Note(NamedTuple):
    line: int
    text: str  # plain words, title excluded
    before: str  # the author's words on the page before the note, plain


class PageWords(NamedTuple):
    """One reading of a page's Markdown, for every check of its words."""

    author: str  # the author's words, plain: less key points, notes, footnotes, site sections
    notes: tuple[Note, ...]
    bullets: tuple[tuple[int, str], ...]  # (line, plain words) of each Key points bullet
    lines: tuple[tuple[int, str], ...]  # (line, words as read) of each line, to say where text is


def read_page_words(source: str) -> PageWords:
    """A page's author words, editor's notes and key points, with their lines in the file."""
    lines = content_lines(source)
    boxes = {box.line: box for box in read_admonitions(source)}
    author: list[str] = []
    notes, bullets, end, site_own = [], [], 0, False
    for number, line in lines:
        if number < end:
            continue  # in a box already read
        if box := boxes.get(number):
            body = box.body.split("\n") if box.body else []
            end = number + 1 + len(body)
            if box.kind == EDITOR_NOTE:
                notes.append(Note(number, plain(" ".join(body)), plain(" ".join(author))))
            elif box.title == KEY_POINTS_TITLE:
                found = enumerate(body, start=number + 1)
                bullets += [(at, plain(BULLET.sub("", t))) for at, t in found if BULLET.match(t)]
            else:
                author += body
            continue
        if HEADING.match(line):
            site_own = bool(SITE_HEADING.match(line))
            line = line.lstrip("#")
        if not site_own and not defined_key(line):
            author.append(re.sub(r"\{[^}]*\}\s*$", "", line))
    read = tuple((number, normalize(plain_text(line))) for number, line in lines)
    return PageWords(plain(" ".join(author)), tuple(notes), tuple(bullets), read)


class KeyPoint(NamedTuple):
    page: str
    point: str
    words: tuple[str, ...]  # the author's words it sums up
    note: tuple[str, ...]  # an editor's note's words it sums up
    line: int


class NoteTie(NamedTuple):
    page: str
    opens: str  # the note's first words, to find it
    qualifies: tuple[str, ...]
    line: int


class SiteWords(NamedTuple):
    key_points: tuple[KeyPoint, ...]
    notes: tuple[NoteTie, ...]


# Each part of hooks/site_words.yml: its entries, their fields (the first one text, the others one
# text or a list), and what an entry needs when it has an unknown field (a misspelt `note:` would
# drop a tie without a word), a field that is not text, or nothing to tie to.
KEY_POINT_NEEDS = (
    "only `point:`, `words:` and `note:`",
    "`point:` (the bullet) and text",
    "`words:` or `note:`",
)
PARTS = {
    "key_points": (KeyPoint, ("point", "words", "note"), KEY_POINT_NEEDS),
    "notes": (NoteTie, ("opens", "qualifies"), ("`opens:` and `qualifies:`",) * 3),
}


def parse_site_words(text: str) -> tuple[SiteWords | None, list[Problem]]:
    """hooks/site_words.yml, or every entry that would tie nothing (one line each)."""
    data, problems = strict_yaml.load(text, SITE_WORDS_NAME, fix="correct the YAML syntax")
    if problems:
        return None, problems
    lists = [data.get(part) for part in PARTS] if isinstance(data, dict) else [None]
    if not all(isinstance(v, dict) and all(isinstance(e, list) for e in v.values()) for v in lists):
        layout = "expected `key_points:` and `notes:`, each a mapping of pages to lists"
        fix = "restore its layout from git"
        return None, [Problem(SITE_WORDS_NAME, "top level", layout, fix, 1)]
    found: dict[str, list] = {part: [] for part in PARTS}
    for part, page, number, fields in (
        (name, page, number, entry if isinstance(entry, dict) else {})
        for name in PARTS
        for page, entries in data[name].items()
        for number, entry in enumerate(entries, start=1)
    ):
        (kind, (first, *rest), needs), line = PARTS[part], getattr(fields, "line", 0) or 0
        text = fields.get(first)
        values = (plain(text) if _text(text) else None, *(_texts(fields, n) for n in rest))
        failed = (set(fields) - {first, *rest}, None in values, not any(values[1:]))
        if need := next((need for need, fail in zip(needs, failed, strict=True) if fail), None):
            place = f"{part.replace('_', ' ')[:-1]} {number} of {page}"
            fix = "see the comment at the top"
            problems.append(Problem(SITE_WORDS_NAME, place, f"needs {need}", fix, line))
        else:
            found[part].append(kind(str(page), *values, line))
    return (None if problems else SiteWords(*map(tuple, found.values()))), problems


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _texts(fields: dict, name: str) -> tuple[str, ...] | None:
    """A field given as one text or a list of texts (empty when absent; None when not text)."""
    value = fields.get(name)
    values = [] if value is None else value if isinstance(value, list) else [value]
    return tuple(plain(item) for item in values) if all(map(_text, values)) else None


def check_site_words(record: Page, words: SiteWords, cited: Cited) -> list[Problem]:
    """Key points and editor's notes of one page; `cited` is (claim, support) of its citations."""
    page, reading, file = record.path, record.words, f"docs/{record.path}"
    problems = _check_notes(page, reading, words) + _check_note_numbers(file, reading, cited)
    ties = [tie for tie in words.notes if tie.page == page]
    entries = [entry for entry in words.key_points if entry.page == page]
    by_point = {entry.point: entry for entry in reversed(entries)}  # the first entry for a point
    bullets = {bullet for _, bullet in reading.bullets}
    untied = [(line, bullet) for line, bullet in reading.bullets if bullet not in by_point]
    stale = [entry for entry in entries if entry.point not in bullets] if bullets else []
    for line, bullet in reading.bullets:
        if bullet in by_point:
            problems += _check_key_point(file, line, by_point[bullet], reading, ties)
    say = partial(Problem, file, KEY_POINTS_TITLE)
    # A bullet edited on the page alone is judged against the entry it had: one line, not three.
    for (line, bullet), entry in zip(untied, stale, strict=False):
        fix = "make the entry's `point:` the bullet's words, once they say only what its words say"
        gives = f"'{bullet}' is not the point its entry in {SITE_WORDS_NAME} gives"
        gives += f" ('{entry.point}')"
        edited = _strength_problems(file, line, entry._replace(point=bullet))
        problems += edited or [say(gives, fix, line)]
    fix = f"add it under key_points: {page} in {SITE_WORDS_NAME}, with the words it sums up"
    alone = untied[len(stale) :]
    problems += [say(f"'{b}' is tied to no words of the page", fix, n) for n, b in alone]
    say = partial(Problem, SITE_WORDS_NAME, f"key point of {page}")
    fix = "make it the bullet's exact words, or remove the entry"
    missing = "is not in the page's Key points box"
    return problems + [say(f"'{e.point}' {missing}", fix, e.line) for e in stale[len(untied) :]]


def check_pages_named(words: SiteWords, pages: set[str]) -> list[Problem]:
    """Ties for a page that does not exist would never be checked: each such page is one line."""
    named: dict[str, int] = {}
    for entry in (*words.key_points, *words.notes):
        if entry.page not in pages:
            named.setdefault(entry.page, entry.line)
    fix = "use the page's path under docs/, as safety.md"
    say = partial(Problem, SITE_WORDS_NAME)
    return [say(f"page {page}", "is not a page in docs/", fix, n) for page, n in named.items()]


def check_supported(file: str, place: str, text: str, support: str, line: int | None) -> list:
    """A claim or finding with no strength word or number that its recorded support lacks."""
    have = strength(support)
    missing = frozenset(word for word in strength(text) if not number_in(word, have))
    said = f"it says {_listed(missing)}, which its recorded support does not"
    fix = "say only what the source says, with its hedges and figures"
    return [Problem(file, place, said, fix, line)] if missing else []


def _check_key_point(file: str, line: int, entry: KeyPoint, reading: PageWords, ties: list) -> list:
    say = partial(Problem, SITE_WORDS_NAME, f"key point of {entry.page}", line=entry.line)
    fix = "quote the words the key point sums up exactly"
    unquoted = [words for words in entry.words if not _within(words, reading.author)]
    problems = [say(f"'{short(w)}' is not the author's text on the page", fix) for w in unquoted]
    fix = "quote the note's words exactly"
    lost = [w for w in entry.note if not any(_within(w, n.text) for n in reading.notes)]
    problems += [say(f"'{short(w)}' is in none of the page's editor's notes", fix) for w in lost]
    for tie in [] if problems else ties:
        note = _note_opening(reading.notes, tie.opens)
        qualified = any(_overlap(reading.author, w, q) for w in entry.words for q in tie.qualifies)
        if note and qualified and not any(_within(words, note.text) for words in entry.note):
            said = f"'{entry.point}' sums up words an editor's note qualifies"
            said += f" ('{short(tie.qualifies[0])}'), but is not tied to that note"
            fix = f"tie it to the note (`note:` in {SITE_WORDS_NAME}) and say what the note says"
            return [Problem(file, KEY_POINTS_TITLE, said, fix, line)]
    return problems or _strength_problems(file, line, entry)


def _strength_problems(file: str, line: int, entry: KeyPoint) -> list[Problem]:
    """A bullet whose strength words differ from those of the words it is tied to."""
    bullet, tied = strength(entry.point), strength(" ".join(entry.words + entry.note))
    said = f"'{entry.point}' has {_listed(bullet - tied)}"
    said += f" where the words it sums up have {_listed(tied - bullet)}"
    fix = "keep their hedges, negations, quantities and numbers"
    return [] if bullet == tied else [Problem(file, KEY_POINTS_TITLE, said, fix, line)]


def _check_notes(page: str, reading: PageWords, words: SiteWords) -> list[Problem]:
    """Every editor's note says which author words before it it qualifies."""
    problems, ties = [], [tie for tie in words.notes if tie.page == page]
    say = partial(Problem, SITE_WORDS_NAME, f"note of {page}")
    for note in reading.notes:
        if tie := next((tie for tie in ties if _note_opening([note], tie.opens)), None):
            fix = "quote the author's words the note answers, from above it on the page"
            said = "'{}' is not the author's text before the note"
            unquoted = [q for q in tie.qualifies if not _within(q, note.before)]
            problems += [say(said.format(short(q)), fix, tie.line) for q in unquoted]
        else:
            fix = f"add it under notes: {page} in {SITE_WORDS_NAME} (`opens:` and `qualifies:`)"
            said = f"'{short(note.text)}' says no author words it qualifies"
            problems.append(Problem(f"docs/{page}", "editor's note", said, fix, note.line))
    fix = "quote the note's first words, or remove the entry"
    lost = [tie for tie in ties if _note_opening(reading.notes, tie.opens) is None]
    said = "no editor's note on the page opens with '{}'"
    return problems + [say(said.format(tie.opens), fix, tie.line) for tie in lost]


def _check_note_numbers(file: str, reading: PageWords, cited: Cited) -> list[Problem]:
    """Every number in an editor's note is in the support of a citation in that note."""
    problems, fix = [], "give the source's own figure, and cite it"
    said = "the number {} is in the support of none of the note's citations"
    for note in reading.notes:
        have = _numbers(" ".join(s for claim, s in cited if _within(plain(claim), note.text)))
        lacking = [v for v in sorted(_numbers(note.text)) if not number_in(v, have)]
        problems += [
            Problem(file, "editor's note", said.format(v), fix, note.line) for v in lacking
        ]
    return problems


def _numbers(text: str) -> frozenset[str]:
    return frozenset(word for word in strength(text) if word[0].isdigit())


def _within(part: str, text: str) -> bool:
    return part.casefold() in text.casefold()


def _note_opening(notes: Iterable[Note], opens: str) -> Note | None:
    return next((n for n in notes if n.text.casefold().startswith(opens.casefold())), None)


def _overlap(text: str, first: str, second: str) -> bool:
    """Whether two quotes of the same text share any of it."""
    folded = text.casefold()
    a, b = folded.find(first.casefold()), folded.find(second.casefold())
    return a >= 0 and b >= 0 and a < b + len(second) and b < a + len(first)


def _listed(words: frozenset[str]) -> str:
    return ", ".join(f"'{word}'" for word in sorted(words)) if words else "nothing"
