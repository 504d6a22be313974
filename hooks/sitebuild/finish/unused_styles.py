"""Material's main stylesheet without the rules for components this site never shows (hooks/unused_styles.yml).

Pure functions: text in, text or Problems out, so the tests call them without
a build. finish/site.py serves the trimmed file under a fingerprint of its
own, so a browser that cached Material's never mixes the two, and refuses a
site whose pages use a class whose rules were dropped.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Collection

from sitebuild import strict_yaml
from sitebuild.finish.assets import Node, without_selectors
from sitebuild.problems import Problem

UNUSED_NAME = "hooks/unused_styles.yml"
CLASS_NAME = re.compile(r"^-?[A-Za-z_][\w-]*$")


def parse_unused(text: str) -> tuple[frozenset[str], list[Problem]]:
    """Families from the file's `family: why` lines, with a Problem for each line that is not one."""
    data, problems = strict_yaml.load(text, UNUSED_NAME, fix="correct the colons or quotes there")
    if problems:
        return frozenset(), problems
    if not isinstance(data, dict):
        return frozenset(), [Problem(UNUSED_NAME, "file", "is not a list of `family: why` lines", "restore its layout from git")]
    problems = [
        Problem(UNUSED_NAME, str(family), "is not a CSS class name with a reason after it", "write `class-name: why the site never shows it`")
        for family, why in data.items()
        if not (isinstance(family, str) and CLASS_NAME.match(family) and isinstance(why, str) and why.strip())
    ]
    return frozenset(data), problems


def in_family(name: str, families: Collection[str]) -> bool:
    """Whether a class is one of the families or starts with one and -, __ or --."""
    return family_pattern(frozenset(families)).fullmatch(name) is not None


@functools.cache
def family_pattern(families: frozenset[str]) -> re.Pattern[str]:
    # One regular expression over class names, not a loop over families: a build checks thousands.
    # Longest first, so a class counts for the most specific family (md-source-file, not md-source).
    names = "|".join(re.escape(family) for family in sorted(families, key=lambda family: (-len(family), family))) or "(?!)"
    return re.compile(rf"({names})(?:-[\w-]*|__[\w-]*)?")


def selector_classes(selector: list[Node]) -> list[str]:
    """The classes a selector requires: each '.' and name outside any function's arguments (a class in :not(…) or :is(…) does not count)."""
    return [name.value for dot, name in zip(selector, selector[1:], strict=False) if dot.type == "literal" and dot.value == "." and name.type == "ident"]


def needs_unused(selector: list[Node], families: frozenset[str]) -> bool:
    """Whether a selector can match only an element carrying an unused class."""
    whole_class = family_pattern(families)
    return any(whole_class.fullmatch(name) for name in selector_classes(selector))


def without_unused_rules(css: str, families: frozenset[str]) -> str:
    """The stylesheet without the selectors that need an unused class, and without rules left with none."""
    return without_selectors(css, lambda selector: needs_unused(selector, families))


def unused_classes(class_names: set[str], page: str, families: frozenset[str]) -> list[Problem]:
    """A Problem for each class of an unused family a built page carries: its styles would be missing."""
    whole_class = family_pattern(families)
    return [
        Problem(page, f'class "{name}"', f"has no styles: {UNUSED_NAME} drops them", f"take its family off {UNUSED_NAME} (or stop using the class)")
        for name in sorted(class_names)
        if whole_class.fullmatch(name)
    ]


def fingerprinted(path: str, text: str) -> str:
    """The path with Material's content hash replaced by the trimmed text's: main.57a0d79d.min.css → main.<new>.min.css."""
    digest = hashlib.sha256(text.encode()).hexdigest()[:8]
    return re.sub(r"\.[0-9a-f]{6,}\.min\.css$", f".{digest}.min.css", path)
