"""Every file a maintainer can touch, read by one rule: UTF-8 text inside the repository, or one clear problem.

Pure functions over paths: text (or None) and Problems out, never an
exception for a file that is missing, unreadable, not UTF-8, or a link to
somewhere outside the project.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from jinja2 import TemplateSyntaxError

from sitebuild.problems import Problem

ROOT = Path(__file__).resolve().parents[2]
# The only kinds of file docs/ may publish: pages, the site's stylesheet, script and images.
PUBLISHED_TYPES = (".md", ".css", ".js", ".svg", ".png", ".jpg", ".jpeg", ".webp")
# The ones the build reads as text (pages are read on their own): they must be UTF-8.
TEXT_TYPES = (".css", ".js", ".svg")
# Folders whose files reach the site or the build; a link in them must stay inside the project.
INPUT_FOLDERS = ("docs", "overrides", "includes", "manuscript")
# About ten times the largest page today (docs/evidence.md, 3.4 kB): a page past it was pasted in by mistake.
MAX_PAGE_BYTES = 40_000


def read_text(path: Path, *, root: Path = ROOT) -> tuple[str | None, list[Problem]]:
    """The file's text, or the one problem that keeps it from being read."""
    name = display(path, root)
    restore = f"restore it (git checkout -- {name})"
    special = special_file(path, root)
    if special:
        return None, [special]
    if not path.is_file():
        missing = "is a folder, not a file" if path.is_dir() else "is missing"
        return None, [Problem(name, "file", missing, restore)]
    outside = _outside(path, root)
    if outside:
        return None, [outside]
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [Problem(name, "file", f"cannot be read ({error.strerror})", restore)]
    try:
        # As MkDocs reads pages: a byte-order mark is dropped; Windows line endings read as "\n".
        return data.decode("utf-8-sig").replace("\r\n", "\n"), []
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return None, [Problem(name, "file", f"is not UTF-8 (byte 0x{data[error.start]:02x} at line {line})", "save it as UTF-8", line)]


def check_folders(root: Path = ROOT) -> list[Problem]:
    """Links that lead out of the project, and files docs/ must not publish."""
    problems = []
    for folder in INPUT_FOLDERS:
        for path in sorted(_walk(root / folder, root)):
            outside = _outside(path, root) or special_file(path, root) or _loop(path, root)
            if outside:
                problems.append(outside)
            elif folder == "docs" and path.suffix.lower() == ".md" and path.suffix != ".md":
                # MkDocs renders only `.md` (case matters): this would be published unchecked.
                fix = f"rename it {path.stem}.md"
                wrong = f"ends in {path.suffix}, not .md"
                problems.append(Problem(display(path, root), "file", wrong, fix))
            elif folder == "docs" and path.suffix.lower() in TEXT_TYPES:
                problems += read_text(path, root=root)[1]
            elif folder == "docs" and path.is_file() and path.suffix.lower() not in PUBLISHED_TYPES:
                problems.append(
                    Problem(
                        display(path, root),
                        "file",
                        f"is a {path.suffix or 'nameless'} file, which the site does not publish",
                        f"remove it; docs/ holds only {', '.join(PUBLISHED_TYPES)} files (hooks/sitebuild/inputs.py)",
                    )
                )
    return problems


def check_templates(folder: Path, parse: Callable[[str], object], root: Path = ROOT) -> list[Problem]:
    """Each template parses (`parse`: the theme's Jinja parser): a broken one would stop the build halfway, with a traceback."""
    problems = []
    for path in sorted(folder.rglob("*.html")):
        text, trouble = read_text(path, root=root)
        problems += trouble
        if text is None:
            continue
        try:
            parse(text)
        except TemplateSyntaxError as error:
            problems.append(Problem(display(path, root), "template", f"it does not parse ({error.message})", "correct the Jinja syntax there", error.lineno))
    return problems


def check_page_size(page: str, text: str) -> list[Problem]:
    """A page far larger than any the article has."""
    size = len(text.encode("utf-8"))
    if size <= MAX_PAGE_BYTES:
        return []
    return [
        Problem(
            f"docs/{page}",
            "page",
            f"is {size:,} bytes, over the limit of {MAX_PAGE_BYTES:,}",
            "remove what was pasted in by mistake, or split the page (the limit is in hooks/sitebuild/inputs.py)",
        )
    ]


def display(path: Path, root: Path = ROOT) -> str:
    """A path as the maintainer sees it, from the project's folder."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return str(path)


# A symbolic link whose target is outside the project: its content must never reach the site.
def _outside(path: Path, root: Path) -> Problem | None:
    if not path.is_symlink() and Path(os.path.abspath(path)) == path.resolve():
        return None
    target = path.resolve()
    if target.is_relative_to(root.resolve() / ".git"):
        # The repository's internals (history, configuration) are never content.
        return Problem(display(path, root), "file", "is a link into .git", "remove the link")
    if target.is_relative_to(root.resolve()):
        return None
    return Problem(display(path, root), "file", f"is a link to {target}, outside the project", "replace the link with the file itself, or remove it")


def special_file(path: Path, root: Path) -> Problem | None:
    """A named pipe, socket or device: reading one can hang the build, and none is content."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    wrong = "is a named pipe or other special file"
    return Problem(display(path, root), "file", wrong, "remove it")


def _loop(path: Path, root: Path) -> Problem | None:
    """A link to a folder that holds it: MkDocs would walk it without end."""
    holds_it = path.parent.resolve().is_relative_to(path.resolve())
    if not (path.is_symlink() and path.is_dir() and holds_it):
        return None
    wrong = "is a link to a folder that holds it"
    return Problem(display(path, root), "file", wrong, "remove the link")


def _walk(folder: Path, root: Path = ROOT) -> list[Path]:
    """Every file and link below a folder, and below each folder link that stays in the project.

    MkDocs follows folder links, so a file inside one is published as if it were in docs/: it is
    checked here too (a folder link out of the project, or into .git, is the link's own problem).
    """
    found, seen = [], {folder.resolve()}
    inside = root.resolve()
    skipped = ("node_modules", "__pycache__")
    for current, folders, files in os.walk(folder, followlinks=True):
        base = Path(current)
        found += [base / name for name in files]
        found += [base / name for name in folders if (base / name).is_symlink()]
        followed = []
        for name in folders:
            target = (base / name).resolve()
            leaves = not target.is_relative_to(inside) or target.is_relative_to(inside / ".git")
            loop = base.resolve().is_relative_to(target)
            if name in skipped or target in seen or loop or ((base / name).is_symlink() and leaves):
                continue  # a loop, or a link the caller reports
            seen.add(target)
            followed.append(name)
        folders[:] = followed
    return found
