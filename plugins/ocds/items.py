"""OCDS items: what is bought (CPV classifications) and where it is delivered (ITL regions).

A notice without lots has one item, ``1``. A notice with lots has one item per lot,
``lot-<id>`` with ``relatedLot``, classified by the lot's own CPV codes (else the notice's);
and, when the notice has CPV codes, item ``1`` for the whole tender with the notice's main
code and the rest as additional classifications, so the main code survives whatever the lots say.
"""

from __future__ import annotations

from plugins.notices.model import Cpv, Notice

from .codes import CPV_SCHEME
from .compact import Json, compact
from .places import delivery_addresses, delivery_locations

WHOLE_TENDER = "1"


def items(notice: Notice) -> list[Json]:
    """The whole tender's item (when it has codes, or places and no lots), then each lot's."""
    whole = notice.cpv or ((notice.regions or notice.places) and not notice.lots)
    found = [_item(notice, WHOLE_TENDER, notice.title, notice.cpv)] if whole else []
    return found + [
        _item(notice, f"lot-{lot.id}", lot.title, lot.cpv or notice.cpv, related_lot=lot.id)
        for lot in notice.lots
    ]


def _item(
    notice: Notice,
    item_id: str,
    description: str,
    cpvs: tuple[Cpv, ...],
    related_lot: str | None = None,
) -> Json:
    return compact(
        {
            "id": item_id,
            "description": description,
            "classification": _classification(cpvs[0]) if cpvs else None,
            "additionalClassifications": [_classification(cpv) for cpv in cpvs[1:]],
            "deliveryLocations": delivery_locations(notice.regions, notice.places),
            "deliveryAddresses": delivery_addresses(notice.regions, notice.places),
            "relatedLot": related_lot,
        }
    )


def _classification(cpv: Cpv) -> Json:
    # OCDS and Find a Tender write CPV codes as eight digits, without the check digit.
    return {"scheme": CPV_SCHEME, "id": cpv.code[:8], "description": cpv.label}
