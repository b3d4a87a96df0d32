"""A change's deprecated-but-valid OCDS 1.1 ``changes``: each property and its former value.

OCDS 1.1 prefers ``amendsReleaseID``/``releaseID`` (which every amendment has too); the
``changes`` array adds what a reader of one release cannot see, the value before. Only
front-matter fields with a place in a release's ``tender`` and an old value are listed, each
as the property relative to the tender and its former value in the type OCDS gives it.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from plugins.notices.change_text import ValueKind, kind_of
from plugins.notices.model import Change
from plugins.notices.values import parse_date, parse_datetime

from .compact import Json

# Front-matter field → property of the release's tender (see tender.py).
TENDER_PROPERTIES = {
    "deadlines.tender": "tenderPeriod.endDate",
    "deadlines.enquiry": "enquiryPeriod.endDate",
    "value": "value.amount",
    "value.amount": "value.amount",
    "title": "title",
    "contract_period.start": "contractPeriod.startDate",
    "contract_period.end": "contractPeriod.endDate",
    "award_criteria": "awardCriteriaDetails",
}


def former_values(change: Change) -> list[Json]:
    """``[{property, former_value}]`` for the fields of ``change`` a tender holds."""
    return [
        {"property": TENDER_PROPERTIES[touched.field], "former_value": _typed(touched.field, old)}
        for touched in change.touched
        if touched.field in TENDER_PROPERTIES and (old := touched.old) is not None
    ]


def _typed(field: str, written: str) -> str | int | float:
    """A written value as OCDS types it: a number for money, ISO 8601 for moments."""
    kind = kind_of(field)
    if kind is ValueKind.MONEY:
        try:
            amount = Decimal(written)
        except InvalidOperation:
            return written
        if amount.is_finite():
            return int(amount) if amount == amount.to_integral_value() else float(amount)
    if kind is ValueKind.DATETIME:
        moment = parse_datetime(written.replace(" ", "T", 1))
        return moment.isoformat() if moment else written
    if kind is ValueKind.DATE:
        day = parse_date(written)
        return day.isoformat() if day else written
    return written
