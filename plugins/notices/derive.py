"""Values derived from notices: status as of the build clock, facets, value band."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from .model import Deadline, DeadlineKind, Money, Notice, NoticeType


class Status(StrEnum):
    PLANNED = "planned"
    OPEN = "open"
    CLOSED = "closed"
    AWARDED = "awarded"
    CANCELLED = "cancelled"


class ValueBand(StrEnum):
    UNDER_30K = "under-30k"
    FROM_30K_TO_100K = "30k-to-100k"
    FROM_100K_TO_500K = "100k-to-500k"
    FROM_500K_TO_2M = "500k-to-2m"
    FROM_2M_TO_10M = "2m-to-10m"
    OVER_10M = "over-10m"
    UNKNOWN = "unknown"


_BAND_FLOORS = [
    (Decimal(10_000_000), ValueBand.OVER_10M),
    (Decimal(2_000_000), ValueBand.FROM_2M_TO_10M),
    (Decimal(500_000), ValueBand.FROM_500K_TO_2M),
    (Decimal(100_000), ValueBand.FROM_100K_TO_500K),
    (Decimal(30_000), ValueBand.FROM_30K_TO_100K),
    (Decimal(0), ValueBand.UNDER_30K),
]
CLOSING_KINDS = (DeadlineKind.TENDER, DeadlineKind.EXPRESSION_OF_INTEREST, DeadlineKind.ENGAGEMENT)
_AWARD_TYPES = {NoticeType.UK5, NoticeType.UK6, NoticeType.UK7}
# A dynamic market's intention, establishment and modification notices: open to new members.
_MARKET_OPEN = {NoticeType.UK13, NoticeType.UK14, NoticeType.UK15}
_BEFORE_AWARD = {NoticeType.UK1, NoticeType.UK2, NoticeType.UK3, NoticeType.UK4}
# A procurement's life in order: pipeline, tender, award, contract change, cancellation.
_STAGES = {notice_type: number for number, notice_type in enumerate(NoticeType)}


@dataclass(frozen=True)
class Facets:
    """What a notice is filed under: computed once per build."""

    status: Status
    cpv_divisions: tuple[str, ...]
    itl1_regions: tuple[str, ...]
    value_band: ValueBand
    buyer_slug: str
    # Every ITL area the notice is in, at every level: TLL14 is in TLL, TLL1 and TLL14.
    regions: tuple[str, ...] = ()


def closing_deadline(notice: Notice) -> Deadline | None:
    """The deadline for responses: tender, else expressions of interest, else engagement."""
    by_kind = {deadline.kind: deadline for deadline in notice.deadlines}
    return next((by_kind[kind] for kind in CLOSING_KINDS if kind in by_kind), None)


def main_value(notice: Notice) -> Money | None:
    """The value a reader would quote: the estimate, else the award, else the contract."""
    return (
        notice.value
        or (notice.award and notice.award.value)
        or awards_total(notice)
        or (notice.contract and notice.contract.value)
        or None
    )


def awards_total(notice: Notice) -> Money | None:
    """Several awards' total, when each is for its own lots and all are in one currency.

    Awards that share a lot, or name none (a framework's suppliers, each awarded its whole
    value), have no total a reader could quote.
    """
    values = [award.value for award in notice.awards]
    lots = [lot for award in notice.awards for lot in award.lots]
    if len(values) < 2 or None in values or not all(a.lots for a in notice.awards):
        return None
    currencies = {value.currency for value in values if value}
    if len(lots) != len(set(lots)) or len(currencies) != 1:
        return None
    return Money(sum((value.amount for value in values if value), Decimal(0)), currencies.pop())


def value_band(money: Money | None) -> ValueBand:
    """Band of a value excluding VAT; values in other currencies than GBP are 'unknown'."""
    if money is None or money.currency != "GBP":
        return ValueBand.UNKNOWN
    return next(band for floor, band in _BAND_FLOORS if money.amount >= floor)


def own_status(notice: Notice, clock: datetime) -> Status:
    """Status from the notice alone, as of ``clock``."""
    kind = notice.notice_type
    if kind in (NoticeType.UK1, NoticeType.UK3):
        return Status.PLANNED
    if kind is NoticeType.UK2:
        return _open_until(notice.deadline(DeadlineKind.ENGAGEMENT), clock)
    if kind is NoticeType.UK4:
        closes = notice.deadline(DeadlineKind.TENDER) or notice.deadline(
            DeadlineKind.EXPRESSION_OF_INTEREST
        )
        # A copy of a Find a Tender tender notice published with no deadline (see
        # requirements.COPIES_MAY_LACK) is open: nothing says it has closed.
        return Status.OPEN if closes is None else _open_until(closes, clock)
    if kind in _MARKET_OPEN:
        return _market_status(notice, clock)
    if kind in (NoticeType.UK11, NoticeType.UK16):
        return Status.CLOSED
    if kind is NoticeType.UK12:
        return Status.CANCELLED
    return Status.AWARDED


def _market_status(notice: Notice, clock: datetime) -> Status:
    """A dynamic market takes applications to join until it ends, if an end is set."""
    ends = notice.dynamic_market.end if notice.dynamic_market else None
    return Status.OPEN if ends is None or clock.date() <= ends else Status.CLOSED


def _open_until(closes: datetime | None, clock: datetime) -> Status:
    return Status.OPEN if closes is not None and clock < closes else Status.CLOSED


def statuses(notices: Iterable[Notice], clock: datetime) -> dict[tuple[str, str], Status]:
    """Status of every notice, taking later notices of the same procurement into account.

    A pipeline or tender notice is 'cancelled' once its procurement has a later UK12
    and 'awarded' once it has a later UK5, UK6 or UK7; "later" includes the same moment
    for a later stage (``procurement_order``).
    """
    by_ocid: dict[str, list[Notice]] = defaultdict(list)
    for notice in notices:
        by_ocid[notice.ocid].append(notice)
    result = {}
    for procurement in by_ocid.values():
        for notice in procurement:
            result[notice.key] = _status_in_procurement(notice, procurement, clock)
    return result


def stage(notice_type: NoticeType) -> int:
    """Where a notice type comes in a procurement's life (UK1 first, UK12 last)."""
    return _STAGES[notice_type]


