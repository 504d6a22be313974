"""The site's own words keep to the words they stand on: key points and editor's notes to the
author's (tied in hooks/site_words.yml), with their hedges, negations and numbers; key points in the
page's own vocabulary (hooks/key_point_words.yml); cited claims and findings to their support."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

import sitebuild.load.strict_yaml as strict_yaml
from sitebuild.check import outline
from sitebuild.check.manifest import KEY_POINTS_TITLE
from sitebuild.check.manuscript import short
from sitebuild.check.outline import ATX_HEADING, FOOTNOTE, plain_text, read_admonitions
from sitebuild.check.page_standards import BULLET
from sitebuild.check.page_text import EDITOR_NOTE, QUOTES, SEARCH_EXCLUDE, SITE_OWN, normalize
from sitebuild.problems import Problem

if TYPE_CHECKING:
    from sitebuild.load.page import Page  # which reads its words with read_page_words

SITE_WORDS_NAME, WORDS_NAME = "hooks/site_words.yml", "hooks/key_point_words.yml"
RESTORE = "restore its layout from git"
# Words that set how strong a statement is: hedges and quantities, sizes, and words that judge
# (a plain-language stand-in may not trade one for another).
_STRENGTH = """may might can could would should must seem likely unlikely possible probably perhaps
some many most few several couple all every no not never always often usually typically sometimes
rare common uncommon frequently occasionally less more least small large moderate weak strong
significant substantial dramatic slight huge major minor clear thousands hundreds millions dozens
good bad better worse best worst encouraging promising effective ineffective excellent great proven
demonstrated shown safe unsafe dangerous transformational breakthrough big"""
STRENGTH_WORDS = frozenset(_STRENGTH.split())
# Another form of a strength word counts as that word (form:word,word); a number-word as its digits.
_FORMS = """cannot:can,not none:no seems:seem seemed:seem rarely:rare commonly:common
uncommonly:uncommon possibly:possible significantly:significant substantially:substantial
dramatically:dramatic slightly:slight effectively:effective thousand:thousands hundred:hundreds
million:millions zero:0 two:2 three:3 four:4 five:5 six:6 seven:7 eight:8 nine:9 ten:10 eleven:11
twelve:12"""
WORD_FORMS = {f.split(":")[0]: tuple(f.split(":")[1].split(",")) for f in _FORMS.split()}
# A name with a number in it (ICD-11) is a name, not a figure.
WORD = re.compile(r"[A-Za-z]+-\d+|[A-Za-z]+n't|[A-Za-z]+|\d+(?:[.,]\d+)*")
SITE_HEADING = re.compile(rf"^#{{1,6}}\s.*\{{[^}}]*(?:{SITE_OWN}|{SEARCH_EXCLUDE})[^}}]*\}}\s*$")
KEY_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
# Each suffix with the endings its stem may have had: blocked → block, used → use.
SUFFIXES = {"ies": "y", "es": " e", "s": "", "ed": " e", "d": "", "ing": " e", "ly": ""}


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


class Vocabulary(NamedTuple):
    function_words: frozenset[str]  # words any key point may use
    synonyms: dict[str, tuple[str, ...]]  # a plain word → the page words it may stand for


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


# Each part of hooks/site_words.yml: its entries' fields (the first one text, the others one text
# or a list), and what an entry needs when it has an unknown field (a misspelt `note:` would drop a
# tie without a word), a field that is not text, or nothing to tie to.
NEEDS = "only `point:`, `words:` and `note:`|`point:` (the bullet) and text|`words:` or `note:`"
TIE_NEEDS = "`opens:` and `qualifies:`"
PARTS = {"key_points": (KeyPoint, NEEDS.split("|")), "notes": (NoteTie, [TIE_NEEDS] * 3)}


def plain(text: str) -> str:
    """Words as a reader sees them: a tag's attributes are not read (raw HTML is refused apart)."""
    return plain_text(re.sub(r"</?[A-Za-z][^>]*>", " ", text)).translate(QUOTES)


