"""One clean build, timing the hooks inside it: importing them and running their events.

Run in the project folder: `python bench/hook_time.py SITE_DIR`. Prints JSON
{"hook_seconds": …}; bench.py times the whole process around it. Timing the hooks within the build
they belong to, rather than comparing two builds, keeps the share steady on a
machine whose speed drifts from one build to the next.
"""

from __future__ import annotations

import functools
import json
import sys
import time
from collections.abc import Callable

from mkdocs.commands.build import build
from mkdocs.config import config_options, load_config

spent = [0.0]


def timed(function: Callable) -> Callable:
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - started

    return wrapper


def main(site_dir: str) -> dict[str, float]:
    # Importing a hook (and what it imports) is part of its cost.
    config_options.Hooks._load_hook = timed(config_options.Hooks._load_hook)
    config = load_config("mkdocs.yml", site_dir=site_dir)
    hook_names = set(config["hooks"])
    plugins = config.plugins
    for methods in plugins.events.values():
        for index, method in enumerate(methods):
            origin = plugins._event_origins.get(method)
            if origin in hook_names:
                methods[index] = timed(method)
                plugins._event_origins[methods[index]] = origin
    build(config)
    return {"hook_seconds": spent[0]}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
