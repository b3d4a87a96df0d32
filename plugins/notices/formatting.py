"""What readers see of dates, times, money, statuses and code lists: one place for every output.

One function per kind of text, each taking the reader's language (``lang``); dates and times
also take the site's time zone (``NOTICES_TIMEZONE``), never a fixed one. English is the
source text: every phrase is a gettext message id (marked ``N_`` or ``C_`` in the tables
below, ``text`` and ``plural`` where used), translated by the catalogue
``locale/<lang>/LC_MESSAGES/messages.po`` (read by ``plugins/contract/words.py``). Dates, times,
numbers and money follow the reader's locale with Babel (``en_GB`` for English). A language
without a catalogue reads English, dates and all.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time
from babel.numbers import format_currency, format_decimal, get_currency_symbol

from plugins.contract.words import languages, translator

from .codelists import regions
from .codes import (
    Category,
    DeadlineKind,
    KpiRating,
    LegalBasis,
    NoticeGroup,
    NoticeType,
    PlaceKind,
    Procedure,
)
from .derive import Status, ValueBand
from .model import ContractDuration, Duration, Money, Notice, Place
from .translation import CPV, REGION, cpv_division_name

DEFAULT_LANG = "en"
DEFAULT_TIMEZONE = "Europe/London"
# The Babel locale of a reader's language, where it is not the language itself.
LOCALES = {"en": "en_GB"}
# CLDR patterns: GOV.UK's "12:00pm" in English; Welsh pages use the 24-hour clock, as CLDR's
# Welsh 12-hour marks ("yb", "yh") read oddly at noon.
DATE_PATTERN = "d MMMM y"
WEEKDAY_PATTERN = "EEEE"
TIME_PATTERNS = {"en": "h:mma"}
TIME_PATTERN = "HH:mm"
CACHED = 4096


def N_(message: str) -> str:
    """Marks ``message`` for the catalogue where it is defined; ``text`` translates it."""
    return message


def C_(context: str, message: str) -> str:
    """Marks ``message`` for the catalogue in ``context``, for an English word with two
    meanings (an *open* procedure is *agored*, an *open* notice *ar agor*)."""
    return message


NOTICE_TYPES = {
    NoticeType.UK1: N_("Pipeline notice"),
    NoticeType.UK2: N_("Preliminary market engagement notice"),
    NoticeType.UK3: N_("Planned procurement notice"),
    NoticeType.UK4: N_("Tender notice"),
    NoticeType.UK5: N_("Transparency notice"),
    NoticeType.UK6: N_("Contract award notice"),
    NoticeType.UK7: N_("Contract details notice"),
    NoticeType.UK9: N_("Contract performance notice"),
    NoticeType.UK10: N_("Contract change notice"),
    NoticeType.UK11: N_("Contract termination notice"),
    NoticeType.UK12: N_("Procurement termination notice"),
    NoticeType.UK13: N_("Dynamic market intention notice"),
    NoticeType.UK14: N_("Dynamic market establishment notice"),
    NoticeType.UK15: N_("Dynamic market modification notice"),
    NoticeType.UK16: N_("Dynamic market cessation notice"),
}
NOTICE_GROUPS = {
    NoticeGroup.PIPELINE: N_("Pipeline and planned procurements (UK1 to UK3)"),
    NoticeGroup.TENDER: N_("Tender notices (UK4)"),
    NoticeGroup.AWARD: N_("Awards and contract details (UK5 to UK7)"),
    NoticeGroup.CONTRACT_CHANGE: N_("Contract changes and terminations (UK10, UK11)"),
    NoticeGroup.CANCELLATION: N_("Cancelled procurements (UK12)"),
    NoticeGroup.PERFORMANCE: N_("Contract performance (UK9)"),
    NoticeGroup.DYNAMIC_MARKET: N_("Dynamic markets (UK13 to UK16)"),
}
# How a key performance indicator was met (a contract performance notice, UK9).
KPI_RATINGS = {
    KpiRating.GOOD: N_("Good"),
    KpiRating.APPROACHING_TARGET: N_("Approaching target"),
    KpiRating.REQUIRES_IMPROVEMENT: N_("Requires improvement"),
    KpiRating.INADEQUATE: N_("Inadequate"),
    KpiRating.OTHER: N_("Other"),
}
# The headings of the facets notices are filed under (plugins/notices/facets.py).
FACET_HEADINGS = {
    "type": N_("Notice type"),
    "status": N_("Status"),
    "cpv": N_("Type of work (CPV division)"),
    "region": N_("Region"),
    "buyer": N_("Buyer"),
    "value": N_("Value"),
}
DEADLINES = {
    DeadlineKind.TENDER: N_("Tender deadline"),
    DeadlineKind.ENQUIRY: N_("Clarification questions by"),
    DeadlineKind.EXPRESSION_OF_INTEREST: N_("Expressions of interest by"),
    DeadlineKind.ENGAGEMENT: N_("Market engagement closes"),
}
STATUSES = {
    Status.PLANNED: N_("Planned"),
    Status.OPEN: N_("Open"),
    Status.CLOSED: N_("Closed"),
    Status.AWARDED: N_("Awarded"),
    Status.CANCELLED: N_("Cancelled"),
}
VALUE_BANDS = {
    ValueBand.UNDER_30K: N_("Under £30,000"),
    ValueBand.FROM_30K_TO_100K: N_("£30,000 to £100,000"),
    ValueBand.FROM_100K_TO_500K: N_("£100,000 to £500,000"),
    ValueBand.FROM_500K_TO_2M: N_("£500,000 to £2 million"),
    ValueBand.FROM_2M_TO_10M: N_("£2 million to £10 million"),
    ValueBand.OVER_10M: N_("Over £10 million"),
    ValueBand.UNKNOWN: N_("Value not given"),
}
PROCEDURES = {
    Procedure.OPEN: C_("procedure", "Open"),
    Procedure.COMPETITIVE_FLEXIBLE: C_("procedure", "Competitive flexible"),
    Procedure.BELOW_THRESHOLD_OPEN: C_("procedure", "Below threshold open"),
    Procedure.DIRECT_AWARD: C_("procedure", "Direct award"),
    Procedure.FRAMEWORK_CALL_OFF: C_("procedure", "Framework call off"),
    Procedure.DYNAMIC_MARKET: C_("procedure", "Dynamic market"),
    Procedure.RESTRICTED: C_("procedure", "Restricted"),
    Procedure.COMPETITIVE_DIALOGUE: C_("procedure", "Competitive dialogue"),
    Procedure.COMPETITIVE_WITH_NEGOTIATION: C_("procedure", "Competitive with negotiation"),
    Procedure.INNOVATION_PARTNERSHIP: C_("procedure", "Innovation partnership"),
    Procedure.OTHER: C_("procedure", "Other"),
}
CATEGORIES = {
    Category.GOODS: N_("Goods"),
    Category.SERVICES: N_("Services"),
    Category.WORKS: N_("Works"),
}
# OCDS 1.1.5 submissionMethod code list.
SUBMISSION_METHODS = {
    "electronicSubmission": N_("Electronic submission"),
    "electronicAuction": N_("Electronic auction"),
    "written": N_("In writing"),
    "inPerson": N_("In person"),
}
# Short names for the media types of common documents.
DOCUMENT_FORMATS = {
    "application/pdf": N_("PDF"),
    "application/msword": N_("Word"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": N_("Word"),
    "application/vnd.ms-excel": N_("Excel"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": N_("Excel"),
    "application/vnd.oasis.opendocument.text": N_("OpenDocument text"),
    "application/vnd.oasis.opendocument.spreadsheet": N_("OpenDocument spreadsheet"),
    "application/zip": N_("ZIP"),
    "text/csv": N_("CSV"),
}
# What a change entry's front-matter fields are called (plugins/notices/change_text.py),
# beyond the deadlines (DEADLINES); a lot's fields are these and "(lot {lot})".
FIELD_LABELS = {
    "title": N_("Title"),
    "summary": N_("Summary"),
    "value": N_("Estimated value"),
    "value.amount": N_("Estimated value"),
    "value.amount_gross": N_("Estimated value including VAT"),
    "contract_period": N_("Contract period"),
    "contract_period.start": N_("Contract start"),
    "contract_period.end": N_("Contract end"),
    "contract_period.extension_months": N_("Extension (months)"),
    "contract_period.duration": N_("Contract length"),
    "contract_period.extensions": N_("Options to extend"),
    "reference": N_("Buyer's reference"),
    "places": N_("Places"),
    "future_notice_date": N_("Tender notice expected"),
    "cpv": N_("CPV codes"),
    "regions": N_("Regions"),
    "lots": N_("Lots"),
    "documents": N_("Documents"),
    "procedure": N_("Procedure"),
    "category": N_("Contract type"),
    "submission": N_("How to respond"),
    "award_criteria": N_("Award criteria"),
    "suitability": N_("Particularly suitable for"),
}
# Each language's name for itself, for links to translations: never translated.
LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}


def text(message: str, lang: str) -> str:
    """``message`` (English, the message id) in ``lang``."""
    return translator(lang).gettext(message)


def plural(singular: str, several: str, count: int, lang: str) -> str:
    """The form of a message for ``count`` things in ``lang`` (Welsh has six), filled in with
    ``count`` written in the reader's locale: ``plural("{count} month", "{count} months", 2, lang)``.
    """
    chosen = translator(lang).ngettext(singular, several, count)
    return chosen.format(count=number_text(count, lang))


@cache
def locale(lang: str) -> Locale:
    """The Babel locale of a reader's language: British English for a language without a
    catalogue (or unknown to Babel), so no page mixes English words with other dates."""
    code = lang.replace("-", "_")
    if code.split("_")[0] not in languages():
        code = DEFAULT_LANG
    try:
        return Locale.parse(LOCALES.get(code, code))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(LOCALES[DEFAULT_LANG])


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
    """``4 December 2026``, ``4 Rhagfyr 2026``; a datetime is first converted to the site's
    time zone."""
    if isinstance(day, datetime):
        day = local_time(day, zone).date()
    return _date_text(day, lang)


def datetime_text(moment: datetime, *, zone: str, lang: str) -> str:
    """``Friday 4 December 2026, 12:00pm (GMT)``, ``Dydd Gwener 4 Rhagfyr 2026, 12:00 (GMT)``:
    the site's local time, GOV.UK style, with the zone's abbreviation (tz data's, as CLDR has
    none for British Summer Time in Welsh)."""
    return _datetime_text(moment, zone, lang)


def amount_text(amount: Decimal, currency: str, lang: str) -> str:
    """``£18,000,000``, ``£1,234.50``, ``€2,500`` or ``CHF 2,500``: pence only when there are
    some; a currency the locale has no symbol for is written by its code."""
    return _amount_text(amount, currency, lang)


# A build writes the same deadline and value into every output, and Babel takes a tenth of a
# millisecond for each (an f-string took a hundredth), so each text is made once.
@lru_cache(maxsize=CACHED)
def _date_text(day: date, lang: str) -> str:
    return format_date(day, DATE_PATTERN, locale=locale(lang))


@lru_cache(maxsize=CACHED)
def _datetime_text(moment: datetime, zone: str, lang: str) -> str:
    local = local_time(moment, zone)
    words = locale(lang)
    weekday = format_date(local, WEEKDAY_PATTERN, locale=words)
    clock = format_time(local, TIME_PATTERNS.get(words.language, TIME_PATTERN), locale=words)
    return text("{weekday} {date}, {time} ({zone})", lang).format(
        weekday=weekday,
        date=_date_text(local.date(), lang),
        time=clock,
        zone=local.tzname(),
    )


@lru_cache(maxsize=CACHED)
def _amount_text(amount: Decimal, currency: str, lang: str) -> str:
    words = locale(lang)
    number = "#,##0" if amount == amount.to_integral_value() else "#,##0.00"
    spaced = get_currency_symbol(currency, words) == currency
    pattern = f"¤ {number}" if spaced else f"¤{number}"
    return format_currency(amount, currency, pattern, locale=words, currency_digits=False)


def number_text(number: int | Decimal, lang: str) -> str:
    """``1,234``: a number as the reader's locale writes it."""
    return format_decimal(number, locale=locale(lang))


