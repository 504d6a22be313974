"""`python -m sitebuild check` (with hooks/ on PYTHONPATH): every content check, with no builder.

`python -m sitebuild zensical-config` writes .zensical.yml, the configuration
`make build BUILDER=zensical` builds from (sitebuild/zensical.py).

The same checks and the same one-line problems as a MkDocs build (hooks/guard_content.py),
over the pages rendered with the Markdown extensions of mkdocs.yml. `make build`
runs it before any builder, so a builder that ignores `hooks:` (Zensical) cannot
publish a site that lost or changed a part of the article. Exit status 1 with
problems, 0 without; a warning (a page past its check date) counts as a problem,
as in every `--strict` build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

import faq_headings
import guard_content
from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError

from sitebuild.zensical import zensical_config


def check(config_file: Path, today: dt.date) -> list[str]:
    """Every problem of the site that config_file describes, one line each."""
    config = load_config(str(config_file))
    guard_content.on_config(config)
    faq_headings.on_config(config)  # the FAQ extension, as a build adds it
    problems, warnings = guard_content.check_inputs(config, today)
    problems = problems + warnings + guard_content.check_rendered_here(config, problems)
    return guard_content.report(problems).splitlines() if problems else []


def main(arguments: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitebuild", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["check", "zensical-config"])
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
    try:
        lines = check(options.config_file, dt.date.today())
    except ConfigurationError as error:
        print(f"{options.config_file}: {error}", file=sys.stderr)
        return 1
    for line in lines:
        print(line, file=sys.stderr)
    if not lines:
        print("sitebuild check: every content check passed")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
