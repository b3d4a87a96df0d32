"""One notice as OCDS 1.1.5 releases: the notice itself, then one release per change.

Noticeboard keeps only the current state of a notice, so each of its releases carries the
notice as it stands now; a change release adds the amendments made up to that change.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from plugins.notices.model import (
    Change,
    ContractPeriod,
    Cpv,
    DeadlineKind,
    Lot,
    Money,
    Notice,
    NoticeType,
    Region,
)
from plugins.notices.site import Published, Site

from .codes import (
    AWARD_STATUS,
    CONTRACT_STATUS,
    CPV_SCHEME,
    ITL_GAZETTEER,
    LOCATION_EXTENSION,
    LOTS_EXTENSION,
    METHOD,
    METHOD_DETAILS,
    NOTICE_DOCUMENT_TYPE,
    NOTICE_TAG,
    SECTION,
    TENDER_STATUS,
    Section,
    change_tag,
)
from .compact import Json
from .compact import compact as _compact
from .parties import parties as _parties
from .parties import party_id as _party_id

AWARD_TYPES = (NoticeType.UK5, NoticeType.UK6, NoticeType.UK7)
_TENDER_SECTIONS = (Section.PLANNING, Section.TENDER)
_OWN_TEXTS = {NoticeType.UK1, NoticeType.UK2, NoticeType.UK3, NoticeType.UK4}


@dataclass(frozen=True)
class Release:
    """A release and what packages need to know about it without reading its JSON."""

    ocid: str
    id: str
    date: datetime
    modified: datetime  # when the notice behind it was last edited
    data: Json = field(compare=False)
    extensions: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Context:
    """What a notice's releases need from the rest of its procurement."""

    site: Site
    award_id: str | None = None  # the procurement's award (see docs/open-data.md)
    previous_release: str | None = None  # the procurement's last release before this notice
    translations: tuple[Published, ...] = ()


def release_id(notice_id: str, change: int | None = None) -> str:
    """``<notice-id>`` for the notice, ``<notice-id>-change-<n>`` for its n-th change."""
    return notice_id if change is None else f"{notice_id}-change-{change}"


def notice_releases(item: Published, context: Context) -> list[Release]:
    """The notice's own release, then one release per entry of its ``changes`` list."""
    notice = item.notice
    own = _release(item, context, release_id(notice.notice_id), notice.published)
    return [own, *(_change_release(item, context, change) for change in notice.changes)]


def _change_release(item: Published, context: Context, change: Change) -> Release:
    notice = item.notice
    return _release(
        item,
        context,
        release_id(notice.notice_id, change.number),
        change.date,
        tag=change_tag(notice.notice_type, change.formal),
        changes=notice.changes[: change.number],
    )


def _release(
    item: Published,
    context: Context,
    this_id: str,
    at: datetime,
    tag: str | None = None,
    changes: tuple[Change, ...] = (),
) -> Release:
    notice = item.notice
    tender, awards = _tender(notice, context), _awards(notice, context)
    contracts = _contracts(notice, context)
    home = {Section.AWARD: awards, Section.CONTRACT: contracts}.get(SECTION[notice.notice_type])
    target = home[0] if home else tender
    target["documents"] = _documents(item, context)
    target.update(_compact({"amendments": _amendments(notice, changes, context)}))
    data = _compact(
        {
            "ocid": notice.ocid,
            "id": this_id,
            "date": _when(at),
            "tag": [tag or NOTICE_TAG[notice.notice_type]],
            "initiationType": "tender",
            "language": notice.lang,
            "parties": _parties(notice),
            "buyer": {"id": notice.buyer.id, "name": notice.buyer.name},
            "planning": _planning(notice, context),
            "tender": tender,
            "awards": awards,
            "contracts": contracts,
        }
    )
    return Release(notice.ocid, this_id, at, notice.updated, data, _extensions_used(data))


def _when(at: datetime) -> str:
    return at.isoformat()


def _day(day: date, context: Context, end: bool = False) -> str:
    """A date as a date-time in the site's time zone: its first or last second."""
    moment = time(23, 59, 59) if end else time(0, 0, 0)
    return datetime.combine(day, moment, ZoneInfo(context.site.timezone)).isoformat()


def _amount(amount: Decimal) -> int | float:
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _value(money: Money | None) -> Json | None:
    return money and {"amount": _amount(money.amount), "currency": money.currency}


def _texts(name: str, notice: Notice, context: Context, text: Callable[[Notice], str]) -> Json:
    """A text field and its translations (``title_cy``), as OCDS writes other languages."""
    values = {name: text(notice)}
    for other in context.translations:
        values[f"{name}_{other.lang}"] = text(other.notice)
    return _compact(values)


