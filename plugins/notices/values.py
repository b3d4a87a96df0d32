"""Turn front-matter scalars into typed values; each returns None for what it cannot read."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from . import codelists

YEARS = range(1900, 2201)
"""Years a date may have: every output (calendars, feeds, OCDS) can show them, with room
for a 100-year extension."""


def parse_datetime(value: Any) -> datetime | None:
    """An aware datetime from ISO 8601 text with a UTC offset."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None and parsed.year in YEARS else None


def parse_date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.year in YEARS else None


def parse_amount(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return None
    return Decimal(value)


def cpv_text(value: Any) -> str:
    """A CPV code as written: integers (unquoted codes) become eight-digit text."""
    return f"{value:08d}" if isinstance(value, int) and not isinstance(value, bool) else str(value)


def canonical_cpv(value: Any) -> str | None:
    """The CPV code with its right check digit, or None when the code or its digit is wrong."""
    text = cpv_text(value)
    full = codelists.cpv_by_digits().get(text[:8])
    if full is None or ("-" in text and text != full):
        return None
    return full


def get(data: Any, *path: str | int) -> Any:
    """The value at ``path`` in nested dicts and lists, or None."""
    for part in path:
        if isinstance(part, int) and isinstance(data, list) and -len(data) <= part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data
