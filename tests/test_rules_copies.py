"""A copy of a Find a Tender notice is not asked for more than Find a Tender published."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from plugins.notices.check import check_files, notice_files
from plugins.notices.model import NoticeType
from plugins.notices.requirements import COPIES_MAY_LACK, required_fields
from plugins.notices.rules import is_copy_gap, rule_problems
from tests.notice_factory import REMOVE, notice_data, notice_text, source_of
from tests.rules_support import problems

WITHOUT_LINK = {"find_a_tender": REMOVE}
TENDER_GAPS = ["regions", "suitability", "value", "deadlines.tender", "contract_period"]


@pytest.mark.parametrize("name", TENDER_GAPS)
def test_a_copy_lacking_what_find_a_tenders_notice_lacks_is_warned(name: str) -> None:
    [warning] = problems({name: REMOVE})
    assert warning.warning and is_copy_gap(warning)
    assert (warning.field, warning.message, warning.fix) == (
        "notice_type",
        f"Find a Tender's notice 031877-2026 gives no '{name}'",
        "add it if you know it (see docs/notice-format.md)",
    )


@pytest.mark.parametrize("name", TENDER_GAPS)
def test_the_buyers_own_first_publication_still_needs_it(name: str) -> None:
    [error] = problems({name: REMOVE, **WITHOUT_LINK})
    assert not error.warning and not is_copy_gap(error)
    assert error.message == f"a UK4 tender notice needs '{name}'"


def test_a_link_without_find_a_tenders_notice_id_is_no_copy() -> None:
    link = {"url": "https://www.find-tender.service.gov.uk/Notice/031877-2026"}
    [error] = problems({"value": REMOVE, "find_a_tender": link})
    assert not error.warning


@pytest.mark.parametrize(
    ("overrides", "name"),
    [
        ({"procedure": REMOVE}, "procedure"),
        ({"submission": REMOVE}, "submission"),
        ({"notice_type": "UK12", "cancellation": REMOVE}, "cancellation"),
    ],
)
def test_what_defines_the_type_stays_an_error_in_a_copy(
    overrides: dict[str, Any], name: str
) -> None:
    found = [p for p in problems(overrides) if f"'{name}'" in p.message]
    assert found and not any(p.warning for p in found)


def test_only_required_fields_are_spared() -> None:
    """The table names fields each type requires, and never what defines UK10, UK11, UK12."""
    for notice_type, spared in COPIES_MAY_LACK.items():
        assert spared <= set(required_fields(notice_type)), notice_type
    for notice_type in (NoticeType.UK10, NoticeType.UK11, NoticeType.UK12):
        assert notice_type not in COPIES_MAY_LACK


def test_a_copy_with_only_warnings_is_published(tmp_path: Path) -> None:
    """It passes the check and is read into a notice: an open tender with no closing date."""
    data = notice_data({"deadlines.tender": REMOVE, "value": REMOVE})
    assert all(p.warning for p in rule_problems(source_of(data)))
    folder = tmp_path / "content" / "notices"
    folder.mkdir(parents=True)
    (folder / "copy.md").write_text(notice_text(data), encoding="utf-8")
    report = check_files(notice_files(folder), tmp_path)
    assert report.errors == ()
    assert {p.message for p in report.warnings if is_copy_gap(p)} == {
        "Find a Tender's notice 031877-2026 gives no 'deadlines.tender'",
        "Find a Tender's notice 031877-2026 gives no 'value'",
    }
    [loaded] = report.loaded
    assert loaded.notice is not None and loaded.notice.value is None
