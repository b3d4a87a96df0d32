"""One OCDS release → a notice's front matter and description, and what could not be carried.

Nothing is made up: a value the release does not give is left out and named in ``unmapped``,
so the buyer sees what to add; a value the format cannot hold is named there too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from plugins.notices.codes import EARLIER_PROCEDURES, NoticeType
from plugins.notices.lot_rules import NOTICE_FIELDS_OF_A_LOT
from plugins.notices.requirements import EARLIER_RULES, allowed_fields
from plugins.notices.scaffold import find_a_tender_link
from plugins.notices.schema import notice_schema

from . import ocds_awards, ocds_buyers, ocds_fts, ocds_lots, ocds_markets, ocds_related, text
from . import ocds_parts as parts
from .notice_type import notice_type
from .ocds_documents import document_title

NOTICE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$")
FTS_ID = re.compile(r"^\d{6}-\d{4}$")
FORMAT = re.compile(r"^[a-z]+/[A-Za-z0-9.+-]+$")
LANGUAGE = re.compile(r"^[a-z]{2}$")
# Fields every notice type may have (notice-format.md, "Fields each notice type needs").
_ANY_TYPE = {"documents", "related", "lots", "changes", "award_criteria", "above_threshold"}
_ALWAYS = {"notice_type", "notice_id", "ocid", "published", "legal_basis", "find_a_tender"}
_ALWAYS |= {"lang", "title", "summary", "buyer", "updated"}
_SUBMISSION_METHODS = {"electronicSubmission", "electronicAuction", "written", "inPerson"}
# Procedures (the Act's, and the 2015 regulations' for notices under them) by the words
# portals use for them; anything else is "other".
_PROCEDURES = (
    ("below threshold", "open", "below_threshold_open"),
    ("call-off from a framework", "", "framework_call_off"),
    ("further competition", "", "framework_call_off"),
    ("direct award", "", "direct_award"),
    ("single tender action", "", "direct_award"),
    ("without prior publication", "", "direct_award"),
    ("competitive flexible", "", "competitive_flexible"),
    ("restricted", "", "restricted"),
    ("competitive dialogue", "", "competitive_dialogue"),
    ("competitive procedure with negotiation", "", "competitive_with_negotiation"),
    ("innovation partnership", "", "innovation_partnership"),
    ("open", "", "open"),
)
# The Procurement Act 2023 applies to procurements begun from 24 February 2025.
PA2023_START = datetime.fromisoformat("2025-02-24T00:00:00+00:00")
_DOCUMENT_TYPES = frozenset(
    notice_schema()["properties"]["documents"]["items"]["properties"]["type"]["enum"]
)
SCOTLAND = "ocds-r6ebe6-"  # Public Contracts Scotland
PCR2015_DIRECTIVES = {"32014L0024", "32014L0025", "32014L0023"}
# tender.legalBasis by legislation.gov.uk's type and number, as this site and Find a Tender
# publish it (plugins/ocds/codes.py).
LEGISLATION = {
    ("UKPGA", "2023/54"): "PA2023",
    ("UKSI", "2015/102"): "PCR2015",
    ("SSI", "2015/446"): "PCSR2015",
}


@dataclass(frozen=True)
class Imported:
    front: dict[str, Any]
    body: str
    unmapped: tuple[str, ...]
    notes: tuple[str, ...] = ()
    reason: str = ""  # why the release changed the notice, when it says
    released: datetime | None = None  # the release's own date (a change's date)


@dataclass
class _Draft:
    release: dict[str, Any]
    tender: dict[str, Any]
    front: dict[str, Any] = field(default_factory=dict)
    unmapped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def put(self, name: str, value: Any, missing: str = "") -> None:
        """Set ``name`` when the release gives it, else note ``missing`` (when said)."""
        if value not in (None, "", [], {}):
            self.front[name] = value
        elif missing:
            self.unmapped.append(f"{name}: {missing}")


def map_release(release: dict[str, Any]) -> Imported:
    """The notice a release is, as far as the release and the format allow."""
    tender = parts.block(release, "tender")
    draft = _Draft(release, tender)
    kind, how = notice_type(release)
    draft.notes.append(how)
    if kind is None:
        draft.unmapped.append(f"notice_type: {how}")
    else:
        draft.front["notice_type"] = kind.value
    steps = (
        _ids,
        _words,
        _buyer,
        _scope,
        _terms,
        _periods,
        _papers,
        _related,
        _lots,
        _award,
        _contract,
    )
    for step in steps:
        step(draft)
    ocds_fts.complete(release, draft.front, draft.unmapped)
    _unread(draft)
    ocds_markets.complete(release, draft.front, draft.unmapped, _supplier)
    if kind is not None:
        _keep_allowed(draft, kind)
    body = text.markdown(_description(release, tender))
    reason = _amendment_reason(release, tender)
    released = parts.moment(release.get("date"))
    unmapped, notes = tuple(draft.unmapped), tuple(draft.notes)
    return Imported(draft.front, body, unmapped, notes, reason, released)


def _amendment_reason(release: dict[str, Any], tender: dict[str, Any]) -> str:
    """The newest amendment's rationale or description, as the release gives it."""
    amendments = [*(tender.get("amendments") or []), *(release.get("amendments") or [])]
    for amendment in reversed([a for a in amendments if isinstance(a, dict)]):
        for key in ("rationale", "description"):
            if isinstance(amendment.get(key), str) and amendment[key].strip():
                return " ".join(amendment[key].split())
    return ""


