"""The build's steps without a builder: `python -m sitebuild COMMAND` (COMMANDS below).
`make build` runs only `preflight` before MkDocs or ProperDocs, whose hook runs every check once;
Zensical runs no hooks, so `check` comes before it and `finish` and `verify` after."""

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

import yaml

from sitebuild.check.configuration import check_config
from sitebuild.check.manifest import MANIFEST_NAME, load_manifest
from sitebuild.check.manuscript import LEDGER_NAME, MANUSCRIPT_NAME, parse_ledger, review
from sitebuild.check.run import CHECKS_FAILED, check_inputs, render_here, report
from sitebuild.finish import site as finish
from sitebuild.finish import verify
from sitebuild.load import strict_yaml
from sitebuild.load.inputs import check_templates, read_text
from sitebuild.load.project import read_for_build
from sitebuild.render.zensical import zensical_config

COMMANDS = (
    "preflight",  # mkdocs.yml holds no YAML anchor: MkDocs would read an alias bomb for minutes
    "check",  # every content check, the lines a MkDocs build gives (a warning is a problem)
    "finish",  # finish site/, which a builder wrote without the hook (Zensical)
    "verify",  # read the finished site/ as a reader gets it; on a problem, empty it
    "edits",  # the manuscript with each edit marked [-manuscript-]{+published+}, and a count
    "zensical-config",  # write .zensical.yml, which `make build BUILDER=zensical` builds from
)


def main(arguments: list[str]) -> int:
    parser = argparse.ArgumentParser("python -m sitebuild", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=COMMANDS)
    parser.add_argument("site", nargs="?", type=Path, help="the built site to finish or verify")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    options = parser.parse_args(arguments)
    command, config_file = options.command, options.config_file
    if command in ("finish", "verify") and options.site is None:
        needed = f"{command} needs the built site's folder: python -m sitebuild {command} site/"
        parser.error(needed)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if command == "edits":
        return _edits(Path(os.path.abspath(config_file)).parent)
    if command == "zensical-config":
        try:
            zensical = zensical_config(config_file.read_text(encoding="utf-8"))
            Path(".zensical.yml").write_text(zensical, encoding="utf-8")
        except (OSError, ValueError) as error:
            return _outcome([f"{config_file}: {error}"], "")
        return 0
    # As MkDocs takes it: from its folder, a link not followed (one out of the project is refused).
    path = Path(os.path.abspath(config_file))
    text, refused = read_text(path, root=path.parent)
    try:
        refused = refused or strict_yaml.settings(text, config_file.name)
    except yaml.YAMLError:
        refused = []  # MkDocs' own message (in _run) says what is wrong with the file
    if command == "preflight" or (refused and config_file.exists()):  # missing: MkDocs says so
        return _outcome(refused, "sitebuild preflight: mkdocs.yml can be read")
    return _run(command, config_file, options.site)


def _run(command: str, config_file: Path, site: Path | None) -> int:
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    try:
        config = load_config(str(config_file))
    except ConfigurationError as error:
        # MkDocs' own message, on one line, with the fix it leaves out.
        said = " ".join(str(error).split()).rstrip(".")
        return _outcome([f"{config_file}: {said}. Fix: correct it, or restore it from git."], "")
    project = read_for_build(config)
    if command == "check":
        problems, warnings, renderable = check_inputs(config, project, dt.date.today())
        problems += warnings
        problems += render_here(config, project, problems) if renderable else []
        refusal, done = CHECKS_FAILED, "every content check passed"
    elif command == "finish":
        problems = finish.finish_site(site, config, project)
        refusal, done = finish.REFUSAL, "done"
    else:
        # A setting that changes what is published explains the site's problems, one line each.
        root = project.root
        pages = list(project.manifest.pages) if project.manifest else []
        problems = check_config(config, root, pages)
        # The templates' scripts are the ones verify allows: they must be readable.
        problems += check_templates(root / "overrides", config.theme.get_env().compile, root)
        # The settings' and templates' problems explain the site's: verify_site waits for a fix.
        problems, refusal = verify.verified(site, config, project, found=problems)
        done = f"{site} keeps every promise"
    return _outcome(problems, f"sitebuild {command}: {done}", refusal)


def _outcome(problems: list, done: str, refusal: tuple[str, str] | None = None) -> int:
    """Problems to standard error (as one report, given a refusal) and status 1, or done and 0."""
    said = report(problems, *refusal) if refusal and problems else "\n".join(map(str, problems))
    print(said or done, file=sys.stderr if problems else sys.stdout)
    return 1 if problems else 0


def _edits(root: Path) -> int:
    """Print the manuscript with each edit marked; the ledger's problems instead, if any."""
    manifest, problems = load_manifest(root / MANIFEST_NAME)
    manuscript, more = read_text(root / MANUSCRIPT_NAME, root=root)
    ledger, most = read_text(root / LEDGER_NAME, root=root)
    ready = manifest and ledger is not None
    found, wrong = parse_ledger(ledger, manifest.pages) if ready else ([], [])
    problems += more + most + wrong
    return _outcome(problems, "" if problems else review(manuscript, found))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
