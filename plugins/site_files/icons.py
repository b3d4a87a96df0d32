"""``favicon.ico``, the web manifest's PNG icons and ``site.webmanifest``: the Noticeboard
mark (a notice pinned to a board, as in the theme's logo.svg) drawn as the link cards draw
it, so no image file needs to be kept."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from plugins.cards.render import logo as draw_mark
from plugins.notices.jsonfile import json_bytes
from plugins.notices.site import Site

FAVICON = "favicon.ico"
MANIFEST = "site.webmanifest"
ICON_SIZES = (192, 512)  # what browsers ask a manifest for
FAVICON_SIZES = (16, 32, 48)
# Drawn larger, then scaled down, for smooth edges; 1024 px is smooth enough for any icon.
_OVERSAMPLE, _LARGEST = 4, 1024


def icon_path(size: int) -> str:
    return f"icon-{size}.png"


def logo(size: int) -> Image.Image:
    """The Noticeboard mark, as the link cards draw it, ``size`` pixels square."""
    big = max(size, min(size * _OVERSAMPLE, _LARGEST))
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw_mark(ImageDraw.Draw(image), 0, 0, big)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def favicon() -> bytes:
    """An ICO holding the logo at 16, 32 and 48 pixels."""
    buffer = io.BytesIO()
    largest = max(FAVICON_SIZES)
    sizes = [(size, size) for size in FAVICON_SIZES]
    logo(largest).save(buffer, format="ICO", sizes=sizes)
    return buffer.getvalue()


def icon(size: int) -> bytes:
    buffer = io.BytesIO()
    logo(size).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def manifest(site: Site, short_name: str | None, theme_colour: str) -> bytes:
    """The web manifest: names, start address (the site's home page), icons and colours."""
    data = {
        "name": site.name,
        "short_name": short_name or site.name,
        "lang": site.default_lang,
        "start_url": "./",
        "scope": "./",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": theme_colour,
        "icons": [
            {"src": icon_path(size), "sizes": f"{size}x{size}", "type": "image/png"}
            for size in ICON_SIZES
        ],
    }
    return json_bytes(data)
