"""What readers see of dates, times, money, statuses and code lists: one place for every output.

One function per kind of text, each taking the reader's language (``lang``); dates and times
also take the site's time zone (``NOTICES_TIMEZONE``), never a fixed one. English is the
source text: every phrase is a gettext message id, so a catalogue at
``locale/<lang>/LC_MESSAGES/noticeboard.mo`` translates it without a change here. Until a
language has a catalogue its readers see English.
"""

from __future__ import annotations

import gettext
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from .codelists import cpv_by_digits, cpv_labels, regions
from .codes import Category, DeadlineKind, NoticeGroup, NoticeType, Procedure
from .derive import Status, ValueBand
from .model import Money

DOMAIN = "noticeboard"
LOCALE_DIR = Path(__file__).with_name("locale")
DEFAULT_LANG = "en"
DEFAULT_TIMEZONE = "Europe/London"
CURRENCY_SYMBOLS = {"GBP": "£"}
# Spelled out rather than strftime's %A and %B, which follow the build machine's locale.
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# fmt: off
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
# fmt: on
NOTICE_TYPES = {
    NoticeType.UK1: "Pipeline notice",
    NoticeType.UK2: "Preliminary market engagement notice",
    NoticeType.UK3: "Planned procurement notice",
    NoticeType.UK4: "Tender notice",
    NoticeType.UK5: "Transparency notice",
    NoticeType.UK6: "Contract award notice",
    NoticeType.UK7: "Contract details notice",
    NoticeType.UK10: "Contract change notice",
    NoticeType.UK11: "Contract termination notice",
    NoticeType.UK12: "Procurement termination notice",
}
NOTICE_GROUPS = {
    NoticeGroup.PIPELINE: "Pipeline and planned procurements (UK1 to UK3)",
    NoticeGroup.TENDER: "Tender notices (UK4)",
    NoticeGroup.AWARD: "Awards and contract details (UK5 to UK7)",
    NoticeGroup.CONTRACT_CHANGE: "Contract changes and terminations (UK10, UK11)",
    NoticeGroup.CANCELLATION: "Cancelled procurements (UK12)",
}
# The headings of the facets notices are filed under (plugins/notices/facets.py).
FACET_HEADINGS = {
    "type": "Notice type",
    "status": "Status",
    "cpv": "Type of work (CPV division)",
    "region": "Region",
    "buyer": "Buyer",
    "value": "Value",
}
DEADLINES = {
    DeadlineKind.TENDER: "Tender deadline",
    DeadlineKind.ENQUIRY: "Clarification questions by",
    DeadlineKind.EXPRESSION_OF_INTEREST: "Expressions of interest by",
    DeadlineKind.ENGAGEMENT: "Market engagement closes",
}
STATUSES = {
    Status.PLANNED: "Planned",
    Status.OPEN: "Open",
    Status.CLOSED: "Closed",
    Status.AWARDED: "Awarded",
    Status.CANCELLED: "Cancelled",
}
VALUE_BANDS = {
    ValueBand.UNDER_30K: "Under £30,000",
    ValueBand.FROM_30K_TO_100K: "£30,000 to £100,000",
    ValueBand.FROM_100K_TO_500K: "£100,000 to £500,000",
    ValueBand.FROM_500K_TO_2M: "£500,000 to £2 million",
    ValueBand.FROM_2M_TO_10M: "£2 million to £10 million",
    ValueBand.OVER_10M: "Over £10 million",
    ValueBand.UNKNOWN: "Value not given",
}
PROCEDURES = {
    Procedure.OPEN: "Open",
    Procedure.COMPETITIVE_FLEXIBLE: "Competitive flexible",
    Procedure.BELOW_THRESHOLD_OPEN: "Below threshold open",
    Procedure.DIRECT_AWARD: "Direct award",
    Procedure.FRAMEWORK_CALL_OFF: "Framework call off",
    Procedure.DYNAMIC_MARKET: "Dynamic market",
    Procedure.OTHER: "Other",
}
CATEGORIES = {Category.GOODS: "Goods", Category.SERVICES: "Services", Category.WORKS: "Works"}
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
# What a change entry's front-matter fields are called (plugins/notices/change_text.py),
# beyond the deadlines (DEADLINES); a lot's fields are these and "(lot {lot})".
FIELD_LABELS = {
    "title": "Title",
    "summary": "Summary",
    "value": "Estimated value",
    "value.amount": "Estimated value",
    "value.amount_gross": "Estimated value including VAT",
    "contract_period": "Contract period",
    "contract_period.start": "Contract start",
    "contract_period.end": "Contract end",
    "contract_period.extension_months": "Extension (months)",
    "future_notice_date": "Tender notice expected",
    "cpv": "CPV codes",
    "regions": "Regions",
    "lots": "Lots",
    "documents": "Documents",
    "procedure": "Procedure",
    "category": "Contract type",
    "submission": "How to respond",
    "award_criteria": "Award criteria",
    "suitability": "Particularly suitable for",
}
# Each language's name for itself, for links to translations: never translated.
LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue of ``lang``; English text when it has none."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def text(message: str, lang: str) -> str:
    """``message`` (English, the message id) in ``lang``."""
    return translations(lang).gettext(message)


