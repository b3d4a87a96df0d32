"""OCDS items: what is bought (CPV classifications) and where it is delivered (ITL regions).

A notice without lots has one item, ``1``. A notice with lots has one item per lot,
``lot-<id>`` with ``relatedLot``, classified by the lot's own CPV codes (else the notice's)
and delivered to the lot's own places (else the notice's); and, when the notice has CPV
codes, item ``1`` for the whole tender with the notice's main code and the rest as additional
classifications, so the main code survives whatever the lots say.
"""

from __future__ import annotations

from plugins.notices.model import Cpv, Lot, Notice, Place, Region

from .codes import CPV_SCHEME
from .compact import Json, compact
from .places import delivery_addresses, delivery_locations

WHOLE_TENDER = "1"


def items(notice: Notice) -> list[Json]:
    """The whole tender's item (when it has codes, or places and no lots), then each lot's."""
    whole = notice.cpv or ((notice.regions or notice.places) and not notice.lots)
    where = (notice.regions, notice.places)
    found = [_item(WHOLE_TENDER, notice.title, notice.cpv, where)] if whole else []
    return found + [_lot_item(notice, lot) for lot in notice.lots]


def _lot_item(notice: Notice, lot: Lot) -> Json:
    """A lot's item: its own codes and places, else the notice's."""
    own = lot.regions or lot.places
    where = (lot.regions, lot.places) if own else (notice.regions, notice.places)
    described = lot.title or lot.description
    return _item(f"lot-{lot.id}", described, lot.cpv or notice.cpv, where, related_lot=lot.id)


def _item(
    item_id: str,
    description: str | None,
    cpvs: tuple[Cpv, ...],
    where: tuple[tuple[Region, ...], tuple[Place, ...]],
    related_lot: str | None = None,
) -> Json:
    return compact(
        {
            "id": item_id,
            "description": description,
            "classification": _classification(cpvs[0]) if cpvs else None,
            "additionalClassifications": [_classification(cpv) for cpv in cpvs[1:]],
            "deliveryLocations": delivery_locations(*where),
            "deliveryAddresses": delivery_addresses(*where),
            "relatedLot": related_lot,
        }
    )


def _classification(cpv: Cpv) -> Json:
    # OCDS and Find a Tender write CPV codes as eight digits, without the check digit.
    return {"scheme": CPV_SCHEME, "id": cpv.code[:8], "description": cpv.label}
