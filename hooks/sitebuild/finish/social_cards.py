"""A 1200×630 social card per page, drawn offline with the font Pillow ships (Material's social
plugin downloads fonts, which these machines cannot); no timestamps: reproducible bytes.

The build's one cache (hooks/README.md: "Caches"): drawing every card anew costs a build about
0.4 s, measured; the other steps were measured to save under 0.2 s each, and are not cached.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import io
import textwrap
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
SIZE = (1200, 630)
BACKGROUND = (40, 53, 147)  # the site's indigo header
TEXT = (255, 255, 255)
MUTED = (220, 224, 245)
MARGIN = 80


def draw_card(site_name: str, title: str, description: str) -> bytes:
    """The card as PNG bytes: site name, page title, description, and the site's promise."""
    from PIL import Image, ImageDraw, ImageFont  # only for a card not drawn before

    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    fonts = {size: ImageFont.load_default(size=size) for size in (36, 68, 32, 28)}
    draw.text((MARGIN, MARGIN), site_name, font=fonts[36], fill=MUTED)
    y = MARGIN + 90
    rows = ((title, 28, 68, TEXT, 84), (description, 56, 32, MUTED, 44))  # wrap, size, fill, step
    for text, width, size, fill, step in rows:
        for line in textwrap.wrap(text, width=width)[:3]:  # three lines at most
            draw.text((MARGIN, y), line, font=fonts[size], fill=fill)
            y += step
        y += 20
    promise = "General information, not medical advice"
    draw.text((MARGIN, SIZE[1] - MARGIN - 30), promise, font=fonts[28], fill=MUTED)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def card_folder(root: Path) -> Path:
    """Where this code, with these libraries, keeps its cards: worked out once a build."""
    return root / ".cache" / "social-cards" / code_version()


def cached_card(cache: Path, site_name: str, title: str, description: str) -> bytes:
    """draw_card, kept in `cache` (card_folder: by the code and libraries) by its text."""
    key = "\0".join([site_name, title, description]).encode("utf-8")
    path = cache / f"{hashlib.sha256(key).hexdigest()}.png"
    if not path.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        path.write_bytes(draw_card(site_name, title, description))
    return path.read_bytes()


def code_version() -> str:
    """A digest of the build's own code and every installed library's version: a card drawn by
    other code, or before `make lock` changed Pillow (or anything), is never used."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.read_bytes())
    digest.update(libraries_digest(installed_versions()).encode("utf-8"))
    return digest.hexdigest()


def installed_versions() -> list[str]:
    """Every installed distribution as name==version."""
    found = importlib.metadata.distributions()
    return [f"{dist.metadata['Name']}=={dist.version}" for dist in found]


def libraries_digest(versions: list[str]) -> str:
    """The same text for the same versions, whatever order they were found in."""
    return hashlib.sha256("\n".join(sorted(versions)).encode("utf-8")).hexdigest()