def titled(title: str, site_name: str, lang: str) -> str:
    """A feed's or calendar's title with the council's site first, as readers list them:
    ``Afonwy County Council contracts \N{EN DASH} Open opportunities``."""
    if not site_name:
        return title
    return text("{site} \N{EN DASH} {title}", lang).format(site=site_name, title=title)


def local_time(moment: datetime, zone: str) -> datetime:
    """The same instant in the site's time zone; refuses naive datetimes, which have none."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment.isoformat()} has no time zone")
    return moment.astimezone(ZoneInfo(zone))


def date_text(day: date, *, zone: str, lang: str) -> str:
    """``4 December 2026``; a datetime is first converted to the site's time zone."""
    if isinstance(day, datetime):
        day = local_time(day, zone).date()
    return f"{day.day} {text(MONTHS[day.month - 1], lang)} {day.year}"


def datetime_text(moment: datetime, *, zone: str, lang: str) -> str:
    """``Friday 4 December 2026, 12:00pm (GMT)``: the site's local time, GOV.UK style."""
    local = local_time(moment, zone)
    hour = local.hour % 12 or 12
    meridiem = text("am" if local.hour < 12 else "pm", lang)
    clock = f"{hour}:{local.minute:02d}{meridiem} ({local.tzname()})"
    weekday = text(WEEKDAYS[local.weekday()], lang)
    return f"{weekday} {date_text(local, zone=zone, lang=lang)}, {clock}"


def amount_text(amount: Decimal, currency: str, lang: str) -> str:
    """``£18,000,000``, ``£1,234.50`` or ``EUR 2,500``: pence only when there are some."""
    places = ",.0f" if amount == amount.to_integral_value() else ",.2f"
    number = format(amount, places)
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{number}" if symbol else f"{currency} {number}"


def money_text(money: Money, lang: str) -> str:
    """``£18,000,000 excluding VAT (£21,600,000 including VAT)``."""
    net = amount_text(money.amount, money.currency, lang)
    if money.amount_gross is None:
        return text("{net} excluding VAT", lang).format(net=net)
    gross = amount_text(money.amount_gross, money.currency, lang)
    return text("{net} excluding VAT ({gross} including VAT)", lang).format(net=net, gross=gross)


def status_label(status: Status, lang: str) -> str:
    return text(STATUSES[status], lang)


def notice_type_label(notice_type: NoticeType, lang: str) -> str:
    return text(NOTICE_TYPES[notice_type], lang)


def notice_group_label(group: NoticeGroup, lang: str) -> str:
    """``Tender notices (UK4)``: a group of notice types that suppliers follow together."""
    return text(NOTICE_GROUPS[group], lang)


