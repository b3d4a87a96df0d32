"""Placeholders ``invoke new`` writes are warned about until replaced, and never block."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from plugins.notices.check import check_files
from plugins.notices.load import load_notice
from plugins.notices.model import NoticeType
from plugins.notices.scaffold import scaffold
from tests.sites import CONTENT

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "notice.md"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("notice_type", list(NoticeType))
def test_a_new_notice_is_valid_and_warns_about_each_placeholder(tmp_path, notice_type):
    loaded = load_notice(write(tmp_path, scaffold(notice_type, "Road salt", NOW)), "n.md")
    assert loaded.notice is not None and loaded.problems == ()
    fields = {warning.field for warning in loaded.warnings}
    assert {"notice_id", "summary", "buyer.name", "buyer.id", "description"} <= fields
    assert all(w.warning and "placeholder" in w.message for w in loaded.warnings)
    if notice_type in (NoticeType.UK5, NoticeType.UK6, NoticeType.UK7):
        assert "suppliers[0].name" in fields


def test_replaced_values_are_not_warned_about(tmp_path):
    text = scaffold(NoticeType.UK4, "Road salt", NOW, summary="Rock salt for winter roads.")
    front, body = text.split("\n---\n", 1)
    data = yaml.safe_load(front.removeprefix("---\n"))
    data["notice_id"] = "AFW-2026-0999"
    data["buyer"] = {
        "name": "Afonwy County Council",
        "id": "GB-PPON-PQRT-4821-WXYZ",
        "contact": {"name": "Highways", "email": "highways@afonwy.gov.uk"},
    }
    data["submission"]["url"] = "https://tenders.afonwy.gov.uk/road-salt"
    body = "Rock salt, delivered to three depots.\n"
    path = write(tmp_path, "---\n" + yaml.safe_dump(data, sort_keys=False) + "---\n" + body)
    loaded = load_notice(path, "n.md")
    assert loaded.problems == () and loaded.warnings == ()


def test_warnings_point_at_the_placeholder_lines(tmp_path):
    text = scaffold(NoticeType.UK4, "Road salt", NOW)
    lines = text.splitlines()
    loaded = load_notice(write(tmp_path, text), "n.md")
    by_field = {w.field: w.line for w in loaded.warnings}
    assert lines[by_field["buyer.name"] - 1].strip() == "name: Example Council"
    assert lines[by_field["description"] - 1].startswith("Describe the requirement here")


def test_the_sample_notices_have_no_placeholders():
    files = sorted((CONTENT / "notices").rglob("*.md"))
    report = check_files(files, CONTENT.parent)
    assert [w for w in report.warnings if "placeholder" in w.message] == []


def test_check_reports_placeholders_as_warnings_that_do_not_fail_it(tmp_path):
    path = write(tmp_path, scaffold(NoticeType.UK4, "Road salt", NOW))
    report = check_files([path], tmp_path)
    assert report.errors == ()
    assert len(report.warnings) >= 5
    assert str(report.warnings[0]).startswith("notice.md:")
    assert "warning: " in str(report.warnings[0])
