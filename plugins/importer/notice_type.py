"""Which notice type an OCDS release is: its UK notice type when it gives one, else its tag."""

from __future__ import annotations

from typing import Any

from plugins.notices.codes import NoticeType

from .ocds_parts import block, listed

# The release tag that says most, first: a cancellation outranks the tender it cancels.
_BY_TAG = (
    ("tenderCancellation", NoticeType.UK12),
    ("contractTermination", NoticeType.UK11),
    ("contractAmendment", NoticeType.UK10),
    ("contract", NoticeType.UK7),
    ("contractUpdate", NoticeType.UK7),
    ("award", NoticeType.UK6),
    ("awardUpdate", NoticeType.UK6),
    ("awardCancellation", NoticeType.UK6),
    ("tender", NoticeType.UK4),
    ("tenderUpdate", NoticeType.UK4),
    ("tenderAmendment", NoticeType.UK4),
    ("planning", NoticeType.UK1),
    ("planningUpdate", NoticeType.UK1),
)


def notice_type(release: dict[str, Any]) -> tuple[NoticeType | None, str]:
    """The type, and how it was read (for the notes); None with the reason when unknown."""
    given = uk_notice_type(release)
    if given:
        if given in NoticeType.__members__:
            return NoticeType(given), f"notice type {given} as the release gives it"
        return None, f"notice type {given} has no place in the format (UK1 to UK7, UK9 to UK16)"
    tender = block(release, "tender")
    if _market_engagement(block(release, "planning")):
        return NoticeType.UK2, f"{NoticeType.UK2.value} from a market engagement notice"
    if tender.get("status") in ("cancelled", "withdrawn"):
        return NoticeType.UK12, f"{NoticeType.UK12.value} from tender status {tender['status']}"
    tags = listed(release, "tag")
    for tag, kind in _BY_TAG:
        if tag in tags:
            return kind, f"{kind.value} from release tag {tag}"
    return None, f"no notice type for release tags {tags}"


def uk_notice_type(release: dict[str, Any]) -> str | None:
    """Find a Tender's ``noticeType`` (UK1 to UK17) on the release's newest document that has one."""
    found = None
    sections = [block(release, "planning"), block(release, "tender")]
    sections += [s for key in ("awards", "contracts") for s in listed(release, key)]
    for section in [s for s in sections if isinstance(s, dict)]:
        for document in listed(section, "documents"):
            kind = document.get("noticeType") if isinstance(document, dict) else None
            if isinstance(kind, str) and kind.upper().startswith("UK"):
                found = kind.upper()
    return found


def _market_engagement(planning: dict[str, Any]) -> bool:
    """Contracts Finder's early engagement notices: a market engagement document or milestone."""
    documents = [d for d in listed(planning, "documents") if isinstance(d, dict)]
    milestones = [m for m in listed(planning, "milestones") if isinstance(m, dict)]
    return any(d.get("documentType") == "marketEngagementNotice" for d in documents) or any(
        m.get("type") == "engagement" for m in milestones
    )
