"""Key points say what their page says: a bullet's content words must be the page's own words.

A key point that uses a word the page never uses is, more often than not, a
new fact, a new cause or a stronger claim. Plain-language stand-ins for the
page's harder words are allowed through a short list in hooks/key_point_words.yml,
each with its reason, so every liberty taken is written down.

Pure functions: text in, Problems out.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import sitebuild.strict_yaml as strict_yaml
from sitebuild.check.manifest import KEY_POINTS_TITLE
from sitebuild.check.outline import FRONT_MATTER, HTML_COMMENT, read_admonitions
from sitebuild.check.site_words import STRENGTH_WORDS
from sitebuild.inputs import ROOT, read_text
from sitebuild.problems import Problem

WORDS_PATH = ROOT / "hooks" / "key_point_words.yml"
WORDS_NAME = "hooks/key_point_words.yml"
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
BULLET = re.compile(r"^[-*+]\s+")
MARKER = re.compile(r"\[\^[^\]\s]+\]")
FOOTNOTE_DEFINITION = re.compile(r"^\[\^[^\]\s]+\]:.*$", re.M)
LINK_TARGET = re.compile(r"\]\([^)]*\)")
# Headings whose section the site adds for navigation (the home page's list of pages) are not the page's text.
SITE_SECTION = re.compile(r"^#{1,6}\s.*\{[^}]*data-search-exclude[^}]*\}\s*$")
HEADING = re.compile(r"^#{1,6}\s")


@dataclass(frozen=True)
class Vocabulary:
    function_words: frozenset[str]
    synonyms: dict[str, tuple[str, ...]]  # a plain word → the page words it may stand for


def load_vocabulary(path: Path = WORDS_PATH) -> tuple[Vocabulary | None, list[Problem]]:
    text, problems = read_text(path)
    return (None, problems) if text is None else parse_vocabulary(text)


def parse_vocabulary(text: str) -> tuple[Vocabulary | None, list[Problem]]:
    data, problems = strict_yaml.load(text, WORDS_NAME, fix="correct the YAML syntax")
    if problems:
        return None, problems
    if not isinstance(data, dict) or not isinstance(data.get("function_words"), list) or not isinstance(data.get("synonyms"), dict):
        return None, [Problem(WORDS_NAME, "top level", "expected `function_words:` (a list) and `synonyms:` (a mapping)", "restore its layout from git")]
    problems, synonyms = [], {}
    problems += [
        Problem(WORDS_NAME, "function_words", f"{word!r} is not a word", "quote it: YAML reads on, off, no and yes as true or false")
        for word in data["function_words"]
        if not isinstance(word, str)
    ]
    for word, entry in data["synonyms"].items():
        fields = entry if isinstance(entry, dict) else {}
        means = fields.get("means")
        if not isinstance(means, list) or not means or not str(fields.get("reason") or "").strip():
            problems.append(
                Problem(
                    WORDS_NAME, f"synonym {word!r}", "needs `means:` (the page's words) and `reason:`", "say which words it stands for, and why that is fair"
                )
            )
            continue
        strong = [str(w) for w in (word, *means) if str(w).casefold() in STRENGTH_WORDS]
        if strong:
            problems.append(
                Problem(
                    WORDS_NAME,
                    f"synonym {word!r}",
                    f"it trades words that set how strong a claim is ({', '.join(map(repr, strong))})",
                    "remove the synonym; key points keep the page's own hedges and judgements",
                    getattr(entry, "line", None),
                )
            )
            continue
        synonyms[str(word).casefold()] = tuple(str(m).casefold() for m in means)
    vocabulary = Vocabulary(frozenset(str(w).casefold() for w in data["function_words"]), synonyms)
    return (None if problems else vocabulary), problems


@functools.lru_cache(maxsize=4096)
def forms(word: str) -> frozenset[str]:
    """The word and the stems it may share with other forms of itself (blocks, blocked, blocking → block)."""
    word = word.casefold().replace("’", "'").removesuffix("'s")
    found = {word}
    for suffix, replacements in (("ies", ("y",)), ("es", ("", "e")), ("s", ("",)), ("ed", ("", "e")), ("d", ("",)), ("ing", ("", "e")), ("ly", ("",))):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            found.update(word[: -len(suffix)] + ending for ending in replacements)
    return frozenset(found)


def page_text(source: str) -> str:
    """What a reader reads on the page, less its key points, footnote definitions, markers and navigation lists."""
    body = source[FRONT_MATTER.match(source).end() :] if FRONT_MATTER.match(source) else source
    lines = body.split("\n")
    for box in read_admonitions(body):
        if box.title == KEY_POINTS_TITLE:
            end = box.line
            while end < len(lines) and (not lines[end].strip() or lines[end].startswith(("    ", "\t"))):
                end += 1
            lines[box.line - 1 : end] = [""] * (end - box.line + 1)
    kept, in_site_section = [], False
    for line in lines:
        if HEADING.match(line):
            in_site_section = bool(SITE_SECTION.match(line))
        if not in_site_section:
            kept.append(line)
    text = FOOTNOTE_DEFINITION.sub("", HTML_COMMENT.sub(" ", "\n".join(kept)))
    return LINK_TARGET.sub("]", MARKER.sub("", text))


def key_point_lines(source: str) -> list[tuple[int, str]]:
    """(line in the file, text) of each bullet in the page's key points box."""
    match = FRONT_MATTER.match(source)
    offset = source.count("\n", 0, match.end()) if match else 0
    body = source[match.end() :] if match else source
    boxes = [box for box in read_admonitions(body) if box.title == KEY_POINTS_TITLE]
    if not boxes:
        return []
    lines = body.split("\n")
    found = []
    for index in range(boxes[0].line, len(lines)):
        line = lines[index]
        if line.strip() and not line.startswith(("    ", "\t")):
            break
        if BULLET.match(line.strip()):
            found.append((index + 1 + offset, BULLET.sub("", line.strip())))
    return found


def check_key_point_words(page: str, source: str, vocabulary: Vocabulary) -> list[Problem]:
    """One problem per key point that uses content words its page does not."""
    text_forms = set().union(set(), *(forms(word) for word in WORD.findall(page_text(source))))
    problems = []
    for line, bullet in key_point_lines(source):
        unknown = []
        for word in WORD.findall(re.sub(r"[*_`]", "", bullet)):
            lower = word.casefold()
            if lower in vocabulary.function_words or forms(word) & text_forms:
                continue
            if any(forms(meant) & text_forms for meant in vocabulary.synonyms.get(lower, ())):
                continue
            unknown.append(word)
        if unknown:
            problems.append(
                Problem(
                    f"docs/{page}",
                    KEY_POINTS_TITLE,
                    f"'{bullet}' uses {', '.join(repr(w) for w in dict.fromkeys(unknown))}, which the page's text does not",
                    f"say it in the page's own words, or add a plain-language synonym with its reason to {WORDS_NAME}",
                    line,
                )
            )
    return problems
