"""Draw a 1200×630 social card for a page, offline.

Material's social plugin downloads its fonts at build time, which these
machines cannot do; Pillow's own bundled font needs no network. The same
text always gives the same PNG bytes (no timestamps), so builds stay
reproducible.
"""

from __future__ import annotations

import functools
import hashlib
import io
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import ImageFont

SIZE = (1200, 630)
BACKGROUND = (40, 53, 147)  # the site's indigo header
TEXT = (255, 255, 255)
MUTED = (220, 224, 245)
MARGIN = 80
# Change this when draw_card draws differently, so cached cards are redrawn.
CARD_VERSION = "1"


def draw_card(site_name: str, title: str, description: str) -> bytes:
    """The card as PNG bytes: site name, page title, description, and the site's promise."""
    # Imported here: most builds find every card in the cache and never load Pillow.
    from PIL import Image, ImageDraw

    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    y = MARGIN
    draw.text((MARGIN, y), site_name, font=_font(36), fill=MUTED)
    y += 90
    for line in textwrap.wrap(title, width=28)[:3]:
        draw.text((MARGIN, y), line, font=_font(68), fill=TEXT)
        y += 84
    y += 20
    for line in textwrap.wrap(description, width=56)[:3]:
        draw.text((MARGIN, y), line, font=_font(32), fill=MUTED)
        y += 44
    draw.text((MARGIN, SIZE[1] - MARGIN - 30), "General information, not medical advice", font=_font(28), fill=MUTED)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def cached_card(cache: Path, site_name: str, title: str, description: str) -> bytes:
    """draw_card, kept in a cache folder by its text: the same text always draws the same bytes."""
    key = hashlib.sha256("\0".join([CARD_VERSION, site_name, title, description]).encode("utf-8")).hexdigest()
    path = cache / f"{key}.png"
    if not path.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        path.write_bytes(draw_card(site_name, title, description))
    return path.read_bytes()


@functools.cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # Pillow ships this font inside the package (Pillow 10.1+), so nothing is downloaded.
    from PIL import ImageFont

    return ImageFont.load_default(size=size)
