"""A kept card is used only when it is a sound PNG of the card's size; otherwise drawn again."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from PIL import Image

from plugins.cards.cache import CardCache, png_problem
from plugins.cards.cards import site_cards
from plugins.notices.site import Site


@pytest.fixture(scope="module")
def drawn(sample_site: Site) -> dict[str, bytes]:
    return dict(site_cards(sample_site))


@pytest.fixture(scope="module")
def card(drawn: dict[str, bytes]) -> bytes:
    return next(iter(drawn.values()))


def image(size: tuple[int, int], format: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "white").save(out, format=format)
    return out.getvalue()


def flipped(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


def test_a_drawn_card_is_sound(card: bytes):
    assert png_problem(card) is None


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (lambda card: b"", "not a sound PNG"),
        (lambda card: b"garbage" * 1000, "not a sound PNG"),
        (lambda card: card[: len(card) // 2], "not a sound PNG"),
        (lambda card: card[:-12], "not a sound PNG"),  # only the IEND chunk missing
        (lambda card: flipped(card, len(card) // 2), "not a sound PNG"),  # a CRC fails
        (lambda card: image((1200, 630), "JPEG"), "not a sound PNG"),
        (lambda card: image((600, 315), "PNG"), "600 by 315 pixels, not 1200 by 630"),
    ],
    ids=["empty", "garbage", "half", "no-end", "bit-flip", "jpeg", "wrong-size"],
)
def test_anything_else_is_not(card: bytes, damage, said: str):
    problem = png_problem(damage(card))
    assert problem is not None and said in problem


def test_damaged_cached_cards_are_drawn_again_with_a_warning(
    sample_site: Site, drawn: dict[str, bytes], tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    assert dict(site_cards(sample_site, cache_path=tmp_path)) == drawn
    kept = sorted(tmp_path.rglob("*.png"))
    kept[0].write_bytes(b"garbage")
    kept[1].write_bytes(kept[1].read_bytes()[:1000])
    kept[2].write_bytes(image((600, 315), "PNG"))
    with caplog.at_level(logging.WARNING):
        assert dict(site_cards(sample_site, cache_path=tmp_path)) == drawn
    assert caplog.text.count("the card is drawn again") == 3
    assert all(png_problem(path.read_bytes()) is None for path in kept), "rewritten"
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        assert dict(site_cards(sample_site, cache_path=tmp_path)) == drawn
    assert caplog.text == ""


def test_an_unreadable_cached_card_is_not_used(tmp_path: Path, card: bytes, caplog):
    cache, good, bad = CardCache(tmp_path), "ab" + "0" * 62, "cd" + "0" * 62
    cache.put(good, card)
    assert cache.get(good) == card
    (tmp_path / "cd" / f"{bad}.png").mkdir(parents=True)  # a folder where the card should be
    with caplog.at_level(logging.WARNING):
        assert cache.get(bad) is None
    assert "unreadable cached card, drawn again" in caplog.text
