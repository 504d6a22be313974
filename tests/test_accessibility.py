"""Every page, and search with its results shown, passes axe-core (WCAG 2.2 A/AA and best practices) at desktop and phone width, light and dark."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_support import DESKTOP, PHONE, page_url
from site_support import PAGES, search

# Drives a browser: `make test` runs these, `make check` leaves them out.
pytestmark = pytest.mark.browser

WCAG_AND_BEST_PRACTICE = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SCHEMES = {"light": "default", "dark": "slate"}
AXE = Axe()


def violations_on(tab, path: str) -> list[str]:
    tab.goto(path)
    return axe_violations(tab)


def axe_violations(tab) -> list[str]:
    """What axe finds on the page as it is now."""
    results = AXE.run(
        tab.page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_AND_BEST_PRACTICE},
            "resultTypes": ["violations"],
        },
    )
    return [
        f"{violation['id']}: {violation['help']} at {node['target']} ({node.get('failureSummary', '').splitlines()[-1].strip()})"
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_page_has_no_axe_violation(visit, viewport: dict, scheme: str):
    tab = visit(viewport=viewport, color_scheme=scheme)
    found = {}
    for page in PAGES:
        problems = violations_on(tab, page_url(page))
        assert tab.page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
        if problems:
            found[page] = problems
    assert not found, "\n".join(
        f"{page}: {problem}" for page, problems in found.items() for problem in problems
    )


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_search_with_its_results_shown_has_no_axe_violation(visit, viewport: dict, scheme: str):
    tab = visit(viewport=viewport, color_scheme=scheme)
    tab.goto("/")
    assert search(tab, "insurance"), "search found nothing to check"
    # Highlighted words and the result count are what axe must see, at full opacity.
    tab.page.evaluate("document.getAnimations().forEach(animation => animation.finish())")
    assert tab.page.locator(".md-search-result mark").first.is_visible()
    assert tab.page.locator(".md-search-result__meta").is_visible()
    assert tab.page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
    problems = axe_violations(tab)
    assert not problems, "\n".join(problems)
