"""Which award each notice of a procurement speaks of, so no two awards share an id.

Every award notice (UK5, UK6) is its own award, with its own id: a procurement can award
its lots by separate notices, and a compiled record must keep them apart. A notice of
several award decisions (``awards``) gives each the id ``<award id>-<n>``, counting from 1.
A UK7 gives the details of an award already announced when an earlier UK5 or UK6 (or one of
its decisions) names the same lots and suppliers; it then keeps that award's id, else it is
an award of its own. A contract change or termination (UK10, UK11) speaks of the award of
the UK7 with the same contract id.
"""

from __future__ import annotations

from collections.abc import Iterable

from plugins.notices.model import Award, Notice, NoticeType, Supplier

from .parties import party_id

ANNOUNCED = (NoticeType.UK5, NoticeType.UK6)
_DETAILS = NoticeType.UK7
_LATER = (NoticeType.UK10, NoticeType.UK11)
# A decision's lots and suppliers (their party ids): what a UK7 is matched by.
_Scope = tuple[frozenset[str], frozenset[str]]


def award_ids(notices: Iterable[Notice]) -> dict[str, str]:
    """notice_id → the id of the award it speaks of, for the notices of one procurement."""
    ids: dict[str, str] = {}
    announced: list[tuple[str, _Scope]] = []
    by_contract: dict[str, str] = {}
    for notice in sorted(notices, key=lambda n: (n.published, n.notice_id)):
        kind = notice.notice_type
        if kind in ANNOUNCED:
            ids[notice.notice_id] = notice.notice_id
            announced += _scopes(notice, notice.notice_id)
        elif kind is _DETAILS:
            scope = _scope(notice, notice.award)
            earlier = [award_id for award_id, said in announced if said == scope]
            ids[notice.notice_id] = earlier[-1] if earlier else notice.notice_id
            if notice.contract:
                by_contract[notice.contract.id] = ids[notice.notice_id]
        elif kind in _LATER and notice.contract:
            ids[notice.notice_id] = by_contract.get(notice.contract.id, notice.contract.id)
    return ids


def decision_ids(notice: Notice, base: str) -> list[str]:
    """The id of each award decision of ``notice``, whose award is ``base``."""
    if len(notice.awards) <= 1:
        return [base]
    return [f"{base}-{number}" for number in range(1, len(notice.awards) + 1)]


def awarded_suppliers(notice: Notice, award: Award | None) -> tuple[Supplier, ...]:
    """The suppliers of one decision: those it names, else all the notice's."""
    if award is None or not award.suppliers:
        return notice.suppliers
    named = set(award.suppliers)
    return tuple(supplier for supplier in notice.suppliers if supplier.name in named)


def _scopes(notice: Notice, base: str) -> list[tuple[str, _Scope]]:
    decisions: list[Award | None] = list(notice.awards) or [None]
    ids = decision_ids(notice, base)
    return [(i, _scope(notice, d)) for i, d in zip(ids, decisions, strict=True)]


def _scope(notice: Notice, award: Award | None) -> _Scope:
    lots = frozenset(award.lots) if award else frozenset()
    return lots, frozenset(party_id(s) for s in awarded_suppliers(notice, award))
