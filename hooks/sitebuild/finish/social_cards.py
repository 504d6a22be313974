"""A 1200×630 social card per page, drawn offline with the font Pillow ships (Material's plugin
downloads fonts, which these machines cannot); no timestamps. The one cache (hooks/README.md):
drawing every card anew costs a build 0.4 s; other steps, measured, would save under 0.2 s each."""

import hashlib
import importlib.metadata
import io
import textwrap
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
SIZE, MARGIN = (1200, 630), 80
BACKGROUND, TEXT, MUTED = (40, 53, 147), (255, 255, 255), (220, 224, 245)  # an indigo header


def draw_card(site_name: str, title: str, description: str) -> bytes:
    """The card as PNG bytes: site name, page title, description, and the site's promise."""
    from PIL import Image, ImageDraw, ImageFont  # only for a card not drawn before

    image, y = Image.new("RGB", SIZE, BACKGROUND), MARGIN + 90
    draw, font = ImageDraw.Draw(image), ImageFont.load_default
    draw.text((MARGIN, MARGIN), site_name, font=font(size=36), fill=MUTED)
    rows = ((title, 28, 68, TEXT, 84), (description, 56, 32, MUTED, 44))  # wrap, size, fill, step
    for text, width, size, fill, step in rows:
        for line in textwrap.wrap(text, width=width)[:3]:  # three lines at most
            draw.text((MARGIN, y), line, font=font(size=size), fill=fill)
            y += step
        y += 20
    promise = "General information, not medical advice"
    draw.text((MARGIN, SIZE[1] - MARGIN - 30), promise, font=font(size=28), fill=MUTED)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def card_folder(root: Path) -> Path:
    """Where this code, with these libraries, keeps its cards (worked out once a build): by a digest
    of the build's own code and every installed library's version, so a card drawn by other code,
    or before `make lock` changed Pillow (or anything), is never used."""
    code = b"".join(path.read_bytes() for path in sorted(PACKAGE.rglob("*.py")))
    version = hashlib.sha256(code + libraries_digest(installed_versions()).encode()).hexdigest()
    return root / ".cache" / "social-cards" / version


def cached_card(cache: Path, site_name: str, title: str, description: str) -> bytes:
    """draw_card, kept in `cache` (card_folder) by its text."""
    key = "\0".join([site_name, title, description]).encode("utf-8")
    path = cache / f"{hashlib.sha256(key).hexdigest()}.png"
    if not path.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        path.write_bytes(draw_card(site_name, title, description))
    return path.read_bytes()


def installed_versions() -> list[str]:
    return [f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions()]


def libraries_digest(versions: list[str]) -> str:
    """The same text for the same versions, whatever order they were found in."""
    return hashlib.sha256("\n".join(sorted(versions)).encode("utf-8")).hexdigest()
