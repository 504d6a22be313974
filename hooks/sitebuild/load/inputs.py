"""Every file a maintainer can touch, read by one rule: UTF-8 text inside the repository, as
MkDocs reads a page (a byte-order mark dropped, "\\r\\n" as "\\n"); whatever keeps a file from
being content (`fault`) is one Problem, never an exception."""

import os
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
HERE = "hooks/sitebuild/load/inputs.py"  # where the limits are, for the messages naming them


def fault(path: Path, root: Path, *order: str) -> Problem | None:
    """The first fault of `order` a path has: "special" (a named pipe or device: reading one can
    hang), "missing", "link" (out of the project or into .git), "loop" (a link to a folder that
    holds it: MkDocs would walk it without end)."""
    inside, name, target = root.resolve(), display(path, root), resolved(path)
    if target is None:
        return Problem(name, "file", "is a link that leads back to itself", "remove the link")
    linked, found = path.is_symlink() or Path(os.path.abspath(path)) != target, {}
    if os.path.exists(path) and not (path.is_file() or path.is_dir()):
        found["special"] = "is a named pipe or other special file", "remove it"
    if not path.is_file():
        missing = "is a folder, not a file" if path.is_dir() else "is missing"
        found["missing"] = missing, f"restore it (git checkout -- {name})"
    if linked and target.is_relative_to(inside / ".git"):
        found["link"] = "is a link into .git", "remove the link"
    elif linked and not target.is_relative_to(inside):
        fix = "replace the link with the file itself, or remove it"
        found["link"] = f"is a link to {target}, outside the project", fix
    if path.is_symlink() and not path.exists():  # git would restore the link, not a file
        gone = f"is a link to {display(target, root)}, which is missing"
        found["missing"] = found["link"] = gone, "replace the link with the file it should be"
    if path.is_symlink() and path.is_dir() and path.parent.resolve().is_relative_to(target):
        found["loop"] = "is a link to a folder that holds it", "remove the link"
    said = next((found[kind] for kind in order if kind in found), None)
    return Problem(name, "file", *said) if said else None


def resolved(path: Path) -> Path | None:
    """The path with its links followed; None for a link to itself or round a ring of links."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


def read_text(path: Path, *, root: Path = ROOT) -> tuple[str | None, list[Problem]]:
    """The file's text, or the one problem that keeps it from being read."""
    if wrong := fault(path, root, "special", "missing", "link"):
        return None, [wrong]
    name = display(path, root)
    try:
        data = path.read_bytes()
    except OSError as error:
        fix = f"restore it (git checkout -- {name})"
        return None, [Problem(name, "file", f"cannot be read ({error.strerror})", fix)]
    return decoded(data, name, "save it as UTF-8")


def load_data(path: Path, parse: Callable, empty: object) -> tuple:
    """A data file parsed (text in; content and problems out), or `empty` and the problem that
    keeps it from being read: for readers without a build's Project (Zensical, `make edits`)."""
    text, problems = read_text(path)
    return (empty, problems) if text is None else parse(text)


def decoded(data: bytes, name: str, fix: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 as MkDocs reads it (no byte-order mark, "\\r\\n" as "\\n"), or where it is not."""
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n"), []
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problem = f"is not UTF-8 (byte 0x{data[error.start]:02x} at line {line})"
        return None, [Problem(name, "file", problem, fix, line)]


def check_folders(root: Path = ROOT) -> list[Problem]:
    """Links that lead out of the project, and files docs/ must not publish."""
    problems = []
    for folder in INPUT_FOLDERS:
        for path in _walk(root / folder, root):
            wrong = fault(path, root, "link", "special", "loop")
            suffix, name = path.suffix.lower(), display(path, root)
            if wrong or folder != "docs":
                problems += [wrong] if wrong else []
            elif suffix == ".md" and path.suffix != ".md":
                # MkDocs renders only `.md` (case matters): this would be published unchecked.
                said = f"ends in {path.suffix}, not .md", f"rename it {path.stem}.md"
                problems.append(Problem(name, "file", *said))
            elif suffix in TEXT_TYPES:
                problems += read_text(path, root=root)[1]
            elif path.is_file() and suffix not in PUBLISHED_TYPES:
                kind = f"is a {path.suffix or 'nameless'} file, which the site does not publish"
                fix = f"remove it; docs/ holds only {', '.join(PUBLISHED_TYPES)} files ({HERE})"
                problems.append(Problem(name, "file", kind, fix))
    return problems


def _walk(folder: Path, root: Path) -> list[Path]:
    """Every file and link below a folder, sorted. MkDocs follows folder links, publishing their
    files as if in docs/: those that stay in the project (and lead to no loop) are walked too."""
    found, seen = [], {folder.resolve()}
    for current, folders, files in os.walk(folder, followlinks=True):
        base = Path(current)
        found += [base / name for name in files]
        found += [base / name for name in folders if (base / name).is_symlink()]
        for name in list(folders):  # a link out or into a loop is reported with the files
            target = None if fault(base / name, root, "link", "loop") else (base / name).resolve()
            if target is None or name in ("node_modules", "__pycache__") or target in seen:
                folders.remove(name)
            else:
                seen.add(target)
    return sorted(found)


def check_templates(folder: Path, parse: Callable, root: Path = ROOT) -> list[Problem]:
    """Each template parses: a broken one would stop the build halfway, with a traceback. The
    page template is there and not empty: every page renders from it, so without it each would
    lack the site's policy, card and review line, and empty it writes no page at all."""
    main = folder / "main.html"
    problems = [] if main.is_file() or main.is_symlink() else [fault(main, root, "missing")]
    for path in sorted(folder.rglob("*.html")):
        text, trouble = read_text(path, root=root)
        if path == main and text is not None and not text.strip():
            name = display(path, root)
            trouble = [Problem(name, "file", "is empty", f"restore it (git checkout -- {name})")]
        problems += trouble
        try:
            if text is not None:  # unreadable: said above
                parse(text)
        except TemplateSyntaxError as error:
            said = f"it does not parse ({error.message})", "correct the Jinja syntax there"
            problems.append(Problem(display(path, root), "template", *said, error.lineno))
    return problems


def display(path: Path, root: Path = ROOT) -> str:
    """A path as the maintainer sees it, from the project's folder."""
    absolute = Path(os.path.abspath(path))
    return absolute.relative_to(root).as_posix() if absolute.is_relative_to(root) else str(path)
