"""The site's own words keep the strength of the words they stand on.

Readers trust the words the site adds (key points, editor's notes, the source
findings) more than the author's, so each is tied to what it rests on, and the
build compares their strength: the hedges, negations, quantities and numbers.

- Each Key points bullet is tied, in hooks/site_words.yml, to the words it sums
  up: the author's words on its page, an editor's note's words, or both. Its
  strength words must be exactly theirs (no hedge dropped, none added, no
  number changed). Where an editor's note qualifies the author's words, the
  bullet must be tied to that note too, and so say what the note says.
- Each editor's note says, in the same file, which of the author's words
  (before it on its page) it qualifies.
- Every number in an editor's note appears in the recorded support of a
  citation in that note (hooks/citations.yml); a cited claim has no strength
  word or number its support lacks; a source's finding none its recorded
  evidence lacks (hooks/references.yml).

Pure functions: text in, Problems out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import sitebuild.strict_yaml as strict_yaml
from sitebuild.check.manifest import KEY_POINTS_TITLE
from sitebuild.check.outline import FRONT_MATTER, plain_text, read_admonitions
from sitebuild.check.page_text import EDITOR_NOTE, QUOTES
from sitebuild.inputs import read_text
from sitebuild.problems import Problem

SITE_WORDS_NAME = "hooks/site_words.yml"

# Words that set how strong a statement is. A number-word stands for its digits.
_WORD_FORMS = {
    "cannot": ("can", "not"),
    "none": ("no",),
    "seems": ("seem",),
    "seemed": ("seem",),
    "rarely": ("rare",),
    "commonly": ("common",),
    "uncommonly": ("uncommon",),
    "possibly": ("possible",),
    "significantly": ("significant",),
    "substantially": ("substantial",),
    "dramatically": ("dramatic",),
    "slightly": ("slight",),
    "effectively": ("effective",),
    "thousand": ("thousands",),
    "hundred": ("hundreds",),
    "million": ("millions",),
}
HEDGES = frozenset(
    "may might can could would should must seem likely unlikely possible probably perhaps"
    " some many most few several couple all every no not never always often usually"
    " typically sometimes rare common uncommon frequently occasionally less more least".split()
)
SIZES = frozenset("small large moderate weak strong significant substantial dramatic slight huge major minor clear thousands hundreds millions dozens".split())
# Words that judge: a plain-language stand-in may not trade one for another.
JUDGEMENTS = frozenset(
    "good bad better worse best worst encouraging promising effective ineffective excellent great"
    " proven demonstrated shown safe unsafe dangerous transformational breakthrough big".split()
)
STRENGTH_WORDS = HEDGES | SIZES | JUDGEMENTS
NUMBER_WORDS = {name: str(value) for value, name in enumerate("zero _ two three four five six seven eight nine ten eleven twelve".split()) if name != "_"}
# A name with a number in it (ICD-11) is a name, not a figure.
WORD = re.compile(r"[A-Za-z]+-\d+|[A-Za-z]+n't|[A-Za-z]+|\d+(?:[.,]\d+)*")
TAG = re.compile(r"</?[A-Za-z][^>]*>")
BULLET = re.compile(r"^[-*+]\s+")
FOOTNOTE_DEFINITION = re.compile(r"^\[\^[^\]\s]+\]:")
SITE_HEADING = re.compile(r"^#{1,6}\s.*\{[^}]*(?:site-own|data-search-exclude)[^}]*\}\s*$")
HEADING = re.compile(r"^#{1,6}\s")


def plain(text: str) -> str:
    """Words as a reader sees them (outline.plain_text), tags left out and typographic quotes plain."""
    # A tag's attributes are not words a reader reads (raw HTML is refused on its own, check/raw_html.py).
    return plain_text(TAG.sub(" ", text)).translate(QUOTES)


def strength(text: str) -> frozenset[str]:
    """The hedges, negations, quantities, judgements and numbers in a text, normalized."""
    found = set()
    for token in WORD.findall(plain(text)):
        lower = token.casefold()
        if "-" in lower:
            continue
        if lower[0].isdigit():
            found.add(number(lower))
            continue
        if lower.endswith("n't"):
            found.add("not")
            lower = {"can't": "can", "won't": "will"}.get(lower, lower[:-3])
        for word in _WORD_FORMS.get(lower, (lower,)):
            if word in NUMBER_WORDS:
                found.add(NUMBER_WORDS[word])
            elif word in STRENGTH_WORDS:
                found.add(word)
    return frozenset(found)


def number(token: str) -> str:
    """A number as compared: no thousands commas ("2,110" → "2110")."""
    return token.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+", token) else token


def numbers(text: str) -> frozenset[str]:
    return frozenset(word for word in strength(text) if word[0].isdigit())


def number_in(claimed: str, supported: frozenset[str]) -> bool:
    """A number is supported when the support has it, or rounds to it (1.83 → "1.8")."""
    if claimed in supported:
        return True
    decimals = len(claimed.split(".")[1]) if "." in claimed else 0
    if not decimals:
        return False
    return any(re.fullmatch(r"\d+(\.\d+)?", value) and round(float(value), decimals) == float(claimed) for value in supported)


def unsupported(claim: str, support: str) -> list[str]:
    """The claim's strength words and numbers its support does not have, in the claim's order."""
    have = strength(support)
    missing = [word for word in strength(claim) if not (number_in(word, have) if word[0].isdigit() else word in have)]
    return sorted(missing, key=lambda word: plain(claim).casefold().find(word))


# The page, as the checks below read it.


@dataclass(frozen=True)
class Note:
    line: int
    text: str  # plain words, title excluded
    before: str  # the author's words on the page before the note, plain


@dataclass(frozen=True)
class PageWords:
    author: str  # the author's words, plain: less key points, notes, footnotes, site sections
    notes: tuple[Note, ...]
    bullets: tuple[tuple[int, str], ...]  # (line, plain words) of each Key points bullet


def read_page_words(source: str) -> PageWords:
    """One reading of a page's Markdown: its author words, editor's notes and key points."""
    match = FRONT_MATTER.match(source)
    offset = source.count("\n", 0, match.end()) if match else 0
    lines = source[match.end() if match else 0 :].split("\n")
    boxes = {box.line - 1: box for box in read_admonitions("\n".join(lines))}
    author: list[str] = []
    notes, bullets = [], []
    index, in_site_section = 0, False
    while index < len(lines):
        line = lines[index]
        box = boxes.get(index)
        if box:
            end = index + 1
            while end < len(lines) and (not lines[end].strip() or lines[end].startswith(("    ", "\t"))):
                end += 1
            body = [text.strip() for text in lines[index + 1 : end]]
            if box.kind == EDITOR_NOTE:
                notes.append(Note(box.line + offset, plain(" ".join(body)), plain(" ".join(author))))
            elif box.title == KEY_POINTS_TITLE:
                bullets += [(index + 2 + number + offset, plain(BULLET.sub("", text))) for number, text in enumerate(body) if BULLET.match(text)]
            else:
                author += body
            index = end
            continue
        if HEADING.match(line):
            in_site_section = bool(SITE_HEADING.match(line))
            line = line.lstrip("#")
        if not in_site_section and not FOOTNOTE_DEFINITION.match(line):
            author.append(re.sub(r"\{[^}]*\}\s*$", "", line))
        index += 1
    return PageWords(plain(" ".join(author)), tuple(notes), tuple(bullets))


# hooks/site_words.yml


@dataclass(frozen=True)
class KeyPoint:
    page: str
    point: str
    words: tuple[str, ...]  # the author's words it sums up
    note: tuple[str, ...]  # an editor's note's words it sums up
    line: int


@dataclass(frozen=True)
class NoteTie:
    page: str
    opens: str  # the note's first words, to find it
    qualifies: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class SiteWords:
    key_points: tuple[KeyPoint, ...]
    notes: tuple[NoteTie, ...]


def load_site_words(path: Path) -> tuple[SiteWords | None, list[Problem]]:
    text, problems = read_text(path)
    return (None, problems) if text is None else parse_site_words(text)


def parse_site_words(text: str) -> tuple[SiteWords | None, list[Problem]]:
    data, problems = strict_yaml.load(text, SITE_WORDS_NAME, fix="correct the YAML syntax")
    if problems:
        return None, problems
    layout = Problem(
        SITE_WORDS_NAME,
        "top level",
        "expected `key_points:` and `notes:`, each a mapping of pages to lists",
        "restore its layout from git",
        1,
    )
    if not isinstance(data, dict) or not all(
        isinstance(data.get(part), dict) and all(isinstance(entries, list) for entries in data[part].values()) for part in ("key_points", "notes")
    ):
        return None, [layout]
    key_points, notes = [], []
    for page, entries in data["key_points"].items():
        for number, entry in enumerate(entries, start=1):
            fields = entry if isinstance(entry, dict) else {}
            place = f"key point {number} of {page}"
            point, words, note = fields.get("point"), texts(fields, "words"), texts(fields, "note")
            if set(fields) - {"point", "words", "note"}:
                # A misspelt `note:` would drop a tie without a word.
                problems.append(_entry_problem(place, fields, "only `point:`, `words:` and `note:`"))
            elif not isinstance(point, str) or not point.strip() or words is None or note is None:
                problems.append(_entry_problem(place, fields, "`point:` (the bullet) and text"))
            elif not words and not note:
                problems.append(_entry_problem(place, fields, "`words:` or `note:`"))
            else:
                key_points.append(KeyPoint(str(page), plain(point), words, note, _line(fields)))
    for page, entries in data["notes"].items():
        for number, entry in enumerate(entries, start=1):
            fields = entry if isinstance(entry, dict) else {}
            opens, qualifies = fields.get("opens"), texts(fields, "qualifies")
            if set(fields) - {"opens", "qualifies"} or not isinstance(opens, str) or not opens.strip() or not qualifies:
                place = f"note {number} of {page}"
                problems.append(_entry_problem(place, fields, "`opens:` and `qualifies:`"))
            else:
                notes.append(NoteTie(str(page), plain(opens), qualifies, _line(fields)))
    return (None if problems else SiteWords(tuple(key_points), tuple(notes))), problems


def texts(fields: dict, name: str) -> tuple[str, ...] | None:
    """A field given as one text or a list of texts (empty when absent; None when not text)."""
    value = fields.get(name)
    values = [] if value is None else value if isinstance(value, list) else [value]
    if not all(isinstance(item, str) and item.strip() for item in values):
        return None
    return tuple(plain(item) for item in values)


def _line(fields: dict) -> int:
    return getattr(fields, "line", 0) or 0


def _entry_problem(place: str, fields: dict, needs: str) -> Problem:
    return Problem(SITE_WORDS_NAME, place, f"needs {needs}", "see the comment at the top", _line(fields))


# The checks.


def check_site_words(page: str, source: str, words: SiteWords, cited: list[tuple[str, str]]) -> list[Problem]:
    """Key points and editor's notes of one page; `cited` is (claim, support) of its citations."""
    reading = read_page_words(source)
    file = f"docs/{page}"
    problems = _check_notes(page, reading, words) + _check_note_numbers(file, reading, cited)
    if not reading.bullets:
        return problems
    ties = [tie for tie in words.notes if tie.page == page]
    entries = [entry for entry in words.key_points if entry.page == page]
    points = {entry.point for entry in entries}
    untied = [(line, bullet) for line, bullet in reading.bullets if bullet not in points]
    bullets = {bullet for _, bullet in reading.bullets}
    stale = [entry for entry in entries if entry.point not in bullets]
    for line, bullet in reading.bullets:
        entry = next((entry for entry in entries if entry.point == bullet), None)
        if entry:
            problems += _check_key_point(file, line, entry, reading, ties)
    # A bullet edited on the page alone is judged against the entry it had: one line, not three.
    for (line, bullet), entry in zip(untied, stale, strict=False):
        edited = KeyPoint(page, bullet, entry.words, entry.note, entry.line)
        problems += _strength_problems(file, line, edited) or [
            Problem(
                file,
                KEY_POINTS_TITLE,
                f"'{bullet}' is not the point its entry in {SITE_WORDS_NAME} gives ('{entry.point}')",
                "make the entry's `point:` the bullet's words, once they say only what its words say",
                line,
            )
        ]
    problems += [
        Problem(
            file,
            KEY_POINTS_TITLE,
            f"'{bullet}' is tied to no words of the page",
            f"add it under key_points: {page} in {SITE_WORDS_NAME}, with the words it sums up",
            line,
        )
        for line, bullet in untied[len(stale) :]
    ]
    problems += [
        Problem(
            SITE_WORDS_NAME,
            f"key point of {page}",
            f"'{entry.point}' is not in the page's Key points box",
            "make it the bullet's exact words, or remove the entry",
            entry.line,
        )
        for entry in stale[len(untied) :]
    ]
    return problems


