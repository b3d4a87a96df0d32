"""Rules that check codes against the shipped code lists: CPV 2008 and UK ITL regions."""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import codelists
from .problems import Problem
from .source import FieldPath, NoticeSource
from .values import canonical_cpv, cpv_text, get


def cpv_codes(source: NoticeSource) -> Iterator[Problem]:
    """CPV codes must be in the CPV 2008 list, with the right check digit if one is given."""
    lists: list[FieldPath] = [("cpv",)]
    lots = source.data.get("lots")
    if isinstance(lots, list):
        lists += [("lots", index, "cpv") for index in range(len(lots))]
    for at in lists:
        codes = get(source.data, *at)
        for index, code in enumerate(codes if isinstance(codes, list) else []):
            yield from _check_cpv(source, (*at, index), cpv_text(code))


def _check_cpv(source: NoticeSource, at: FieldPath, text: str) -> Iterator[Problem]:
    if len(text) < 8 or not text[:8].isdigit() or canonical_cpv(text) is not None:
        return
    full = codelists.cpv_by_digits().get(text[:8])
    if full is None:
        yield source.problem(
            at,
            f"'{text}' is not a CPV 2008 code",
            "look the code up in the CPV 2008 list (plugins/notices/data/cpv2008_en.csv)",
        )
    else:
        label = codelists.cpv_labels()[full]
        yield source.problem(
            at,
            f"'{text}' has the wrong check digit",
            f"write {full} ({label}), or leave the check digit off",
        )


# The schema's form of a region code: a code not in this form is reported by the schema.
_REGION_FORM = re.compile(r"^(TL|UK)[A-N]([0-9A-Z]{1,2})?$")


def region_codes(source: NoticeSource) -> Iterator[Problem]:
    """Regions in the form of a code must be real UK ITL codes (NUTS spellings accepted),
    the notice's and each lot's."""
    lists: list[tuple[FieldPath, str]] = [(("regions",), "")]
    lots = source.data.get("lots")
    for index, lot in enumerate(lots if isinstance(lots, list) else []):
        named = f"lot '{get(lot, 'id')}': " if get(lot, "id") is not None else ""
        lists.append((("lots", index, "regions"), named))
    for at, named in lists:
        found = get(source.data, *at)
        for index, code in enumerate(found if isinstance(found, list) else []):
            if (
                isinstance(code, str)
                and _REGION_FORM.fullmatch(code)
                and not codelists.normalise_region(code)
            ):
                yield source.problem(
                    (*at, index),
                    f"{named}'{code}' is not a UK ITL region",
                    "use an ITL code such as TLL (Wales) or TLL22; see plugins/notices/data/itl.csv",
                )
