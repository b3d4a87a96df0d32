"""Rules a JSON Schema cannot express: code lists, dates in order, fields per notice type."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime
from functools import cache
from typing import Any

from . import codelists
from .award_rules import award_decisions
from .buyer_rules import joint_buyers_distinct
from .codelist_rules import cpv_codes, region_codes
from .codes import EARLIER_PROCEDURES
from .formatting import DEFAULT_LANG, notice_type_label
from .lot_rules import lot_fields
from .model import DeadlineKind, LegalBasis, NoticeGroup, NoticeType
from .performance_and_markets_rules import dynamic_market_facts, performance_facts
from .problems import Problem
from .requirements import (
    STANDS_IN_FOR,
    STANDS_IN_FOR_BY_TYPE,
    WHERE_IT_BELONGS,
    allowed_fields,
    copies_may_lack,
    required_fields,
)
from .schema import notice_schema
from .source import FieldPath, NoticeSource
from .values import YEARS, get, parse_amount, parse_date, parse_datetime

Rule = Callable[[NoticeSource], Iterator[Problem]]

_MONEY_FIELDS = [
    ("value",),
    ("award", "value"),
    ("contract", "value"),
    ("modification", "new_value"),
]


def _changes(source: NoticeSource) -> list[Any]:
    changes = source.data.get("changes")
    return changes if isinstance(changes, list) else []


def real_dates(source: NoticeSource) -> Iterator[Problem]:
    """Every date in the right form must also exist (no 30 February), carry an offset when it
    has a time, and fall in the years every output can show."""
    datetime_form, date_form = _date_forms()
    for at, text in _texts(source.data, ()):
        if len(text) < 10 or text[4:5] != "-":  # neither form: not worth a regex
            continue
        if datetime_form.fullmatch(text) and parse_datetime(text) is None:
            yield source.problem(at, *_unreal(text, "date and time"))
        elif date_form.fullmatch(text) and parse_date(text) is None:
            yield source.problem(at, *_unreal(text, "date"))


def _texts(data: Any, at: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    """Every text value in the front matter, with where it is."""
    if isinstance(data, str):
        yield at, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _texts(value, (*at, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _texts(value, (*at, index))


@cache
def _date_forms() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The schema's forms of a date and time, and of a date."""
    definitions = notice_schema()["definitions"]
    return re.compile(definitions["datetime"]["pattern"]), re.compile(
        definitions["date"]["pattern"]
    )


def _unreal(text: str, what: str) -> tuple[str, str]:
    if int(text[:4]) not in YEARS:
        return (
            f"'{text}' is outside the years {YEARS.start} to {YEARS.stop - 1}",
            "check the year",
        )
    if what == "date":
        return f"'{text}' is not a real date", "check the day and month exist"
    return (
        f"'{text}' is not a real date and time",
        "check the day, month and hour exist, and give the UTC offset (+00:00 or +01:00)",
    )


def money(source: NoticeSource) -> Iterator[Problem]:
    """Currencies must be ISO 4217; amounts including VAT cannot be below amounts without it."""
    paths: list[FieldPath] = list(_MONEY_FIELDS)
    lots = source.data.get("lots")
    if isinstance(lots, list):
        paths += [("lots", index, "value") for index in range(len(lots))]
    awards = source.data.get("awards")
    if isinstance(awards, list):
        paths += [("awards", index, "value") for index in range(len(awards))]
    for at in paths:
        value = get(source.data, *at)
        if not isinstance(value, dict):
            continue
        currency = value.get("currency", "GBP")
        if (
            isinstance(currency, str)
            and len(currency) == 3
            and currency not in codelists.currencies()
        ):
            yield source.problem(
                (*at, "currency"),
                f"'{currency}' is not an ISO 4217 currency",
                "use a three-letter currency code such as GBP or EUR",
            )
        net, gross = parse_amount(value.get("amount")), parse_amount(value.get("amount_gross"))
        if net is not None and gross is not None and 0 <= gross < net:
            yield source.problem(
                (*at, "amount_gross"),
                "the amount including VAT is less than the amount excluding VAT",
                "check the two amounts: amount excludes VAT, amount_gross includes it",
            )
        lowest = parse_amount(value.get("minimum"))
        if net is not None and lowest is not None and lowest > net:
            yield source.problem(
                (*at, "minimum"),
                f"the minimum {lowest} is more than the amount {net}",
                "a range goes from minimum (the lowest estimate) to amount (the highest):"
                " swap them if they are the wrong way round",
            )