def _planning(notice: Notice, context: Context) -> Json | None:
    milestones = []
    engagement = notice.deadline(DeadlineKind.ENGAGEMENT)
    if engagement:
        milestones.append(
            {
                "id": "engagement",
                "title": DeadlineKind.ENGAGEMENT.label,
                "type": "engagement",
                "dueDate": _when(engagement),
            }
        )
    if notice.future_notice_date:
        milestones.append(
            {
                "id": "future-notice",
                "title": "Expected publication of the tender or transparency notice",
                "type": "preProcurement",
                "dueDate": _day(notice.future_notice_date, context),
            }
        )
    return _compact({"milestones": milestones})


def _tender(notice: Notice, context: Context) -> Json:
    kind = notice.notice_type
    procedure = notice.procedure
    own_texts = kind in _OWN_TEXTS
    return _compact(
        {
            "id": notice.ocid,
            **(_texts("title", notice, context, lambda n: n.title) if own_texts else {}),
            **(_texts("description", notice, context, lambda n: n.summary) if own_texts else {}),
            "status": TENDER_STATUS.get(kind),
            "value": _value(notice.value),
            "procurementMethod": procedure and METHOD.get(procedure),
            "procurementMethodDetails": procedure and METHOD_DETAILS[procedure],
            "procurementMethodRationale": notice.direct_award_justification,
            "mainProcurementCategory": notice.category and str(notice.category),
            "items": _items(notice) if SECTION[kind] in _TENDER_SECTIONS else None,
            "lots": [_lot(lot) for lot in notice.lots],
            **_deadlines(notice),
            "contractPeriod": _period(notice.contract_period, context) if own_texts else None,
            "submissionMethod": notice.submission and list(notice.submission.methods),
            "submissionMethodDetails": notice.submission and _submission_details(notice),
            "awardCriteriaDetails": notice.award_criteria,
        }
    )


def _deadlines(notice: Notice) -> Json:
    tender = notice.deadline(DeadlineKind.TENDER)
    enquiry = notice.deadline(DeadlineKind.ENQUIRY)
    interest = notice.deadline(DeadlineKind.EXPRESSION_OF_INTEREST)
    opens = notice.published if notice.notice_type is NoticeType.UK4 else None
    return {
        "tenderPeriod": tender
        and _compact({"startDate": opens and _when(opens), "endDate": _when(tender)}),
        "enquiryPeriod": enquiry and {"endDate": _when(enquiry)},
        "milestones": interest
        and [
            {
                "id": "expression-of-interest",
                "title": DeadlineKind.EXPRESSION_OF_INTEREST.label,
                "code": "expressionOfInterestDeadline",
                "dueDate": _when(interest),
            }
        ],
    }


def _submission_details(notice: Notice) -> str | None:
    submission = notice.submission
    assert submission is not None
    return " ".join(text for text in (submission.details, submission.url) if text) or None


def _items(notice: Notice) -> list[Json]:
    where = _location(notice.regions)
    if notice.lots:
        return [
            _item(lot.id, lot.title, lot.cpv or notice.cpv, where, related_lot=lot.id)
            for lot in notice.lots
        ]
    if notice.cpv or where:
        return [_item("1", notice.title, notice.cpv, where)]
    return []


def _item(
    item_id: str,
    description: str,
    cpvs: tuple[Cpv, ...],
    where: Json | None,
    related_lot: str | None = None,
) -> Json:
    return _compact(
        {
            "id": item_id,
            "description": description,
            "classification": _classification(cpvs[0]) if cpvs else None,
            "additionalClassifications": [_classification(cpv) for cpv in cpvs[1:]],
            "deliveryLocation": where,
            "relatedLot": related_lot,
        }
    )


def _classification(cpv: Cpv) -> Json:
    # OCDS and Find a Tender write CPV codes as eight digits, without the check digit.
    return {"scheme": CPV_SCHEME, "id": cpv.code[:8], "description": cpv.label}


def _location(regions: tuple[Region, ...]) -> Json | None:
    if not regions:
        return None
    return {
        "description": "; ".join(region.name for region in regions),
        "gazetteer": {"scheme": ITL_GAZETTEER, "identifiers": [r.code for r in regions]},
    }


def _lot(lot: Lot) -> Json:
    return _compact(
        {
            "id": lot.id,
            "title": lot.title,
            "description": lot.description,
            "value": _value(lot.value),
        }
    )