def facet_heading(key: str, lang: str) -> str:
    """The heading of a facet (``cpv`` → ``Type of work (CPV division)``), or "" if unknown."""
    return text(FACET_HEADINGS[key], lang) if key in FACET_HEADINGS else ""


def deadline_label(kind: DeadlineKind, lang: str) -> str:
    """``Tender deadline``, ``Clarification questions by``..."""
    return text(DEADLINES[kind], lang)


def value_band_label(band: ValueBand, lang: str) -> str:
    return text(VALUE_BANDS[band], lang)


def procedure_label(procedure: Procedure, lang: str) -> str:
    return text(PROCEDURES[procedure], lang)


def category_label(category: Category, lang: str) -> str:
    """The contract type: goods, services or works."""
    return text(CATEGORIES[category], lang)


def submission_method_label(code: str, lang: str) -> str:
    """Label of an OCDS submission method code, or the code itself if unknown."""
    return text(SUBMISSION_METHODS[code], lang) if code in SUBMISSION_METHODS else code


def document_format_label(media_type: str, lang: str) -> str:
    """A reader's name for a document's media type (``application/pdf`` → ``PDF``)."""
    name = DOCUMENT_FORMATS.get(media_type.lower())
    return text(name, lang) if name else media_type


def cpv_division_label(division: str, lang: str) -> str:
    """The label of a CPV division's own code (``45`` → ``Construction work``)."""
    code = cpv_by_digits().get(f"{division}000000")
    return (
        cpv_labels()[code] if code else text("Division {division}", lang).format(division=division)
    )


def region_name(code: str, lang: str) -> str:
    """The name of an ITL region (``TLL`` → ``Wales``)."""
    return regions()[code].name


def language_name(code: str) -> str:
    """A language's name for itself (``cy`` → ``Cymraeg``), or the code if unknown."""
    return LANGUAGE_NAMES.get(code, code)


DEADLINE_KINDS = frozenset(kind.value for kind in DeadlineKind)


def field_label(field: str, lang: str) -> str:
    """What a changed front-matter field is called: ``deadlines.tender`` → ``Tender deadline``,
    ``lots.3.value.amount`` → ``Estimated value (lot 3)``; an unknown field is shown as named."""
    parts = field.split(".")
    if parts[0] == "deadlines" and len(parts) == 2 and parts[1] in DEADLINE_KINDS:
        return deadline_label(DeadlineKind(parts[1]), lang)
    if parts[0] == "lots" and len(parts) > 1:
        rest = ".".join(parts[2:])
        if not rest:
            return text("Lot {lot}", lang).format(lot=parts[1])
        return text("{field} (lot {lot})", lang).format(field=field_label(rest, lang), lot=parts[1])
    label = FIELD_LABELS.get(field)
    return text(label, lang) if label else field


def change_line(label: str, old: str | None, new: str | None, lang: str) -> str:
    """``Tender deadline: <old> → <new>``, one changed field; values already formatted."""
    if old is not None and new is not None:
        return text("{label}: {old} → {new}", lang).format(label=label, old=old, new=new)
    if new is not None:
        return text("{label}: now {new}", lang).format(label=label, new=new)
    if old is not None:
        return text("{label}: {old} → removed", lang).format(label=label, old=old)
    return text("{label} changed", lang).format(label=label)


def was_text(old: str, lang: str) -> str:
    """``(was 20 January 2027)``: a changed fact's value before its latest change."""
    return text("(was {old})", lang).format(old=old)


def change_kind_label(formal: bool, correction: bool, lang: str) -> str:
    """``Correction``, ``Formal change`` or ``Change``: what kind of entry a change is."""
    if correction:
        return text("Correction", lang)
    return text("Formal change" if formal else "Change", lang)


def changed_on_text(day: str, reason: str, correction: bool, lang: str) -> str:
    """``Changed on 24 November 2026: <reason>`` (``Corrected on`` for a correction)."""
    message = "Corrected on {date}: {reason}" if correction else "Changed on {date}: {reason}"
    return text(message, lang).format(date=day, reason=reason)
