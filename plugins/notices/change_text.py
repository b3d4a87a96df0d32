"""What readers see of a change: each touched field's name and its old and new values.

A change entry writes its values as the front matter does (``2026-12-11T12:00:00+00:00``,
``6450000``, ``2027-04-01``); each is read by its field's kind (a date and time for a
deadline, a date for a ``*_date`` or a contract period's ends, money for a value, else
text) and shown through ``formatting.py``, so the page, feeds, calendars, OCDS and posts
all say the same. A value that does not read as its kind is shown as written.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from .formatting import amount_text, change_line, date_text, datetime_text, field_label, was_text
from .model import Change, FieldChange, Notice
from .values import parse_date, parse_datetime


class ValueKind(StrEnum):
    DATETIME = "datetime"
    DATE = "date"
    MONEY = "money"
    TEXT = "text"


DATETIME_FIELDS = frozenset({"standstill_end"})
DATE_FIELDS = frozenset({"start", "end", "date", "date_signed", "new_end_date"})
MONEY_FIELDS = frozenset({"value", "amount", "amount_gross", "new_value"})


def kind_of(field: str) -> ValueKind:
    """How a field's written value reads: ``deadlines.tender`` is a date and time."""
    parts = field.split(".")
    last = parts[-1]
    if parts[0] == "deadlines" or last in DATETIME_FIELDS:
        return ValueKind.DATETIME
    if last.endswith("_date") or last in DATE_FIELDS:
        return ValueKind.DATE
    if last in MONEY_FIELDS:
        return ValueKind.MONEY
    return ValueKind.TEXT


def value_text(field: str, written: str, *, zone: str, lang: str, currency: str = "GBP") -> str:
    """``written`` (a value as the change entry gives it) as readers see values of ``field``."""
    shown = _READERS[kind_of(field)](written.strip(), zone, lang, currency)
    return written if shown is None else shown


def field_line(touched: FieldChange, *, zone: str, lang: str, currency: str = "GBP") -> str:
    """``Tender deadline: Friday 11 December 2026, 12:00pm (GMT) → Friday 18 …``."""

    def shown(written: str | None) -> str | None:
        if written is None:
            return None
        return value_text(touched.field, written, zone=zone, lang=lang, currency=currency)

    label = field_label(touched.field, lang)
    return change_line(label, shown(touched.old), shown(touched.new), lang)


def change_lines(change: Change, notice: Notice, *, zone: str, lang: str) -> tuple[str, ...]:
    """One line per field the change touched, in the entry's order."""
    currency = notice_currency(notice)
    return tuple(
        field_line(touched, zone=zone, lang=lang, currency=currency) for touched in change.touched
    )


def previous_value(notice: Notice, field: str) -> FieldChange | None:
    """The latest change to exactly ``field`` that gives its old value, if any."""
    for change in reversed(notice.changes):
        for touched in change.touched:
            if touched.field == field and touched.old is not None:
                return touched
    return None


def was(notice: Notice, fields: tuple[str, ...], *, zone: str, lang: str) -> str | None:
    """``(was 20 January 2027)`` for the first of ``fields`` a change gave an old value for."""
    for field in fields:
        touched = previous_value(notice, field)
        if touched is not None and touched.old is not None:
            old = value_text(
                field, touched.old, zone=zone, lang=lang, currency=notice_currency(notice)
            )
            return was_text(old, lang)
    return None


def notice_currency(notice: Notice) -> str:
    return notice.value.currency if notice.value is not None else "GBP"


def _datetime(written: str, zone: str, lang: str, currency: str) -> str | None:
    moment = parse_datetime(written.replace(" ", "T", 1))
    return None if moment is None else datetime_text(moment, zone=zone, lang=lang)


def _date(written: str, zone: str, lang: str, currency: str) -> str | None:
    day: date | None = parse_date(written)
    if day is None and (moment := parse_datetime(written.replace(" ", "T", 1))) is not None:
        day = moment
    return None if day is None else date_text(day, zone=zone, lang=lang)


def _money(written: str, zone: str, lang: str, currency: str) -> str | None:
    try:
        amount = Decimal(written.replace(",", "").lstrip("£"))
    except InvalidOperation:
        return None
    return amount_text(amount, currency, lang) if amount.is_finite() else None


def _text(written: str, zone: str, lang: str, currency: str) -> str | None:
    return None


_READERS: dict[ValueKind, Callable[[str, str, str, str], str | None]] = {
    ValueKind.DATETIME: _datetime,
    ValueKind.DATE: _date,
    ValueKind.MONEY: _money,
    ValueKind.TEXT: _text,
}
