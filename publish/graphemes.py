"""Counting and shortening text by user-perceived characters (extended grapheme clusters).

Bluesky limits a post to 300 graphemes and Mastodon counts graphemes too, so a flag emoji,
a skin-toned thumb or a Welsh ŵ typed as w + combining circumflex is one character here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import regex

ELLIPSIS = "…"
_CLUSTER = regex.compile(r"\X")
# Latin with Welsh accents, £ and €, dashes, quotes, …: between two of these code points
# there is always a grapheme break (UAX #29: all are Other, Control or LF; CR is left out
# for CR LF). So only around the other code points is the \X scan (ten times slower)
# needed. tests/test_publish_graphemes.py checks every pair of them against \X.
SIMPLE = (
    (0x0000, 0x000C),
    (0x000E, 0x02FF),
    (0x2010, 0x2027),
    (0x2030, 0x205E),
    (0x20A0, 0x20C0),
)
_S = "".join(f"\\U{start:08x}-\\U{end:08x}" for start, end in SIMPLE)
_OTHER = re.compile(f"[^{_S}]")
# Runs of other code points with the simple one on either side: graphemes of more than
# one code point lie within these.
_ZONE = re.compile(f"(?:[{_S}]?[^{_S}]++)++[{_S}]?")
_TRAILING = " \t\n,;:.\u2013\u2014-(/"  # and en and em dashes
# Cut back to a word boundary only when that loses less than this share of the text.
_WORD_CUT_SHARE = 0.4


def clusters(text: str) -> list[str]:
    """The grapheme clusters of ``text``, in order."""
    return _CLUSTER.findall(text) if _OTHER.search(text) else list(text)


def count(text: str) -> int:
    """How many graphemes ``text`` has."""
    total = len(text)
    if not _OTHER.search(text):
        return total
    for zone in _ZONE.finditer(text):
        total -= len(zone[0]) - len(_CLUSTER.findall(zone[0]))
    return total


def shorten(text: str, limit: int) -> str:
    """``text`` if it has at most ``limit`` graphemes, else a prefix ending in an ellipsis.

    The prefix ends at a word boundary when one is near, never inside a grapheme, and the
    result never has more than ``limit`` graphemes.
    """
    return shortener(text)(limit)


def shortener(text: str) -> Callable[[int], str]:
    """:func:`shorten` ``text`` to any limit, splitting it into graphemes only once."""
    parts: list[str] | None = None

    def shortened(limit: int) -> str:
        nonlocal parts
        if len(text) <= limit:  # never more graphemes than code points
            return text
        if parts is None:
            parts = clusters(text)
        if len(parts) <= limit:
            return text
        if limit < 1:
            return ""
        kept = parts[: limit - 1]
        nearest = len(kept) * (1 - _WORD_CUT_SHARE)
        for index in range(len(kept) - 1, -1, -1):
            if index < nearest:
                break
            if kept[index].isspace():
                kept = kept[:index]
                break
        return "".join(kept).rstrip(_TRAILING) + ELLIPSIS

    return shortened
