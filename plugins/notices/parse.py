"""Build the typed Notice from front matter that has passed every check."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from . import codelists
from .facts import facts_of
from .model import (
    Address,
    Award,
    Buyer,
    Category,
    Change,
    Contact,
    Contract,
    ContractDuration,
    ContractPeriod,
    Cpv,
    Deadline,
    DeadlineKind,
    Document,
    Duration,
    Ending,
    FieldChange,
    FindATender,
    JointBuyer,
    LegalBasis,
    Lot,
    Modification,
    Money,
    Notice,
    NoticeGroup,
    NoticeType,
    Place,
    PlaceKind,
    Procedure,
    Region,
    RelatedProcess,
    Submission,
    Suitability,
    Supplier,
)
from .performance_and_markets import dynamic_market, performance
from .values import canonical_cpv, parse_amount, parse_date, parse_datetime


def build_notice(data: dict[str, Any], source_path: str, slug: str) -> Notice:
    """Front matter (already validated) → Notice."""
    published = _datetime(data["published"])
    changes = tuple(
        _change(number, entry) for number, entry in enumerate(data.get("changes", []), 1)
    )
    latest = max([published, *(change.date for change in changes)])
    return Notice(
        source_path=source_path,
        slug=slug,
        notice_type=NoticeType(data["notice_type"]),
        notice_id=data["notice_id"],
        ocid=data["ocid"],
        published=published,
        updated=_datetime(data["updated"]) if "updated" in data else latest,
        title=data["title"].strip(),
        summary=data["summary"].strip(),
        buyer=_buyer(data["buyer"]),
        lang=data.get("lang", "en"),
        joint_buyers=tuple(_joint_buyer(buyer) for buyer in data.get("joint_buyers", [])),
        reference=_optional(data, "reference", str),
        legal_basis=LegalBasis(data.get("legal_basis", "PA2023")),
        find_a_tender=_optional(data, "find_a_tender", lambda f: FindATender(**f)),
        category=_optional(data, "category", Category),
        cpv=_cpvs(data.get("cpv", [])),
        regions=tuple(_region(code) for code in data.get("regions", [])),
        places=tuple(_place(place) for place in data.get("places", [])),
        value=_optional(data, "value", _money),
        above_threshold=data.get("above_threshold"),
        procedure=_optional(data, "procedure", Procedure),
        deadlines=_deadlines(data),
        tenders_closed=_tenders_closed(data),
        future_notice_date=_optional(data, "future_notice_date", _date),
        contract_period=_period(data.get("contract_period")),
        contract_duration=_duration(data.get("contract_period")),
        submission=_optional(data, "submission", _submission),
        suitability=_optional(data, "suitability", lambda s: Suitability(**s)),
        award_criteria=data.get("award_criteria"),
        lots=tuple(_lot(lot) for lot in data.get("lots", [])),
        documents=tuple(_document(document) for document in data.get("documents", [])),
        related=tuple(RelatedProcess(**process) for process in data.get("related", [])),
        suppliers=tuple(Supplier(**supplier) for supplier in data.get("suppliers", [])),
        awards=tuple(_award(award) for award in _awards(data)),
        direct_award_justification=data.get("direct_award_justification"),
        contract=_optional(data, "contract", _contract),
        modification=_optional(data, "modification", _modification),
        performance=_optional(data, "performance", performance),
        dynamic_market=_optional(data, "dynamic_market", dynamic_market),
        termination=_optional(data, "termination", _ending),
        cancellation=_optional(data, "cancellation", _ending),
        changes=changes,
        facts=facts_of(data),
    )


def _awarding(data: dict[str, Any]) -> bool:
    return NoticeType(data["notice_type"]).group is NoticeGroup.AWARD


def _deadlines(data: dict[str, Any]) -> tuple[Deadline, ...]:
    """Deadlines still to meet: on an award notice, the tender deadline is past (see below)."""
    given = data.get("deadlines", {}).items()
    return tuple(
        Deadline(DeadlineKind(kind), _datetime(at))
        for kind, at in given
        if not (kind == DeadlineKind.TENDER and _awarding(data))
    )


def _tenders_closed(data: dict[str, Any]) -> datetime | None:
    """When tenders closed: an award notice's ``deadlines.tender``, a date in the past that
    no output may take for a deadline to meet."""
    closed = data.get("deadlines", {}).get(DeadlineKind.TENDER)
    return _datetime(closed) if closed and _awarding(data) else None


def _optional(data: dict[str, Any], name: str, make: Any) -> Any:
    return make(data[name]) if data.get(name) is not None else None


def _datetime(text: str) -> datetime:
    parsed = parse_datetime(text)
    assert parsed is not None, "validated before parsing"
    return parsed


def _date(text: str) -> date:
    parsed = parse_date(text)
    assert parsed is not None, "validated before parsing"
    return parsed


def _money(value: dict[str, Any]) -> Money:
    amount = parse_amount(value["amount"])
    assert amount is not None, "validated before parsing"
    return Money(
        amount=amount,
        currency=value.get("currency", "GBP"),
        amount_gross=parse_amount(value.get("amount_gross")),
        minimum=parse_amount(value.get("minimum")),
    )


def _cpvs(codes: list[Any]) -> tuple[Cpv, ...]:
    labels = codelists.cpv_labels()
    full_codes = [canonical_cpv(code) for code in codes]
    return tuple(Cpv(code, labels[code]) for code in full_codes if code)


def _region(code: str) -> Region:
    itl = codelists.normalise_region(code)
    assert itl is not None, "validated before parsing"
    return Region(itl, codelists.regions()[itl].name)


def _place(place: dict[str, str]) -> Place:
    """``{postcode: SA1 3SN}`` → Place(POSTCODE, "SA1 3SN"): its one key is its kind."""
    ((kind, value),) = place.items()
    return Place(PlaceKind(kind), " ".join(str(value).split()))


def _buyer(buyer: dict[str, Any]) -> Buyer:
    return Buyer(
        name=buyer["name"],
        id=buyer.get("id"),
        contact=Contact(**buyer["contact"]),
        url=buyer.get("url"),
        address=_optional(buyer, "address", lambda a: Address(**a)),
        central_purchasing_body=buyer.get("central_purchasing_body", False),
    )


def _joint_buyer(buyer: dict[str, Any]) -> JointBuyer:
    return JointBuyer(
        name=buyer["name"],
        id=buyer.get("id"),
        url=buyer.get("url"),
        address=_optional(buyer, "address", lambda a: Address(**a)),
    )


def _period(period: dict[str, Any] | None) -> ContractPeriod | None:
    """The contract period when it is given as dates (``start`` and ``end``)."""
    if not period or "end" not in period:
        return None
    return ContractPeriod(
        _date(period["start"]),
        _date(period["end"]),
        period.get("extension_months"),
        period.get("extensions"),
    )


def _duration(period: dict[str, Any] | None) -> ContractDuration | None:
    """The contract period when it is given as a length (``duration: P36M``)."""
    if not period or "duration" not in period:
        return None
    written = period["duration"]
    return ContractDuration(
        Duration(int(written[1:-1]), written[-1]),
        _optional(period, "start", _date),
        period.get("extension_months"),
        period.get("extensions"),
    )


def _submission(submission: dict[str, Any]) -> Submission:
    return Submission(
        tuple(submission["methods"]), submission.get("url"), submission.get("details")
    )


def _lot(lot: dict[str, Any]) -> Lot:
    return Lot(
        id=str(lot["id"]),
        title=lot.get("title"),
        description=lot.get("description"),
        value=_optional(lot, "value", _money),
        cpv=_cpvs(lot.get("cpv", [])),
        contract_period=_period(lot.get("contract_period")),
        contract_duration=_duration(lot.get("contract_period")),
        regions=tuple(_region(code) for code in lot.get("regions", [])),
        places=tuple(_place(place) for place in lot.get("places", [])),
        award_criteria=lot.get("award_criteria"),
        suitability=_optional(lot, "suitability", lambda s: Suitability(**s)),
    )


def _document(document: dict[str, Any]) -> Document:
    return Document(**{**document, "date": _optional(document, "date", _date)})


def _awards(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The one ``award``, or the several ``awards`` (the check allows only one of them)."""
    return [data["award"]] if data.get("award") is not None else data.get("awards", [])


