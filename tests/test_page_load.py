"""A first visit: the page paints before Material's bundle runs, and nothing moves once it has run."""

from __future__ import annotations

import pytest
from browser_support import DESKTOP, PHONE, page_url
from site_support import PAGES, BuiltSite

# Sums every layout shift the reader did not cause, from the start of the page's load.
LAYOUT_SHIFTS = """window.__layoutShift = 0;
new PerformanceObserver(list => { for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layoutShift += entry.value; })
    .observe({type: "layout-shift", buffered: true});"""


def test_the_only_script_file_is_deferred(site: BuiltSite):
    for page in PAGES:
        scripts = site.soup(page).select("script[src]")
        assert scripts and all(script.has_attr("defer") for script in scripts), f"{page}: a script file holds back the first paint"


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_nothing_shifts_while_a_page_loads(visit, viewport: dict):
    tab = visit(viewport=viewport)
    tab.page.add_init_script(LAYOUT_SHIFTS)
    shifted = {}
    for page in PAGES:
        tab.goto(page_url(page))
        tab.page.wait_for_function("document.querySelector('button.md-header__button[for=__drawer]')")  # extra.js has run, after the bundle
        shift = tab.page.evaluate("window.__layoutShift")
        if shift:
            shifted[page] = shift
    assert not shifted, f"layout shift while loading: {shifted}"
