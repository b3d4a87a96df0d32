"""How notice types and codes map onto OCDS 1.1.5 code lists (see docs/open-data.md)."""

from __future__ import annotations

from enum import StrEnum

from plugins.notices.model import LegalBasis, NoticeType, Procedure


class Section(StrEnum):
    """The part of a release a notice type is mainly about."""

    PLANNING = "planning"
    TENDER = "tender"
    AWARD = "award"
    CONTRACT = "contract"


SECTION = {
    NoticeType.UK1: Section.PLANNING,
    NoticeType.UK2: Section.PLANNING,
    NoticeType.UK3: Section.PLANNING,
    NoticeType.UK4: Section.TENDER,
    NoticeType.UK5: Section.AWARD,
    NoticeType.UK6: Section.AWARD,
    NoticeType.UK7: Section.CONTRACT,
    NoticeType.UK10: Section.CONTRACT,
    NoticeType.UK11: Section.CONTRACT,
    NoticeType.UK12: Section.TENDER,
    # As Find a Tender publishes them: a performance notice in contracts[], a dynamic market
    # notice in tender (a modification's document too, though its tag is award).
    NoticeType.UK9: Section.CONTRACT,
    NoticeType.UK13: Section.TENDER,
    NoticeType.UK14: Section.TENDER,
    NoticeType.UK15: Section.TENDER,
    NoticeType.UK16: Section.TENDER,
}
# releaseTag.csv: the tag of the release a notice itself becomes.
NOTICE_TAG = {
    NoticeType.UK1: "planning",
    NoticeType.UK2: "planning",
    NoticeType.UK3: "planning",
    NoticeType.UK4: "tender",
    NoticeType.UK5: "award",
    NoticeType.UK6: "award",
    NoticeType.UK7: "contract",
    NoticeType.UK10: "contractAmendment",
    NoticeType.UK11: "contractTermination",
    NoticeType.UK12: "tenderCancellation",
    NoticeType.UK9: "implementation",
    NoticeType.UK13: "tender",
    NoticeType.UK14: "tender",
    NoticeType.UK15: "award",
    NoticeType.UK16: "tenderUpdate",
}
# A change to a notice: (informal, formal) tags by section. "Amendment" has legal meaning,
# so only a change marked `formal` is one; awards and plans have no amendment tag.
CHANGE_TAGS = {
    Section.PLANNING: ("planningUpdate", "planningUpdate"),
    Section.TENDER: ("tenderUpdate", "tenderAmendment"),
    Section.AWARD: ("awardUpdate", "awardUpdate"),
    Section.CONTRACT: ("contractUpdate", "contractAmendment"),
}
# tenderStatus.csv; award and contract notices leave the tender complete, UK10/UK11 say nothing.
TENDER_STATUS = {
    NoticeType.UK1: "planning",
    NoticeType.UK2: "planning",
    NoticeType.UK3: "planned",
    NoticeType.UK4: "active",
    NoticeType.UK5: "complete",
    NoticeType.UK6: "complete",
    NoticeType.UK7: "complete",
    NoticeType.UK12: "cancelled",
}
# awardStatus.csv: under the Procurement Act a UK5 or UK6 announces an award not yet in force
# (standstill): pending; a UK7 gives a contract entered into: active. Under older rules an
# award notice follows the contract's conclusion, so its award is active (see award_status).
AWARD_STATUS = {NoticeType.UK5: "pending", NoticeType.UK6: "pending", NoticeType.UK7: "active"}
# contractStatus.csv
CONTRACT_STATUS = {
    NoticeType.UK7: "active",
    NoticeType.UK10: "active",
    NoticeType.UK11: "terminated",
    NoticeType.UK9: "active",
}
# documentType.csv: what the notice page itself is, as a document of the release.
NOTICE_DOCUMENT_TYPE = {
    NoticeType.UK1: "plannedProcurementNotice",
    NoticeType.UK2: "plannedProcurementNotice",
    NoticeType.UK3: "plannedProcurementNotice",
    NoticeType.UK4: "tenderNotice",
    NoticeType.UK5: "awardNotice",
    NoticeType.UK6: "awardNotice",
    NoticeType.UK7: "contractNotice",
    NoticeType.UK10: "contractNotice",
    NoticeType.UK11: "contractNotice",
    NoticeType.UK12: "cancellationDetails",
    NoticeType.UK9: "implementationNotice",  # the UK extension's code
    NoticeType.UK13: "tenderNotice",
    NoticeType.UK14: "tenderNotice",
    NoticeType.UK15: "awardNotice",
    NoticeType.UK16: "tenderNotice",
}
# method.csv: a call-off or a dynamic market is open only to suppliers already admitted
# (qualified), so selective; "other" says nothing of who may bid, so it has no method.
METHOD = {
    Procedure.OPEN: "open",
    Procedure.COMPETITIVE_FLEXIBLE: "selective",
    Procedure.BELOW_THRESHOLD_OPEN: "open",
    Procedure.DIRECT_AWARD: "direct",
    Procedure.FRAMEWORK_CALL_OFF: "selective",
    Procedure.DYNAMIC_MARKET: "selective",
    Procedure.RESTRICTED: "selective",
    Procedure.COMPETITIVE_DIALOGUE: "selective",
    Procedure.COMPETITIVE_WITH_NEGOTIATION: "selective",
    Procedure.INNOVATION_PARTNERSHIP: "selective",
}
# A transparency notice (UK5) is published only for a direct award.
IMPLIED_PROCEDURE = {NoticeType.UK5: Procedure.DIRECT_AWARD}
METHOD_DETAILS = {
    Procedure.OPEN: "Open procedure",
    Procedure.COMPETITIVE_FLEXIBLE: "Competitive flexible procedure",
    Procedure.BELOW_THRESHOLD_OPEN: "Below threshold - open competition",
    Procedure.DIRECT_AWARD: "Direct award",
    Procedure.FRAMEWORK_CALL_OFF: "Call-off under a framework",
    Procedure.DYNAMIC_MARKET: "Award under a dynamic market",
    Procedure.RESTRICTED: "Restricted procedure",
    Procedure.COMPETITIVE_DIALOGUE: "Competitive dialogue",
    Procedure.COMPETITIVE_WITH_NEGOTIATION: "Competitive procedure with negotiation",
    Procedure.INNOVATION_PARTNERSHIP: "Innovation partnership",
    Procedure.OTHER: "Other procedure",
}
CPV_SCHEME = "CPV"  # itemClassificationScheme.csv
ITL_GAZETTEER = "ITL"  # locationGazetteers is an open code list; ITL has no code there yet


def change_tag(notice_type: NoticeType, formal: bool) -> str:
    """The tag of the release for a change to a notice of this type."""
    informal, formal_tag = CHANGE_TAGS[SECTION[notice_type]]
    return formal_tag if formal else informal


# tender.legalBasis (legalBasis extension): the Act or Regulations, by legislation.gov.uk's
# type (Find a Tender's UKPGA scheme for Acts; UKSI and SSI for UK and Scottish statutory
# instruments) and number.
LEGAL_BASIS = {
    LegalBasis.PA2023: {
        "scheme": "UKPGA",
        "id": "2023/54",
        "description": "Procurement Act 2023",
        "uri": "https://www.legislation.gov.uk/ukpga/2023/54",
    },
    LegalBasis.PCR2015: {
        "scheme": "UKSI",
        "id": "2015/102",
        "description": "Public Contracts Regulations 2015",
        "uri": "https://www.legislation.gov.uk/uksi/2015/102",
    },
    LegalBasis.PCSR2015: {
        "scheme": "SSI",
        "id": "2015/446",
        "description": "Public Contracts (Scotland) Regulations 2015",
        "uri": "https://www.legislation.gov.uk/ssi/2015/446",
    },
}
