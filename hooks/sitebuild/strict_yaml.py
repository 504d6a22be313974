"""YAML read strictly: a duplicate key is an error, every mapping knows its line, errors say where they start.

Pure: text in, data and Problems out.
"""

from __future__ import annotations

from typing import Any

import yaml

from sitebuild.problems import Problem

# PyYAML's libyaml loader when it has one: the same safe YAML, read several times faster.
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LinedDict(dict):
    """A mapping that remembers the line (from 1) where it starts in its file."""

    line: int = 0


class _DuplicateKey(yaml.YAMLError):
    def __init__(self, key: object, line: int) -> None:
        super().__init__(f"the key {key!r} appears twice")
        self.key, self.line = key, line


class _Refused(yaml.YAMLError):
    """YAML the site never needs: an alias (copies can grow without bound), an unhashable key."""

    def __init__(self, problem: str, fix: str, line: int) -> None:
        super().__init__(problem)
        self.problem, self.fix, self.line = problem, fix, line


class _StrictLoader(_BASE):
    """Safe YAML whose mappings are LinedDicts and whose duplicate keys are errors (PyYAML keeps the last)."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> LinedDict:
    loader.flatten_mapping(node)
    mapping = LinedDict()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, list | dict):
            line = key_node.start_mark.line + 1
            fix = "use a word or a number as the key"
            raise _Refused("a key is a list or a mapping", fix, line)
        if key in mapping:
            raise _DuplicateKey(key, key_node.start_mark.line + 1)
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


def _construct_timestamp(loader: _StrictLoader, node: yaml.ScalarNode) -> Any:
    """A date, or one problem at its line: PyYAML raises a bare ValueError for 2018-13-01."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError as error:
        fix = "write a real date as YYYY-MM-DD, or put the text in quotes"
        raise _Refused(f"{node.value!r} is not a date ({error})", fix, node.start_mark.line + 1) from None


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


class _StrictDatesAsText(_StrictLoader):
    """The same, with dates left as text: a bad date (2026-13-01) is reported by its reader, not raised."""


_StrictDatesAsText.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(text: str, file: str, *, fix: str = "correct the YAML there", dates_as_text: bool = False, first_line: int = 1) -> tuple[Any, list[Problem]]:
    """The file's data, or one Problem at the line where the trouble starts (first_line: where the text starts in its file)."""
    # Not cached: parsing every data file and front matter takes a few milliseconds.
    try:
        return _parse(text, dates_as_text), []
    except _Refused as error:
        return None, [Problem(file, "YAML", error.problem, error.fix, error.line + first_line - 1)]
    except _DuplicateKey as error:
        line = error.line + first_line - 1
        return None, [Problem(file, "YAML", f"the key {error.key!r} appears a second time", "keep one (YAML keeps only the last)", line)]
    except yaml.YAMLError as error:
        return None, [yaml_problem(error, file, fix, first_line)]


def _parse(text: str, dates_as_text: bool) -> Any:
    _refuse_anchors(text)
    return yaml.load(text, Loader=_StrictDatesAsText if dates_as_text else _StrictLoader)  # noqa: S506 (a SafeLoader)


def _refuse_anchors(text: str) -> None:
    # Refused before anything is built: a few aliases of aliases make a structure of billions of
    # items once copied (an "alias bomb"), and the site's data files never need one.
    for token in yaml.scan(text, Loader=_BASE):
        if isinstance(token, yaml.AliasToken | yaml.AnchorToken):
            fix = "write the value out in full (the site's YAML uses no anchors or aliases)"
            kind = "alias *" if isinstance(token, yaml.AliasToken) else "anchor &"
            raise _Refused(f"it uses the {kind}{token.value}", fix, token.start_mark.line + 1)


def anchors(text: str, file: str) -> list[Problem]:
    """The first anchor or alias in YAML another program reads (mkdocs.yml), as one Problem."""
    try:
        _refuse_anchors(text)
    except _Refused as error:
        return [Problem(file, "YAML", error.problem, error.fix, error.line)]
    except yaml.YAMLError:
        return []  # malformed: the program that reads it says so
    return []


def yaml_problem(error: yaml.YAMLError, file: str, fix: str, first_line: int = 1) -> Problem:
    """A YAML error at the line where its trouble starts (an unclosed quote's opening, not the file's end)."""
    # An unclosed quote or bracket is reported where the file ends: its start is the context mark.
    # Other errors (a bad indent) are where the problem mark is.
    context = getattr(error, "context", None) or ""
    opened = context.startswith(("while scanning", "while parsing a flow"))
    start = (getattr(error, "context_mark", None) if opened else None) or getattr(error, "problem_mark", None)
    reason = getattr(error, "problem", None) or "not valid YAML"
    said = f"{context}: {reason}" if context else reason
    return Problem(file, "YAML", f"it does not parse ({said})", fix, start.line + first_line if start else None)
