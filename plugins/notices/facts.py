"""A notice's facts as the public record holds them: one canonical text per front-matter
field, so the published version and an edited one compare field by field.

Every field but the body is a fact, except those that identify the notice (checked on their
own: they never change), its ``changes`` list (which only grows) and what follows from the
others (``updated``, the Find a Tender link it waited for). ``deadlines`` is a fact per
deadline, so a change names ``deadlines.tender``. Values are compared as written but
normalised: a date and time in any offset is the same instant, ``250000`` is ``250000.00``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC
from decimal import Decimal
from typing import Any

from .values import parse_datetime

IDENTITY = ("notice_id", "ocid", "notice_type", "lang")
NOT_FACTS = frozenset({*IDENTITY, "changes", "updated", "find_a_tender"})
SPLIT = frozenset({"deadlines"})  # facts one sub-field at a time

Facts = tuple[tuple[str, str], ...]


def facts_of(data: dict[str, Any]) -> Facts:
    """Each fact of the front matter ``data`` (validated or not) with its canonical text."""
    return tuple(sorted(_facts(data)))


def _facts(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for name, value in data.items():
        if name in NOT_FACTS or value is None:
            continue
        if name in SPLIT and isinstance(value, dict):
            for part, inner in value.items():
                if inner is not None:
                    yield f"{name}.{part}", canonical(inner)
        else:
            yield name, canonical(value)


def canonical(value: Any) -> str:
    """``value`` as compact JSON with instants in UTC and numbers normalised."""
    return json.dumps(_normal(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _normal(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | Decimal | float):
        number = Decimal(str(value)).normalize()
        return format(number, "f")
    if isinstance(value, str):
        text = value.strip()
        instant = parse_datetime(text) if "T" in text else None
        return instant.astimezone(UTC).isoformat() if instant is not None else text
    if isinstance(value, dict):
        return {str(key): _normal(inner) for key, inner in value.items()}
    if isinstance(value, list | tuple):
        return [_normal(inner) for inner in value]
    return str(value)


def shown(text: str, limit: int = 80) -> str:
    """A canonical value as a reader would write it: text plain, the rest as JSON, cut short."""
    value = json.loads(text)
    if isinstance(value, str):
        plain = value
    elif isinstance(value, list) and all(isinstance(item, str) for item in value):
        plain = ", ".join(value)
    else:
        plain = text
    return plain if len(plain) <= limit else plain[: limit - 1] + "…"


def names(touched_field: str, fact: str) -> bool:
    """Whether a change entry naming ``touched_field`` covers ``fact``: the same field, or one
    containing the other (``deadlines`` covers ``deadlines.tender``, ``lots.2.value`` covers
    ``lots``)."""
    return (
        touched_field == fact
        or touched_field.startswith(fact + ".")
        or fact.startswith(touched_field + ".")
    )
