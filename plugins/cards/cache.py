"""Drawn cards kept between builds, by key; a kept card is used only if it is a sound PNG.

A card from the cache is copied into the site and uploaded as a post's thumbnail, so a
truncated or garbage file (a full disk, a restored CI cache) must never get that far: it
has to be a PNG of the card's size whose chunks all check out, or it is drawn again.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from PIL import Image

from plugins.notices.output import write_whole

from .render import HEIGHT, WIDTH

logger = logging.getLogger(__name__)


class CardCache:
    """PNG files under ``folder``, one per key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def has(self, key: str) -> bool:
        return self._file(key).is_file()

    def get(self, key: str) -> bytes | None:
        """The kept card, or None (with a warning) when it is missing or not a sound card."""
        path = self._file(key)
        try:
            data = path.read_bytes()
        except OSError as error:
            logger.warning("%s: unreadable cached card, drawn again (%s)", path, error)
            return None
        problem = png_problem(data)
        if problem:
            logger.warning("%s: %s; the card is drawn again", path, problem)
            return None
        return data

    def put(self, key: str, data: bytes) -> None:
        write_whole(self._file(key), data)

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.png"


def png_problem(data: bytes) -> str | None:
    """What is wrong with ``data`` as a card, or None for a PNG of the card's size."""
    try:
        with Image.open(io.BytesIO(data), formats=["PNG"]) as image:
            size = image.size
            # Every chunk read and its CRC checked, to the end: catches truncation and damage.
            image.verify()
    # Pillow reports a bad file in many ways (OSError, SyntaxError, struct.error, ...); the
    # file is untrusted input and any failure to read it means the same thing.
    except Exception as error:
        return f"not a sound PNG ({type(error).__name__}: {error})"
    if size != (WIDTH, HEIGHT):
        return f"{size[0]} by {size[1]} pixels, not {WIDTH} by {HEIGHT}"
    return None
