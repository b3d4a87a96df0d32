"""A dynamic market modification's suppliers (UK15), as Find a Tender publishes them: parties
of role supplier (admitted) or removedSupplier (UK extension), and the modification itself
as an amendment naming them (the UK extension's suppliersAdded and suppliersRemoved)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from plugins.notices.model import Notice, Supplier

from .compact import Json, compact
from .values import when

ADMITTED, REMOVED = "supplier", "removedSupplier"


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
