"""Which award each notice of a procurement speaks of, so no two awards share an id.

Every award notice (UK5, UK6) is its own award, with its own id: a procurement can award
its lots by separate notices, and a compiled record must keep them apart. A UK7 gives the
details of an award already announced when an earlier UK5 or UK6 names the same lots and
suppliers; it then keeps that award's id, else it is an award of its own. A contract change
or termination (UK10, UK11) speaks of the award of the UK7 with the same contract id.
"""

from __future__ import annotations

from collections.abc import Iterable

from plugins.notices.model import Notice, NoticeType

from .parties import party_id

ANNOUNCED = (NoticeType.UK5, NoticeType.UK6)
_DETAILS = NoticeType.UK7
_LATER = (NoticeType.UK10, NoticeType.UK11)


def award_ids(notices: Iterable[Notice]) -> dict[str, str]:
    """notice_id → the id of the award it speaks of, for the notices of one procurement."""
    ids: dict[str, str] = {}
    announced: list[Notice] = []
    by_contract: dict[str, str] = {}
    for notice in sorted(notices, key=lambda n: (n.published, n.notice_id)):
        kind = notice.notice_type
        if kind in ANNOUNCED:
            ids[notice.notice_id] = notice.notice_id
            announced.append(notice)
        elif kind is _DETAILS:
            earlier = [n for n in announced if _same_award(n, notice)]
            ids[notice.notice_id] = earlier[-1].notice_id if earlier else notice.notice_id
            if notice.contract:
                by_contract[notice.contract.id] = ids[notice.notice_id]
        elif kind in _LATER and notice.contract:
            ids[notice.notice_id] = by_contract.get(notice.contract.id, notice.contract.id)
    return ids


def _same_award(announced: Notice, details: Notice) -> bool:
    return _lots(announced) == _lots(details) and _suppliers(announced) == _suppliers(details)


def _lots(notice: Notice) -> frozenset[str]:
    return frozenset(notice.award.lots) if notice.award else frozenset()


def _suppliers(notice: Notice) -> frozenset[str]:
    return frozenset(party_id(supplier) for supplier in notice.suppliers)