def check_pages_named(words: SiteWords, pages: set[str]) -> list[Problem]:
    """Ties for a page that does not exist would never be checked: each such page is one line."""
    named = {}
    for entry in (*words.key_points, *words.notes):
        named.setdefault(entry.page, entry.line)
    return [
        Problem(SITE_WORDS_NAME, f"page {page}", "is not a page in docs/", "use the page's path under docs/, as safety.md", line)
        for page, line in named.items()
        if page not in pages
    ]


def _check_key_point(file: str, line: int, entry: KeyPoint, reading: PageWords, ties: list[NoteTie]) -> list[Problem]:
    place = f"key point of {entry.page}"
    problems = [
        Problem(
            SITE_WORDS_NAME,
            place,
            f"'{_short(words)}' is not the author's text on the page",
            "quote the words the key point sums up exactly",
            entry.line,
        )
        for words in entry.words
        if words.casefold() not in reading.author.casefold()
    ]
    problems += [
        Problem(
            SITE_WORDS_NAME,
            place,
            f"'{_short(words)}' is in none of the page's editor's notes",
            "quote the note's words exactly",
            entry.line,
        )
        for words in entry.note
        if not any(words.casefold() in note.text.casefold() for note in reading.notes)
    ]
    if problems:
        return problems
    for tie in ties:
        note = _note_opening(reading, tie.opens)
        qualified = any(_overlap(reading.author, words, quoted) for words in entry.words for quoted in tie.qualifies)
        if note and qualified and not any(words.casefold() in note.text.casefold() for words in entry.note):
            return [
                Problem(
                    file,
                    KEY_POINTS_TITLE,
                    f"'{entry.point}' sums up words an editor's note qualifies ('{_short(tie.qualifies[0])}'), but is not tied to that note",
                    f"tie it to the note (`note:` in {SITE_WORDS_NAME}) and say what the note says",
                    line,
                )
            ]
    return _strength_problems(file, line, entry)


