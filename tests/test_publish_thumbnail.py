"""Card thumbnails: passed through when small, re-encoded under 1,000,000 bytes, optional."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from PIL import Image

from publish.thumbnail import MAX_BYTES, thumbnail
from tests.publish_support import png


def test_a_small_card_is_uploaded_as_it_is(tmp_path: Path):
    path = tmp_path / "card.png"
    path.write_bytes(png((1200, 630)))
    thumb = thumbnail(path)
    assert thumb is not None
    assert (thumb.data, thumb.mime_type) == (path.read_bytes(), "image/png")


def test_a_card_over_the_limit_is_re_encoded_to_fit(tmp_path: Path):
    path = tmp_path / "card.png"
    path.write_bytes(png((1200, 630), noise=True))
    assert path.stat().st_size > MAX_BYTES
    thumb = thumbnail(path)
    assert thumb is not None and len(thumb.data) <= MAX_BYTES
    image = Image.open(io.BytesIO(thumb.data))
    assert image.format == thumb.mime_type.split("/")[1].upper()
    assert image.width >= 600


def test_an_impossible_budget_still_ends_with_a_small_image(tmp_path: Path):
    path = tmp_path / "card.png"
    path.write_bytes(png((1200, 630), noise=True))
    thumb = thumbnail(path, max_bytes=20_000)
    assert thumb is not None and len(thumb.data) <= 20_000 and thumb.mime_type == "image/jpeg"


def test_a_missing_card_means_no_thumbnail_and_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    with caplog.at_level(logging.WARNING):
        assert thumbnail(tmp_path / "card.png") is None
    assert "card image" in caplog.text and "without a thumbnail" in caplog.text
