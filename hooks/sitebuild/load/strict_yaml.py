"""YAML read strictly, text in, data and Problems out: every error is one line where it starts.
PyYAML's safe loader (ruamel.yaml would be more to keep), refusing what the site's data never needs:
duplicate keys (PyYAML keeps the last), anchors (alias bombs), keys that are lists, bad dates."""

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
    line: int = 0  # where the mapping starts in its file, from 1


def kind(value: Any) -> str:
    """A value's type as a maintainer reads YAML: a mapping (never the class that keeps its line),
    a list, an int, a bool."""
    return "mapping" if isinstance(value, dict) else type(value).__name__


class _Refused(yaml.YAMLError):
    """What the site's YAML never holds, as (problem, fix, mark)."""


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
        except ValueError as error:  # PyYAML's own is a bare ValueError
            problem = NOT_A_DATE[0].format(node.value, error)
            raise _Refused(problem, NOT_A_DATE[1], node.start_mark) from None


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _Loader.construct_mapping)
_Loader.add_constructor(_TIMESTAMP, lambda loader, node: loader.construct_timestamp(node))


class _DatesAsText(_Loader):
    """Dates left as text (a bad date in front matter is reported by its reader); one tagged
    !!timestamp is still a date, checked as in any other file."""

    yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != _TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def load(text: str, file: str, *, fix: str, dates_as_text: bool = False, first_line: int = 1):
    """The data, or one Problem at the line where the trouble starts (first_line: where the text
    starts in its file); an unclosed quote is named at its opening, not at the file's end."""
    try:
        if refused := anchors(text, file, first_line):
            return None, refused
        return yaml.load(text, Loader=_DatesAsText if dates_as_text else _Loader), []  # noqa: S506
    except _Refused as error:
        problem, refusal, mark = error.args
        return None, [Problem(file, "YAML", problem, refusal, mark.line + first_line)]
    except yaml.YAMLError as error:
        context = getattr(error, "context", None) or ""
        opened = context.startswith(("while scanning", "while parsing a flow"))
        start = opened and error.context_mark or getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or "not valid YAML"
        said = f"{context}: {reason}" if context else reason
        line = start.line + first_line if start else None
        return None, [Problem(file, "YAML", f"it does not parse ({said})", fix, line)]


def settings(text: str, file: str) -> list[Problem]:
    """mkdocs.yml, read before MkDocs reads it (its own tags left alone): no anchor, a mapping of
    settings, and no key set twice, which YAML would settle silently by keeping the last."""
    if refused := anchors(text, file):
        return refused
    node = yaml.compose(text, Loader=_BASE)
    if not isinstance(node, yaml.MappingNode):
        said = "is not a mapping of settings", "restore it from git"
        return [Problem(file, "top level", *said, 1)]
    return _twice(node, file)


def _twice(node: yaml.Node, file: str) -> list[Problem]:
    """Each key set a second time in a mapping, at any depth."""
    if isinstance(node, yaml.SequenceNode):
        return [p for child in node.value for p in _twice(child, file)]
    problems, seen = [], set()
    pairs = node.value if isinstance(node, yaml.MappingNode) else []
    for key, _ in pairs:
        if isinstance(key, yaml.ScalarNode) and key.value in seen:
            said, line = TWICE[0].format(key.value), key.start_mark.line + 1
            problems.append(Problem(file, "YAML", said, TWICE[1], line))
        seen.add(key.value if isinstance(key, yaml.ScalarNode) else None)
    return problems + [p for _, child in pairs for p in _twice(child, file)]


def anchors(text: str, file: str, first_line: int = 1) -> list[Problem]:
    """The first anchor or alias, as one Problem: a few aliases of aliases make billions of items
    once copied (an "alias bomb"). Malformed YAML raises yaml.YAMLError."""
    for token in yaml.scan(text, Loader=_BASE):
        if isinstance(token, yaml.AliasToken | yaml.AnchorToken):
            kind = "alias *" if isinstance(token, yaml.AliasToken) else "anchor &"
            line = token.start_mark.line + first_line
            return [Problem(file, "YAML", f"it uses the {kind}{token.value}", NO_ANCHORS, line)]
    return []
