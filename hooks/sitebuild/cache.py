"""Results of slow, pure steps kept between builds in .cache/, by a hash of all they depend on.

Only where measured to matter (hooks/README.md: "Caches"). The key holds the step's inputs, the
build's own code and every installed library's version, so a result made before `make lock` or
an edit of hooks/sitebuild/ is never used; the output is the same bytes either way.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from collections.abc import Callable
from dataclasses import is_dataclass
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent


def code_version() -> str:
    """A digest of the build's own code and of every installed library's version.

    A result made by other code, or by another version of Material, Markdown or
    any library (after `make lock`), is never used.
    """
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.read_bytes())
    digest.update(libraries_digest(installed_versions()).encode("utf-8"))
    return digest.hexdigest()


def installed_versions() -> list[str]:
    """Every installed distribution as name==version."""
    return [
        f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions()
    ]


def libraries_digest(versions: list[str]) -> str:
    """The same text for the same set of versions, whatever order they were found in."""
    return hashlib.sha256("\n".join(sorted(versions)).encode("utf-8")).hexdigest()


def cached_text(folder: Path, kind: str, inputs: list[str], make: Callable[[], str]) -> str:
    """make(), or what it gave last time for the same kind and inputs."""
    key = hashlib.sha256("\0".join([code_version(), kind, *inputs]).encode("utf-8")).hexdigest()
    path = folder / kind / f"{key}.txt"
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = make()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError:
        pass  # a read-only checkout builds as well, only slower
    return text


def stable(value: Any) -> str:
    """A value as text that is the same in every process (sets sorted, dataclasses as their fields), for a cache key."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=_plain)


def _plain(value: Any) -> Any:
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    if is_dataclass(value) and not isinstance(value, type):
        return {name: getattr(value, name) for name in value.__dataclass_fields__}
    return str(value)
