"""The awards and contracts sections of a release: who won, for how much, for how long."""

from __future__ import annotations

from plugins.notices.model import Award, LegalBasis, Notice, NoticeType

from .award_ids import awarded_suppliers, decision_ids
from .codes import AWARD_STATUS, CONTRACT_STATUS, SECTION, Section
from .compact import Json, compact
from .context import Context
from .items import items
from .parties import party_id
from .performance import implementation
from .values import day, period, title_and_description, value


def awards(notice: Notice, context: Context) -> list[Json]:
    """One award per decision; a notice of several gives each its own id (``<id>-<n>``)."""
    kind = notice.notice_type
    if kind not in AWARD_STATUS:
        return []
    base = context.award_id or notice.notice_id
    decisions: list[Award | None] = list(notice.awards) or [None]
    ids = decision_ids(notice, base)
    return [
        _award(notice, context, award_id, decision)
        for award_id, decision in zip(ids, decisions, strict=True)
    ]


def _award(notice: Notice, context: Context, award_id: str, award: Award | None) -> Json:
    own = SECTION[notice.notice_type] is Section.AWARD
    return compact(
        {
            "id": award_id,
            **(title_and_description(notice, context) if own else {}),
            "status": (award and award.status) or award_status(notice),
            "date": award and day(award.date, context),
            "value": value(award.value) if award and award.value else _direct(notice),
            "suppliers": [
                {"id": party_id(s), "name": s.name} for s in awarded_suppliers(notice, award)
            ],
            "contractPeriod": period(notice, context) if own else None,
            "relatedLots": award and list(award.lots),
            "items": items(notice) if own else None,
        }
    )


def _direct(notice: Notice) -> Json | None:
    """A transparency notice's value is the contract it will award directly (as Find a
    Tender publishes it: the award's value), when it is one award."""
    one = len(notice.awards) <= 1
    return value(notice.value) if one and notice.notice_type is NoticeType.UK5 else None


def award_status(notice: Notice) -> str:
    """Pending while a Procurement Act award waits for its contract; active once made."""
    signed = notice.contract is not None and notice.contract.date_signed is not None
    if signed or notice.legal_basis is not LegalBasis.PA2023:
        return "active"
    return AWARD_STATUS[notice.notice_type]


def contracts(notice: Notice, context: Context) -> list[Json]:
    contract = notice.contract
    kind = notice.notice_type
    if contract is None or kind not in CONTRACT_STATUS:
        return []
    own = kind is NoticeType.UK7
    return [
        compact(
            {
                "id": contract.id,
                "awardID": _contract_award(notice, context, contract.id),
                **(title_and_description(notice, context) if own else {}),
                "status": CONTRACT_STATUS[kind],
                "period": _contract_period(notice, context),
                "value": value(contract.value)
                or value(notice.modification.new_value if notice.modification else None),
                "dateSigned": contract.date_signed and day(contract.date_signed, context),
                "items": items(notice) if own else None,
                "implementation": implementation(notice, context),
            }
        )
    ]


def _contract_award(notice: Notice, context: Context, contract_id: str) -> str:
    """The award a contract is of: the procurement's, else the notice's first decision."""
    if len(notice.awards) > 1:
        return decision_ids(notice, context.award_id or notice.notice_id)[0]
    return context.award_id or contract_id


def _contract_period(notice: Notice, context: Context) -> Json | None:
    if notice.notice_type is NoticeType.UK7:
        return period(notice, context)
    if notice.termination:
        return {"endDate": day(notice.termination.date, context, end=True)}
    new_end = notice.modification.new_end_date if notice.modification else None
    return {"endDate": day(new_end, context, end=True)} if new_end else None
