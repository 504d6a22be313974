"""Results of pure, slow steps kept between builds in .cache/, by a hash of everything they read.

A step whose inputs have not changed (Material's stylesheet trimmed, the
site's CSS and JS minified, a template already seen to parse) gives the same
text as last time, so a rebuild (`mkdocs serve`, `make test`) reads it back
instead of working it out again. The output is byte for byte the same either
way, so builds stay reproducible; delete .cache/ (make clean) to start afresh.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

# Change when a cached step changes what it makes, so old results are not used.
VERSION = "1"


def cached_text(folder: Path, kind: str, inputs: list[str], make: Callable[[], str]) -> str:
    """make(), or what it gave last time for the same kind and inputs."""
    key = hashlib.sha256("\0".join([VERSION, kind, *inputs]).encode("utf-8")).hexdigest()
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


def cache_folder(config_file: str | None) -> Path:
    """.cache/build beside mkdocs.yml."""
    return Path(config_file or "mkdocs.yml").resolve().parent / ".cache" / "build"
