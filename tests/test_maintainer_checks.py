"""The maintainers' checks pass, and pre-commit, CI and the deploy workflow agree with the Makefile."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

PRE_COMMIT = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
WORKFLOW = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
PINNED = dict(re.findall(r"^([a-z0-9-]+)==([^\s;\\]+)", (ROOT / "requirements.txt").read_text(encoding="utf-8"), re.M))


class AnyTag(yaml.SafeLoader):
    """YAML syntax only: mkdocs.yml's !ENV tags are MkDocs' own."""


AnyTag.add_multi_constructor("!", lambda loader, suffix, node: None)


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    "command",
    [
        ("ruff", "check", "."),
        ("ruff", "format", "--check", "."),
        ("codespell_lib", "docs"),
        ("pymarkdown", "scan", "docs"),
    ],
    ids=["ruff", "ruff-format", "codespell", "pymarkdown"],
)
def test_the_project_passes_its_lint(command: tuple[str, ...]):
    result = run(*command)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_yaml_file_parses():
    files = [path for path in ROOT.rglob("*.y*ml") if not {".venv", "site", "node_modules"} & set(path.relative_to(ROOT).parts)]
    assert len(files) >= 5
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=AnyTag)  # noqa: S506 (a SafeLoader)


def test_pre_commit_installs_the_versions_the_lock_pins():
    hooks = [hook for repo in PRE_COMMIT["repos"] for hook in repo["hooks"]]
    assert {hook["id"] for hook in hooks} == {"ruff", "ruff-format", "codespell", "pymarkdown", "check-yaml"}
    for hook in hooks:
        for requirement in hook.get("additional_dependencies", []):
            name, version = requirement.split("==")
            if name in PINNED:
                assert PINNED[name] == version, f"{hook['id']}: {requirement}, but requirements.txt pins {PINNED[name]}"


def test_the_workflow_tests_pull_requests_and_publishes_main():
    triggers = WORKFLOW[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    test, deploy = WORKFLOW["jobs"]["test"], WORKFLOW["jobs"]["deploy"]
    commands = [step.get("run", "") for step in test["steps"]]
    assert any(command.startswith("make test") for command in commands)
    assert "make test" in (ROOT / ".ci/run").read_text(encoding="utf-8"), "CI and the workflow run the same target"
    assert deploy["needs"] == "test" and deploy["if"] == "github.event_name == 'push'"
    builds = [step for step in test["steps"] if step.get("run", "").startswith("make build")]
    assert builds and all("DEPLOY=1" in step["run"] and step["env"]["SITE_URL"].startswith("${{") for step in builds), "the published build names its address"
    for step in [*test["steps"], *deploy["steps"]]:
        if "uses" in step:
            assert re.fullmatch(r"[\w-]+/[\w-]+@v\d+\.\d+\.\d+", step["uses"]), f"{step['uses']} is not pinned to a release"


def test_make_lock_refreshes_the_hash_locked_requirements():
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\nlock:", 1)[1].split("\n\n", 1)[0]
    assert "--generate-hashes" in recipe and "requirements.txt" in recipe
    assert Path(ROOT / "requirements.txt").read_text(encoding="utf-8").count("--hash=sha256:") > 100
