"""The official OCDS extensions a release uses, each declared by its extension.json URL.

A package declares an extension only when one of its releases uses it. Copies of each
extension's release-schema patch are kept in ``data/extensions/`` (see its SOURCES.md), so
tests validate against core plus the declared extensions without the network.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from .compact import Json

_RAW = "https://raw.githubusercontent.com"
_OCDS = f"{_RAW}/open-contracting-extensions"
LOTS = f"{_OCDS}/ocds_lots_extension/v1.1.5/extension.json"
# The location extension's master adds deliveryLocations/deliveryAddresses, as Find a Tender uses.
LOCATION = f"{_OCDS}/ocds_location_extension/master/extension.json"
SUITABILITY = f"{_OCDS}/ocds_suitability_extension/master/extension.json"
SCALE = f"{_OCDS}/ocds_partyDetails_scale_extension/master/extension.json"
LEGAL_BASIS = f"{_OCDS}/ocds_legalBasis_extension/master/extension.json"
RENEWAL = f"{_OCDS}/ocds_renewal_extension/master/extension.json"
# A lot's award criteria (Lot.awardCriteria), as Find a Tender and Sell2Wales publish them.
AWARD_CRITERIA = f"{_OCDS}/ocds_awardCriteria_extension/master/extension.json"
# A contract performance notice's KPI results (Implementation.metrics), as Find a Tender's UK9.
METRICS = f"{_OCDS}/ocds_metrics_extension/master/extension.json"
# A contract performance notice's breach (Implementation.performanceFailures).
PERFORMANCE_FAILURES = f"{_OCDS}/ocds_performance_failures_extension/master/extension.json"
# A dynamic market (tender.techniques), as Find a Tender's UK13 to UK16.
TECHNIQUES = f"{_OCDS}/ocds_techniques_extension/master/extension.json"
# Find a Tender's own: a notice document's noticeType (UK1 to UK17), VCSE suitability and
# VCSE status of organisations.
UK = f"{_RAW}/cabinetoffice/ocds_uk_extension/main/extension.json"


def _walk(value: Any) -> Iterator[tuple[str, Any]]:
    """Every (key, value) of every object inside ``value``, depth first."""
    if isinstance(value, dict):
        for key, member in value.items():
            yield key, member
            yield from _walk(member)
    elif isinstance(value, list):
        for member in value:
            yield from _walk(member)


def _keys(data: Json) -> frozenset[str]:
    return frozenset(key for key, _ in _walk(data))


def _vcse(data: Json) -> bool:
    return any(key in ("suitability", "details") and "vcse" in value for key, value in _walk(data))


_USES: dict[str, Callable[[Json, frozenset[str]], bool]] = {
    LOTS: lambda _, keys: bool(keys & {"lots", "relatedLot", "relatedLots"}),
    LOCATION: lambda _, keys: bool(keys & {"deliveryLocations", "deliveryAddresses"}),
    SUITABILITY: lambda _, keys: "suitability" in keys,
    SCALE: lambda _, keys: "scale" in keys,
    LEGAL_BASIS: lambda _, keys: "legalBasis" in keys,
    RENEWAL: lambda _, keys: "renewal" in keys,
    AWARD_CRITERIA: lambda _, keys: "awardCriteria" in keys,
    METRICS: lambda _, keys: "metrics" in keys,
    PERFORMANCE_FAILURES: lambda _, keys: "performanceFailures" in keys,
    TECHNIQUES: lambda _, keys: "techniques" in keys,
    UK: lambda data, keys: "noticeType" in keys or _vcse(data),
}


def extensions_used(data: Json) -> frozenset[str]:
    """The extensions whose fields the release ``data`` has."""
    keys = _keys(data)
    return frozenset(url for url, uses in _USES.items() if uses(data, keys))