def chronology(source: NoticeSource) -> Iterator[Problem]:
    """Deadlines after publication, clarifications before tenders, changes in order."""
    published = parse_datetime(source.data.get("published"))
    if published is None:
        return
    tender = parse_datetime(get(source.data, "deadlines", "tender"))
    # On an award notice the tender deadline is when tenders closed: past, as it should be.
    closed = {"tender"} if _awarding(source) else set()
    for kind in ("tender", "enquiry", "expression_of_interest", "engagement"):
        deadline = parse_datetime(get(source.data, "deadlines", kind))
        if deadline is not None and deadline <= published and kind not in closed:
            yield source.problem(
                ("deadlines", kind),
                "this deadline is not after the notice is published",
                f"set a deadline later than published ({published.isoformat()})",
            )
        elif deadline is not None and tender is not None and kind != "tender" and deadline > tender:
            yield source.problem(
                ("deadlines", kind),
                "this deadline is after the tender deadline",
                "set it on or before the tender deadline",
            )
    yield from _period_in_order(source)
    yield from _changes_in_order(source, published)


def _awarding(source: NoticeSource) -> bool:
    """Whether the notice is an award notice (UK5, UK6, UK7)."""
    kind = source.data.get("notice_type")
    if not (isinstance(kind, str) and kind in NoticeType.__members__):
        return False
    return NoticeType(kind).group is NoticeGroup.AWARD


def _periods(source: NoticeSource) -> Iterator[tuple[FieldPath, dict[str, Any]]]:
    """The notice's contract period and each lot's, with where each is."""
    found = source.data.get("contract_period")
    if isinstance(found, dict):
        yield ("contract_period",), found
    lots = source.data.get("lots")
    for index, lot in enumerate(lots if isinstance(lots, list) else []):
        if isinstance(lot, dict) and isinstance(lot.get("contract_period"), dict):
            yield ("lots", index, "contract_period"), lot["contract_period"]


def contract_period_form(source: NoticeSource) -> Iterator[Problem]:
    """A contract period is start and end dates, or a duration (with or without a start)."""
    for at, period in _periods(source):
        yield from _period_form(source, at, period)


def _period_form(source: NoticeSource, at: FieldPath, period: dict[str, Any]) -> Iterator[Problem]:
    given = {name for name in ("start", "end", "duration") if name in period}
    if "end" in given and "duration" in given:
        yield source.problem(
            (*at, "duration"),
            "the period has both an end date and a duration",
            "keep one: the end date, or the duration (e.g. duration: P36M) when no end is known",
        )
    elif given == {"end"}:
        yield source.problem(
            (*at, "end"),
            "the period has an end but no start",
            "add start (a date), or give the length instead, e.g. duration: P36M",
        )
    elif not given & {"end", "duration"}:
        yield source.problem(
            at,
            "the period has neither an end date nor a duration",
            "add start and end dates, or a duration such as duration: P36M (36 months)"
            " or P1800D (1800 days)",
        )


def procedure_of_the_rules(source: NoticeSource) -> Iterator[Problem]:
    """The 2015 regulations' procedures (restricted, competitive dialogue…) are not the Act's."""
    procedure = source.data.get("procedure")
    basis = source.data.get("legal_basis", LegalBasis.PA2023.value)
    if procedure in EARLIER_PROCEDURES and basis in (LegalBasis.PA2023, LegalBasis.NONE):
        yield source.problem(
            ("procedure",),
            f"'{procedure}' is a procedure of the 2015 regulations, not of the Procurement Act",
            "use competitive_flexible (or other); if the procurement runs under the 2015"
            " regulations, set legal_basis: PCR2015 (or PCSR2015 in Scotland)",
        )


