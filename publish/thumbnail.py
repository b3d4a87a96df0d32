"""The link card's thumbnail: the notice's card PNG, re-encoded when over Bluesky's limit.

Bluesky refuses a thumb over 1,000,000 bytes (``BlobTooLarge``). A larger card is first
re-saved as an optimised PNG, then as JPEG at falling quality, then scaled down.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

logger = logging.getLogger(__name__)

MAX_BYTES = 1_000_000
_JPEG_QUALITIES = (90, 80, 70, 60, 50)


@dataclass(frozen=True)
class Thumbnail:
    """Image bytes ready to upload, with their MIME type."""

    data: bytes
    mime_type: str


def thumbnail(path: Path, max_bytes: int = MAX_BYTES) -> Thumbnail | None:
    """The thumbnail for the card at ``path``, or None (with a warning) when it is missing."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        logger.warning("card image %s is missing: posting the link card without a thumbnail", path)
        return None
    if len(data) <= max_bytes:
        return Thumbnail(data, "image/png")
    logger.info("card image %s is %d bytes: re-encoding to fit %d", path, len(data), max_bytes)
    return _smaller(Image.open(io.BytesIO(data)), max_bytes)


def _smaller(image: Image.Image, max_bytes: int) -> Thumbnail:
    png = _encode(image, "PNG", optimize=True)
    if len(png) <= max_bytes:
        return Thumbnail(png, "image/png")
    rgb = image.convert("RGB")
    while True:
        for quality in _JPEG_QUALITIES:
            jpeg = _encode(rgb, "JPEG", quality=quality, optimize=True)
            if len(jpeg) <= max_bytes:
                return Thumbnail(jpeg, "image/jpeg")
        rgb = rgb.resize((max(1, rgb.width * 3 // 4), max(1, rgb.height * 3 // 4)))


def _encode(image: Image.Image, format: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=format, **options)
    return buffer.getvalue()