def _period(period: ContractPeriod | None, context: Context) -> Json | None:
    if period is None:
        return None
    extended = period.extension_months and _add_months(period.end, period.extension_months)
    return _compact(
        {
            "startDate": _day(period.start, context),
            "endDate": _day(period.end, context, end=True),
            "maxExtentDate": extended and _day(extended, context, end=True),
        }
    )


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _awards(notice: Notice, context: Context) -> list[Json]:
    kind = notice.notice_type
    if kind not in AWARD_STATUS:
        return []
    award = notice.award
    own = SECTION[kind] is Section.AWARD
    texts = (
        {
            **_texts("title", notice, context, lambda n: n.title),
            **_texts("description", notice, context, lambda n: n.summary),
        }
        if own
        else {}
    )
    return [
        _compact(
            {
                "id": context.award_id or notice.notice_id,
                **texts,
                "status": AWARD_STATUS[kind],
                "date": award and _day(award.date, context),
                "value": award and _value(award.value),
                "suppliers": [{"id": _party_id(s), "name": s.name} for s in notice.suppliers],
                "contractPeriod": _period(notice.contract_period, context) if own else None,
                "relatedLots": award and list(award.lots),
                "items": _items(notice) if own else None,
            }
        )
    ]


def _contracts(notice: Notice, context: Context) -> list[Json]:
    contract = notice.contract
    kind = notice.notice_type
    if contract is None or kind not in CONTRACT_STATUS:
        return []
    own = kind is NoticeType.UK7
    texts = (
        {
            **_texts("title", notice, context, lambda n: n.title),
            **_texts("description", notice, context, lambda n: n.summary),
        }
        if own
        else {}
    )
    return [
        _compact(
            {
                "id": contract.id,
                "awardID": context.award_id or contract.id,
                **texts,
                "status": CONTRACT_STATUS[kind],
                "period": _contract_period(notice, context),
                "value": _value(contract.value)
                or _value(notice.modification and notice.modification.new_value),
                "dateSigned": contract.date_signed and _day(contract.date_signed, context),
                "items": _items(notice) if own else None,
            }
        )
    ]


def _contract_period(notice: Notice, context: Context) -> Json | None:
    if notice.notice_type is NoticeType.UK7:
        return _period(notice.contract_period, context)
    if notice.termination:
        return {"endDate": _day(notice.termination.date, context, end=True)}
    new_end = notice.modification and notice.modification.new_end_date
    return new_end and {"endDate": _day(new_end, context, end=True)}


def _amendments(notice: Notice, changes: tuple[Change, ...], context: Context) -> list[Json]:
    """The contract change itself (UK10), then each change to the notice up to this one."""
    result = []
    if notice.modification:
        result.append(
            _compact(
                {
                    "id": notice.notice_id,
                    "date": _when(notice.published),
                    "rationale": notice.modification.grounds,
                    "description": notice.modification.description,
                    "amendsReleaseID": context.previous_release,
                    "releaseID": notice.notice_id,
                }
            )
        )
    previous = notice.notice_id
    for change in changes:
        this_id = release_id(notice.notice_id, change.number)
        result.append(
            {
                "id": this_id,
                "date": _when(change.date),
                "description": change.summary,
                "amendsReleaseID": previous,
                "releaseID": this_id,
            }
        )
        previous = this_id
    return result


def _documents(item: Published, context: Context) -> list[Json]:
    """The notice page (and its translations), its Find a Tender copy, then its documents."""
    notice = item.notice
    kind = NOTICE_DOCUMENT_TYPE[notice.notice_type]
    pages = [
        (item, notice.notice_id),
        *((t, f"{notice.notice_id}-{t.lang}") for t in context.translations),
    ]
    documents = [_page(page, doc_id, kind, context.site) for page, doc_id in pages]
    if notice.find_a_tender:
        fts = notice.find_a_tender
        documents.append(
            {
                "id": f"{notice.notice_id}-fts",
                "documentType": kind,
                "title": f"Find a Tender notice {fts.notice_id or ''}".strip(),
                "url": fts.url,
            }
        )
    for number, document in enumerate(notice.documents, 1):
        documents.append(
            _compact(
                {
                    "id": f"{notice.notice_id}-document-{number}",
                    "documentType": document.type,
                    "title": document.title,
                    "url": document.url,
                    "format": document.format,
                }
            )
        )
    return documents


def _page(page: Published, doc_id: str, kind: str, site: Site) -> Json:
    notice = page.notice
    ending = notice.cancellation or notice.termination
    return _compact(
        {
            "id": doc_id,
            "documentType": kind,
            "title": notice.title,
            "description": ending and ending.reason,
            "url": site.absolute(page.path),
            "datePublished": _when(notice.published),
            "dateModified": _when(notice.updated),
            "format": "text/html",
            "language": notice.lang,
        }
    )


def _extensions_used(data: Json) -> frozenset[str]:
    parts = [data["tender"], *data.get("awards", []), *data.get("contracts", [])]
    items = [item for part in parts for item in part.get("items", [])]
    lots = "lots" in data["tender"] or any("relatedLots" in part for part in parts)
    used = {LOTS_EXTENSION} if lots or any("relatedLot" in item for item in items) else set()
    if any("deliveryLocation" in item for item in items):
        used.add(LOCATION_EXTENSION)
    return frozenset(used)