def buyer_identity(source: NoticeSource) -> Iterator[Problem]:
    """Under the Procurement Act every buyer has an organisation id (its PPON); a notice
    under earlier rules may lack one, as many were published without any."""
    buyer = source.data.get("buyer")
    basis = source.data.get("legal_basis", LegalBasis.PA2023.value)
    if isinstance(buyer, dict) and "id" not in buyer and basis == LegalBasis.PA2023:
        yield source.problem(
            ("buyer", "id"),
            "a PA2023 notice needs the buyer's organisation id",
            "add buyer.id, e.g. the PPON GB-PPON-ABCD-1234-EFGH; if the procurement runs under"
            " earlier rules, set legal_basis (PCR2015, PCSR2015) and the id may be left out",
        )


def _period_in_order(source: NoticeSource) -> Iterator[Problem]:
    for at, period in _periods(source):
        start, end = parse_date(period.get("start")), parse_date(period.get("end"))
        if start and end and end <= start:
            yield source.problem(
                (*at, "end"),
                "the contract ends before it starts",
                "set end to a date after start",
            )


def _changes_in_order(source: NoticeSource, published: datetime) -> Iterator[Problem]:
    previous = published
    for index, change in enumerate(_changes(source)):
        when = parse_datetime(get(change, "date"))
        if when is None:
            continue
        if when < previous:
            yield source.problem(
                ("changes", index, "date"),
                "this change is dated before the one above it (or before publication)",
                "changes are append-only: add new changes at the end with a later date",
            )
        previous = max(previous, when)
    updated = parse_datetime(source.data.get("updated"))
    if updated is not None and updated < previous:
        yield source.problem(
            ("updated",),
            "updated is earlier than publication or the last change",
            f"set updated to {previous.isoformat()} or later, or remove it",
        )


def fields_for_type(source: NoticeSource) -> Iterator[Problem]:
    """Each notice type has fields it requires and fields that do not belong in it."""
    try:
        notice_type = NoticeType(source.data.get("notice_type", ""))
    except ValueError:
        return
    known = set(notice_schema()["properties"]) - {"deadlines"}
    present = {name for name in source.data if name in known}
    deadlines = source.data.get("deadlines")
    if isinstance(deadlines, dict):
        present |= {f"deadlines.{kind}" for kind in deadlines if kind in set(DeadlineKind)}
    basis = str(source.data.get("legal_basis", LegalBasis.PA2023.value))
    stands_in = STANDS_IN_FOR | STANDS_IN_FOR_BY_TYPE.get(notice_type, {})
    stood_in = {base for extra, base in stands_in.items() if extra in present}
    if _every_lot_has(source.data.get("lots"), "contract_period"):
        stood_in.add("contract_period")
    if _every_lot_has(source.data.get("lots"), "regions", "places"):
        stood_in.add("regions")
    copy_of = _find_a_tender_id(source)
    spared = copies_may_lack(notice_type) if copy_of else frozenset()
    for name in required_fields(notice_type, basis):
        if name in present | stood_in:
            continue
        if name in spared:
            yield _copy_lacks(source, str(copy_of), name)
            continue
        yield source.problem(
            ("notice_type",),
            f"a {notice_type} {_type_name(notice_type)} needs '{name}'",
            _how_to_add(name),
        )
    allowed = allowed_fields(notice_type)
    for name in sorted(present - allowed):
        where = WHERE_IT_BELONGS.get(name, "another notice type")
        yield source.problem(
            tuple(name.split(".")),
            f"'{name}' does not belong in a {notice_type} {_type_name(notice_type)}",
            f"remove it: it belongs in {where}",
        )


COPY_LACKS = "Find a Tender's notice {notice_id} gives no '{name}'"


def _find_a_tender_id(source: NoticeSource) -> str | None:
    """The id of the Find a Tender notice this one copies, if it gives one."""
    link = source.data.get("find_a_tender")
    notice_id = link.get("notice_id") if isinstance(link, dict) else None
    return notice_id if isinstance(notice_id, str) and notice_id else None


def _copy_lacks(source: NoticeSource, notice_id: str, name: str) -> Problem:
    """A fact Find a Tender published its notice without: this copy cannot be surer."""
    return source.problem(
        ("notice_type",),
        COPY_LACKS.format(notice_id=notice_id, name=name),
        "add it if you know it (see docs/notice-format.md)",
    ).as_warning()


