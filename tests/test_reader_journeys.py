"""What readers do, in a real browser: read, search, open answers, use a keyboard or a phone, print."""

from __future__ import annotations

import io
import re

import pytest
from browser_support import DESKTOP, PHONE, page_url
from playwright.sync_api import expect
from pypdf import PdfReader
from site_support import PAGES, BuiltSite, printed_in_order, search, words_only
from sitebuild.check.manifest import Manifest

# Drives a browser: `make test` runs these, `make check` leaves them out.
pytestmark = pytest.mark.browser

# A term from one section, and the page that section is on.
SEARCHES = {
    "fibromyalgia": "treatment.md",  # a condition
    "hallucinations": "safety.md",  # a side effect
    "NSAIDs": "safety.md",  # a drug class
    "disorientation": "safety.md",  # a symptom
    "endorphin": "ketamine.md",
    "lozenges": "outlook.md",
    "serotonin": "evidence.md",
    "inflammation": "chronic-pain.md",
}
INTERACTIVE = "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])"


def path_of(url: str, base_url: str) -> str:
    return "/" + url.removeprefix(base_url).split("#")[0].split("?")[0]


def question_blocks(tab):
    return tab.page.locator("details.question")


# --- privacy and robustness -------------------------------------------------


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_reading_searching_and_switching_palette_touch_no_other_host(visit, viewport: dict):
    tab = visit(viewport=viewport)
    for page in PAGES:
        tab.goto(page_url(page))
    search(tab, "ketamine")
    tab.page.keyboard.press("Escape")
    for _ in range(3):  # light → dark → system, through the visible toggle
        tab.page.click("form[data-md-component=palette] label:not([hidden])")
    tab.goto("/")
    for _ in range(4):  # on through the footer's "Next" links
        tab.page.click("a.md-footer__link--next")
        tab.page.wait_for_load_state("networkidle")
    assert tab.page.url.endswith("/safety/")
    assert tab.csp_violations == []  # the site is served with its own _headers policy
    assert tab.other_hosts == []
    assert tab.console_errors == []
    assert tab.failed_requests == []


# --- search -----------------------------------------------------------------


@pytest.mark.parametrize("term", SEARCHES)
def test_a_term_finds_its_section_among_the_first_three_results(visit, base_url: str, term: str):
    tab = visit()
    tab.goto("/")
    results = [path_of(url, base_url) for url in search(tab, term)[:3]]
    assert page_url(SEARCHES[term]) in results, f"{term!r} gave {results}"


def test_a_search_result_inside_a_faq_answer_opens_that_answer(visit, base_url: str):
    tab = visit()
    tab.goto("/")
    search(tab, "off-label")
    result = tab.page.locator(
        "a.md-search-result__link[href*='#can-ketamine-infusions-be-covered-under-insurance']"
    ).first
    more = tab.page.locator(
        ".md-search-result__more:has(a[href*='#can-ketamine-infusions-be-covered-under-insurance']) > summary"
    )
    if more.count():  # Material folds a page's further matches under "more on this page"
        more.first.click()
    result.click()
    tab.page.wait_for_url("**/faq/**")
    answer = tab.page.locator("details:has(#can-ketamine-infusions-be-covered-under-insurance)")
    answer.locator("p").first.wait_for(state="visible")
    assert answer.get_attribute("open") is not None
    assert "off-label" in answer.inner_text()


# --- frequently asked questions ---------------------------------------------


def test_each_question_opens_and_closes_by_mouse_and_keyboard(visit, manifest: Manifest):
    tab = visit()
    tab.goto(page_url(manifest.faq_page))
    blocks = question_blocks(tab)
    assert blocks.count() == len(manifest.questions)
    for index in range(blocks.count()):
        block = blocks.nth(index)
        answer = block.locator("p").first
        block.locator("summary").click()
        answer.wait_for(state="visible")
        block.locator("summary").click()
        answer.wait_for(state="hidden")
        block.locator("summary").focus()
        tab.page.keyboard.press("Enter")
        answer.wait_for(state="visible")
        tab.page.keyboard.press("Enter")
        answer.wait_for(state="hidden")


