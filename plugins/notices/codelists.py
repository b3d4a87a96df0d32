"""Code lists shipped with the project: CPV 2008, UK ITL regions, ISO 4217 currencies.

Sources and licences are in NOTICE.md at the project root.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"

# The 2021 ITL revision renumbered Northern Ireland's ITL3 areas and NUTS 2016 had old Dorset codes.
_OLD_REGION_CODES = {
    **{f"TLN1{i}": f"TLN0{chr(ord('A') + i)}" for i in range(7)},
    "TLK21": "TLK24",
    "TLK22": "TLK25",
}


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: int
    nuts_code: str


@cache
def cpv_labels() -> dict[str, str]:
    """CPV code with check digit (``45000000-7``) → English label."""
    with (DATA / "cpv2008_en.csv").open(encoding="utf-8", newline="") as file:
        return {row["code"]: row["label"] for row in csv.DictReader(file)}


@cache
def cpv_by_digits() -> dict[str, str]:
    """Eight-digit CPV code → the code with its check digit."""
    return {code[:8]: code for code in cpv_labels()}


@cache
def cpv_divisions() -> tuple[str, ...]:
    """The two-digit divisions of CPV 2008 (``03`` … ``98``), in order."""
    return tuple(code[:2] for code in cpv_labels() if code[2:8] == "000000")


@cache
def regions() -> dict[str, Region]:
    """ITL code → region, for ITL1, ITL2 and ITL3."""
    with (DATA / "itl.csv").open(encoding="utf-8", newline="") as file:
        return {
            row["code"]: Region(row["code"], row["name"], int(row["level"]), row["nuts_code"])
            for row in csv.DictReader(file)
        }


@cache
def currencies() -> frozenset[str]:
    """ISO 4217 codes, as listed by the OCDS 1.1.5 currency code list."""
    return frozenset((DATA / "currencies.txt").read_text(encoding="utf-8").split())


def regions_within(itl1: str, levels: tuple[int, ...]) -> tuple[str, ...]:
    """An ITL1 region and the areas in it at ``levels``, in code order (TLL, TLL1, TLL11…)."""
    return tuple(
        sorted(
            code
            for code, region in regions().items()
            if code.startswith(itl1) and region.level in levels
        )
    )


def normalise_region(code: str) -> str | None:
    """The ITL code for an ITL or NUTS (``UK…``) spelling, or None if unknown."""
    itl = "TL" + code[2:] if code.startswith("UK") else code
    itl = _OLD_REGION_CODES.get(itl, itl)
    return itl if itl in regions() else None
