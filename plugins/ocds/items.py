"""OCDS items: what is bought (CPV classifications) and where it is delivered (ITL regions)."""

from __future__ import annotations

from plugins.notices.model import Cpv, Notice, Region

from .codes import CPV_SCHEME, ITL_GAZETTEER
from .compact import Json, compact


def items(notice: Notice) -> list[Json]:
    """One item per lot, or one for the whole notice if it has a CPV code or a region."""
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
    return compact(
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