def _ids(draft: _Draft) -> None:
    release = draft.release
    draft.put("notice_id", _notice_id(release), "no release id that fits (letters, digits, . _ -)")
    draft.put("ocid", release.get("ocid"), "the release has no ocid")
    published = parts.moment(release.get("date"))
    first = parts.moment(draft.tender.get("datePublished"))
    if draft.front.get("notice_type") == "UK4" and first and published and first < published:
        published = first  # a tender's later release: the notice was first published then
    draft.put("published", published, "the release has no date")
    _legal_basis(draft, published)
    reference = draft.tender.get("id")
    if isinstance(reference, str) and reference.strip():
        draft.front["reference"] = " ".join(reference.split())[:200]
    release_id = release.get("id")
    from_fts = str(release.get("ocid", "")).startswith("ocds-h6vhtk-")
    if from_fts and isinstance(release_id, str) and FTS_ID.match(release_id):
        draft.front["find_a_tender"] = find_a_tender_link(release_id)


def _notice_id(release: dict[str, Any]) -> str | None:
    """The release id, else the portal's notice document id (Public Contracts Scotland)."""
    candidates: list[Any] = [release.get("id")]
    for document in parts.listed(parts.block(release, "tender"), "documents"):
        if isinstance(document, dict) and document.get("documentType") == "contractNotice":
            candidates.append(document.get("id"))
    for candidate in candidates:
        if isinstance(candidate, str) and NOTICE_ID.match(candidate):
            return candidate
    return None


def _legal_basis(draft: _Draft, published: datetime | None) -> None:
    basis = draft.tender.get("legalBasis")
    basis = basis if isinstance(basis, dict) else {}
    named = LEGISLATION.get((str(basis.get("scheme", "")).upper(), str(basis.get("id", ""))))
    if str(draft.release.get("ocid", "")).startswith(SCOTLAND):
        # Scotland kept its own regulations: the Procurement Act does not apply there.
        draft.front["legal_basis"] = "PCSR2015"
        draft.notes.append("legal_basis PCSR2015: a Public Contracts Scotland notice")
    elif named:
        draft.front["legal_basis"] = named
        draft.notes.append(f"legal_basis {named} from tender.legalBasis {basis['id']}")
    elif basis.get("id") in PCR2015_DIRECTIVES:
        draft.front["legal_basis"] = "PCR2015"
        draft.notes.append(f"legal_basis PCR2015 from tender.legalBasis {basis['id']}")
    elif published and published < PA2023_START:
        draft.front["legal_basis"] = "PCR2015"
        draft.notes.append("legal_basis PCR2015: published before the Procurement Act began")
    else:
        draft.unmapped.append("legal_basis: not published; the format's default PA2023 applies")
    details = str(draft.tender.get("procurementMethodDetails", "")).lower()
    if "above threshold" in details or "below threshold" in details:
        draft.front["above_threshold"] = "above threshold" in details