def _strength_problems(file: str, line: int, entry: KeyPoint) -> list[Problem]:
    """A bullet whose strength words differ from those of the words it is tied to."""
    bullet, tied = strength(entry.point), strength(" ".join(entry.words + entry.note))
    if bullet == tied:
        return []
    return [
        Problem(
            file,
            KEY_POINTS_TITLE,
            f"'{entry.point}' has {_listed(bullet - tied)} where the words it sums up have {_listed(tied - bullet)}",
            "keep their hedges, negations, quantities and numbers",
            line,
        )
    ]


def _check_notes(page: str, reading: PageWords, words: SiteWords) -> list[Problem]:
    """Every editor's note says which author words before it it qualifies."""
    problems, ties = [], [tie for tie in words.notes if tie.page == page]
    for note in reading.notes:
        tie = next((tie for tie in ties if note.text.casefold().startswith(tie.opens.casefold())), None)
        if tie is None:
            problems.append(
                Problem(
                    f"docs/{page}",
                    "editor's note",
                    f"'{_short(note.text)}' says no author words it qualifies",
                    f"add it under notes: {page} in {SITE_WORDS_NAME} (`opens:` and `qualifies:`)",
                    note.line,
                )
            )
            continue
        problems += [
            Problem(
                SITE_WORDS_NAME,
                f"note of {page}",
                f"'{_short(quoted)}' is not the author's text before the note",
                "quote the author's words the note answers, from above it on the page",
                tie.line,
            )
            for quoted in tie.qualifies
            if quoted.casefold() not in note.before.casefold()
        ]
    problems += [
        Problem(
            SITE_WORDS_NAME,
            f"note of {page}",
            f"no editor's note on the page opens with '{tie.opens}'",
            "quote the note's first words, or remove the entry",
            tie.line,
        )
        for tie in ties
        if _note_opening(reading, tie.opens) is None
    ]
    return problems