def strength(text: str) -> frozenset[str]:
    """The hedges, negations, quantities, judgements and numbers in a text, normalized."""
    found = set()
    for lower in map(str.casefold, WORD.findall(plain(text))):
        if lower[0].isdigit():  # no thousands commas: "2,110" is 2110
            found.add(lower.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+", lower) else lower)
        elif "-" not in lower:
            if lower.endswith("n't"):
                found.add("not")
                lower = {"can't": "can", "won't": "will"}.get(lower, lower[:-3])
            found.update(WORD_FORMS.get(lower, (lower,)))
    return frozenset(found & STRENGTH_WORDS | {word for word in found if word[0].isdigit()})


def number_in(claimed: str, supported: frozenset[str]) -> bool:
    """A word is supported when the support has it; a number also when the support rounds to it."""
    decimals = len(claimed.split(".")[1]) if "." in claimed else 0
    rounded = [round(float(v), decimals) for v in supported if re.fullmatch(r"\d+(\.\d+)?", v)]
    return claimed in supported or bool(decimals) and any(r == float(claimed) for r in rounded)


def read_page_words(source: str) -> PageWords:
    """A page's author words, editor's notes and key points, with their lines in the file."""
    lines = outline.content_lines(source)
    boxes = {box.line: box for box in read_admonitions(source)}
    author, notes, bullets, end, site_own = [], [], [], 0, False
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
        if ATX_HEADING.match(line):
            site_own = bool(SITE_HEADING.match(line))
            line = line.lstrip("#")
        if not site_own and not outline.defined_key(line):
            author.append(re.sub(r"\{[^}]*\}\s*$", "", line))
    read = tuple((number, normalize(plain_text(line))) for number, line in lines)
    return PageWords(plain(" ".join(author)), tuple(notes), tuple(bullets), read)


def parse_site_words(text: str) -> tuple[SiteWords | None, list[Problem]]:
    """hooks/site_words.yml, or every entry that would tie nothing (one line each)."""
    data, problems = strict_yaml.load(text, SITE_WORDS_NAME, fix="correct the YAML syntax")
    lists = [data.get(part) for part in PARTS] if isinstance(data, dict) else [None]
    fits = all(isinstance(v, dict) and all(isinstance(e, list) for e in v.values()) for v in lists)
    if problems or not fits:
        layout = "expected `key_points:` and `notes:`, each a mapping of pages to lists"
        return None, problems or [Problem(SITE_WORDS_NAME, "top level", layout, RESTORE, 1)]
    found: dict[str, list] = {part: [] for part in PARTS}
    for part, (kind, needs) in PARTS.items():
        for page, entries in data[part].items():
            for number, entry in enumerate(entries, start=1):
                fields = entry if isinstance(entry, dict) else {}
                values = [_texts(fields.get(name)) for name in kind._fields[1:-1]]
                text = isinstance(fields.get(kind._fields[1]), str) and None not in values
                failed = (set(fields) - set(kind._fields[1:-1]), not text, not any(values[1:]))
                line = getattr(fields, "line", 0) or 0
                if need := [need for need, fail in zip(needs, failed, strict=True) if fail]:
                    place = f"{part.replace('_', ' ')[:-1]} {number} of {page}"
                    fix = "see the comment at the top"
                    problems.append(Problem(SITE_WORDS_NAME, place, f"needs {need[0]}", fix, line))
                else:
                    found[part].append(kind(str(page), values[0][0], *values[1:], line))
    return (None if problems else SiteWords(*map(tuple, found.values()))), problems


def parse_vocabulary(text: str) -> tuple[Vocabulary | None, list[Problem]]:
    """The words, or every problem with them: a synonym must give its reason, and never trade
    the words that set how strong a claim is."""
    data, problems = strict_yaml.load(text, WORDS_NAME, fix="correct the YAML syntax")
    data = data if isinstance(data, dict) else {}
    words, synonyms = data.get("function_words"), data.get("synonyms")
    if problems or not isinstance(words, list) or not isinstance(synonyms, dict):
        wrong = "expected `function_words:` (a list) and `synonyms:` (a mapping)"
        return None, problems or [Problem(WORDS_NAME, "top level", wrong, RESTORE)]
    fix = "quote it: YAML reads on, off, no and yes as true or false"
    wrong = [f"{w!r} is not a word" for w in words if not isinstance(w, str)]
    problems += [Problem(WORDS_NAME, "function_words", w, fix) for w in wrong]
    meanings = {}
    for word, entry in synonyms.items():
        fields = entry if isinstance(entry, dict) else {}
        means = fields["means"] if isinstance(fields.get("means"), list) else []
        strong = [repr(w) for w in map(str, (word, *means)) if w.casefold() in STRENGTH_WORDS]
        if not means or not str(fields.get("reason") or "").strip():
            wrong = "needs `means:` (the page's words) and `reason:`"
            fix, line = "say which words it stands for, and why that is fair", None
        elif strong:
            wrong = f"it trades words that set how strong a claim is ({', '.join(strong)})"
            fix = "remove the synonym; key points keep the page's own hedges and judgements"
            line = getattr(entry, "line", None)
        else:
            meanings[str(word).casefold()] = tuple(str(m).casefold() for m in means)
            continue
        problems.append(Problem(WORDS_NAME, f"synonym {word!r}", wrong, fix, line))
    vocabulary = Vocabulary(frozenset(str(w).casefold() for w in words), meanings)
    return (None if problems else vocabulary), problems


def _texts(value: object) -> tuple[str, ...] | None:
    """One text or a list of texts, plain (empty when absent; None when any is not text)."""
    values = [] if value is None else value if isinstance(value, list) else [value]
    texts = all(isinstance(v, str) and v.strip() for v in values)
    return tuple(plain(v) for v in values) if texts else None


def check_site_words(record: Page, words: SiteWords, cited: list) -> list[Problem]:
    """Key points and editor's notes of one page; `cited` is (claim, support) of its citations."""
    page, reading, file = record.path, record.words, f"docs/{record.path}"
    ties = [tie for tie in words.notes if tie.page == page]
    problems = _check_notes(page, reading, ties, cited)
    entries = [entry for entry in words.key_points if entry.page == page]
    by_point = {entry.point: entry for entry in reversed(entries)}  # the first entry for a point
    untied = [(line, bullet) for line, bullet in reading.bullets if bullet not in by_point]
    bullets = {bullet for _, bullet in reading.bullets}
    stale = [entry for entry in entries if entry.point not in bullets] if bullets else []
    for line, bullet in reading.bullets:
        if bullet in by_point:
            problems += _check_key_point(file, line, by_point[bullet], reading, ties)
    # A bullet edited on the page alone is judged against the entry it had: one line, not three.
    for (line, bullet), entry in zip(untied, stale, strict=False):
        said = f"'{bullet}' is not the point its entry in {SITE_WORDS_NAME} gives ('{entry.point}')"
        fix = "make the entry's `point:` the bullet's words, once they say only what its words say"
        edited = _strength_problems(file, line, entry._replace(point=bullet))
        problems += edited or [Problem(file, KEY_POINTS_TITLE, said, fix, line)]
    said = "'{}' is tied to no words of the page"
    fix = f"add it under key_points: {page} in {SITE_WORDS_NAME}, with the words it sums up"
    problems += _each(file, KEY_POINTS_TITLE, said, fix, untied[len(stale) :])
    said = "'{}' is not in the page's Key points box"
    fix = "make it the bullet's exact words, or remove the entry"
    gone = [(e.line, e.point) for e in stale[len(untied) :]]
    return problems + _each(SITE_WORDS_NAME, f"key point of {page}", said, fix, gone)


def forms(word: str) -> frozenset[str]:
    """The word and the stems it may share with its other forms (blocks, blocked → block)."""
    word = word.casefold().replace("’", "'").removesuffix("'s")
    found = {word}
    for suffix, endings in SUFFIXES.items():
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            found.update(word[: -len(suffix)] + ending for ending in endings.split(" "))
    return frozenset(found)


def check_key_point_words(record: Page, vocabulary: Vocabulary) -> list[Problem]:
    """Key points say what their page says: a content word the page never uses is, more often
    than not, a new fact, cause or stronger claim; plain stand-ins are listed with their reasons.
    The page's words are every line of its text but the Key points and the site's own sections."""
    boxes = [box for box in read_admonitions(record.source) if box.title == KEY_POINTS_TITLE]
    boxed = {number for box in boxes for number in range(box.line, box.end + 1)}
    lines, kept, site_section = outline.text_lines(record.source), [], False
    for number, line in lines:
        if match := ATX_HEADING.match(line):
            site_section = SEARCH_EXCLUDE in line[match.end(2) :]
        if number not in boxed and not site_section:
            kept.append(line)
    page = set().union(*map(forms, KEY_WORD.findall(plain_text("\n".join(kept)))))
    # A function word is known; so is a word whose forms (or a listed synonym's) the page uses.
    meant = {w for w, means in vocabulary.synonyms.items() if any(forms(m) & page for m in means)}
    known = vocabulary.function_words | meant
    first, found = range(boxes[0].line, boxes[0].end + 1) if boxes else range(0), []
    for number, line in ((n, line.strip()) for n, line in lines if n in first):
        if BULLET.match(line):
            bullet = BULLET.sub("", line)
            # Words a reader sees: not a footnote mark or a link's address, but a link's title.
            seen = FOOTNOTE.sub("", re.sub(r"\]\(\S*", "](", bullet))
            words = KEY_WORD.findall(re.sub(r"[*_`]", "", seen))
            new = [w for w in words if w.casefold() not in known and not forms(w) & page]
            said = f"'{bullet}' uses {', '.join(map(repr, dict.fromkeys(new)))}, which the page's"
            found += [(number, f"{said} text does not")] if new else []
    fix = "say it in the page's own words, or add a plain-language synonym with its reason to"
    return _each(f"docs/{record.path}", KEY_POINTS_TITLE, "{}", fix + f" {WORDS_NAME}", found)


def check_pages_named(words: SiteWords, pages: set[str]) -> list[Problem]:
    """Ties for a page that does not exist would never be checked: each such page is one line."""
    named: dict[str, int] = {}
    for entry in (*words.key_points, *words.notes):
        if entry.page not in pages:
            named.setdefault(entry.page, entry.line)
    fix, said = "use the page's path under docs/, as safety.md", "is not a page in docs/"
    return [Problem(SITE_WORDS_NAME, f"page {p}", said, fix, n) for p, n in named.items()]


def check_supported(file: str, place: str, text: str, support: str, line: int | None) -> list:
    """A claim or finding with no strength word or number that its recorded support lacks."""
    have = strength(support)
    missing = frozenset(word for word in strength(text) if not number_in(word, have))
    said = f"it says {_listed(missing)}, which its recorded support does not"
    fix = "say only what the source says, with its hedges and figures"
    return [Problem(file, place, said, fix, line)] if missing else []


def _check_key_point(file: str, line: int, entry, reading: PageWords, ties: list) -> list:
    at, notes = f"key point of {entry.page}", "\n".join(note.text for note in reading.notes)
    said = "'{}' is not the author's text on the page"
    fix = "quote the words the key point sums up exactly"
    problems = _unquoted(at, said, fix, entry.words, reading.author, entry.line)
    said, fix = "'{}' is in none of the page's editor's notes", "quote the note's words exactly"
    problems += _unquoted(at, said, fix, entry.note, notes, entry.line)
    for tie in [] if problems else ties:
        note = _note_opening(reading.notes, tie.opens)
        qualified = any(_overlap(reading.author, w, q) for w in entry.words for q in tie.qualifies)
        if note and qualified and not any(w.casefold() in note.text.casefold() for w in entry.note):
            said = f"'{entry.point}' sums up words an editor's note qualifies"
            said += f" ('{short(tie.qualifies[0])}'), but is not tied to that note"
            fix = f"tie it to the note (`note:` in {SITE_WORDS_NAME}) and say what the note says"
            return [Problem(file, KEY_POINTS_TITLE, said, fix, line)]
    return problems or _strength_problems(file, line, entry)


def _strength_problems(file: str, line: int, entry) -> list[Problem]:
    """A bullet whose strength words differ from those of the words it is tied to."""
    bullet, tied = strength(entry.point), strength(" ".join(entry.words + entry.note))
    said = f"'{entry.point}' has {_listed(bullet - tied)}"
    said += f" where the words it sums up have {_listed(tied - bullet)}"
    fix = "keep their hedges, negations, quantities and numbers"
    return [] if bullet == tied else [Problem(file, KEY_POINTS_TITLE, said, fix, line)]


def _check_notes(page: str, reading: PageWords, ties: list, cited: list) -> list[Problem]:
    """Every editor's note says which author words before it it qualifies, and cites its numbers."""
    file, at, problems, numbers = f"docs/{page}", f"note of {page}", [], []
    for note in reading.notes:
        text = note.text.casefold()
        if tie := next((tie for tie in ties if text.startswith(tie.opens.casefold())), None):
            said = "'{}' is not the author's text before the note"
            fix = "quote the author's words the note answers, from above it on the page"
            problems += _unquoted(at, said, fix, tie.qualifies, note.before, tie.line)
        else:
            said = f"'{short(note.text)}' says no author words it qualifies"
            fix = f"add it under notes: {page} in {SITE_WORDS_NAME} (`opens:` and `qualifies:`)"
            problems.append(Problem(file, "editor's note", said, fix, note.line))
        have = strength(" ".join(s for c, s in cited if plain(c).casefold() in text))
        found = [v for v in sorted(strength(note.text)) if v[0].isdigit()]
        numbers += [(note.line, v) for v in found if not number_in(v, have)]
    lost = [(t.line, t.opens) for t in ties if _note_opening(reading.notes, t.opens) is None]
    said = "no editor's note on the page opens with '{}'"
    fix = "quote the note's first words, or remove the entry"
    problems += _each(SITE_WORDS_NAME, at, said, fix, lost)
    said = "the number {} is in the support of none of the note's citations"
    fix = "give the source's own figure, and cite it"
    return problems + _each(file, "editor's note", said, fix, numbers)


def _each(file: str, place: str, said: str, fix: str, found: list) -> list[Problem]:
    return [Problem(file, place, said.format(words), fix, line) for line, words in found]


def _unquoted(place: str, said: str, fix: str, quotes: tuple, text: str, line: int) -> list:
    missing = [(line, short(q)) for q in quotes if q.casefold() not in text.casefold()]
    return _each(SITE_WORDS_NAME, place, said, fix, missing)


def _note_opening(notes: list[Note], opens: str) -> Note | None:
    return next((n for n in notes if n.text.casefold().startswith(opens.casefold())), None)


def _overlap(text: str, first: str, second: str) -> bool:
    """Whether two quotes of the same text share any of it."""
    a, b = (text.casefold().find(quote.casefold()) for quote in (first, second))
    return a >= 0 and b >= 0 and a < b + len(second) and b < a + len(first)


def _listed(words: frozenset[str]) -> str:
    return ", ".join(f"'{word}'" for word in sorted(words)) if words else "nothing"
