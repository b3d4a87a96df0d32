"""An award notice's decisions: one ``award`` or several ``awards``, each naming lots the
notice has and suppliers it lists.

A notice gives one award decision as ``award``, or several (one per lot or per supplier, as
Find a Tender's contract award notices often do) as ``awards``; each of ``awards`` names its
suppliers by their names in ``suppliers``. Lot ids are checked here against the notice's
own lots; a notice without lots is checked against its procurement's earlier notices
(``followups``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .problems import Problem
from .source import FieldPath, NoticeSource


def award_decisions(source: NoticeSource) -> Iterator[Problem]:
    """One way of giving the awards; each award's lots and suppliers are the notice's."""
    data = source.data
    if data.get("award") is not None and data.get("awards") is not None:
        yield source.problem(
            ("awards",),
            "the notice gives both 'award' and 'awards'",
            "give one award decision as 'award', or several as 'awards', not both",
        )
    yield from _lots_named(source)
    yield from _suppliers_named(source)


def _decisions(data: dict[str, Any]) -> Iterator[tuple[FieldPath, dict[str, Any]]]:
    award = data.get("award")
    if isinstance(award, dict):
        yield ("award",), award
    awards = data.get("awards")
    for index, each in enumerate(awards if isinstance(awards, list) else []):
        if isinstance(each, dict):
            yield ("awards", index), each


def _lots_named(source: NoticeSource) -> Iterator[Problem]:
    lots = source.data.get("lots")
    known = [str(lot["id"]) for lot in lots or [] if isinstance(lot, dict) and "id" in lot]
    if not known:
        return  # a follow-up's lots are its procurement's: see followups
    for at, decision in _decisions(source.data):
        named = decision.get("lots")
        for index, lot in enumerate(named if isinstance(named, list) else []):
            if str(lot) not in known:
                yield source.problem(
                    (*at, "lots", index),
                    f"lot '{lot}' is not one of this notice's lots ({', '.join(known)})",
                    "use the id of a lot in 'lots', or add the lot there",
                )


def _suppliers_named(source: NoticeSource) -> Iterator[Problem]:
    given = source.data.get("suppliers")
    names = {
        str(supplier.get("name")).strip()
        for supplier in (given if isinstance(given, list) else [])
        if isinstance(supplier, dict)
    }
    awards = source.data.get("awards")
    for index, decision in enumerate(awards if isinstance(awards, list) else []):
        named = decision.get("suppliers") if isinstance(decision, dict) else None
        for place, name in enumerate(named if isinstance(named, list) else []):
            if isinstance(name, str) and name.strip() not in names:
                yield source.problem(
                    ("awards", index, "suppliers", place),
                    f"'{name}' is not one of the notice's suppliers",
                    "use a supplier's name exactly as 'suppliers' gives it, or add it there",
                )
