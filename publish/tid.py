"""The Bluesky record key of an announcement: a TID derived from its id alone.

Because the key depends only on the announcement's id, any run, from any clone, with or
without a ledger, writes an announcement to the same key; ``putRecord`` with
``swapRecord: null`` then creates it at most once. A TID is 64 bits: a zero bit, 53 bits
of microseconds since 1970 and a 10-bit clock id, written in base32-sortable. The PDS
checks only the syntax, so the time part is taken from a hash too: within a fixed window
starting 2023-01-01, which keeps every key a plausible, valid TID. Two announcements share a
key only if 55 bits of SHA-256 collide.
"""

from __future__ import annotations

import hashlib

ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
_EPOCH_2023_US = 1_672_531_200_000_000
_WINDOW_BITS = 45  # about 407 days of microseconds


def tid_for(announcement_id: str) -> str:
    """The record key of ``announcement_id``'s post."""
    digest = int.from_bytes(hashlib.sha256(f"noticeboard:{announcement_id}".encode()).digest())
    micros = _EPOCH_2023_US + (digest >> 10) % (1 << _WINDOW_BITS)
    return encode(micros, digest & 0x3FF)


def encode(micros: int, clock_id: int) -> str:
    """The 13-character TID of a microsecond timestamp and a clock id."""
    value = (micros << 10) | clock_id
    return "".join(ALPHABET[(value >> shift) & 31] for shift in range(60, -1, -5))