def _words(draft: _Draft) -> None:
    title = draft.tender.get("title") or draft.release.get("title")
    if isinstance(title, str) and len(title) > 200:
        draft.unmapped.append(f"title: {len(title)} characters, over the format's 200")
    draft.put("title", title.strip() if isinstance(title, str) else None, "no title")
    described = _description(draft.release, draft.tender)
    enough = len(described.strip()) >= text.SUMMARY_AT_LEAST  # not 'CCTV' (Contracts Finder)
    missing = f"the description {described.strip()!r} is too short" if described.strip() else ""
    draft.put("summary", text.summary(described) if enough else None, missing or "no description")


def _description(release: dict[str, Any], tender: dict[str, Any]) -> str:
    for candidate in (tender.get("description"), release.get("description")):
        if isinstance(candidate, str) and candidate.strip():
            return candidate
    planning = release.get("planning")
    rationale = planning.get("rationale") if isinstance(planning, dict) else None
    return rationale if isinstance(rationale, str) else ""


def _buyer(draft: _Draft) -> None:
    reference = draft.release.get("buyer") or ocds_fts.sole_buyer(draft.release)
    organisation = parts.party(draft.release, reference)
    if not organisation:
        draft.unmapped.append("buyer: the release names no buyer")
        return
    buyer: dict[str, Any] = {"name": organisation.get("name")}
    identifier = parts.org_id(organisation)
    if identifier:
        buyer["id"] = identifier
    else:
        given = organisation.get("id")
        draft.unmapped.append(
            f"buyer.id: the release gives no organisation identifier (party id {given!r} names"
            " the buyer only within the release), so none is written; a PA2023 notice needs one"
        )
    contact = parts.contact(organisation)
    if contact:
        buyer["contact"] = contact
    if "email" not in contact:
        draft.unmapped.append("buyer.contact.email: the release gives no contact email")
    if parts.web_address(organisation):
        buyer["url"] = parts.web_address(organisation)
    if parts.address(organisation):
        buyer["address"] = parts.address(organisation)
    if ocds_buyers.is_central_purchasing_body(organisation):
        buyer["central_purchasing_body"] = True
    draft.front["buyer"] = buyer
    others, left_out = ocds_buyers.joint_buyers(draft.release, organisation, buyer)
    draft.put("joint_buyers", others)
    draft.unmapped.extend(left_out)


def _scope(draft: _Draft) -> None:
    tender = draft.tender
    category = tender.get("mainProcurementCategory")
    draft.put("category", category if category in ("goods", "services", "works") else None, "")
    draft.put("cpv", parts.cpv_codes([tender, *parts.listed(tender, "items")]), "no CPV code")
    regions, places = parts.delivery(parts.listed(tender, "items"))
    draft.put("regions", regions, "")
    draft.put("places", places, "")
    draft.put("value", _estimate(draft), "")


def _estimate(draft: _Draft) -> dict[str, Any] | None:
    """tender.value, with tender.minValue as its ``minimum`` when the two make a range."""
    value, left_out = parts.estimate(draft.tender.get("value"), draft.tender.get("minValue"))
    if left_out:
        draft.unmapped.append(f"value: {left_out}")
    return value


