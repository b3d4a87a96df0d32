"""Placeholders ``invoke new`` writes are found until replaced: errors on main and in
production (NOTICES_PLACEHOLDERS), warnings on a working branch."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from pelican.settings import read_settings

from plugins.notices.check import check_files
from plugins.notices.load import load_notice
from plugins.notices.model import NoticeType
from plugins.notices.placeholder_mode import PlaceholderMode, placeholders_fail
from plugins.notices.placeholders import is_placeholder
from plugins.notices.scaffold import scaffold
from tests.sites import CONTENT, ROOT, pelican_build

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
ERROR_ON_MAIN = PlaceholderMode.ERROR_ON_MAIN
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "HOME": "/tmp"}
GIT_ENV |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}


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
    data = yaml.safe_load(front.removeprefix("---\n"))  # its comments (# placeholder) go
    data["notice_id"] = "AFW-2026-0999"
    data["ocid"] = "ocds-h6vhtk-0a99c7"
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
    assert lines[by_field["buyer.name"] - 1].strip() == "name: Example Council  # placeholder"
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


def test_made_up_ocid_codes_and_dates_are_placeholders_too(tmp_path):
    loaded = load_notice(write(tmp_path, scaffold(NoticeType.UK4, "Road salt", NOW)), "n.md")
    fields = {warning.field for warning in loaded.warnings}
    assert {"ocid", "cpv[0]", "regions[0]", "deadlines.tender", "contract_period.start"} <= fields
    [cpv] = [warning for warning in loaded.warnings if warning.field == "cpv[0]"]
    assert str(cpv) == (
        f"n.md:{cpv.line}: warning: cpv[0]: cpv[0] is still the placeholder (its line is marked "
        "'# placeholder') — replace the value invoke new made up, then delete the "
        "'# placeholder' comment"
    )


def test_given_values_are_not_marked(tmp_path):
    text = scaffold(
        NoticeType.UK4, "Road salt", NOW, summary="Rock salt.", ocid="ocds-h6vhtk-0a99c7"
    )
    loaded = load_notice(write(tmp_path, text), "n.md")
    assert not {"summary", "ocid"} & {warning.field for warning in loaded.warnings}


def test_placeholders_fail_on_main_and_in_github_actions_for_main(tmp_path):
    repository = tmp_path / "site"
    repository.mkdir()
    git = ["git", "-C", str(repository)]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "x"], check=True, env=GIT_ENV)
    assert placeholders_fail(ERROR_ON_MAIN, repository, {})
    subprocess.run([*git, "checkout", "-q", "-b", "road-salt"], check=True)
    assert not placeholders_fail(ERROR_ON_MAIN, repository, {})
    assert placeholders_fail(ERROR_ON_MAIN, repository, {"GITHUB_REF_NAME": "main"})
    pull_request = {"GITHUB_REF_NAME": "12/merge", "GITHUB_BASE_REF": "main"}
    assert placeholders_fail(ERROR_ON_MAIN, repository, pull_request)
    assert not placeholders_fail(ERROR_ON_MAIN, tmp_path, {"GITHUB_REF_NAME": "road-salt"})
    assert not placeholders_fail(ERROR_ON_MAIN, tmp_path, {})  # not a repository
    assert placeholders_fail(PlaceholderMode.ERROR, tmp_path, {})
    assert not placeholders_fail(PlaceholderMode.WARNING, repository, {"GITHUB_REF_NAME": "main"})


def test_check_makes_placeholders_errors_when_they_fail(tmp_path):
    path = write(tmp_path, scaffold(NoticeType.UK4, "Road salt", NOW))
    report = check_files([path], tmp_path, placeholders_fail=True)
    assert report.errors and all(is_placeholder(problem) for problem in report.errors)
    assert not any(is_placeholder(problem) for problem in report.warnings)  # held is a warning
    assert str(report.errors[0]).startswith("notice.md:4: notice_id: the id (NEW-…) is still")


def test_a_production_build_makes_placeholders_errors():
    settings = read_settings(str(ROOT / "publishconf.py"))
    assert settings["NOTICES_PLACEHOLDERS"] == "error"


def test_the_build_refuses_placeholders_only_when_they_fail(tmp_path, monkeypatch):
    content = tmp_path / "content"
    notice = scaffold(NoticeType.UK4, "Road salt", NOW, find_a_tender="041234-2026")
    (content / "notices").mkdir(parents=True)
    (content / "notices" / "road-salt.md").write_text(notice, encoding="utf-8")
    monkeypatch.setenv("GITHUB_REF_NAME", "road-salt")
    monkeypatch.delenv("GITHUB_BASE_REF", raising=False)
    working = pelican_build(content, tmp_path / "working", "--fatal", "errors")
    assert working.returncode == 0, working.stdout
    assert "WARNING" in working.stdout and "is still the placeholder" in working.stdout
    assert (tmp_path / "working" / "notices" / "road-salt" / "index.html").is_file()
    monkeypatch.setenv("GITHUB_REF_NAME", "main")
    on_main = pelican_build(content, tmp_path / "main", "--fatal", "errors")
    assert on_main.returncode == 1
    assert "ERROR" in on_main.stdout and "buyer.name: the buyer's name is still" in on_main.stdout
    warned = {"NOTICES_PLACEHOLDERS": "warning"}
    assert (
        pelican_build(content, tmp_path / "w", "--fatal", "errors", settings=warned).returncode == 0
    )