def test_a_link_to_a_question_opens_it(visit, manifest: Manifest):
    tab = visit()
    for question_id in tab_ids(visit, manifest):
        tab.goto(f"{page_url(manifest.faq_page)}#{question_id}")
        block = tab.page.locator(f"details:has(#{question_id})")
        block.locator("p").first.wait_for(state="visible")
        assert block.get_attribute("open") is not None


def tab_ids(visit, manifest: Manifest) -> list[str]:
    tab = visit()
    tab.goto(page_url(manifest.faq_page))
    return tab.page.eval_on_selector_all(
        "details.question summary > h2[id]", "hs => hs.map(h => h.id)"
    )


# --- keyboard ---------------------------------------------------------------


def test_the_skip_link_comes_first_and_moves_to_the_content(visit):
    tab = visit()
    tab.goto(page_url("treatment.md"))
    tab.page.keyboard.press("Tab")
    focused = tab.page.evaluate(
        "({text: document.activeElement.textContent.trim(), hash: new URL(document.activeElement.href).hash})"
    )
    assert focused["text"] == "Skip to content"
    assert tab.page.evaluate(
        "(() => { const r = document.activeElement.getBoundingClientRect(); return r.width > 0 && r.height > 0 && r.top >= 0; })()"
    )
    tab.page.keyboard.press("Enter")
    assert tab.page.evaluate("location.hash") == focused["hash"]
    assert tab.page.evaluate(
        f"document.querySelector('{focused['hash']}').closest('article') !== null"
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_visible_control_is_reached_by_tab_with_a_visible_focus_ring(visit, viewport: dict):
    tab = visit(viewport=viewport)
    tab.goto(page_url("faq.md"))
    # Number the controls a reader can see; Material's focus polyfill edits classes, so markup is no key.
    expected = tab.page.evaluate(f"""() => [...document.querySelectorAll("{INTERACTIVE}")]
        .filter(el => {{
            const shown = el.matches('.md-option') ? el.nextElementSibling : el;  // a palette radio shows as its label
            return shown.checkVisibility({{visibilityProperty: true, opacityProperty: true}}) && shown.getBoundingClientRect().width > 0;
        }})
        .map((el, index) => {{ el.dataset.control = index; return el.outerHTML.slice(0, 100); }})""")
    reached, without_ring, invisible = set(), set(), []
    for _ in range(len(expected) + 10):
        tab.page.keyboard.press("Tab")
        control, ring, unseen = tab.page.evaluate("""() => {
            document.getAnimations().forEach(animation => animation.finish());  // fade-ins end at once
            const el = document.activeElement;
            const shown = el.matches('.md-option') ? el.nextElementSibling : el;
            const style = getComputedStyle(shown);
            const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
            const seen = el === document.body || shown.checkVisibility({visibilityProperty: true, opacityProperty: true});
            return [el.dataset.control, ring, seen ? null : el.outerHTML.slice(0, 100)];
        }""")
        if unseen:
            invisible.append(unseen)
        if control is not None:
            reached.add(int(control))
            if not ring:
                without_ring.add(int(control))
    assert [expected[i] for i in range(len(expected)) if i not in reached] == [], (
        "not reachable by Tab"
    )
    assert [expected[i] for i in sorted(without_ring)] == [], "no visible focus ring"
    assert invisible == [], "Tab moved the focus onto something the reader cannot see"


def test_search_opens_from_the_keyboard_and_closes_with_escape(visit):
    tab = visit()
    tab.goto("/")
    tab.page.keyboard.press("/")  # Material's shortcut; the field is also reached with Tab
    tab.page.keyboard.type("ketamine")
    tab.page.wait_for_selector(".md-search-result__item")
    assert tab.page.evaluate("document.getElementById('__search').checked")
    tab.page.keyboard.press("Escape")
    assert not tab.page.evaluate("document.getElementById('__search').checked")


@pytest.mark.parametrize("how", ["tap", "click", "Enter"])
def test_on_a_phone_search_takes_the_focus_and_escape_gives_it_back(visit, how: str):
    tab = visit(viewport=PHONE, touch=how == "tap")
    tab.goto("/")
    button = tab.page.locator("button.md-header__button[for='__search']")
    if how == "tap":
        button.tap()
    elif how == "click":
        button.click()
    else:
        button.focus()
        tab.page.keyboard.press("Enter")
    expect(tab.page.locator(".md-search__input")).to_be_focused()
    tab.page.keyboard.type("insurance")  # straight into the field, with no further tap
    tab.page.wait_for_selector(".md-search-result__item")
    tab.page.keyboard.press("Escape")
    assert not tab.page.evaluate("document.getElementById('__search').checked")
    expect(button).to_be_focused()
    assert button.get_attribute("aria-expanded") == "false"


def test_the_palette_toggle_works_from_the_keyboard(visit):
    tab = visit()
    tab.goto("/")
    for _ in range(10):
        tab.page.keyboard.press("Tab")
        if tab.page.evaluate(
            "document.activeElement.matches('form[data-md-component=palette] input')"
        ):
            break
    else:
        pytest.fail("Tab never reached the colour scheme toggle")
    schemes = []
    for _ in range(3):  # system → light → dark → system
        tab.page.keyboard.press("Enter")
        schemes.append(tab.page.evaluate("document.body.dataset.mdColorScheme"))
    assert schemes == ["default", "slate", "default"]
    assert tab.page.evaluate(
        "document.activeElement.matches('form[data-md-component=palette] input')"
    ), "Enter lost the focus"


def test_the_phone_menu_opens_with_enter_and_closes_with_escape(visit):
    tab = visit(viewport=PHONE)
    tab.goto("/")
    menu = tab.page.locator("button.md-header__button[for='__drawer']")
    menu.focus()
    tab.page.keyboard.press("Enter")
    assert tab.page.evaluate("document.getElementById('__drawer').checked")
    assert menu.get_attribute("aria-expanded") == "true"
    tab.page.locator("nav.md-nav--primary a.md-nav__link[href$='faq/']").wait_for(state="visible")
    tab.page.keyboard.press("Escape")
    assert not tab.page.evaluate("document.getElementById('__drawer').checked")
    assert tab.page.evaluate("document.activeElement.getAttribute('for')") == "__drawer"


# --- phone ------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_phone_pages_fit_the_screen_with_readable_text(visit, page: str):
    tab = visit(viewport=PHONE)
    tab.goto(page_url(page))
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], (
        "the page scrolls sideways"
    )
    sizes = tab.page.evaluate(
        "[...document.querySelectorAll('article :is(p, li, summary, td)')].map(el => parseFloat(getComputedStyle(el).fontSize))"
    )
    assert sizes and min(sizes) >= 16, f"text as small as {min(sizes)} px"