def months_text(count: int, lang: str) -> str:
    """``1 month``, ``12 months``; ``12 mis``, ``2 fis`` in Welsh."""
    return plural("{count} month", "{count} months", count, lang)


def money_text(money: Money, lang: str) -> str:
    """``£18,000,000 excluding VAT (£21,600,000 including VAT)``; a range with an en dash
    between its lowest and highest amounts."""
    net = amount_text(money.amount, money.currency, lang)
    if money.minimum is not None:
        # An en dash joins a range in English and in Welsh alike: no word to translate.
        net = f"{amount_text(money.minimum, money.currency, lang)} \N{EN DASH} {net}"
    if money.amount_gross is None:
        return text("{net} excluding VAT", lang).format(net=net)
    gross = amount_text(money.amount_gross, money.currency, lang)
    return text("{net} excluding VAT ({gross} including VAT)", lang).format(net=net, gross=gross)


# The rules a notice is under, named as readers know them.
LEGAL_BASES = {
    LegalBasis.PA2023: N_("Procurement Act 2023"),
    LegalBasis.PCR2015: N_("Public Contracts Regulations 2015"),
    LegalBasis.PCSR2015: N_("Public Contracts (Scotland) Regulations 2015"),
    LegalBasis.NONE: N_("Outside the procurement regulations"),
}
AREA_NAMES = {
    "UK": N_("the whole United Kingdom"),
    "England": N_("England"),
    "Wales": N_("Wales"),
    "Scotland": N_("Scotland"),
    "Northern Ireland": N_("Northern Ireland"),
}


