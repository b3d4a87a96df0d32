"""Deterministic JSON files: same data, same bytes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any


def json_bytes(data: Any) -> bytes:
    """UTF-8 JSON, keys in the order given, two-space indent, trailing newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def rfc3339(moment: datetime) -> str:
    """``2026-11-20T12:00:00Z``: an aware datetime in UTC."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def item_text(value: Any) -> str:
    """``value`` as json_bytes lays out an item of a top-level list: four spaces in."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return _ITEM_INDENT + text.replace("\n", "\n" + _ITEM_INDENT)


def json_chunks(data: dict[str, Any], key: str, items: Iterable[str | bytes]) -> Iterator[bytes]:
    """``json_bytes(data)`` in pieces, with the list at ``data[key]`` given as ``item_text``s
    (or their UTF-8 bytes, yielded as they are: not copied again).

    For files too big to hold whole: 10,000 notices' open data is hundreds of megabytes as
    Python objects, a few kilobytes at a time this way.
    """
    marker = json.dumps(_PLACE, ensure_ascii=False)
    whole = json.dumps({**data, key: _PLACE}, ensure_ascii=False, indent=2) + "\n"
    head, tail = whole.split(marker)
    yield head.encode("utf-8")
    empty = True
    for text in items:
        yield b"[\n" if empty else b",\n"
        yield text if isinstance(text, bytes) else text.encode("utf-8")
        empty = False
    yield (b"[]" if empty else b"\n  ]") + tail.encode("utf-8")


_ITEM_INDENT = "    "
_PLACE = "\x00the list\x00"