def test_the_phone_menu_opens_and_closes_by_touch(visit):
    tab = visit(viewport=PHONE)
    tab.goto("/")
    link = tab.page.locator("nav.md-nav--primary a.md-nav__link[href$='faq/']")
    tab.page.click("button.md-header__button[for='__drawer']")
    expect(link).to_be_in_viewport()
    tab.page.mouse.click(
        PHONE["width"] - 15, PHONE["height"] // 2
    )  # a tap on the shaded page beside the drawer
    # Waits from Python: a string predicate could not poll under the policy (no 'unsafe-eval').
    expect(tab.page.locator("#__drawer")).not_to_be_checked()
    expect(link).not_to_be_in_viewport()  # the drawer slides off the screen


# --- print ------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_printing_a_page_keeps_its_whole_text_and_link_addresses_but_no_navigation(
    visit, site: BuiltSite, page: str
):
    tab = visit()
    tab.goto(page_url(page))
    questions = tab.page.locator("details.question summary")
    if questions.count():
        questions.first.click()  # one answer open, the rest closed: all must print
    pdf = tab.page.pdf(format="A4", print_background=False)
    printed = " ".join(sheet.extract_text() for sheet in PdfReader(io.BytesIO(pdf)).pages)
    printed_words = words_only(printed)
    article = site.article(page)
    for link in article.select('a[rel~="external"]'):
        assert letters_only(link["href"]) in letters_only(printed), (
            f"the printout lacks the address {link['href']}"
        )
    for block in article.select("p, li, td, dd, dt"):
        assert printed_in_order(words_only(block.get_text()), printed_words), (
            f"the printout lost: {block.get_text()[:80]!r}"
        )
    for chrome in ("Skip to content", "Table of contents", "Previous", "Back to top", "Search"):
        # Whole words: the article itself says "Previously".
        assert not re.search(rf"\b{chrome}\b", printed), (
            f"the printout shows navigation: {chrome!r}"
        )


