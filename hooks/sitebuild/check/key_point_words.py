"""Key points say what their page says: a bullet's content words must be the page's own words.

A word the page never uses is, more often than not, a new fact, cause or stronger claim. Plain
stand-ins for the page's harder words are listed, each with its reason, in
hooks/key_point_words.yml, so every liberty taken is written down. Here too is the one entry
point (for sitebuild/check/run.py) to every check of the site's own additions: the citation map,
the sources' findings, the key points' vocabulary and the ties of hooks/site_words.yml.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import sitebuild.load.strict_yaml as strict_yaml
from sitebuild.check.manifest import KEY_POINTS_TITLE, load_data
from sitebuild.check.outline import ATX_HEADING, plain_text, read_admonitions, text_lines
from sitebuild.check.page_standards import BULLET
from sitebuild.check.site_words import STRENGTH_WORDS
from sitebuild.load.inputs import ROOT
from sitebuild.problems import Problem

if TYPE_CHECKING:
    pass

WORDS_PATH = ROOT / "hooks" / "key_point_words.yml"
WORDS_NAME = "hooks/key_point_words.yml"
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
# Each suffix with the endings its stem may have had: blocked → block, used → use.
SUFFIXES = {"ies": "y", "es": " e", "s": "", "ed": " e", "d": "", "ing": " e", "ly": ""}


class Vocabulary(NamedTuple):
    function_words: frozenset[str]
    synonyms: dict[str, tuple[str, ...]]  # a plain word → the page words it may stand for


def load_vocabulary(path: Path = WORDS_PATH) -> tuple[Vocabulary | None, list[Problem]]:
    """The list, or the problem that keeps it from being read."""
    return load_data(path, parse_vocabulary, None)


def parse_vocabulary(text: str) -> tuple[Vocabulary | None, list[Problem]]:
    """The words, or every problem with them: a synonym must give its reason, and never trade
    the words that set how strong a claim is."""
    data, problems = strict_yaml.load(text, WORDS_NAME, fix="correct the YAML syntax")
    if problems:
        return None, problems
    data = data if isinstance(data, dict) else {}
    words, synonyms = data.get("function_words"), data.get("synonyms")
    if not isinstance(words, list) or not isinstance(synonyms, dict):
        wrong = "expected `function_words:` (a list) and `synonyms:` (a mapping)"
        return None, [Problem(WORDS_NAME, "top level", wrong, "restore its layout from git")]
    fix = "quote it: YAML reads on, off, no and yes as true or false"
    problems += [
        Problem(WORDS_NAME, "function_words", f"{w!r} is not a word", fix)
        for w in words
        if not isinstance(w, str)
    ]
    meanings = {}
    for word, entry in synonyms.items():
        fields = entry if isinstance(entry, dict) else {}
        means = fields["means"] if isinstance(fields.get("means"), list) else []
        strong = [repr(w) for w in map(str, (word, *means)) if w.casefold() in STRENGTH_WORDS]
        say = partial(Problem, WORDS_NAME, f"synonym {word!r}")
        if not means or not str(fields.get("reason") or "").strip():
            wrong = "needs `means:` (the page's words) and `reason:`"
            problems.append(say(wrong, "say which words it stands for, and why that is fair"))
        elif strong:
            wrong = f"it trades words that set how strong a claim is ({', '.join(strong)})"
            fix = "remove the synonym; key points keep the page's own hedges and judgements"
            problems.append(say(wrong, fix, getattr(entry, "line", None)))
        else:
            meanings[str(word).casefold()] = tuple(str(m).casefold() for m in means)
    vocabulary = Vocabulary(frozenset(str(w).casefold() for w in words), meanings)
    return (None if problems else vocabulary), problems


def forms(word: str) -> frozenset[str]:
    """The word and the stems it may share with its other forms (blocks, blocked → block)."""
    word = word.casefold().replace("’", "'").removesuffix("'s")
    found = {word}
    for suffix, endings in SUFFIXES.items():
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            found.update(word[: -len(suffix)] + ending for ending in endings.split(" "))
    return frozenset(found)


def check_key_point_words(page: str, source: str, vocabulary: Vocabulary) -> list[Problem]:
    """One problem per key point that uses content words its page does not."""
    boxes = [box for box in read_admonitions(source) if box.title == KEY_POINTS_TITLE]
    in_box = range(boxes[0].line, boxes[0].end + 1) if boxes else range(0)
    boxed = {number for box in boxes for number in range(box.line, box.end + 1)}
    lines, kept, site_section = text_lines(source), [], False
    for number, line in lines:
        # A heading's section the site adds for navigation (data-search-exclude) is not the page's.
        if match := ATX_HEADING.match(line):
            site_section = "data-search-exclude" in line[match.end(2) :]
        if number not in boxed and not site_section:
            kept.append(line)
    text_forms = set().union(*(forms(word) for word in WORD.findall(plain_text("\n".join(kept)))))

    def known(word: str) -> bool:
        meant = vocabulary.synonyms.get(word.casefold(), ())
        plain = word.casefold() in vocabulary.function_words
        return plain or any(forms(w) & text_forms for w in (word, *meant))

    problems = []
    for number, line in lines:
        if number not in in_box or not BULLET.match(line.strip()):
            continue
        bullet = BULLET.sub("", line.strip())
        unknown = [word for word in WORD.findall(re.sub(r"[*_`]", "", bullet)) if not known(word)]
        if unknown:
            words = ", ".join(repr(w) for w in dict.fromkeys(unknown))
            wrong = f"'{bullet}' uses {words}, which the page's text does not"
            fix = "say it in the page's own words, or add a plain-language synonym with its reason"
            fix += f" to {WORDS_NAME}"
            problems.append(Problem(f"docs/{page}", KEY_POINTS_TITLE, wrong, fix, number))
    return problems
