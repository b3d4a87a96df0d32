"""Jinja filters for the theme: dates in UK time, money with VAT, code-list labels.

Pure functions with no Pelican import, so the theme's wording is tested on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from .derive import closing_deadline, main_value
from .model import Money

LONDON = ZoneInfo("Europe/London")
CURRENCY_SYMBOLS = {"GBP": "£"}
# OCDS 1.1.5 submissionMethod code list.
SUBMISSION_METHODS = {
    "electronicSubmission": "Electronic submission",
    "electronicAuction": "Electronic auction",
    "written": "In writing",
    "inPerson": "In person",
}
# Short names for the media types of common documents.
DOCUMENT_FORMATS = {
    "application/pdf": "PDF",
    "application/msword": "Word",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/vnd.ms-excel": "Excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
    "application/vnd.oasis.opendocument.text": "OpenDocument text",
    "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument spreadsheet",
    "application/zip": "ZIP",
    "text/csv": "CSV",
}
# Each language's name for itself, for links to translations.
LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}
# Spelled out rather than strftime's %A and %B, which follow the build machine's locale.
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# fmt: off
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
# fmt: on


def london_time(moment: datetime) -> datetime:
    """The same instant in UK local time; refuses naive datetimes, which have no instant."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment.isoformat()} has no time zone")
    return moment.astimezone(LONDON)


def format_datetime(moment: datetime) -> str:
    """``Friday 4 December 2026, 12:00pm (GMT)``: UK local time, GOV.UK style."""
    local = london_time(moment)
    hour = local.hour % 12 or 12
    meridiem = "am" if local.hour < 12 else "pm"
    clock = f"{hour}:{local.minute:02d}{meridiem} ({local.tzname()})"
    return f"{WEEKDAYS[local.weekday()]} {format_date(local)}, {clock}"


def format_date(day: date) -> str:
    """``4 December 2026``; a datetime is first converted to UK local time."""
    if isinstance(day, datetime):
        day = london_time(day).date()
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_amount(amount: Decimal, currency: str) -> str:
    """``£18,000,000``, ``£1,234.50`` or ``EUR 2,500``: pence only when there are some."""
    places = ",.0f" if amount == amount.to_integral_value() else ",.2f"
    number = format(amount, places)
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{number}" if symbol else f"{currency} {number}"


def format_money(money: Money) -> str:
    """``£18,000,000 excluding VAT (£21,600,000 including VAT)``."""
    text = f"{format_amount(money.amount, money.currency)} excluding VAT"
    if money.amount_gross is not None:
        text += f" ({format_amount(money.amount_gross, money.currency)} including VAT)"
    return text


def submission_method(code: str) -> str:
    """Label of an OCDS submission method code, or the code itself if unknown."""
    return SUBMISSION_METHODS.get(code, code)


def document_format(media_type: str) -> str:
    """A reader's name for a document's media type (``application/pdf`` → ``PDF``)."""
    return DOCUMENT_FORMATS.get(media_type.lower(), media_type)


def language_name(code: str) -> str:
    """A language's name for itself (``cy`` → ``Cymraeg``), or the code if unknown."""
    return LANGUAGE_NAMES.get(code, code)


JINJA_FILTERS: dict[str, Callable[..., Any]] = {
    "format_datetime": format_datetime,
    "format_date": format_date,
    "format_money": format_money,
    "closing_deadline": closing_deadline,
    "main_value": main_value,
    "submission_method": submission_method,
    "document_format": document_format,
    "language_name": language_name,
}
