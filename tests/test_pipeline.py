"""The build as a newcomer reads it: one hook that names every step, one package of plain modules, each data file read once."""

from __future__ import annotations

import ast
import importlib
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from site_support import ROOT, mkdocs_build

PIPELINE = ROOT / "hooks" / "mkdocs_pipeline.py"
# Every file a maintainer edits besides the pages, each read by the build exactly once.
DATA_FILES = (
    "hooks/manifest.yml",
    "hooks/references.yml",
    "hooks/citations.yml",
    "hooks/key_point_words.yml",
    "hooks/unused_styles.yml",
    "includes/glossary.md",
    "manuscript/ketamine-for-chronic-pain.txt",
    "manuscript/edits.yml",
)


class _AnyTag(yaml.SafeLoader):
    """mkdocs.yml's !ENV and !relative, read as plain values."""


_AnyTag.add_multi_constructor("!", lambda loader, suffix, node: None)


def test_mkdocs_yml_registers_one_hook_whose_docstring_names_every_step_in_order():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTag)  # noqa: S506 (a SafeLoader)
    assert config["hooks"] == ["hooks/mkdocs_pipeline.py"]
    tree = ast.parse(PIPELINE.read_text(encoding="utf-8"))
    events = [
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("on_")
    ]
    assert len(events) >= 6
    docstring = ast.get_docstring(tree) or ""
    listed = re.findall(r"^\s+\d+\.\s+(on_\w+)", docstring, re.M)
    assert listed == events, f"the docstring lists {listed}, the file defines {events}"
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("on_"):
            assert ast.get_docstring(node), f"{node.name} says in a line what it does"


def test_hooks_holds_one_hook_file_and_its_package():
    # MkDocs loads a hook by its path; everything else the build runs is the package it imports.
    assert [path.name for path in (ROOT / "hooks").glob("*.py")] == ["mkdocs_pipeline.py"]
    assert (ROOT / "hooks/sitebuild/__init__.py").is_file()


def _package_modules() -> list[object]:
    names = [
        ".".join(path.relative_to(ROOT / "hooks").with_suffix("").parts)
        for path in sorted((ROOT / "hooks/sitebuild").rglob("*.py"))
    ]
    return [
        importlib.import_module(name.removesuffix(".__init__"))
        for name in names
        if not name.endswith("__main__")
    ]


def _module_state() -> dict[str, str]:
    """Every module-level container of the package, as text: what a build could leave behind."""
    kinds = (dict, list, set)
    return {
        f"{module.__name__}.{name}": repr(value)
        for module in _package_modules()
        for name, value in vars(module).items()
        if isinstance(value, kinds) and not name.startswith("__")
    }


def test_no_module_keeps_a_cache_or_state_between_builds(
    project: Path, monkeypatch: pytest.MonkeyPatch
):
    # `mkdocs serve` rebuilds in one process: whatever a build needs comes from its inputs, not from memory.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cached = [
        f"{module.__name__}.{name}"
        for module in _package_modules()
        for name, value in vars(module).items()
        if getattr(value, "__module__", None) == module.__name__
        for member in [value, *(vars(value).values() if isinstance(value, type) else [])]
        if hasattr(member, "cache_info") or hasattr(getattr(member, "__func__", None), "cache_info")
    ]
    assert cached == [], f"functools caches keep results between builds: {cached}"
    before = _module_state()
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site")))
    assert _module_state() == before


def test_a_build_runs_each_check_once(project: Path, monkeypatch: pytest.MonkeyPatch):
    import sitebuild.check.run
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    calls: Counter[str] = Counter()
    hook = sys.modules.get("mkdocs_pipeline")
    for name in ("check_inputs", "check_rendered", "render_here"):
        original = getattr(sitebuild.check.run, name)

        def counted(*args, _name=name, _original=original, **kwargs):
            calls[_name] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(sitebuild.check.run, name, counted)
        if hook is not None:
            monkeypatch.setattr(hook, name, counted)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site")))
    # render_here renders pages only for a report made before MkDocs renders them (a problem found early).
    assert calls == Counter(check_inputs=1, check_rendered=1), calls


def test_no_module_of_the_package_imports_mkdocs_at_its_top():
    # The package is plain logic: MkDocs glue lives in hooks/mkdocs_pipeline.py (and `python -m sitebuild` loads mkdocs.yml).
    for path in sorted((ROOT / "hooks/sitebuild").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            assert not [name for name in names if name.split(".")[0] == "mkdocs"], (
                f"{path.relative_to(ROOT)} imports MkDocs"
            )


def test_each_data_file_is_read_once_per_build(project: Path, monkeypatch: pytest.MonkeyPatch):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    reads: Counter[str] = Counter()
    read_bytes = Path.read_bytes

    def counting(path: Path) -> bytes:
        reads[path.resolve().as_posix()] += 1
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counting)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site")))
    assert (project / "site/index.html").is_file()
    counts = {name: reads[(project / name).resolve().as_posix()] for name in DATA_FILES}
    assert counts == dict.fromkeys(DATA_FILES, 1), counts


@pytest.mark.parametrize("name", DATA_FILES)
def test_a_deleted_data_file_is_one_line_naming_it(project: Path, name: str):
    (project / name).unlink()
    result = mkdocs_build(project, project / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert (
        f"{name}: file: is missing. Fix: restore it (git checkout -- {name})."
        in output.splitlines()
    ), output
    assert not (project / "site").exists(), "nothing is written"
