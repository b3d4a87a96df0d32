"""Code values of the notice model: notice types and groups, procedures, deadlines."""

from __future__ import annotations

from enum import StrEnum


class NoticeGroup(StrEnum):
    """Groups of notice types that suppliers follow together."""

    PIPELINE = "pipeline"
    TENDER = "tender"
    AWARD = "award"
    CONTRACT_CHANGE = "contract-change"
    CANCELLATION = "cancellation"
    PERFORMANCE = "performance"
    DYNAMIC_MARKET = "dynamic-market"


class NoticeType(StrEnum):
    """Procurement Act 2023 notice types that Noticeboard publishes."""

    UK1 = "UK1"
    UK2 = "UK2"
    UK3 = "UK3"
    UK4 = "UK4"
    UK5 = "UK5"
    UK6 = "UK6"
    UK7 = "UK7"
    UK9 = "UK9"  # contract performance (s.71)
    UK10 = "UK10"
    UK11 = "UK11"
    UK12 = "UK12"
    # Dynamic market notices (s.39): intention to establish, establishment, modification
    # and cessation.
    UK13 = "UK13"
    UK14 = "UK14"
    UK15 = "UK15"
    UK16 = "UK16"

    @property
    def group(self) -> NoticeGroup:
        return _TYPE_GROUPS[self]


_TYPE_GROUPS = {
    **dict.fromkeys([NoticeType.UK1, NoticeType.UK2, NoticeType.UK3], NoticeGroup.PIPELINE),
    NoticeType.UK4: NoticeGroup.TENDER,
    **dict.fromkeys([NoticeType.UK5, NoticeType.UK6, NoticeType.UK7], NoticeGroup.AWARD),
    **dict.fromkeys([NoticeType.UK10, NoticeType.UK11], NoticeGroup.CONTRACT_CHANGE),
    NoticeType.UK12: NoticeGroup.CANCELLATION,
    NoticeType.UK9: NoticeGroup.PERFORMANCE,
    **dict.fromkeys(
        [NoticeType.UK13, NoticeType.UK14, NoticeType.UK15, NoticeType.UK16],
        NoticeGroup.DYNAMIC_MARKET,
    ),
}


class KpiRating(StrEnum):
    """How a key performance indicator was met (Procurement Act 2023 s.71; Find a Tender's
    ratings: good, approaching target, requires improvement, inadequate)."""

    GOOD = "good"
    APPROACHING_TARGET = "approaching_target"
    REQUIRES_IMPROVEMENT = "requires_improvement"
    INADEQUATE = "inadequate"
    OTHER = "other"


class LegalBasis(StrEnum):
    """The rules a procurement runs under, which decide what its notices must say."""

    PA2023 = "PA2023"  # Procurement Act 2023
    PCR2015 = "PCR2015"  # Public Contracts Regulations 2015 (UKSI 2015/102)
    PCSR2015 = "PCSR2015"  # Public Contracts (Scotland) Regulations 2015 (SSI 2015/446)
    NONE = "none"


class PlaceKind(StrEnum):
    """How a delivery place is given when it is not an ITL region."""

    AREA = "area"  # the whole UK, or one of its nations
    POSTCODE = "postcode"
    TEXT = "text"
    OUTSIDE_UK = "outside_uk"


# Areas a place may name whole: the United Kingdom and its nations.
AREAS = ("UK", "England", "Wales", "Scotland", "Northern Ireland")


class Category(StrEnum):
    GOODS = "goods"
    SERVICES = "services"
    WORKS = "works"


class Procedure(StrEnum):
    OPEN = "open"
    COMPETITIVE_FLEXIBLE = "competitive_flexible"
    BELOW_THRESHOLD_OPEN = "below_threshold_open"
    DIRECT_AWARD = "direct_award"
    FRAMEWORK_CALL_OFF = "framework_call_off"
    DYNAMIC_MARKET = "dynamic_market"
    # Procedures of the 2015 regulations (PCR 2015 regulations 28 to 31, and Scotland's)
    # that the Act replaced with the competitive flexible procedure.
    RESTRICTED = "restricted"
    COMPETITIVE_DIALOGUE = "competitive_dialogue"
    COMPETITIVE_WITH_NEGOTIATION = "competitive_with_negotiation"
    INNOVATION_PARTNERSHIP = "innovation_partnership"
    OTHER = "other"


EARLIER_PROCEDURES = frozenset(
    {
        Procedure.RESTRICTED,
        Procedure.COMPETITIVE_DIALOGUE,
        Procedure.COMPETITIVE_WITH_NEGOTIATION,
        Procedure.INNOVATION_PARTNERSHIP,
    }
)


class DeadlineKind(StrEnum):
    TENDER = "tender"
    ENQUIRY = "enquiry"
    EXPRESSION_OF_INTEREST = "expression_of_interest"
    ENGAGEMENT = "engagement"
