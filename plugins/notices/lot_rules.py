"""A lot says only what its notice may say: its places and suitability follow the notice type.

A lot's ``regions``, ``places`` and ``suitability`` are the notice's fields for one lot, so a
notice type without them (suitability is for UK2 to UK4; a UK10 change has no places) has
them in no lot either. Their codes are checked where the notice's are (``codelist_rules``).
"""

from __future__ import annotations

from collections.abc import Iterator

from .model import NoticeType
from .problems import Problem
from .requirements import allowed_fields
from .source import NoticeSource
from .values import get

# A lot's fields that are the notice's own for one lot (award_criteria is any type's).
NOTICE_FIELDS_OF_A_LOT = ("regions", "places", "suitability")


def lot_fields(source: NoticeSource) -> Iterator[Problem]:
    """Each lot's places and suitability only where the notice type has them."""
    try:
        notice_type = NoticeType(source.data.get("notice_type", ""))
    except (ValueError, TypeError):
        return
    allowed = allowed_fields(notice_type)
    lots = source.data.get("lots")
    for index, lot in enumerate(lots if isinstance(lots, list) else []):
        for name in NOTICE_FIELDS_OF_A_LOT:
            if isinstance(lot, dict) and name in lot and name not in allowed:
                yield source.problem(
                    ("lots", index, name),
                    f"lot '{get(lot, 'id')}' gives '{name}',"
                    f" which a {notice_type} notice does not have",
                    f"remove it: a lot's {name} belongs in {_types_with(name)}",
                )


def _types_with(name: str) -> str:
    """The notice types that have field ``name``, e.g. ``a UK2, UK3 or UK4 notice``."""
    types = [str(kind) for kind in NoticeType if name in allowed_fields(kind)]
    listed = ", ".join(types[:-1]) + f" or {types[-1]}" if len(types) > 1 else types[0]
    return f"a {listed} notice"