def letters_only(text: str) -> str:
    """Letters alone: PDF text breaks lines, words and addresses its own way."""
    return re.sub(r"[^a-z]", "", text.lower())


# --- arrival ------------------------------------------------------------------


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_reader_arriving_on_any_page_sees_the_disclaimer_and_review_date(visit, viewport: dict):
    tab = visit(viewport=viewport)
    for page in PAGES:
        tab.goto(page_url(page))
        for selector in (".md-banner .disclaimer", "article .page-review"):
            box = tab.page.locator(selector).bounding_box()
            assert (
                box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]
            ), f"{page}: {selector} is not in view on arrival"


# --- glossary terms and colours ---------------------------------------------


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_glossary_term_shows_its_meaning_readably_and_hides_again(visit, viewport: dict):
    tab = visit(viewport=viewport)
    tab.goto("/ketamine/")
    term = tab.page.locator(
        ".md-content abbr[title]"
    ).first.element_handle()  # it loses [title] while its meaning shows
    meaning = term.get_attribute("title")
    term.scroll_into_view_if_needed()
    if viewport == PHONE:
        term.click()  # a tap
    else:
        term.hover()
    tip = tab.page.locator("#glossary-tip[role=tooltip]")
    expect(tip).to_have_text(meaning)
    assert term.get_attribute("aria-describedby") == "glossary-tip"
    assert term.get_attribute("title") is None, "the browser's own tooltip would cover the meaning"
    assert tip.evaluate("tip => parseFloat(getComputedStyle(tip).fontSize)") >= 16
    shown, at = tip.bounding_box(), term.bounding_box()
    assert shown["x"] >= 0 and shown["x"] + shown["width"] <= viewport["width"], (
        f"the meaning runs off the screen: {shown}"
    )
    assert shown["y"] >= at["y"] + at["height"], "the meaning covers its term"
    if viewport == PHONE:
        tab.page.locator("h1").click()  # a tap elsewhere
    else:
        tab.page.mouse.move(1, viewport["height"] - 1)
    expect(tip).to_have_count(0)
    assert term.get_attribute("title") == meaning and term.get_attribute("aria-describedby") is None


def test_escape_hides_a_glossary_meaning(visit):
    tab = visit()
    tab.goto("/ketamine/")
    term = tab.page.locator(".md-content abbr[title]").first
    term.hover()
    expect(tab.page.locator("#glossary-tip")).to_be_visible()
    tab.page.keyboard.press("Escape")
    expect(tab.page.locator("#glossary-tip")).to_have_count(0)


def test_switching_palette_changes_colours_at_once(visit):
    tab = visit()
    tab.goto("/faq/")
    tab.page.click("form[data-md-component=palette] label:not([hidden])")
    fading = tab.page.evaluate(
        "document.getAnimations().filter(a => a instanceof CSSTransition).map(a => a.transitionProperty)"
    )
    assert fading == [], f"colours fade instead of switching: {fading}"
