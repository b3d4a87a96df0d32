"""Counting and shortening by graphemes: emoji, flags and combining accents stay whole."""

from __future__ import annotations

import random

import pytest
import regex

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


def test_between_two_simple_code_points_there_is_always_a_grapheme_break():
    # What lets count() skip the \X scan except around other code points.
    simple = [chr(c) for start, end in graphemes.SIMPLE for c in range(start, end + 1)]
    pairs = "".join(a + b for a in simple for b in simple)
    assert len(regex.findall(r"\X", pairs)) == len(pairs) == 2 * len(simple) ** 2


MIXED = [
    *("a", " ", "\n", "\r", "\t", "£", "ŵ", "…", "\u2013", "©", "e"),
    *("\u0302", "\u0301", "\u200d", "\u200c", "\ufe0f", "\u00ad"),  # combining, joiners
    *("👍", "🏽", "🚌", "\U0001f1ec", "\U0001f1e7", WELSH_FLAG),  # emoji, skin tone, flags
    *("가", "\u1100", "\u1161", "\u11a8"),  # Hangul syllable and jamo
    *("क", "\u094d", "ष", "\u0600", "\U00011a3a"),  # Indic conjuncts, prepended marks
]


def test_count_and_clusters_agree_with_the_x_scan_on_mixed_text():
    rng = random.Random(6)
    for _ in range(4000):
        text = "".join(rng.choice(MIXED) for _ in range(rng.randint(0, 14)))
        expected = regex.findall(r"\X", text)
        assert graphemes.count(text) == len(expected), ascii(text)
        assert graphemes.clusters(text) == expected, ascii(text)