def _terms(draft: _Draft) -> None:
    tender = draft.tender
    draft.put("procedure", _procedure(draft), "")
    methods = [m for m in tender.get("submissionMethod", []) if m in _SUBMISSION_METHODS]
    if methods:
        submission: dict[str, Any] = {"methods": methods}
        details = tender.get("submissionMethodDetails")
        if isinstance(details, str) and parts.URL.match(details.strip()):
            submission["url"] = details.strip()
        elif isinstance(details, str) and details.strip():
            submission["details"] = details.strip()
        draft.front["submission"] = submission
    suitability = tender.get("suitability")
    if isinstance(suitability, dict):
        flags = {
            k: v for k, v in suitability.items() if k in ("sme", "vcse") and isinstance(v, bool)
        }
        draft.put("suitability", flags, "")
    rationale = tender.get("procurementMethodRationale")
    draft.put("direct_award_justification", rationale if isinstance(rationale, str) else None)
    criteria = tender.get("awardCriteriaDetails")
    draft.put("award_criteria", criteria if isinstance(criteria, str) else None, "")


def _procedure(draft: _Draft) -> str | None:
    details = str(draft.tender.get("procurementMethodDetails", "")).strip()
    method = str(draft.tender.get("procurementMethod", "")).strip()
    said = " ".join(f"{details} {method}".lower().split())
    if not said:
        return None
    for words, also, name in _PROCEDURES:
        if words in said and also in said:
            return _under_the_rules(draft, name, details or method)
    draft.unmapped.append(f"procedure: {details or method!r} has no name in the format (other)")
    return "other"


def _under_the_rules(draft: _Draft, name: str, said: str) -> str:
    """A 2015 regulations' procedure only for a notice under them; the Act has none such."""
    if name in EARLIER_PROCEDURES and draft.front.get("legal_basis") not in EARLIER_RULES:
        draft.unmapped.append(
            f"procedure: {said!r} is a procedure of the 2015 regulations, and the notice is"
            " judged by the Procurement Act (other)"
        )
        return "other"
    return name


def _periods(draft: _Draft) -> None:
    tender = draft.tender
    deadlines = {}
    for name, key in (("tender", "tenderPeriod"), ("enquiry", "enquiryPeriod")):
        given = parts.block(tender, key).get("endDate")
        closes = parts.moment(given)
        if closes:
            deadlines[name] = closes
        elif given:  # Find a Tender gives some PCR 2015 tenders' deadline as a day only
            draft.unmapped.append(
                f"deadlines.{name}: {key}.endDate {given!r} is no date and time with an offset"
                " (the format's deadlines are moments): add the time of day"
            )
    engagement = _engagement_end(draft.release)
    if engagement:
        deadlines["engagement"] = engagement
    draft.put("deadlines", deadlines, "")
    future = parts.uk_date(parts.block(tender, "communication").get("futureNoticeDate"))
    draft.put("future_notice_date", future, "")
    _contract_period(draft)


def _contract_period(draft: _Draft) -> None:
    """The tender's contract period, else the one every lot has (else each lot keeps its
    own, see ``_lots``)."""
    lots = [lot for lot in parts.listed(draft.tender, "lots") if isinstance(lot, dict)]
    period = parts.block(draft.tender, "contractPeriod") or _every_lots(lots, "contractPeriod")
    mapped = parts.period(period)
    if period and mapped is None:
        draft.unmapped.append(f"contract_period: {period} gives neither dates nor a duration")
    renewal = _every_lots(lots, "renewal").get("description")
    if mapped and isinstance(renewal, str) and len(renewal.strip()) >= 3:
        mapped["extensions"] = " ".join(renewal.split())[:1000]
    elif mapped and any(parts.block(lot, "renewal").get("description") for lot in lots):
        draft.unmapped.append("contract_period.extensions: the lots' extensions differ")
    draft.put("contract_period", mapped, "")


def _every_lots(lots: list[dict[str, Any]], key: str) -> dict[str, Any]:
    """What every lot gives alike under ``key`` (an object), else nothing."""
    given = [parts.block(lot, key) for lot in lots]
    if given and given[0] and all(each == given[0] for each in given):
        return given[0]
    return {}


def _engagement_end(release: dict[str, Any]) -> datetime | None:
    """When preliminary market engagement ends: the planning milestone of type engagement."""
    for milestone in parts.listed(parts.block(release, "planning"), "milestones"):
        if isinstance(milestone, dict) and milestone.get("type") == "engagement":
            return parts.moment(milestone.get("dueDate"))
    return None


