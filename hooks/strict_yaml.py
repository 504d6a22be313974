"""YAML read strictly: a duplicate key is an error, every mapping knows its line, errors say where they start.

Pure: text in, data and Problems out.
"""

from __future__ import annotations

from typing import Any

import yaml
from content_manifest import Problem

# PyYAML's libyaml loader when it has one: the same safe YAML, read several times faster.
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LinedDict(dict):
    """A mapping that remembers the line (from 1) where it starts in its file."""

    line: int = 0


class _DuplicateKey(yaml.YAMLError):
    def __init__(self, key: object, line: int) -> None:
        super().__init__(f"the key {key!r} appears twice")
        self.key, self.line = key, line


class _StrictLoader(_BASE):
    """Safe YAML whose mappings are LinedDicts and whose duplicate keys are errors (PyYAML keeps the last)."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> LinedDict:
    loader.flatten_mapping(node)
    mapping = LinedDict()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise _DuplicateKey(key, key_node.start_mark.line + 1)
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load(text: str, file: str, *, fix: str = "correct the YAML there") -> tuple[Any, list[Problem]]:
    """The file's data, or one Problem at the line where the trouble starts."""
    try:
        return yaml.load(text, Loader=_StrictLoader), []  # noqa: S506 (a SafeLoader)
    except _DuplicateKey as error:
        return None, [Problem(file, "YAML", f"the key {error.key!r} appears a second time", "keep one (YAML keeps only the last)", error.line)]
    except yaml.YAMLError as error:
        return None, [yaml_problem(error, file, fix)]


def yaml_problem(error: yaml.YAMLError, file: str, fix: str) -> Problem:
    """A YAML error at the line where its trouble starts (an unclosed quote's opening, not the file's end)."""
    start = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
    reason = getattr(error, "problem", None) or "not valid YAML"
    context = getattr(error, "context", None)
    said = f"{context}: {reason}" if context else reason
    return Problem(file, "YAML", f"it does not parse ({said})", fix, start.line + 1 if start else None)
