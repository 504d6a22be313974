"""The maintainers' checks pass, and pre-commit, CI and the deploy workflow agree with the Makefile."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from site_support import ROOT

PRE_COMMIT = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
WORKFLOW = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
PINNED = dict(
    re.findall(
        r"^([a-z0-9-]+)==([^\s;\\]+)", (ROOT / "requirements.txt").read_text(encoding="utf-8"), re.M
    )
)


class AnyTag(yaml.SafeLoader):
    """YAML syntax only: mkdocs.yml's !ENV tags are MkDocs' own."""


AnyTag.add_multi_constructor("!", lambda loader, suffix, node: None)


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False
    )


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
    files = [
        path
        for path in ROOT.rglob("*.y*ml")
        if not {".venv", "site", "node_modules"} & set(path.relative_to(ROOT).parts)
    ]
    assert len(files) >= 5
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=AnyTag)  # noqa: S506 (a SafeLoader)


def test_pre_commit_installs_the_versions_the_lock_pins():
    hooks = [hook for repo in PRE_COMMIT["repos"] for hook in repo["hooks"]]
    assert {hook["id"] for hook in hooks} == {
        "ruff",
        "ruff-format",
        "codespell",
        "pymarkdown",
        "check-yaml",
    }
    for hook in hooks:
        for requirement in hook.get("additional_dependencies", []):
            name, version = requirement.split("==")
            if name in PINNED:
                assert PINNED[name] == version, (
                    f"{hook['id']}: {requirement}, but requirements.txt pins {PINNED[name]}"
                )


def test_the_workflow_tests_pull_requests_and_publishes_main():
    triggers = WORKFLOW[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    test, build, deploy = (
        WORKFLOW["jobs"]["test"],
        WORKFLOW["jobs"]["build"],
        WORKFLOW["jobs"]["deploy"],
    )
    assert any(step.get("run", "").startswith("make test") for step in test["steps"])
    assert "make test" in (ROOT / ".ci/run").read_text(encoding="utf-8"), (
        "CI and the workflow run the same target"
    )
    assert build["needs"] == "test" and deploy["needs"] == "build"
    assert build["if"] == deploy["if"] == "github.event_name == 'push'"
    builds = [step for step in build["steps"] if step.get("run", "").startswith("make build")]
    assert builds and all(
        "DEPLOY=1" in step["run"] and step["env"]["SITE_URL"].startswith("${{") for step in builds
    ), "the published build names its address"
    assert [step["uses"].split("@")[0] for step in build["steps"] if "uses" in step][
        -1
    ] == "actions/upload-pages-artifact"


def test_the_workflow_pins_every_action_to_a_released_commit():
    lines = [
        line.strip()
        for line in (ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8").splitlines()
    ]
    uses = [line for line in lines if re.match(r"(- )?uses:", line)]
    steps = [step for job in WORKFLOW["jobs"].values() for step in job.get("steps", [])]
    assert len(uses) == sum("uses" in step for step in steps) >= 5, (
        "every action on a line of its own: uses: owner/name@commit # version"
    )
    for line in uses:
        assert re.fullmatch(r"(- )?uses: [\w-]+/[\w-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), (
            f"{line!r}: pin the full commit of a release, its version in a comment"
        )
    versions: dict[str, set[str]] = {}
    for line in uses:
        action, pin = line.split("uses: ")[1].split("@")
        versions.setdefault(action, set()).add(pin)
    assert all(len(pins) == 1 for pins in versions.values()), (
        f"one release of each action: {versions}"
    )


def test_the_workflow_grants_each_job_only_what_it_needs():
    assert WORKFLOW["permissions"] == {}, "jobs get nothing unless they ask"
    jobs = WORKFLOW["jobs"]
    assert jobs["test"]["permissions"] == {"contents": "read"}
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    for job in jobs.values():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, (
                    "no token left in .git for later steps"
                )


def test_a_deploy_is_never_cancelled_half_way():
    assert "concurrency" not in WORKFLOW, (
        "a workflow-wide group would cancel the deploy with the tests"
    )
    jobs = WORKFLOW["jobs"]
    assert jobs["deploy"]["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert jobs["test"]["concurrency"]["cancel-in-progress"] is True


def test_zizmor_finds_nothing_in_the_workflows():
    """zizmor's default persona, offline (no GitHub API): exit 0 and no finding, not even a suppressed one."""
    zizmor = Path(sys.executable).with_name("zizmor")
    assert zizmor.exists(), (
        f"{zizmor} is missing: make .venv/.ready installs zizmor from requirements.txt"
    )
    command = [str(zizmor), "--offline", "--no-progress", "--color=never", ".github/workflows/"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout.strip() == "No findings to report. Good job!", (
        result.stdout + result.stderr
    )


def test_make_lock_refreshes_the_hash_locked_requirements():
    recipe = (
        (ROOT / "Makefile").read_text(encoding="utf-8").split("\nlock:", 1)[1].split("\n\n", 1)[0]
    )
    assert "--generate-hashes" in recipe and "requirements.txt" in recipe
    assert Path(ROOT / "requirements.txt").read_text(encoding="utf-8").count("--hash=sha256:") > 100