def _award(award: dict[str, Any]) -> Award:
    return Award(
        date=_date(award["date"]),
        value=_optional(award, "value", _money),
        standstill_end=_optional(award, "standstill_end", _datetime),
        lots=tuple(str(lot) for lot in award.get("lots", [])),
        suppliers=tuple(award.get("suppliers", [])),
        status=award.get("status"),
    )


def _contract(contract: dict[str, Any]) -> Contract:
    return Contract(
        id=str(contract["id"]),
        date_signed=_optional(contract, "date_signed", _date),
        value=_optional(contract, "value", _money),
        kpis=tuple(contract.get("kpis", [])),
    )


def _modification(modification: dict[str, Any]) -> Modification:
    return Modification(
        description=modification["description"],
        grounds=modification["grounds"],
        new_value=_optional(modification, "new_value", _money),
        new_end_date=_optional(modification, "new_end_date", _date),
    )


def _ending(ending: dict[str, Any]) -> Ending:
    return Ending(_date(ending["date"]), ending["reason"])


def _change(number: int, entry: dict[str, Any]) -> Change:
    return Change(
        number=number,
        date=_datetime(entry["date"]),
        summary=entry["summary"],
        touched=tuple(_touched(field) for field in entry.get("fields", [])),
        formal=bool(entry.get("formal", False)),
        correction=bool(entry.get("correction", False)),
    )


def _touched(field: str | dict[str, Any]) -> FieldChange:
    """A name (``deadlines.tender``) or ``{field, from, to}``, values as the file writes them."""
    if isinstance(field, str):
        return FieldChange(field)
    return FieldChange(field["field"], _written(field.get("from")), _written(field.get("to")))


def _written(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
