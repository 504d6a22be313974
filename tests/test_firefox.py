"""The reader journeys that matter most, in a second engine: headless Firefox ESR (tests/firefox_support.py).

One browser session for the module; each test starts from a fresh page.
"""

from __future__ import annotations

import base64
import contextlib
import io
from collections.abc import Iterator

import pytest
from browser_support import PHONE, page_url, serve
from firefox_support import FirefoxLog, launch_firefox, record, settle, wait_for
from pypdf import PdfReader
from selenium.common.exceptions import WebDriverException
from selenium.webdriver import Firefox
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.print_page_options import PrintOptions
from selenium.webdriver.support.ui import WebDriverWait
from site_support import PAGES, BuiltSite, printed_in_order, words_only
from sitebuild.check.manifest import Manifest

# Drives a browser: `make test` runs these, `make check` leaves them out.
pytestmark = pytest.mark.browser

DESKTOP_WINDOW = (1280, 800)
INSURANCE = "can-ketamine-infusions-be-covered-under-insurance"


@pytest.fixture(scope="module")
def firefox() -> Iterator[Firefox]:
    driver, problem = None, ""
    try:
        driver = launch_firefox()
    except RuntimeError as error:
        problem = str(error)
    if driver is None:  # failing outside the except block keeps the report to the hint
        pytest.fail(problem, pytrace=False)
    driver.set_window_size(*DESKTOP_WINDOW)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def firefox_log(firefox: Firefox, base_url: str) -> FirefoxLog:
    return record(firefox, base_url)


@pytest.fixture
def reader(firefox: Firefox, firefox_log: FirefoxLog) -> Firefox:
    """The session's browser with a clean record, at desktop size."""
    firefox_log.clear()
    firefox.set_window_size(*DESKTOP_WINDOW)
    return firefox


def goto(driver: Firefox, url: str) -> None:
    driver.get(url)
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script("return document.body.dataset.mdColorScheme !== undefined")
    )


def test_every_page_loads_with_no_console_error_and_no_other_host(
    reader: Firefox, firefox_log: FirefoxLog, base_url: str
):
    for page in PAGES:
        goto(reader, base_url + page_url(page).lstrip("/"))
        settle(firefox_log)
    assert firefox_log.console_errors == []
    assert firefox_log.other_hosts == []
    assert firefox_log.failed_requests == []


def test_the_record_sees_a_request_to_another_host(
    reader: Firefox, firefox_log: FirefoxLog, base_url: str
):
    goto(reader, base_url)
    reader.execute_script("fetch('http://example.invalid/x').catch(() => {})")
    assert wait_for(lambda: firefox_log.console_errors), (
        "the page's policy blocks it, and the record hears of it"
    )
    with contextlib.suppress(
        WebDriverException
    ):  # past the policy Firefox asks for it, through a proxy that leads nowhere
        reader.get("http://example.invalid/")
    assert wait_for(lambda: "http://example.invalid/" in firefox_log.other_hosts), (
        firefox_log.other_hosts
    )


def test_a_faq_answer_opens_and_closes_by_mouse_and_keyboard(
    reader: Firefox, base_url: str, manifest: Manifest
):
    goto(reader, base_url + page_url(manifest.faq_page).lstrip("/"))
    details = reader.find_elements("css selector", "details.question")
    assert len(details) == len(manifest.questions)
    block = details[1]
    summary, answer = (
        block.find_element("css selector", "summary"),
        block.find_element("css selector", "p"),
    )
    shown = []
    summary.click()
    shown.append(answer.is_displayed())
    summary.click()
    shown.append(answer.is_displayed())
    summary.send_keys(Keys.ENTER)
    shown.append(answer.is_displayed())
    summary.send_keys(Keys.ENTER)
    shown.append(answer.is_displayed())
    assert shown == [True, False, True, False]


def test_search_finds_the_insurance_question(
    reader: Firefox, firefox_log: FirefoxLog, base_url: str
):
    goto(reader, base_url)
    field = reader.find_element("css selector", ".md-search__input")
    field.click()
    field.send_keys("insurance")
    # Results are drawn again as each key arrives: read them by script, not by stale element handles.
    read = f"return [...document.querySelectorAll(\"a.md-search-result__link[href*='#{INSURANCE}']\")].map(a => a.textContent)"
    found = WebDriverWait(reader, 10).until(lambda d: d.execute_script(read))
    assert "insurance" in found[0].lower()
    settle(firefox_log)
    assert firefox_log.console_errors == []


def test_no_page_scrolls_sideways_at_phone_width(reader: Firefox, site: BuiltSite):
    """Headless Firefox windows are at least 500 px wide, so each page is shown in a 375 px frame
    (served without the headers that forbid framing, which do not change the layout)."""
    wide = {}
    with serve(site.root, with_headers=False) as frameable:
        reader.get("about:blank")
        for page in [*PAGES, "phone-check"]:
            reader.switch_to.default_content()
            url = frameable + (page_url(page).lstrip("/") if page != "phone-check" else "")
            reader.execute_script(
                "document.body.innerHTML = ''; const f = document.createElement('iframe');"
                "f.style = `width:${arguments[1]}px;height:${arguments[2]}px;border:0`; f.src = arguments[0]; document.body.append(f);",
                url,
                PHONE["width"],
                PHONE["height"],
            )
            reader.switch_to.frame(reader.find_element("css selector", "iframe"))
            WebDriverWait(reader, 10).until(
                lambda d: d.execute_script(
                    "return document.readyState === 'complete' && !!document.body.dataset.mdColorScheme"
                )
            )
            assert reader.execute_script("return innerWidth") == PHONE["width"], (
                "the frame is not phone-sized"
            )
            if page == "phone-check":  # the measure itself: a page made too wide must be caught
                reader.execute_script(
                    "document.body.append(Object.assign(document.createElement('div'), {style: 'width: 600px; height: 1px'}))"
                )
                assert (
                    reader.execute_script("return document.documentElement.scrollWidth")
                    > PHONE["width"]
                )
            else:
                width = reader.execute_script("return document.documentElement.scrollWidth")
                if width > PHONE["width"]:
                    wide[page] = width
    reader.switch_to.default_content()
    assert wide == {}, "these pages scroll sideways at 375 px"


def test_the_printed_faq_holds_every_answer(
    reader: Firefox, base_url: str, site: BuiltSite, manifest: Manifest
):
    goto(reader, base_url + page_url(manifest.faq_page).lstrip("/"))
    reader.find_element(
        "css selector", "details.question summary"
    ).click()  # one open, the rest closed: all must print
    pdf = base64.b64decode(reader.print_page(PrintOptions()))
    printed = words_only(
        " ".join(sheet.extract_text() for sheet in PdfReader(io.BytesIO(pdf)).pages)
    )
    answers = site.article(manifest.faq_page).select("details.question p")
    assert len(answers) >= len(manifest.questions)
    lost = [
        answer.get_text()[:60]
        for answer in answers
        if not printed_in_order(words_only(answer.get_text()), printed)
    ]
    assert lost == [], "the printout lost these answers"
