"""HTML_CodeSniffer's WCAG 2 AA checks, beside axe: no error on any page, desktop and phone, light and dark.

HTML_CodeSniffer comes from npm, locked in tests/htmlcs/package-lock.json and
installed by `make test` (npm ci); the tests read it from disk and write it into
each page, so they need no network.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from browser_support import DESKTOP, PHONE, page_url
from site_support import PAGES

HTMLCS = (
    Path(__file__).with_name("htmlcs") / "node_modules" / "html_codesniffer" / "build" / "HTMLCS.js"
)
NOT_INSTALLED = "HTML_CodeSniffer is not installed: run make test, or npm ci --prefix tests/htmlcs (npm: apt-get install npm)"
ALLOWED = yaml.safe_load(Path(__file__).with_name("htmlcs_allowed.yml").read_text(encoding="utf-8"))
SCHEMES = {"light": "default", "dark": "slate"}
# Errors only: HTML_CodeSniffer's warnings and notices ask a person to check something by eye.
RUN = """allowed => new Promise((done, fail) => HTMLCS.process("WCAG2AA", document, () => {
    const where = el => { const path = []; for (; el && el.nodeType === 1; el = el.parentElement)
        path.unshift(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + [...el.classList].slice(0, 2).map(c => "." + c).join("")); return path.slice(-4).join(" > "); };
    const errors = HTMLCS.getMessages().filter(m => m.type === HTMLCS.ERROR);
    const isAllowed = m => allowed.findIndex(a => a.code === m.code && m.element.nodeType === 1 && m.element.matches(a.selector));
    done({
        found: errors.filter(m => isAllowed(m) < 0).map(m => `${m.code} at ${where(m.element)}: ${m.msg}`),
        used: errors.map(isAllowed).filter(i => i >= 0),
    });
}, () => fail(new Error("HTML_CodeSniffer could not run")), "en"))"""


@pytest.fixture(scope="module")
def htmlcs() -> str:
    if not HTMLCS.is_file():
        pytest.fail(NOT_INSTALLED, pytrace=False)
    return HTMLCS.read_text(encoding="utf-8")


def sniff(tab, htmlcs: str) -> dict:
    """HTML_CodeSniffer's errors on the page as it is now, and which allow-list entries matched."""
    tab.page.evaluate(
        htmlcs + "\n;undefined"
    )  # run by the browser's tools, so the page's policy does not stop it
    return tab.page.evaluate(
        RUN, [{"code": entry["code"], "selector": entry["selector"]} for entry in ALLOWED]
    )


def test_every_allowed_finding_says_why():
    assert ALLOWED and all(
        set(entry) == {"code", "selector", "why"} and len(entry["why"].split()) >= 10
        for entry in ALLOWED
    )


@pytest.mark.browser
def test_htmlcs_finds_an_error_in_markup_made_to_fail(visit, htmlcs: str):
    tab = visit()
    tab.goto("/")
    tab.page.evaluate(
        "document.querySelector('article').insertAdjacentHTML('beforeend', '<img src=\"data:,\">')"
    )
    assert any("H37" in finding for finding in sniff(tab, htmlcs)["found"]), (
        "an image without alt text went unseen"
    )


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_page_has_no_htmlcs_error(visit, htmlcs: str, viewport: dict, scheme: str):
    tab = visit(viewport=viewport, color_scheme=scheme)
    found, used = {}, set()
    for page in PAGES:
        tab.goto(page_url(page))
        assert tab.page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
        result = sniff(tab, htmlcs)
        used.update(result["used"])
        if result["found"]:
            found[page] = result["found"]
    assert not found, "\n".join(
        f"{page}: {finding}" for page, findings in found.items() for finding in findings
    )
    assert sorted(used) == list(range(len(ALLOWED))), (
        "an entry in tests/htmlcs_allowed.yml matches nothing any more: remove it"
    )
