"""Material's main stylesheet without the rules for components this site never shows (hooks/unused_styles.yml).

Pure functions: text in, text or Problems out, so the tests call them
without a build. The MkDocs glue is trim_stylesheet.py.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Collection
from pathlib import Path

import sitebuild.strict_yaml as strict_yaml
from sitebuild.finish.assets import without_selectors
from sitebuild.inputs import ROOT, read_text
from sitebuild.problems import Problem

UNUSED_PATH = ROOT / "hooks" / "unused_styles.yml"
UNUSED_NAME = "hooks/unused_styles.yml"
CLASS_NAME = re.compile(r"^-?[A-Za-z_][\w-]*$")
SELECTOR_CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
# A pseudo-class's argument (:not(.x), :is(.x, .y)): a class there does not make the selector need it.
ARGUMENT = re.compile(r"\([^()]*\)")
# The literal first, then the look back: ten times faster than a leading \b (MkDocs writes attributes in lower case).
HTML_CLASS = re.compile(r"""class=(?<![\w-]class=)(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def load_unused(path: Path = UNUSED_PATH) -> tuple[frozenset[str], list[Problem]]:
    """The class families to drop; a missing or malformed file is a problem, not a crash."""
    text, problems = read_text(path)
    return (frozenset(), problems) if text is None else parse_unused(text)


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
    return family_patterns(frozenset(families))[0].fullmatch(name) is not None


def needs_unused(selector: str, families: frozenset[str]) -> bool:
    """Whether a selector can match only an element carrying an unused class."""
    while "(" in selector and ARGUMENT.search(selector):
        selector = ARGUMENT.sub("", selector)
    return family_patterns(families)[1].search(selector) is not None


@functools.cache
def family_patterns(families: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    # One regular expression per use, not a loop over families: a build checks thousands of selectors.
    # Longest first, so a class counts for the most specific family (md-source-file, not md-source).
    names = "|".join(re.escape(family) for family in sorted(families, key=lambda family: (-len(family), family))) or "(?!)"
    return re.compile(rf"({names})(?:-[\w-]*|__[\w-]*)?"), re.compile(rf"\.(?:{names})(?:-[\w-]*|__[\w-]*)?(?![\w-])")


def without_unused_rules(css: str, families: frozenset[str]) -> str:
    """The stylesheet without the selectors that need an unused class, and without rules left with none."""
    return without_selectors(css, lambda selector: needs_unused(selector, families))


def families_without_rules(css: str, families: frozenset[str]) -> list[Problem]:
    """A Problem for each family no selector in the stylesheet names: a stale line after an upgrade (tests/test_unused_styles.py)."""
    whole_class = family_patterns(families)[0]
    credited = {match[1] for match in map(whole_class.fullmatch, set(SELECTOR_CLASS.findall(css))) if match}
    return [
        Problem(UNUSED_NAME, family, "matches no rule in Material's main stylesheet", "remove the line")
        for family in sorted(families)
        if family not in credited
    ]


def unused_classes_in_page(html: str, page: str, families: frozenset[str]) -> list[Problem]:
    """A Problem for each class of an unused family the page's HTML carries: its styles would be missing."""
    names = {name for match in HTML_CLASS.finditer(html) for name in "".join(filter(None, match.groups())).split()}
    whole_class = family_patterns(families)[0]
    found = sorted(name for name in names if whole_class.fullmatch(name))
    return [
        Problem(page, f'class "{name}"', f"has no styles: {UNUSED_NAME} drops them", f"take its family off {UNUSED_NAME} (or stop using the class)")
        for name in found
    ]


def fingerprinted(path: str, text: str) -> str:
    """The path with Material's content hash replaced by the trimmed text's: main.57a0d79d.min.css → main.<new>.min.css."""
    digest = hashlib.sha256(text.encode()).hexdigest()[:8]
    return re.sub(r"\.[0-9a-f]{6,}\.min\.css$", f".{digest}.min.css", path)
