"""`invoke new` writes notices that pass the check."""

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from plugins.notices.load import load_notice
from plugins.notices.model import NoticeType
from plugins.notices.scaffold import has_value, notice_path, scaffold

NOW = datetime(2026, 7, 14, 8, 30, tzinfo=UTC)


@pytest.mark.parametrize("notice_type", list(NoticeType))
def test_every_type_scaffolds_a_valid_notice(write_notice, notice_type):
    text = scaffold(notice_type, "Grounds maintenance for parks", NOW)
    loaded = load_notice(write_notice(text), "new.md")
    assert loaded.problems == ()
    assert loaded.notice.notice_type is notice_type


def test_scaffold_uses_todays_date_in_london_time(write_notice):
    notice = load_notice(
        write_notice(scaffold(NoticeType.UK4, "Library books", NOW)), "n.md"
    ).notice
    assert notice.published.isoformat() == "2026-07-14T09:30:00+01:00"
    assert notice.title == "Library books"


def test_scaffold_starts_with_the_editor_schema_line():
    text = scaffold(NoticeType.UK1, "Library books", NOW)
    assert (
        text.splitlines()[1]
        == "# yaml-language-server: $schema=../../../plugins/notices/notice.schema.json"
    )
    schema = Path("content/notices/2026") / "../../../plugins/notices/notice.schema.json"
    assert (Path(__file__).parent.parent / schema).resolve().is_file()


def test_new_notice_path_is_under_its_year(tmp_path):
    assert (
        notice_path(tmp_path, "Café & library books 📚", NOW)
        == tmp_path / "notices/2026/cafe-library-books.md"
    )


def test_summary_value_and_ocid_replace_their_placeholders(write_notice):
    text = scaffold(
        NoticeType.UK4,
        "Library books",
        NOW,
        summary="Books for 14 libraries.",
        value=Decimal("240000.50"),
        ocid="ocds-h6vhtk-1c8f32",
    )
    notice = load_notice(write_notice(text), "n.md").notice
    assert notice.summary == "Books for 14 libraries."
    assert notice.value.amount == Decimal("240000.50") and notice.value.amount_gross is None
    assert notice.ocid == "ocds-h6vhtk-1c8f32"


def test_notices_made_at_the_same_minute_get_different_ids():
    first, second = (
        yaml.safe_load(scaffold(NoticeType.UK4, title, NOW).split("---")[1])
        for title in ("Library books", "Library furniture")
    )
    assert first["notice_id"] != second["notice_id"]
    assert first["ocid"] != second["ocid"]


def test_has_value_follows_the_per_type_table():
    assert has_value(NoticeType.UK4) and has_value(NoticeType.UK6)
    assert not has_value(NoticeType.UK12) and not has_value(NoticeType.UK10)


def test_find_a_tender_is_left_out_until_given(write_notice):
    """A made-up Find a Tender link would let the notice past the Find a Tender first guard."""
    assert "find_a_tender" not in scaffold(NoticeType.UK4, "Library books", NOW)
    text = scaffold(NoticeType.UK4, "Library books", NOW, find_a_tender="041234-2026")
    notice = load_notice(write_notice(text), "n.md").notice
    assert notice.find_a_tender.notice_id == "041234-2026"
    assert notice.find_a_tender.url == "https://www.find-tender.service.gov.uk/Notice/041234-2026"
