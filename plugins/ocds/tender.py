"""The planning and tender sections of a release: milestones, method, lots, deadlines."""

from __future__ import annotations

from plugins.notices.formatting import deadline_label
from plugins.notices.model import DeadlineKind, Lot, Notice, NoticeType, Suitability

from .codes import IMPLIED_PROCEDURE, LEGAL_BASIS, METHOD, METHOD_DETAILS, TENDER_STATUS
from .compact import Json, compact
from .context import Context
from .description import description
from .dynamic_market import techniques
from .items import items
from .values import day, min_value, period, renewal, title_and_description, value, when


def planning(notice: Notice, context: Context) -> Json | None:
    milestones = []
    engagement = notice.deadline(DeadlineKind.ENGAGEMENT)
    if engagement:
        milestones.append(
            {
                "id": "engagement",
                "title": deadline_label(DeadlineKind.ENGAGEMENT, notice.lang),
                "type": "engagement",
                "dueDate": when(engagement),
            }
        )
    if notice.future_notice_date:
        milestones.append(
            {
                "id": "future-notice",
                "title": "Expected publication of the tender or transparency notice",
                "type": "preProcurement",
                "dueDate": day(notice.future_notice_date, context),
            }
        )
    return compact({"milestones": milestones})


def tender(notice: Notice, context: Context) -> Json:
    kind = notice.notice_type
    procedure = notice.procedure or IMPLIED_PROCEDURE.get(kind)
    # Every release repeats what it knows of the tender, so a compiled record keeps it.
    return compact(
        {
            "id": notice.reference or notice.ocid,  # the buyer's reference, when given
            **title_and_description(notice, context, describe=description),
            "status": TENDER_STATUS.get(kind),
            "minValue": min_value(notice.value),
            "value": value(notice.value),
            "procurementMethod": procedure and METHOD.get(procedure),
            "procurementMethodDetails": procedure and METHOD_DETAILS[procedure],
            "procurementMethodRationale": notice.direct_award_justification,
            "mainProcurementCategory": notice.category and str(notice.category),
            "items": items(notice),
            "lots": [_lot(lot, context) for lot in notice.lots],
            **_deadlines(notice),
            "contractPeriod": period(notice, context),
            **renewal(notice),
            "submissionMethod": notice.submission and list(notice.submission.methods),
            "submissionMethodDetails": notice.submission and _submission_details(notice),
            "awardCriteriaDetails": notice.award_criteria,
            "legalBasis": LEGAL_BASIS.get(notice.legal_basis),
            "suitability": _suitability(notice.suitability),
            "techniques": techniques(notice, context),
        }
    )


def _deadlines(notice: Notice) -> Json:
    # An award notice's tender period is the one that closed before it.
    tender = notice.deadline(DeadlineKind.TENDER) or notice.tenders_closed
    enquiry = notice.deadline(DeadlineKind.ENQUIRY)
    interest = notice.deadline(DeadlineKind.EXPRESSION_OF_INTEREST)
    opens = notice.published if notice.notice_type is NoticeType.UK4 else None
    return {
        "tenderPeriod": tender
        and compact({"startDate": opens and when(opens), "endDate": when(tender)}),
        "enquiryPeriod": enquiry and {"endDate": when(enquiry)},
        "milestones": interest
        and [
            {
                "id": "expression-of-interest",
                "title": deadline_label(DeadlineKind.EXPRESSION_OF_INTEREST, notice.lang),
                "code": "expressionOfInterestDeadline",
                "dueDate": when(interest),
            }
        ],
    }


def _submission_details(notice: Notice) -> str | None:
    submission = notice.submission
    assert submission is not None
    return " ".join(text for text in (submission.details, submission.url) if text) or None


def _lot(lot: Lot, context: Context) -> Json:
    """A lot (lots extension), with the tender's fields it overrides (``minValue``), its award
    criteria (award criteria extension: the buyer's words as one criterion's description) and
    its suitability (suitability and UK extensions)."""
    criteria = lot.award_criteria
    return compact(
        {
            "id": lot.id,
            "title": lot.title,
            "description": lot.description,
            "value": value(lot.value),
            "minValue": min_value(lot.value),
            "contractPeriod": period(lot, context),
            **renewal(lot),
            "awardCriteria": criteria and {"criteria": [{"description": criteria}]},
            "suitability": _suitability(lot.suitability),
        }
    )


def _suitability(given: Suitability | None) -> Json | None:
    return {"sme": given.sme, "vcse": given.vcse} if given else None