def procurement_order(notice: Notice) -> tuple[datetime, int]:
    """How notices of one procurement follow each other: by date, then by stage.

    A cancellation or award dated at the same moment as the tender it follows comes after it.
    """
    return (notice.published, stage(notice.notice_type))


def _status_in_procurement(notice: Notice, procurement: list[Notice], clock: datetime) -> Status:
    if notice.notice_type in _BEFORE_AWARD:
        at = procurement_order(notice)
        later = {other.notice_type for other in procurement if procurement_order(other) > at}
        if NoticeType.UK12 in later:
            return Status.CANCELLED
        if later & _AWARD_TYPES:
            return Status.AWARDED
    if notice.notice_type in _MARKET_OPEN and _ceased_later(notice, procurement):
        return Status.CLOSED
    return own_status(notice, clock)


def _ceased_later(notice: Notice, procurement: list[Notice]) -> bool:
    """Whether the dynamic market has a cessation notice (UK16) after this notice."""
    at = procurement_order(notice)
    return any(
        other.notice_type is NoticeType.UK16 and procurement_order(other) > at
        for other in procurement
    )


def facets(notice: Notice, status: Status) -> Facets:
    """File a notice under its status, CPV divisions, ITL regions (its own and its lots'),
    value band and buyer."""
    regions = [*notice.regions, *(region for lot in notice.lots for region in lot.regions)]
    return Facets(
        status=status,
        cpv_divisions=tuple(dict.fromkeys(cpv.division for cpv in notice.cpv)),
        itl1_regions=tuple(dict.fromkeys(region.itl1 for region in regions)),
        value_band=value_band(main_value(notice)),
        buyer_slug=slugify(notice.buyer.name),
        regions=tuple(dict.fromkeys(area for r in regions for area in itl_areas(r.code))),
    )


def itl_areas(code: str) -> tuple[str, ...]:
    """An ITL code and the areas it lies in, broadest first (``TLL14`` → TLL, TLL1, TLL14)."""
    # ITL1 codes have three characters, ITL2 four and ITL3 five.
    return tuple(code[:length] for length in range(3, len(code) + 1))


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens, for URLs."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = "".join(c if c.isalnum() else " " for c in ascii_text.lower()).split()
    return "-".join(words)
