"""A dynamic market (UK13 to UK16) as Find a Tender publishes it: the tender's techniques (a
dynamic purchasing system, its status by notice type, its period as the framework
agreement's; techniques extension); a modification's (UK15) suppliers as parties of role
supplier (admitted) or removedSupplier (UK extension), and the modification itself as an
amendment naming them (the UK extension's suppliersAdded and suppliersRemoved)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from plugins.notices.model import Notice, NoticeType, Supplier

from .compact import Json, compact
from .context import Context
from .values import day, when

ADMITTED, REMOVED = "supplier", "removedSupplier"
# dynamicPurchasingSystemStatus.csv by notice type: to be established, established (and
# modified), ceased.
STATUS = {
    NoticeType.UK13: "pending",
    NoticeType.UK14: "active",
    NoticeType.UK15: "active",
    NoticeType.UK16: "terminated",
}


def techniques(notice: Notice, context: Context) -> Json | None:
    """The tender's techniques of a dynamic market notice, else None."""
    market = notice.dynamic_market
    if notice.notice_type not in STATUS or market is None:
        return None
    period = {
        "startDate": market.start and day(market.start, context),
        "endDate": market.end and day(market.end, context, end=True),
    }
    return compact(
        {
            "hasDynamicPurchasingSystem": True,
            "dynamicPurchasingSystem": {"status": STATUS[notice.notice_type]},
            "frameworkAgreement": compact({"period": compact(period)}),
        }
    )


def members(notice: Notice) -> Iterator[tuple[Supplier, str]]:
    """Each supplier the market admits or removes, with its party role."""
    market = notice.dynamic_market
    if market is None:
        return
    yield from ((supplier, ADMITTED) for supplier in market.added)
    yield from ((supplier, REMOVED) for supplier in market.removed)


def modification(notice: Notice, party_id: Callable[[Supplier], str]) -> Json | None:
    """The amendment a membership change is, or None when the notice makes none."""
    market = notice.dynamic_market
    if market is None or not (market.added or market.removed):
        return None
    return compact(
        {
            "id": notice.notice_id,
            "date": when(notice.published),
            "description": notice.summary,
            "suppliersAdded": [_reference(s, party_id) for s in market.added],
            "suppliersRemoved": [_reference(s, party_id) for s in market.removed],
            "releaseID": notice.notice_id,
        }
    )


def _reference(supplier: Supplier, party_id: Callable[[Supplier], str]) -> Json:
    return {"id": party_id(supplier), "name": supplier.name}
