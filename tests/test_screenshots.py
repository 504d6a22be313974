"""`make screenshots` writes each page at desktop and phone width, in light and dark."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from screenshots import VIEWPORTS, take_screenshots

# Drives a browser: `make test` runs these, `make check` leaves them out.
pytestmark = pytest.mark.browser


def png_width(path: Path) -> int:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">I", header[16:20])[0]


def test_screenshots_cover_both_widths_and_schemes(browser, base_url: str, tmp_path: Path):
    written = take_screenshots(browser, base_url, ["index.md"], tmp_path)
    assert sorted(path.name for path in written) == [
        "index-desktop-dark.png",
        "index-desktop-light.png",
        "index-phone-dark.png",
        "index-phone-light.png",
    ]
    for path in written:
        viewport = path.stem.split("-")[1]
        assert png_width(path) == VIEWPORTS[viewport]["width"]
