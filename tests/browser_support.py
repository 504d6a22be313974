"""A static host on 127.0.0.1 and a headless Chromium, for tests that read the site as a reader does."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect

# Debian's Chromium; Playwright's own browser download does not work everywhere.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NO_BROWSER = "No Chromium found: install Debian's (apt-get install chromium) or Playwright's (.venv/bin/playwright install chromium), or set CHROMIUM=/path/to/chrome"
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "image/svg+xml",
    "application/xml",
)
# Reports each Content-Security-Policy violation on every page the tab loads.
CSP_LISTENER = """document.addEventListener("securitypolicyviolation", event =>
    window.__reportViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} on ${location.pathname}`));"""
# Any value of an attribute, empty included: what `expect(...).to_have_attribute` waits for.
ANY_VALUE = re.compile(r".*", re.S)
# How long wait_until polls, as long as Playwright's own expect waits by default.
WAIT_MS = 5000
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}


def page_url(page: str) -> str:
    """The path a reader sees for a Markdown page."""
    stem = page.removesuffix(".md")
    return "/" if stem == "index" else f"/{stem}/"


class StaticHost(SimpleHTTPRequestHandler):
    """Serves the built site as a static host does: index files, a 404 page, gzip, and the rules in `_headers`."""

    header_rules: list[tuple[str, dict[str, str]]] = []

    def do_GET(self) -> None:
        url_path = urlsplit(self.path).path
        local = Path(self.translate_path(url_path))
        if local.is_dir() and not url_path.endswith("/"):
            self.send_response(301)
            self.send_header("Location", url_path + "/")
            self.end_headers()
            return
        if local.is_dir():
            local = local / "index.html"
        status = 200 if local.is_file() and local.name != "_headers" else 404
        if status == 404:
            local = Path(self.directory) / "404.html"
        body = local.read_bytes()
        content_type = self.guess_type(str(local))
        gzipped = "gzip" in self.headers.get("Accept-Encoding", "") and content_type.startswith(
            COMPRESSIBLE
        )
        if gzipped:
            body = gzip.compress(body, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        for name, value in headers_for(url_path, self.header_rules).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output quiet


@contextmanager
def serve(site_root: Path, *, with_headers: bool = True) -> Iterator[str]:
    """Serve a built site on a free port of 127.0.0.1, with its `_headers` in force; yields its base URL.

    with_headers=False leaves them out, so a test page may show the site in a frame (they forbid it).
    """

    rules_file = site_root / "_headers"

    class Handler(StaticHost):
        header_rules = (
            parse_headers_file(rules_file.read_text(encoding="utf-8"))
            if with_headers and rules_file.is_file()
            else []
        )

        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site_root), **kwargs)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def chromium_path() -> str | None:
    """Debian's Chromium when present, else None for Playwright's own build."""
    return CHROMIUM if shutil.which(CHROMIUM) else None


def launch_chromium(playwright: Playwright) -> Browser:
    """Headless Chromium, or an error whose first line says how to get one."""
    try:
        return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
    except Exception as error:  # Playwright raises its own Error for a missing browser
        raise RuntimeError(f"{NO_BROWSER}\n({str(error).splitlines()[0]})") from error


def wait_until(page: Page, expression: str, *, timeout_ms: int = WAIT_MS) -> object:
    """Poll a JavaScript expression from Python until it is truthy; returns its value.

    Not page.wait_for_function: it polls by compiling the predicate inside the page, which the
    site's Content-Security-Policy forbids (no 'unsafe-eval'), so it could only pass when the
    condition already held at its first check. page.evaluate runs outside the page's policy.
    """
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        value = page.evaluate(expression)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout_ms} ms: {expression}")
        time.sleep(0.05)


@dataclass
class Visit:
    """A browser tab that records what a reader's browser did behind the scenes."""

    context: BrowserContext
    page: Page
    origin: str
    other_hosts: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)

    def goto(self, path: str) -> None:
        self.page.goto(self.origin + path.lstrip("/"), wait_until="load")
        # Material's palette script has run: the body carries its colour scheme.
        expect(self.page.locator("body")).to_have_attribute("data-md-color-scheme", ANY_VALUE)

    def close(self) -> None:
        self.context.close()


def record_failure(visit: Visit, request, origin: str) -> None:
    """A request to the site that failed; one the browser cancelled because the reader moved on is not."""
    if urlsplit(request.url).netloc == origin and request.failure != "net::ERR_ABORTED":
        visit.failed_requests.append(f"{request.url} ({request.failure})")


def open_visit(
    browser: Browser,
    base_url: str,
    *,
    viewport: dict,
    color_scheme: str = "light",
    touch: bool = False,
) -> Visit:
    """A fresh tab (no stored palette or cache) that blocks and records requests to other hosts; touch=True for a touch screen."""
    context = browser.new_context(
        viewport=viewport, color_scheme=color_scheme, service_workers="block", has_touch=touch
    )
    page = context.new_page()
    visit = Visit(context, page, base_url)
    origin = urlsplit(base_url).netloc

    def route(route):
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).netloc == origin:
            route.continue_()
        else:
            visit.other_hosts.append(url)
            route.abort()

    context.route("**/*", route)
    context.expose_binding(
        "__reportViolation", lambda source, text: visit.csp_violations.append(text)
    )
    context.add_init_script(CSP_LISTENER)
    page.on(
        "console",
        lambda message: message.type == "error" and visit.console_errors.append(message.text),
    )
    page.on("pageerror", lambda error: visit.console_errors.append(str(error)))
    page.on("requestfailed", lambda request: record_failure(visit, request, origin))
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and visit.failed_requests.append(f"{response.status} {response.url}")
        ),
    )
    return visit


# How a static host reads `_headers` (Netlify, Cloudflare Pages), for serving the built site as readers get it.
def parse_headers_file(text: str) -> list[tuple[str, dict[str, str]]]:
    """(path pattern, headers) rules, as a host reads `_headers`."""
    rules: list[tuple[str, dict[str, str]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), {}))
        elif rules:
            name, _, value = line.strip().partition(":")
            rules[-1][1][name.strip()] = value.strip()
    return rules


def headers_for(path: str, rules: list[tuple[str, dict[str, str]]]) -> dict[str, str]:
    """The headers a host sends for a path: every matching rule's, joined."""
    found: dict[str, str] = {}
    for pattern, headers in rules:
        if re.fullmatch(re.escape(pattern).replace(r"\*", ".*"), path):
            for name, value in headers.items():
                found[name] = f"{found[name]}, {value}" if name in found else value
    return found