def _check_note_numbers(file: str, reading: PageWords, cited: list[tuple[str, str]]) -> list[Problem]:
    """Every number in an editor's note is in the support of a citation in that note."""
    problems = []
    for note in reading.notes:
        supports = " ".join(support for claim, support in cited if plain(claim).casefold() in note.text.casefold())
        have = numbers(supports)
        problems += [
            Problem(
                file,
                "editor's note",
                f"the number {value} is in the support of none of the note's citations",
                "give the source's own figure, and cite it",
                note.line,
            )
            for value in sorted(numbers(note.text))
            if not number_in(value, have)
        ]
    return problems


def check_supported(file: str, place: str, text: str, support: str, line: int | None) -> list[Problem]:
    """A claim or finding with no strength word or number that its recorded support lacks."""
    missing = unsupported(text, support)
    if not missing:
        return []
    return [
        Problem(
            file,
            place,
            f"it says {_listed(frozenset(missing))}, which its recorded support does not",
            "say only what the source says, with its hedges and figures",
            line,
        )
    ]


def _note_opening(reading: PageWords, opens: str) -> Note | None:
    return next((note for note in reading.notes if note.text.casefold().startswith(opens.casefold())), None)


def _overlap(text: str, first: str, second: str) -> bool:
    """Whether two quotes of the same text share any of it."""
    folded = text.casefold()
    a, b = folded.find(first.casefold()), folded.find(second.casefold())
    return a >= 0 and b >= 0 and a < b + len(second) and b < a + len(first)


def _listed(words: frozenset[str]) -> str:
    return ", ".join(f"'{word}'" for word in sorted(words)) if words else "nothing"


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
