"""`make screenshots`: every page at desktop and phone width, light and dark, as a reader sees it.

Usage: python tests/screenshots.py OUTPUT_DIR
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from browser_support import DESKTOP, PHONE, launch_chromium, open_visit, page_url, serve  # noqa: E402
from site_support import QUIET_BUILD  # noqa: E402
from sitebuild.check.manifest import load_manifest  # noqa: E402

VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
SCHEMES = ("light", "dark")


def screenshot_name(page: str, viewport: str, scheme: str) -> str:
    """e.g. faq-phone-dark.png; the home page is index-…"""
    return f"{page.removesuffix('.md')}-{viewport}-{scheme}.png"


def take_screenshots(browser: Browser, base_url: str, pages: list[str], output: Path) -> list[Path]:
    """Full-page PNGs of each page in each viewport and scheme; returns the files written."""
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for viewport, size in VIEWPORTS.items():
        for scheme in SCHEMES:
            tab = open_visit(browser, base_url, viewport=size, color_scheme=scheme)
            for page in pages:
                tab.goto(page_url(page))
                path = output / screenshot_name(page, viewport, scheme)
                tab.page.screenshot(path=path, full_page=True, animations="disabled")
                written.append(path)
            tab.close()
    return written


def main(output: Path) -> int:
    manifest, problems = load_manifest()
    if problems:
        print("\n".join(map(str, problems)), file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as site_dir:
        build = subprocess.run(
            [*QUIET_BUILD, "--site-dir", site_dir],
            cwd=ROOT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            check=False,
        )
        if build.returncode != 0:
            return build.returncode
        with serve(Path(site_dir)) as base_url, sync_playwright() as playwright:
            try:
                browser = launch_chromium(playwright)
            except RuntimeError as error:
                print(error, file=sys.stderr)
                return 1
            written = take_screenshots(browser, base_url, manifest.pages, output)
            browser.close()
    print(f"{len(written)} screenshots in {output}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")))
