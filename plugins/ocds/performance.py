"""A contract performance notice's KPI assessments (UK9) as ``contracts[].implementation``:
one metric per assessment, its result an observation (metrics extension) rated by the UK
extension's ``measureClassification``, as Find a Tender publishes them; a breach as a
performance failure (performance failures extension, its description the UK extension's)."""

from __future__ import annotations

from plugins.notices.model import KpiAssessment, KpiRating, Notice

from .compact import Json, compact
from .context import Context
from .values import day

# The UK extension's measureClassification ids (Observation), with Find a Tender's words.
MEASURE_CLASSIFICATION = {
    KpiRating.GOOD: ("met", "Good - performance is meeting or exceeding the KPI"),
    KpiRating.APPROACHING_TARGET: (
        "slightlyBelow",
        "Approaching target - performance is close to meeting the KPI",
    ),
    KpiRating.REQUIRES_IMPROVEMENT: (
        "below",
        "Requires improvement - performance is below the KPI",
    ),
    KpiRating.INADEQUATE: (
        "significantlyBelow",
        "Inadequate - performance is significantly below the KPI",
    ),
    KpiRating.OTHER: ("other", "Other"),
}


def implementation(notice: Notice, context: Context) -> Json | None:
    """The KPIs assessed and the breach reported, or None when the notice reports neither."""
    performance = notice.performance
    if performance is None:
        return None
    breach = performance.breach and {
        "id": f"{notice.notice_id}-breach",
        "description": performance.breach,
    }
    return (
        compact(
            {
                "metrics": [
                    _metric(notice, context, number, assessment)
                    for number, assessment in enumerate(performance.assessments, 1)
                ],
                "performanceFailures": [breach] if breach else None,
            }
        )
        or None
    )


def _metric(notice: Notice, context: Context, number: int, assessment: KpiAssessment) -> Json:
    code, words = MEASURE_CLASSIFICATION[assessment.rating]
    observation = {
        "id": f"{notice.notice_id}-{number}",
        "period": {
            "startDate": day(assessment.start, context),
            "endDate": day(assessment.end, context, end=True),
        },
        "measure": assessment.measure,
        "measureClassification": {"id": code, "description": words},
    }
    return compact(
        {
            "id": str(number),
            "title": assessment.kpi,
            "description": assessment.target,
            "observations": [compact(observation)],
        }
    )
