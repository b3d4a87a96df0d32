"""OCDS objects as plain dicts, without the values OCDS leaves out."""

from __future__ import annotations

from typing import Any

Json = dict[str, Any]


def compact(values: Json) -> Json:
    """Drop absent values: OCDS leaves out what it does not know."""
    return {key: value for key, value in values.items() if value not in (None, [], {}, "")}
