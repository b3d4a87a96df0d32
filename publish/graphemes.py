"""Counting and shortening text by user-perceived characters (extended grapheme clusters).

Bluesky limits a post to 300 graphemes and Mastodon counts graphemes too, so a flag emoji,
a skin-toned thumb or a Welsh ŵ typed as w + combining circumflex is one character here.
"""

from __future__ import annotations

import regex

ELLIPSIS = "…"
_CLUSTER = regex.compile(r"\X")
_TRAILING = " \t\n,;:.\u2013\u2014-(/"  # and en and em dashes
# Cut back to a word boundary only when that loses less than this share of the text.
_WORD_CUT_SHARE = 0.4


def clusters(text: str) -> list[str]:
    """The grapheme clusters of ``text``, in order."""
    return _CLUSTER.findall(text)


def count(text: str) -> int:
    """How many graphemes ``text`` has."""
    return len(clusters(text))


def shorten(text: str, limit: int) -> str:
    """``text`` if it has at most ``limit`` graphemes, else a prefix ending in an ellipsis.

    The prefix ends at a word boundary when one is near, never inside a grapheme, and the
    result never has more than ``limit`` graphemes.
    """
    parts = clusters(text)
    if len(parts) <= limit:
        return text
    if limit < 1:
        return ""
    kept = parts[: limit - 1]
    spaces = [i for i, part in enumerate(kept) if part.isspace()]
    if spaces and spaces[-1] >= len(kept) * (1 - _WORD_CUT_SHARE):
        kept = kept[: spaces[-1]]
    return "".join(kept).rstrip(_TRAILING) + ELLIPSIS
