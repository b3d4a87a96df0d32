"""Follow-up notices against their procurement: the ocid, buyer and lots they continue.

An award, contract change or cancellation continues a procurement the site already shows:
a mistyped ocid would leave the tender open, another buyer or an unknown lot would say
something the procurement never said. An award dated before the tender deadline is only
warned about, since the dates may be right (a procurement stopped early).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from .derive import procurement_order
from .frontmatter import dotted
from .model import DeadlineKind, NoticeType
from .problems import Problem
from .source import FieldPath, NoticeSource

if TYPE_CHECKING:
    from .sitewide import Located

FOLLOW_UPS = frozenset(
    {
        NoticeType.UK5,
        NoticeType.UK6,
        NoticeType.UK7,
        NoticeType.UK10,
        NoticeType.UK11,
        NoticeType.UK12,
    }
)
# These need an earlier notice on the site: contract details follow an award, and a
# cancellation stops a procurement the site shows. A UK5 opens a direct award, and a UK6,
# UK10 or UK11 may follow a tender or contract older than the site (as in the sample). A
# below-threshold contract's details notice is the only notice its procurement needs
# (Procurement Act 2023 s.87), as Find a Tender's UK7s for contracts let without
# competition are. One whose earlier notices are on Find a Tender only (its link says so:
# a buyer that started publishing here mid-procurement) is only warned about.
MUST_FOLLOW = frozenset({NoticeType.UK7, NoticeType.UK12})
AWARDS = frozenset({NoticeType.UK6, NoticeType.UK7})
_AFTER = "invoke new --after <the notice it follows> copies its ocid, buyer and lots"


def field_lines(source: NoticeSource) -> dict[str, int]:
    """The lines of the fields these rules point at (kept with the read notice)."""
    at: list[FieldPath] = [("ocid",), ("published",), ("buyer", "id")]
    at += [(name,) for name in source.data]  # every field, for translations' facts
    at += [("deadlines", kind) for kind in source.data.get("deadlines") or {}]
    at += [("lots", index, "id") for index, _ in enumerate(source.data.get("lots") or [])]
    award = source.data.get("award")
    if isinstance(award, dict):
        at += [("award", "lots", index) for index, _ in enumerate(award.get("lots") or [])]
    for number, each in enumerate(source.data.get("awards") or []):
        lots = each.get("lots") if isinstance(each, dict) else None
        at += [("awards", number, "lots", index) for index, _ in enumerate(lots or [])]
    return {dotted(path): source.line_of(path) for path in at}


def followup_problems(notices: Iterable[Located]) -> list[Problem]:
    """What is wrong with each follow-up notice against the other notices of its ocid."""
    items = list(notices)
    by_ocid: dict[str, list[Located]] = defaultdict(list)
    for item in items:
        by_ocid[item.notice.ocid].append(item)
    return [
        problem
        for item in items
        if item.notice.notice_type in FOLLOW_UPS
        for problem in _problems(item, by_ocid[item.notice.ocid])
    ]


def _problems(item: Located, procurement: list[Located]) -> Iterator[Problem]:
    notice = item.notice
    others = [other for other in procurement if other.notice.notice_id != notice.notice_id]
    below = notice.notice_type is NoticeType.UK7 and notice.above_threshold is False
    if not others and notice.notice_type in MUST_FOLLOW and not below:
        yield _nothing_earlier(item)
    at = procurement_order(notice)
    earlier = sorted(
        (other for other in others if procurement_order(other.notice) < at),
        key=lambda other: (procurement_order(other.notice), other.notice.source_path),
    )
    if earlier:
        yield from _other_buyer(item, earlier[0])
        yield from _unknown_lots(item, earlier)
    yield from _early_award(item, others)


def _nothing_earlier(item: Located) -> Problem:
    """A UK7 or UK12 whose procurement has no other notice here: a mistyped ocid, unless
    its earlier notices are on Find a Tender (a buyer that came to the site mid-procurement),
    as its Find a Tender link says."""
    notice = item.notice
    if notice.find_a_tender is not None:
        return _problem(
            item,
            "ocid",
            f"no other notice of this site has ocid {notice.ocid}: its procurement's earlier "
            "notices are not on this site",
            "check the ocid is Find a Tender's: the procurement's page starts with this notice",
        ).as_warning()
    return _problem(
        item,
        "ocid",
        f"no other notice of this site has ocid {notice.ocid}, so this "
        f"{notice.notice_type.value} follows nothing",
        f"use the ocid of the notice it follows ({_AFTER}); if its earlier notices are on"
        " Find a Tender only, give its find_a_tender link",
    )


def _other_buyer(item: Located, first: Located) -> Iterator[Problem]:
    buyer, theirs = item.notice.buyer.id, first.notice.buyer.id
    if buyer != theirs:
        yield _problem(
            item,
            "buyer.id",
            f"buyer {buyer} is not the procurement's buyer: {first.notice.source_path} "
            f"(ocid {item.notice.ocid}) has buyer {theirs}",
            f"use buyer id {theirs}, or the ocid of this buyer's procurement ({_AFTER})",
        )


def _unknown_lots(item: Located, earlier: Sequence[Located]) -> Iterator[Problem]:
    known = list(dict.fromkeys(lot.id for other in earlier for lot in other.notice.lots))
    notice = item.notice
    named = [(f"lots[{i}].id", lot.id) for i, lot in enumerate(notice.lots)]
    if notice.award is not None:
        named += [(f"award.lots[{i}]", lot) for i, lot in enumerate(notice.award.lots)]
    elif notice.awards:
        named += [
            (f"awards[{n}].lots[{i}]", lot)
            for n, award in enumerate(notice.awards)
            for i, lot in enumerate(award.lots)
        ]
    if not known and len({lot for _, lot in named}) == 1:
        return  # a procurement without lots is one lot: Find a Tender names it '1' (076972-2026)
    has = f"its lots are {', '.join(known)}" if known else "it has no lots"
    for field, lot in named:
        if lot not in known:
            yield _problem(
                item,
                field,
                f"lot '{lot}' is in no earlier notice of procurement {notice.ocid} ({has})",
                "use the lot ids of the notices this one follows",
            )


def _early_award(item: Located, others: Sequence[Located]) -> Iterator[Problem]:
    notice = item.notice
    deadlines = [
        (deadline, other.notice.source_path)
        for other in others
        if other.notice.notice_type is NoticeType.UK4
        and (deadline := other.notice.deadline(DeadlineKind.TENDER)) is not None
    ]
    if notice.notice_type not in AWARDS or not deadlines:
        return
    deadline, tender = max(deadlines)
    if notice.published < deadline:
        yield _problem(
            item,
            "published",
            f"the award is dated {notice.published.isoformat()}, before the tender deadline "
            f"{deadline.isoformat()} of {tender}",
            "check both dates: tenders may arrive until the deadline, so an award comes after it",
        ).as_warning()


def _problem(item: Located, field: str, message: str, fix: str) -> Problem:
    line = item.lines.get(field, item.id_line)
    return Problem(item.notice.source_path, line, field, message, fix)