def is_copy_gap(problem: Problem) -> bool:
    """Whether ``problem`` is a fact a Find a Tender copy lacks (a warning of fields_for_type)."""
    return problem.warning and problem.message.startswith("Find a Tender's notice ")


def _every_lot_has(lots: Any, *names: str) -> bool:
    """Whether there are lots and each gives one of ``names`` (the lots' periods or places
    stand for the notice's)."""
    given = lots if isinstance(lots, list) else []
    return bool(given) and all(
        isinstance(lot, dict) and any(name in lot for name in names) for lot in given
    )


def _how_to_add(name: str) -> str:
    if name == "regions":
        return (
            "add 'regions' (ITL codes such as TLL22) or 'places' (the whole UK or a nation,"
            " a postcode, or words; see docs/notice-format.md)"
        )
    return f"add '{name}' (see docs/notice-format.md for what it holds)"


def _type_name(notice_type: NoticeType) -> str:
    return notice_type_label(notice_type, DEFAULT_LANG).lower()


def unique_lots(source: NoticeSource) -> Iterator[Problem]:
    lots = source.data.get("lots")
    seen: set[str] = set()
    for index, lot in enumerate(lots if isinstance(lots, list) else []):
        if get(lot, "id") is None:
            continue  # the schema reports a missing id
        lot_id = str(get(lot, "id"))
        if lot_id in seen:
            yield source.problem(
                ("lots", index, "id"),
                f"lot id '{lot_id}' is used twice",
                "give each lot its own id",
            )
        seen.add(lot_id)


def related_processes(source: NoticeSource) -> Iterator[Problem]:
    """Each related process is named one way: its ocid, its scheme and identifier, or a url."""
    related = source.data.get("related")
    for index, process in enumerate(related if isinstance(related, list) else []):
        if not isinstance(process, dict):
            continue  # the schema reports it
        given = {name for name in ("ocid", "scheme", "identifier", "url") if name in process}
        yield from _related_problems(source, ("related", index), given)


def _related_problems(source: NoticeSource, at: FieldPath, given: set[str]) -> Iterator[Problem]:
    if not given:
        yield source.problem(
            at,
            "the related process is not named",
            "give its ocid, its scheme and identifier (e.g. EU-OJ and 2024/S 000-034328), or"
            " the url of its notice",
        )
    for one, other in (("identifier", "scheme"), ("scheme", "identifier")):
        if one in given and other not in given:
            yield source.problem(
                (*at, one),
                f"{one} is given without {other}",
                "give both: scheme says where the identifier comes from, e.g. scheme: EU-OJ"
                " and identifier: 2024/S 000-034328",
            )
    if "ocid" in given and "identifier" in given:
        yield source.problem(
            (*at, "identifier"),
            "the process is named twice, by ocid and by identifier",
            "keep the ocid and move the other id to a related entry of its own, or remove it",
        )


def changed_fields(source: NoticeSource) -> Iterator[Problem]:
    """A change's ``fields`` name front-matter fields, so readers can see what moved."""
    known = set(notice_schema()["properties"])
    for index, change in enumerate(_changes(source)):
        names = get(change, "fields")
        for position, name in enumerate(names if isinstance(names, list) else []):
            named = name.get("field") if isinstance(name, dict) else name
            top = str(named).split(".")[0].split("[")[0]
            if top not in known:
                yield source.problem(
                    ("changes", index, "fields", position),
                    f"'{named}' is not a notice field",
                    "name the field that changed, e.g. deadlines.tender or value",
                )


# A regulated notice without its Find a Tender link is not wrong, only early: it is held
# as NOTICES_FIND_A_TENDER_FIRST says (find_a_tender_first.py), not rejected here.
RULES: tuple[Rule, ...] = (
    real_dates,
    cpv_codes,
    region_codes,
    money,
    chronology,
    contract_period_form,
    procedure_of_the_rules,
    buyer_identity,
    joint_buyers_distinct,
    fields_for_type,
    lot_fields,
    unique_lots,
    award_decisions,
    performance_facts,
    dynamic_market_facts,
    related_processes,
    changed_fields,
)


def rule_problems(source: NoticeSource) -> list[Problem]:
    return [problem for rule in RULES for problem in rule(source)]
