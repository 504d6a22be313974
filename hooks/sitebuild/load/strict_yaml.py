"""YAML read strictly, text in, data and Problems out: every error is one line where it starts.

PyYAML's safe loader, with what the site's data never needs refused (duplicate keys, which
PyYAML would silently drop; anchors and aliases, whose copies can grow without bound; keys
that are lists or mappings; impossible dates, which PyYAML raises as a bare ValueError), and
every mapping knowing its line. Small enough to keep rather than add ruamel.yaml.
"""

from __future__ import annotations

from typing import Any

import yaml

from sitebuild.problems import Problem

# libyaml's loader when there is one: the same safe YAML, read several times faster.
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
NO_ANCHORS = "write the value out in full (the site's YAML uses no anchors or aliases)"
KEY_NOT_WORD = ("a key is a list or a mapping", "use a word or a number as the key")
TWICE = "the key {!r} appears a second time", "keep one (YAML keeps only the last)"
NOT_A_DATE = "{!r} is not a date ({})", "write a real date as YYYY-MM-DD, or put the text in quotes"


class LinedDict(dict):
    """A mapping that remembers the line (from 1) where it starts in its file."""

    line: int = 0


class _Refused(yaml.YAMLError):
    def __init__(self, problem: str, fix: str, mark: yaml.Mark) -> None:
        super().__init__(problem)
        self.problem, self.fix, self.line = problem, fix, mark.line + 1


class _Loader(_BASE):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = True) -> LinedDict:
        self.flatten_mapping(node)
        mapping = LinedDict()
        mapping.line = node.start_mark.line + 1
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, list | dict):
                raise _Refused(*KEY_NOT_WORD, key_node.start_mark)
            if key in mapping:
                raise _Refused(TWICE[0].format(key), TWICE[1], key_node.start_mark)
            mapping[key] = self.construct_object(value_node, deep=True)
        return mapping

    def construct_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError as error:
            problem = NOT_A_DATE[0].format(node.value, error)
            raise _Refused(problem, NOT_A_DATE[1], node.start_mark) from None


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _Loader.construct_mapping)
_Loader.add_constructor(_TIMESTAMP, _Loader.construct_timestamp)


class _DatesAsText(_Loader):
    """Dates left as text: a bad date in front matter is reported by its reader."""

    yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != _TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def load(text: str, file: str, *, fix: str, dates_as_text: bool = False, first_line: int = 1):
    """The data, or one Problem at the line where the trouble starts (first_line: where the text
    starts in its file)."""
    try:
        _refuse_anchors(text)
        return yaml.load(text, Loader=_DatesAsText if dates_as_text else _Loader), []  # noqa: S506
    except _Refused as error:
        return None, [Problem(file, "YAML", error.problem, error.fix, error.line + first_line - 1)]
    except yaml.YAMLError as error:
        return None, [yaml_problem(error, file, fix, first_line)]


def _refuse_anchors(text: str) -> None:
    # A few aliases of aliases make billions of items once copied (an "alias bomb").
    for token in yaml.scan(text, Loader=_BASE):
        if isinstance(token, yaml.AliasToken | yaml.AnchorToken):
            kind = "alias *" if isinstance(token, yaml.AliasToken) else "anchor &"
            raise _Refused(f"it uses the {kind}{token.value}", NO_ANCHORS, token.start_mark)


def anchors(text: str, file: str) -> list[Problem]:
    """The first anchor or alias in YAML another program reads (mkdocs.yml), as one Problem."""
    try:
        _refuse_anchors(text)
    except _Refused as error:
        return [Problem(file, "YAML", error.problem, error.fix, error.line)]
    except yaml.YAMLError:
        pass  # malformed: the program that reads it says so
    return []


def yaml_problem(error: yaml.YAMLError, file: str, fix: str, first_line: int = 1) -> Problem:
    """A YAML error where its trouble starts: an unclosed quote's opening, not the file's end."""
    context = getattr(error, "context", None) or ""
    opened = context.startswith(("while scanning", "while parsing a flow"))
    start = (getattr(error, "context_mark", None) if opened else None) or getattr(
        error, "problem_mark", None
    )
    reason = getattr(error, "problem", None) or "not valid YAML"
    said = f"{context}: {reason}" if context else reason
    return Problem(
        file, "YAML", f"it does not parse ({said})", fix, start.line + first_line if start else None
    )
