"""Code lists' names for the catalogue: ``pybabel extract`` over the data, not the code.

The English names of CPV divisions and ITL regions live in plugins/notices/data, so
``babel.cfg`` runs these extractors over those files. They give each CPV division's label
(context ``cpv``), and the names of the UK's nations and regions (ITL1) and of the areas of
Wales (context ``region``): the places Welsh has names of its own for. ``formatting.py``
translates the names with the same contexts; a name not in the catalogue shows as it is.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from .codelists import cpv_by_digits, cpv_divisions, cpv_labels, regions

CPV = "cpv"
REGION = "region"
WALES = "TLL"
# As Babel's extractors yield: line, keyword (pgettext takes a context), messages, comments.
Found = tuple[int, str, tuple[str, str], list[str]]


def cpv_names(
    fileobj: IO[bytes], keywords: Collection[str], tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[Found]:
    """Each CPV division's label (``45`` → ``Construction work``)."""
    for division in cpv_divisions():
        yield 1, "pgettext", (CPV, cpv_division_name(division)), []


def region_names(
    fileobj: IO[bytes], keywords: Collection[str], tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[Found]:
    """The names of the ITL1 regions and of every area of Wales."""
    for code, region in regions().items():
        if region.level == 1 or code.startswith(WALES):
            yield 1, "pgettext", (REGION, region.name), []


def cpv_division_name(division: str) -> str:
    """The English label of a CPV division's own code, or "" if it has none."""
    code = cpv_by_digits().get(f"{division}000000")
    return cpv_labels()[code] if code else ""