def _papers(draft: _Draft) -> None:
    """The planning's, tender's and awards' documents, each once (an award notice publishes
    its documents with its award again)."""
    documents: list[dict[str, Any]] = []
    sections = [parts.block(draft.release, name) for name in ("planning", "tender")]
    sections += [a for a in parts.listed(draft.release, "awards") if isinstance(a, dict)]
    for section in sections:
        for document in parts.listed(section, "documents"):
            mapped = _document(document) if isinstance(document, dict) else None
            if mapped and mapped not in documents:
                documents.append(mapped)
            elif isinstance(document, dict) and document.get("url"):
                draft.unmapped.append(f"documents: {document['url']} has no title")
    draft.put("documents", documents, "")


def _related(draft: _Draft) -> None:
    mapped, unmapped = ocds_related.related(draft.release)
    draft.put("related", mapped, "")
    draft.unmapped.extend(unmapped)


def _document(document: dict[str, Any]) -> dict[str, Any] | None:
    url = str(document.get("url", "")).strip()
    title = document_title(document, url)
    if not (title and parts.URL.match(url)):
        return None
    mapped: dict[str, Any] = {"title": " ".join(title.split())[:200], "url": url}
    if document.get("documentType") in _DOCUMENT_TYPES:
        mapped["type"] = document["documentType"]
    if isinstance(document.get("format"), str) and FORMAT.match(document["format"]):
        mapped["format"] = document["format"]
    return mapped | _document_details(document, title)


def _document_details(document: dict[str, Any], title: str) -> dict[str, Any]:
    """A document's description (unless it stood in for the title), day and language."""
    described = document.get("description")
    details: dict[str, Any] = {}
    if isinstance(described, str) and described != title and len(described.strip()) >= 2:
        details["description"] = " ".join(described.split())[:1000]
    published = parts.uk_date(document.get("datePublished"))
    if published:
        details["date"] = published.isoformat()
    language = document.get("language")
    if isinstance(language, str) and LANGUAGE.match(language.strip().lower()):
        details["language"] = language.strip().lower()
    return details


def _lots(draft: _Draft) -> None:
    own_periods = "contract_period" not in draft.front
    found = ocds_lots.lots(draft.tender, own_periods=own_periods, notice=draft.front)
    draft.put("lots", found.lots, "")
    draft.put("award_criteria", draft.front.get("award_criteria") or found.award_criteria)
    draft.put("suitability", draft.front.get("suitability") or found.suitability)
    draft.unmapped.extend(found.unmapped)


def _award(draft: _Draft) -> None:
    awards = [a for a in draft.release.get("awards", []) if isinstance(a, dict)]
    suppliers: list[dict[str, Any]] = []
    names: dict[str, str] = {}  # an award supplier's party id or name → its notice name
    for award in awards:
        for reference in award.get("suppliers", []) or []:
            organisation = parts.party(draft.release, reference)
            supplier = _supplier(organisation)
            if supplier and supplier not in suppliers:
                suppliers.append(supplier)
            if supplier:
                names[str(organisation.get("id"))] = names[supplier["name"]] = supplier["name"]
    draft.put("suppliers", suppliers, "")
    lots = [str(lot["id"]) for lot in draft.front.get("lots", []) if "id" in lot]
    found = ocds_awards.decisions(draft.release, lots, names)
    draft.front |= found.front
    draft.unmapped.extend(found.unmapped)


def _contract(draft: _Draft) -> None:
    contracts = [c for c in parts.listed(draft.release, "contracts") if isinstance(c, dict)]
    if not contracts:
        return
    if len(contracts) > 1:
        draft.unmapped.append(f"contract: {len(contracts)} contracts, the format holds one")
    given = contracts[0]
    if not (isinstance(given.get("id"), str | int) and str(given["id"]).strip()):
        draft.unmapped.append("contract.id: the contract has no id")
        return
    contract: dict[str, Any] = {"id": str(given["id"])}
    if parts.uk_date(given.get("dateSigned")):
        contract["date_signed"] = parts.uk_date(given.get("dateSigned"))
    if parts.money(given.get("value")):
        contract["value"] = parts.money(given.get("value"))
    draft.front["contract"] = contract


