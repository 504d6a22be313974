"""Material's main stylesheet without the rules for components the site never shows
(hooks/unused_styles.yml), served under a fingerprint of its own so a browser never mixes it
with Material's; a page that uses a dropped class is refused."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection

from sitebuild.finish.assets import Node, without_selectors
from sitebuild.load import strict_yaml
from sitebuild.problems import Problem

UNUSED_NAME = "hooks/unused_styles.yml"
CLASS_NAME = re.compile(r"^-?[A-Za-z_][\w-]*$")


def parse_unused(text: str) -> tuple[frozenset[str], list[Problem]]:
    """Families from the file's `family: why` lines; a Problem for each line that is not one."""
    data, problems = strict_yaml.load(text, UNUSED_NAME, fix="correct the colons or quotes there")
    if problems:
        return frozenset(), problems
    if not isinstance(data, dict):
        wrong = "is not a list of `family: why` lines"
        return frozenset(), [Problem(UNUSED_NAME, "file", wrong, "restore its layout from git")]
    wrong = "is not a CSS class name with a reason after it"
    fix = "write `class-name: why the site never shows it`"
    problems = []
    for family, why in data.items():
        named = isinstance(family, str) and CLASS_NAME.match(family)
        if not (named and isinstance(why, str) and why.strip()):
            problems.append(Problem(UNUSED_NAME, str(family), wrong, fix))
    return frozenset(data), problems


def in_family(name: str, families: Collection[str]) -> bool:
    """Whether a class is one of the families or starts with one and -, __ or --."""
    return _family(families).fullmatch(name) is not None


def _family(families: Collection[str]) -> re.Pattern[str]:
    # One expression, not a loop over families: a build checks thousands of class names.
    # Longest first, so a class counts for the most specific family (md-source-file, not md-source).
    ordered = sorted(families, key=lambda family: (-len(family), family))
    return re.compile(rf"({'|'.join(map(re.escape, ordered)) or '(?!)'})(?:-[\w-]*|__[\w-]*)?")


def selector_classes(selector: list[Node]) -> list[str]:
    """The classes a selector requires (one in :not(…) or :is(…) is a function's: not counted)."""
    pairs = zip(selector, selector[1:], strict=False)
    named = [name for dot, name in pairs if dot.type == "literal" and dot.value == "."]
    return [name.value for name in named if name.type == "ident"]


def without_unused_rules(css: str, families: frozenset[str]) -> str:
    """The stylesheet without the selectors that need an unused class, nor rules left with none."""
    unused = _family(families)
    return without_selectors(css, lambda s: any(map(unused.fullmatch, selector_classes(s))))


def unused_classes(class_names: set[str], page: str, families: frozenset[str]) -> list[Problem]:
    """A Problem for each class of an unused family a built page carries: it has no styles."""
    fix = f"take its family off {UNUSED_NAME} (or stop using the class)"
    unused = _family(families)
    wrong = f"has no styles: {UNUSED_NAME} drops them"
    names = [name for name in sorted(class_names) if unused.fullmatch(name)]
    return [Problem(page, f'class "{name}"', wrong, fix) for name in names]


def fingerprinted(path: str, text: str) -> str:
    """The path with Material's content hash replaced by the trimmed text's."""
    digest = hashlib.sha256(text.encode()).hexdigest()[:8]
    return re.sub(r"\.[0-9a-f]{6,}\.min\.css$", f".{digest}.min.css", path)
