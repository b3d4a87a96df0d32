"""The rules a notice is under decide what it must say: PCR 2015 and the Scottish regulations
ask less than the Procurement Act, and their notices are never held for a Find a Tender link
(the link itself: tests/test_find_a_tender_first.py)."""

from __future__ import annotations

import pytest

from plugins.notices.codes import LegalBasis, Procedure
from plugins.notices.formatting import (
    legal_basis_label,
    notice_type_label_under,
    procedure_label,
)
from plugins.notices.model import NoticeType
from plugins.notices.parse import build_notice
from plugins.notices.requirements import required_fields
from plugins.notices.schema import schema_problems
from tests.notice_factory import REMOVE, notice_data, source_of
from tests.rules_support import only, problems

# What a contract notice under the 2015 regulations often lacks.
WITHOUT_PA2023_FACTS = {
    "suitability": REMOVE,
    "submission": REMOVE,
    "value": REMOVE,
    "lots.0.value": REMOVE,
    "lots.1.value": REMOVE,
}


@pytest.mark.parametrize("basis", ["PCR2015", "PCSR2015"])
def test_an_earlier_rules_tender_needs_no_suitability_submission_or_value(basis: str) -> None:
    assert problems({**WITHOUT_PA2023_FACTS, "legal_basis": basis}) == []


def test_a_procurement_act_tender_still_needs_them() -> None:
    found = {p.message for p in problems({**WITHOUT_PA2023_FACTS, "find_a_tender": REMOVE})}
    assert found == {
        "a UK4 tender notice needs 'suitability'",
        "a UK4 tender notice needs 'submission'",
        "a UK4 tender notice needs 'value'",
    }


@pytest.mark.parametrize("basis", list(LegalBasis))
@pytest.mark.parametrize("notice_type", list(NoticeType))
def test_earlier_rules_require_a_subset_of_the_acts_fields(
    basis: LegalBasis, notice_type: NoticeType
) -> None:
    assert set(required_fields(notice_type, basis)) <= set(required_fields(notice_type))


@pytest.mark.parametrize("notice_type", [NoticeType.UK6, NoticeType.UK7])
def test_an_earlier_rules_award_needs_no_contract_period(notice_type: NoticeType) -> None:
    """The 2015 regulations' contract award notice (F03) has no contract duration: Find a
    Tender's, typed UK7 by their contract, give none. Under the Act it is still needed."""
    assert "contract_period" not in required_fields(notice_type, LegalBasis.PCR2015)
    assert "contract_period" not in required_fields(notice_type, LegalBasis.PCSR2015)
    assert "contract_period" in required_fields(notice_type, LegalBasis.PA2023)


def test_an_earlier_rules_notice_may_still_give_what_the_act_asks() -> None:
    assert problems({"legal_basis": "PCR2015"}) == []


def test_the_scottish_regulations_are_a_legal_basis() -> None:
    source = source_of(notice_data({"legal_basis": "PCSR2015"}))
    assert schema_problems(source) == []
    notice = build_notice(source.data, "notice.md", "notice")
    assert notice.legal_basis is LegalBasis.PCSR2015


# The buyer's organisation id


@pytest.mark.parametrize("basis", ["PCR2015", "PCSR2015", "none"])
def test_a_buyer_without_an_id_is_allowed_outside_the_act(basis: str) -> None:
    data = notice_data({"buyer.id": REMOVE, "legal_basis": basis})
    assert schema_problems(source_of(data)) == []
    assert problems({"buyer.id": REMOVE, "legal_basis": basis}) == []
    assert build_notice(data, "notice.md", "notice").buyer.id is None


def test_a_procurement_act_notice_needs_its_buyers_id() -> None:
    problem = only({"buyer.id": REMOVE})
    assert problem.field == "buyer.id"
    assert problem.message == "a PA2023 notice needs the buyer's organisation id"
    assert "GB-PPON-" in problem.fix and "legal_basis" in problem.fix


@pytest.mark.parametrize(
    ("buyer_id", "valid"),
    [
        ("GB-PPON-PQRT-4821-WXYZ", True),
        ("GB-SRS-supplierregistration.cabinetoffice.gov.uk/jEHd582C", True),
        ("org-1", False),  # a portal's id within one release, not an organisation's
        ("GB PPON 1234", False),
    ],
)
def test_buyer_ids_are_scheme_and_id(buyer_id: str, valid: bool) -> None:
    found = schema_problems(source_of(notice_data({"buyer.id": buyer_id})))
    assert (found == []) is valid


# The buyer's reference


@pytest.mark.parametrize("reference", ["RA348114", "tender_455868/1436274", "CCS/24/297 lot 2"])
def test_the_buyers_own_reference_is_any_text(reference: str) -> None:
    data = notice_data({"reference": reference})
    assert schema_problems(source_of(data)) == []
    assert problems({"reference": reference}) == []
    assert build_notice(data, "notice.md", "notice").reference == reference


def test_an_empty_reference_is_refused() -> None:
    found = schema_problems(source_of(notice_data({"reference": ""})))
    assert [p.field for p in found] == ["reference"]


# Procedures and notice types by the rules' own names


EARLIER = ["restricted", "competitive_dialogue", "competitive_with_negotiation"]
EARLIER += ["innovation_partnership"]


@pytest.mark.parametrize("procedure", EARLIER)
def test_the_2015_regulations_procedures_are_theirs(procedure: str) -> None:
    assert problems({"procedure": procedure, "legal_basis": "PCR2015"}) == []
    assert problems({"procedure": procedure, "legal_basis": "PCSR2015"}) == []
    problem = only({"procedure": procedure})
    assert problem.field == "procedure"
    assert problem.message == (
        f"'{procedure}' is a procedure of the 2015 regulations, not of the Procurement Act"
    )
    assert "competitive_flexible" in problem.fix and "PCR2015" in problem.fix


@pytest.mark.parametrize(
    ("notice_type", "basis", "label"),
    [
        (NoticeType.UK4, LegalBasis.PCR2015, "Contract notice"),
        (NoticeType.UK4, LegalBasis.PCSR2015, "Contract notice"),
        (NoticeType.UK4, LegalBasis.PA2023, "Tender notice"),
        (NoticeType.UK1, LegalBasis.PCR2015, "Prior information notice"),
        (NoticeType.UK6, LegalBasis.PCR2015, "Contract award notice"),
        (NoticeType.UK12, LegalBasis.PCR2015, "Procurement termination notice"),  # no PCR name
    ],
)
def test_a_notice_type_is_named_as_its_rules_name_it(
    notice_type: NoticeType, basis: LegalBasis, label: str
) -> None:
    assert notice_type_label_under(notice_type, basis, "en") == label


def test_names_of_the_rules_are_welsh_for_a_welsh_reader() -> None:
    assert notice_type_label_under(NoticeType.UK4, LegalBasis.PCR2015, "cy") == "Hysbysiad contract"
    assert legal_basis_label(LegalBasis.PCSR2015, "cy").startswith("Rheoliadau Contractau")
    assert procedure_label(Procedure.RESTRICTED, "cy") == "Cyfyngedig"
