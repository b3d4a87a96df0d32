"""`invoke new` writes notices that pass the check."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from plugins.notices.load import load_notice
from plugins.notices.model import NoticeType
from plugins.notices.scaffold import notice_path, scaffold

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
