"""A first visit: the page paints before Material's bundle runs, and nothing moves once it has run."""

from __future__ import annotations

import pytest
from browser_support import DESKTOP, PHONE, page_url, wait_until
from site_support import PAGES, BuiltSite

# Sums every layout shift the reader did not cause, from the start of the page's load.
LAYOUT_SHIFTS = """window.__layoutShift = 0;
new PerformanceObserver(list => { for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layoutShift += entry.value; })
    .observe({type: "layout-shift", buffered: true});"""


def test_the_only_script_file_is_deferred(site: BuiltSite):
    for page in PAGES:
        scripts = site.soup(page).select("script[src]")
        assert scripts and all(script.has_attr("defer") for script in scripts), (
            f"{page}: a script file holds back the first paint"
        )


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_nothing_shifts_while_a_page_loads(visit, viewport: dict):
    tab = visit(viewport=viewport)
    tab.page.add_init_script(LAYOUT_SHIFTS)
    shifted = {}
    for page in PAGES:
        tab.goto(page_url(page))
        # extra.js has run, after the bundle: it makes the menu's button. A locator waits from
        # Python; a string predicate could not poll under the page's policy (no 'unsafe-eval').
        tab.page.locator("button.md-header__button[for=__drawer]").wait_for(state="attached")
        shift = tab.page.evaluate("window.__layoutShift")
        if shift:
            shifted[page] = shift
    assert not shifted, f"layout shift while loading: {shifted}"


@pytest.mark.browser
def test_waiting_polls_under_the_site_policy_until_a_late_change(visit):
    tab = visit()
    tab.goto("/faq/")
    # page.evaluate is not bound by the page's policy; the change comes after the first check.
    tab.page.evaluate("setTimeout(() => { document.body.dataset.late = 'yes'; }, 400)")
    assert wait_until(tab.page, "document.body.dataset.late") == "yes"
    assert tab.csp_violations == []


@pytest.mark.browser
def test_waiting_fails_when_the_condition_never_holds(visit):
    tab = visit()
    tab.goto("/faq/")
    with pytest.raises(AssertionError, match="still false after 300 ms"):
        wait_until(tab.page, "document.body.dataset.never", timeout_ms=300)
