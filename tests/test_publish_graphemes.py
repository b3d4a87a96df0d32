"""Counting and shortening by graphemes: emoji, flags and combining accents stay whole."""

from __future__ import annotations

import pytest

from publish import graphemes

WELSH_FLAG = "\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f"
W_CIRCUMFLEX = "w\u0302"


def test_count_is_by_user_perceived_character():
    assert graphemes.count("Caffi") == 5
    assert graphemes.count(WELSH_FLAG) == 1
    assert graphemes.count(W_CIRCUMFLEX + "ŷ") == 2
    assert graphemes.count("👍🏽" * 300) == 300


def test_short_text_is_unchanged():
    assert graphemes.shorten("Ysgol Bro Afonwy", 16) == "Ysgol Bro Afonwy"


def test_shorten_prefers_a_word_boundary():
    assert (
        graphemes.shorten("Resurfacing of adopted roads across the county", 30)
        == "Resurfacing of adopted roads…"
    )


def test_shorten_cuts_a_long_word_mid_word_rather_than_lose_most_of_it():
    assert graphemes.shorten("Supercalifragilistic", 10) == "Supercali…"


@pytest.mark.parametrize("limit", [24, 30, 57, 100, 299, 300])
def test_shorten_never_exceeds_the_limit_nor_splits_a_grapheme(limit: int):
    text = (f"Caffi {W_CIRCUMFLEX}{WELSH_FLAG} " * 60).strip()
    short = graphemes.shorten(text, limit)
    assert graphemes.count(short) <= limit
    assert short.endswith("…")
    assert set(graphemes.clusters(short[:-1])) <= set(graphemes.clusters(text))