def _supplier(organisation: dict[str, Any]) -> dict[str, Any] | None:
    name = organisation.get("name")
    if not (isinstance(name, str) and name.strip()):
        return None
    supplier: dict[str, Any] = {"name": name.strip()}
    if parts.org_id(organisation):
        supplier["id"] = parts.org_id(organisation)
    details = organisation.get("details")
    if isinstance(details, dict) and details.get("scale") in ("sme", "large"):
        supplier["sme"] = details["scale"] == "sme"
    return supplier


def _keep_allowed(draft: _Draft, kind: NoticeType) -> None:
    """Drop fields a notice of this type may not have, naming each in ``unmapped``."""
    allowed = {name.split(".")[0] for name in allowed_fields(kind)} | _ANY_TYPE | _ALWAYS
    for name in [name for name in draft.front if name not in allowed]:
        draft.unmapped.append(f"{name}: given, but a {kind.value} notice has no such field")
        del draft.front[name]
    deadlines = draft.front.get("deadlines")
    if isinstance(deadlines, dict):
        for name in [n for n in deadlines if f"deadlines.{n}" not in allowed_fields(kind)]:
            draft.unmapped.append(f"deadlines.{name}: not a field of a {kind.value} notice")
            del deadlines[name]
        if not deadlines:
            del draft.front["deadlines"]
    for lot in draft.front.get("lots", []):
        for name in [n for n in NOTICE_FIELDS_OF_A_LOT if n in lot and n not in allowed]:
            draft.unmapped.append(f"lots.{lot['id']}.{name}: a {kind.value} notice has no {name}")
            del lot[name]


# The OCDS fields the mapping reads; anything else the release has is named in ``unmapped``.
_READ_TOP = {"ocid", "id", "date", "tag", "initiationType", "parties", "buyer", "tender"}
_READ_TOP |= {"awards", "language", "title", "description", "planning", "amendments"}
_READ_TOP |= {"contracts", "relatedProcesses"}
_READ_TENDER = {"id", "title", "description", "status", "classification", "items", "value"}
_READ_TENDER |= {"additionalClassifications", "procurementMethod", "procurementMethodDetails"}
_READ_TENDER |= {"tenderPeriod", "enquiryPeriod", "contractPeriod", "suitability", "lots"}
_READ_TENDER |= {"mainProcurementCategory", "submissionMethod", "submissionMethodDetails"}
_READ_TENDER |= {
    "amendments",
    "documents",
    "awardCriteriaDetails",
    "legalBasis",
    "minValue",
    "datePublished",
    "procurementMethodRationale",
    "communication",
}
_READ_IN_PART = {"communication": {"futureNoticeDate"}}
_UPDATE_TAGS = ("Update", "Amendment")


def _unread(draft: _Draft) -> None:
    updates = [t for t in parts.listed(draft.release, "tag") if str(t).endswith(_UPDATE_TAGS)]
    if updates:
        draft.unmapped.append(
            f"tag: {updates[0]} updates an earlier release; what it changed becomes a change"
            " entry only when the earlier notice was imported first"
        )
    for name in sorted(set(draft.release) - _READ_TOP):
        draft.unmapped.append(f"{name}: not carried over (the format has no field for it)")
    for name in sorted(set(draft.tender) - _READ_TENDER):
        draft.unmapped.append(f"tender.{name}: not carried over (the format has no field for it)")
    for block, read in _READ_IN_PART.items():
        for name in sorted(set(parts.block(draft.tender, block)) - read):
            draft.unmapped.append(f"tender.{block}.{name}: not carried over (no field for it)")
    reference = draft.tender.get("id")
    if reference is not None and not isinstance(reference, str):
        draft.unmapped.append(f"tender.id: the buyer's reference {reference!r} is not text")
