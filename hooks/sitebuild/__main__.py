"""The build's steps without a builder (run with hooks/ on PYTHONPATH).

  python -m sitebuild check            every content check; exit 1 with the problems
  python -m sitebuild finish site/     finish a built site: CSP, _headers, inlined and
                                       trimmed assets, review lines, structured data,
                                       social cards, robots.txt
  python -m sitebuild edits            the manuscript with every change in manuscript/edits.yml
                                       marked [-manuscript-]{+published+}, and a count by kind
  python -m sitebuild verify site/     check the finished site keeps every promise (README:
                                       "What verify checks"); on a problem, empty site/
  python -m sitebuild zensical-config  write .zensical.yml, the configuration
                                       `make build BUILDER=zensical` builds from

`make build` runs `check` before any builder, so a builder that ignores
`hooks:` (Zensical) cannot publish a site that lost or changed a part of the
article, and `finish` after a builder that does not run the hook. The checks
and their one-line problems are the ones a MkDocs build makes
(hooks/mkdocs_pipeline.py), over the pages rendered with the Markdown
extensions of mkdocs.yml and the site's own. A warning (a page past its check
date) counts as a problem, as in every `--strict` build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

from sitebuild import strict_yaml
from sitebuild.checks import check_extra_files, check_inputs, check_rendered_here, report, template_parser
from sitebuild.configuration import article_pages, check_config
from sitebuild.finish.site import REFUSAL, extra_files, finish_site, site_facts
from sitebuild.markdown import with_site_extensions
from sitebuild.problems import Problem
from sitebuild.project import Project, read_project
from sitebuild.zensical import zensical_config


def load(config_file: Path) -> tuple[Any, Project]:
    """mkdocs.yml, as MkDocs reads it, and every input of the project, read once."""
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    project = read_project(config_file.resolve().parent, Path(config.docs_dir))
    config.markdown_extensions[:] = with_site_extensions(config.markdown_extensions, project.references, project.glossary)
    return config, project


def check(config: Any, project: Project, today: dt.date) -> list[Problem]:
    """Every problem of the site, as a MkDocs build would find it."""
    problems, warnings = check_inputs(project, config.nav, template_parser(config.theme.get_env, project.cache), today)
    settings = check_config(config, project.root, article_pages(project))
    extra = check_extra_files(project, Path(config.docs_dir), *extra_files(config))
    problems = settings + problems + extra + warnings
    if settings:  # a setting that changes the rendering explains the pages' problems
        return problems
    # With no builder to render the pages, they are rendered here, and their text checked as a build checks it.
    return problems + check_rendered_here(project, problems, config.markdown_extensions, config.mdx_configs)


def edits(root: Path) -> int:
    """Print the manuscript with each edit marked; the ledger's problems instead, when it has any."""
    from sitebuild.check.manifest import load_manifest
    from sitebuild.check.manuscript import LEDGER_NAME, MANUSCRIPT_NAME, parse_ledger, review
    from sitebuild.inputs import read_text

    manifest, problems = load_manifest(root / "hooks" / "manifest.yml")
    manuscript, more = read_text(root / MANUSCRIPT_NAME, root=root)
    ledger, still_more = read_text(root / LEDGER_NAME, root=root)
    problems += more + still_more
    found, ledger_problems = parse_ledger(ledger, manifest.pages) if manifest and ledger is not None else ([], [])
    for problem in problems + ledger_problems:
        print(problem, file=sys.stderr)
    if problems or ledger_problems or manuscript is None:
        return 1
    print(review(manuscript, found))
    return 0


def verify(config: Any, project: Project, site: Path) -> int:
    """Check the finished site; on any problem, say each and leave nothing in it to publish."""
    from sitebuild.finish import verify as verifying
    from sitebuild.finish.verify import REFUSAL as FAILED

    # A setting that changes what is published explains the site's problems in one line each.
    problems = check_config(config, project.root, article_pages(project))
    if not problems:
        facts = verifying.verify_facts(config, project, verifying.template_dirs(config))
        problems = verifying.verify_site(site, facts)
    if problems:
        emptied = verifying.leave_unpublishable(site, project.root)
        print(report(problems, FAILED[0], FAILED[1] if emptied else verifying.KEPT), file=sys.stderr)
        return 1
    print(f"sitebuild verify: {site} keeps every promise")
    return 0


def main(arguments: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitebuild", description=__doc__.splitlines()[0])
    commands = ["check", "finish", "verify", "edits", "zensical-config"]
    parser.add_argument("command", choices=commands)
    parser.add_argument("site", nargs="?", type=Path, help="the built site to finish or verify")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    options = parser.parse_args(arguments)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if options.command == "zensical-config":
        try:
            Path(".zensical.yml").write_text(zensical_config(options.config_file.read_text(encoding="utf-8")), encoding="utf-8")
        except (OSError, ValueError) as error:
            print(f"{options.config_file}: {error}", file=sys.stderr)
            return 1
        return 0
    if options.command == "edits":
        return edits(options.config_file.resolve().parent)
    if options.command in ("finish", "verify") and options.site is None:
        command = options.command
        usage = f"python -m sitebuild {command} site/"
        parser.error(f"{command} needs the built site's folder: {usage}")
    from mkdocs.exceptions import ConfigurationError

    # MkDocs reads mkdocs.yml itself, aliases and all: an alias bomb is refused before it does.
    try:
        refused = strict_yaml.anchors(options.config_file.read_text(encoding="utf-8"), "mkdocs.yml")
    except (OSError, UnicodeDecodeError):
        refused = []  # MkDocs' own message below says what is wrong with the file
    if refused:
        print(refused[0], file=sys.stderr)
        return 1
    try:
        config, project = load(options.config_file)
    except ConfigurationError as error:
        # MkDocs' own message, on one line, with the fix it leaves out.
        print(f"{options.config_file}: {' '.join(str(error).split()).rstrip('.')}. Fix: correct it, or restore it from git.", file=sys.stderr)
        return 1
    if options.command == "verify":
        return verify(config, project, options.site)
    if options.command == "finish":
        problems = finish_site(options.site, site_facts(config, project))
        (what, outcome), done = REFUSAL, "sitebuild finish: done"
    else:
        problems = check(config, project, dt.date.today())
        what, outcome, done = "The article failed its content checks", "nothing was built", "sitebuild check: every content check passed"
    if problems:
        print(report(problems, what, outcome), file=sys.stderr)
        return 1
    print(done)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
