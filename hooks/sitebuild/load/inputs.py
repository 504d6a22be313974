"""Every file a maintainer can touch, read by one rule: UTF-8 text inside the repository.

A file that is missing, a folder, a named pipe (reading one hangs), not UTF-8, or a link out
of the project (or into .git) is one Problem, never an exception; text is read as MkDocs
reads a page (a byte-order mark dropped, Windows line endings as "\\n").
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from jinja2 import TemplateSyntaxError

from sitebuild.problems import Problem

ROOT = Path(__file__).resolve().parents[3]
# The only kinds of file docs/ may publish: pages, the site's stylesheet, script and images.
PUBLISHED_TYPES = (".md", ".css", ".js", ".svg", ".png", ".jpg", ".jpeg", ".webp")
TEXT_TYPES = (".css", ".js", ".svg")  # read by the build as text: they must be UTF-8
# Folders whose files reach the site or the build; a link in them must stay inside the project.
INPUT_FOLDERS = ("docs", "overrides", "includes", "manuscript")
# About ten times the largest page (docs/evidence.md, 3.4 kB): past it, pasted in by mistake.
MAX_PAGE_BYTES = 40_000


def read_text(path: Path, *, root: Path = ROOT) -> tuple[str | None, list[Problem]]:
    """The file's text, or the one problem that keeps it from being read."""
    name, restore = display(path, root), f"restore it (git checkout -- {display(path, root)})"
    wrong = special_file(path, root)
    if not wrong and not path.is_file():
        missing = "is a folder, not a file" if path.is_dir() else "is missing"
        wrong = Problem(name, "file", missing, restore)
    wrong = wrong or _outside(path, root)
    if wrong:
        return None, [wrong]
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [Problem(name, "file", f"cannot be read ({error.strerror})", restore)]
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n"), []
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problem = f"is not UTF-8 (byte 0x{data[error.start]:02x} at line {line})"
        return None, [Problem(name, "file", problem, "save it as UTF-8", line)]


def check_folders(root: Path = ROOT) -> list[Problem]:
    """Links that lead out of the project, and files docs/ must not publish."""
    problems = []
    for folder in INPUT_FOLDERS:
        for path in sorted(_walk(root / folder, root)):
            wrong = _outside(path, root) or special_file(path, root) or _loop(path, root)
            suffix, name = path.suffix.lower(), display(path, root)
            if wrong:
                problems.append(wrong)
            elif folder != "docs":
                continue
            elif suffix == ".md" and path.suffix != ".md":
                # MkDocs renders only `.md` (case matters): this would be published unchecked.
                fix = f"rename it {path.stem}.md"
                problems.append(Problem(name, "file", f"ends in {path.suffix}, not .md", fix))
            elif suffix in TEXT_TYPES:
                problems += read_text(path, root=root)[1]
            elif path.is_file() and suffix not in PUBLISHED_TYPES:
                kind = f"is a {path.suffix or 'nameless'} file, which the site does not publish"
                fix = f"remove it; docs/ holds only {', '.join(PUBLISHED_TYPES)} files"
                problems.append(
                    Problem(name, "file", kind, f"{fix} (hooks/sitebuild/load/inputs.py)")
                )
    return problems


def check_templates(
    folder: Path, parse: Callable[[str], object], root: Path = ROOT
) -> list[Problem]:
    """Each template parses: a broken one would stop the build halfway, with a traceback."""
    problems = []
    for path in sorted(folder.rglob("*.html")):
        text, trouble = read_text(path, root=root)
        problems += trouble
        try:
            if text is not None:
                parse(text)
        except TemplateSyntaxError as error:
            problem = f"it does not parse ({error.message})"
            fix = "correct the Jinja syntax there"
            problems.append(Problem(display(path, root), "template", problem, fix, error.lineno))
    return problems


def check_page_size(page: str, text: str) -> list[Problem]:
    """A page far larger than any the article has."""
    size = len(text.encode("utf-8"))
    if size <= MAX_PAGE_BYTES:
        return []
    problem = f"is {size:,} bytes, over the limit of {MAX_PAGE_BYTES:,}"
    fix = "remove what was pasted in by mistake, or split the page"
    return [
        Problem(
            f"docs/{page}",
            "page",
            problem,
            f"{fix} (the limit is in hooks/sitebuild/load/inputs.py)",
        )
    ]


def display(path: Path, root: Path = ROOT) -> str:
    """A path as the maintainer sees it, from the project's folder."""
    absolute = Path(os.path.abspath(path))
    return absolute.relative_to(root).as_posix() if absolute.is_relative_to(root) else str(path)


def _outside(path: Path, root: Path) -> Problem | None:
    """A link whose target is outside the project, or in .git: never content."""
    target, inside = path.resolve(), root.resolve()
    if not path.is_symlink() and Path(os.path.abspath(path)) == target:
        return None
    if target.is_relative_to(inside / ".git"):
        return Problem(display(path, root), "file", "is a link into .git", "remove the link")
    if target.is_relative_to(inside):
        return None
    fix = "replace the link with the file itself, or remove it"
    return Problem(display(path, root), "file", f"is a link to {target}, outside the project", fix)


def special_file(path: Path, root: Path) -> Problem | None:
    """A named pipe, socket or device: reading one can hang the build, and none is content."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return Problem(
        display(path, root), "file", "is a named pipe or other special file", "remove it"
    )


def _loop(path: Path, root: Path) -> Problem | None:
    """A link to a folder that holds it: MkDocs would walk it without end."""
    if path.is_symlink() and path.is_dir() and path.parent.resolve().is_relative_to(path.resolve()):
        return Problem(
            display(path, root), "file", "is a link to a folder that holds it", "remove the link"
        )
    return None


def _walk(folder: Path, root: Path = ROOT) -> list[Path]:
    """Every file and link below a folder, and below each folder link that stays in the project.

    MkDocs follows folder links, publishing their files as if in docs/: they are checked too
    (a link out of the project, or into .git, is the link's own problem).
    """
    found, seen, inside = [], {folder.resolve()}, root.resolve()
    for current, folders, files in os.walk(folder, followlinks=True):
        base = Path(current)
        found += [base / name for name in files]
        found += [base / name for name in folders if (base / name).is_symlink()]
        followed = []
        for name in folders:
            target = (base / name).resolve()
            leaves = not target.is_relative_to(inside) or target.is_relative_to(inside / ".git")
            loop = base.resolve().is_relative_to(target)
            skipped = name in ("node_modules", "__pycache__") or target in seen or loop
            if not (skipped or ((base / name).is_symlink() and leaves)):
                seen.add(target)
                followed.append(name)
        folders[:] = followed
    return found