# What the 2015 regulations called each kind of notice (their standard forms); a type they
# had no notice for keeps the Act's name.
EARLIER_NOTICE_TYPES = {
    NoticeType.UK1: N_("Prior information notice"),
    NoticeType.UK2: N_("Prior information notice"),
    NoticeType.UK3: N_("Prior information notice"),
    NoticeType.UK4: N_("Contract notice"),
    NoticeType.UK5: N_("Voluntary ex ante transparency notice"),
    NoticeType.UK6: N_("Contract award notice"),
    NoticeType.UK7: N_("Contract award notice"),
    NoticeType.UK10: N_("Modification notice"),
}


def notice_type_label_under(notice_type: NoticeType, basis: LegalBasis, lang: str) -> str:
    """The notice type by the name its rules give it: ``Contract notice`` for a UK4 under
    PCR 2015 or the Scottish regulations, ``Tender notice`` under the Act."""
    if basis in (LegalBasis.PCR2015, LegalBasis.PCSR2015) and notice_type in EARLIER_NOTICE_TYPES:
        return text(EARLIER_NOTICE_TYPES[notice_type], lang)
    return notice_type_label(notice_type, lang)


def notice_label(notice: Notice, lang: str) -> str:
    """The notice's type by the name its own rules give it (see ``notice_type_label_under``)."""
    return notice_type_label_under(notice.notice_type, notice.legal_basis, lang)


def legal_basis_label(basis: LegalBasis, lang: str) -> str:
    """``Public Contracts Regulations 2015``: the rules a notice runs under."""
    return text(LEGAL_BASES[basis], lang)


def duration_text(duration: Duration, lang: str) -> str:
    """``36 months``, ``1,800 days``: a contract's length as the notice gives it."""
    count = duration.count
    if duration.unit == "D":
        return plural("{count} day", "{count} days", count, lang)
    if duration.unit == "W":
        return plural("{count} week", "{count} weeks", count, lang)
    if duration.unit == "M":
        return plural("{count} month", "{count} months", count, lang)
    return plural("{count} year", "{count} years", count, lang)


def contract_duration_text(given: ContractDuration, *, lang: str) -> str:
    """``36 months from 1 April 2026`` or ``36 months``; the extensions are shown apart."""
    length = duration_text(given.duration, lang)
    if given.start is None:
        return length
    start = _date_text(given.start, lang)
    return text("{length} from {start}", lang).format(length=length, start=start)


def place_text(place: Place, lang: str) -> str:
    """A delivery place given otherwise than by region: ``the whole United Kingdom``,
    ``SA1 3SN``, the buyer's words, or ``Outside the UK: Channel Islands``."""
    if place.kind is PlaceKind.AREA:
        return text(AREA_NAMES[place.value], lang)
    if place.kind is PlaceKind.OUTSIDE_UK:
        return text("Outside the UK: {place}", lang).format(place=place.value)
    return place.value


def status_label(status: Status, lang: str) -> str:
    return text(STATUSES[status], lang)


def notice_type_label(notice_type: NoticeType, lang: str) -> str:
    return text(NOTICE_TYPES[notice_type], lang)


def kpi_rating_label(rating: KpiRating, lang: str) -> str:
    """``Approaching target``: how a KPI was met, as a contract performance notice rates it."""
    return text(KPI_RATINGS[rating], lang)


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
    return translator(lang).pgettext("procedure", PROCEDURES[procedure])


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
    name = cpv_division_name(division)
    if not name:
        return text("Division {division}", lang).format(division=division)
    return translator(lang).pgettext(CPV, name)


def region_name(code: str, lang: str) -> str:
    """The name of an ITL region (``TLL`` → ``Wales``, ``Cymru`` in Welsh)."""
    return translator(lang).pgettext(REGION, regions()[code].name)


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
    return text("Formal change", lang) if formal else text("Change", lang)


def changed_on_text(day: str, reason: str, correction: bool, lang: str) -> str:
    """``Changed on 24 November 2026: <reason>`` (``Corrected on`` for a correction)."""
    if correction:
        return text("Corrected on {date}: {reason}", lang).format(date=day, reason=reason)
    return text("Changed on {date}: {reason}", lang).format(date=day, reason=reason)
