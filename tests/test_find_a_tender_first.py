"""Find a Tender first: a regulated notice without its link is held, said, and released once.

The story used throughout (find_a_tender_support.py): a procurement's UK2 engagement notice
(linked, announced) and its UK4 tender notice, which has not reached Find a Tender yet. Here:
the setting, which notices wait, and what check says.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from plugins.config import SettingsError
from plugins.notices.check import check_files, notice_files
from plugins.notices.find_a_tender_first import (
    Mode,
    problem,
    waiting,
)
from plugins.notices.parse import build_notice
from plugins.site_build.check_command import NO_RECORD
from tests import find_a_tender_support
from tests.configs import sample_config
from tests.find_a_tender_support import FIX, tender
from tests.notice_factory import REMOVE, notice_data, source_of
from tests.sites import project_copy

content = find_a_tender_support.content  # a shared fixture


ROOT = Path(__file__).parent.parent


# The setting


def mode(value: str | None = None) -> Mode:
    chosen = {} if value is None else {"NOTICES_FIND_A_TENDER_FIRST": value}
    return sample_config(chosen).notices.find_a_tender_first


def test_the_default_holds_the_whole_notice() -> None:
    assert mode() is Mode.HOLD_NOTICE


@pytest.mark.parametrize("value", list(Mode))
def test_every_mode_is_accepted(value: Mode) -> None:
    assert mode(str(value)) is value


def test_an_unknown_mode_is_refused_with_the_choices() -> None:
    with pytest.raises(SettingsError) as error:
        mode("hold")
    assert str(error.value) == (
        "NOTICES_FIND_A_TENDER_FIRST 'hold' is not one of "
        "'hold-notice', 'hold-announcements', 'error', 'off'"
    )


# Which notices wait


@pytest.mark.parametrize(
    ("overrides", "waits"),
    [
        ({}, False),
        ({"find_a_tender": REMOVE}, True),
        ({"find_a_tender": REMOVE, "legal_basis": REMOVE}, True),  # PA2023 by default
        # Notices under earlier or devolved rules went to OJEU/TED, Contracts Finder or a
        # devolved portal: none is held for a Find a Tender link it may never have.
        ({"find_a_tender": REMOVE, "legal_basis": "PCR2015"}, False),
        ({"find_a_tender": REMOVE, "legal_basis": "PCR2015", "above_threshold": True}, False),
        ({"find_a_tender": REMOVE, "legal_basis": "PCR2015", "above_threshold": False}, False),
        ({"find_a_tender": REMOVE, "legal_basis": "PCSR2015"}, False),
        ({"find_a_tender": REMOVE, "legal_basis": "PA2023", "above_threshold": False}, True),
        ({"find_a_tender": REMOVE, "legal_basis": "none"}, False),
    ],
)
def test_regulated_notices_without_their_link_wait(overrides: dict[str, Any], waits: bool) -> None:
    source = source_of(notice_data(overrides))
    assert waiting(build_notice(source.data, source.path, "notice")) is waits
    assert (problem(source, Mode.HOLD_NOTICE) is not None) is waits


# What check says


@pytest.mark.parametrize(
    ("the_mode", "because"),
    [
        (Mode.HOLD_NOTICE, "so this one stays off the site and is not announced"),
        (Mode.HOLD_ANNOUNCEMENTS, "so this one's page is built but it is not announced"),
    ],
)
def test_a_held_notice_is_a_warning_with_its_line_and_the_fix(the_mode: Mode, because: str):
    found = problem(source_of(tender()), the_mode)
    assert found is not None and found.warning
    assert (found.field, found.line, found.fix) == ("legal_basis", 6, FIX)
    assert found.message == (
        f"held: a PA2023 notice goes on Find a Tender first, {because} "
        "until it carries its Find a Tender link"
    )
    assert str(found) == f"notice.md:6: warning: legal_basis: {found.message} — {FIX}"
    assert found.as_github().startswith("::warning file=notice.md,line=6,title=Notice check::")


def test_without_legal_basis_the_notice_type_line_is_named() -> None:
    found = problem(source_of(tender(legal_basis=REMOVE)), Mode.HOLD_NOTICE)
    assert found is not None and (found.field, found.line) == ("notice_type", 2)


def test_error_mode_makes_it_an_error_and_off_says_nothing() -> None:
    found = problem(source_of(tender()), Mode.ERROR)
    assert found is not None and not found.warning
    assert found.message == "a PA2023 notice must carry its Find a Tender link: it goes there first"
    assert found.as_github().startswith("::error file=notice.md,line=6,")
    assert problem(source_of(tender()), Mode.OFF) is None


def test_check_reports_held_notices_as_warnings_per_mode(content: Path) -> None:
    files = notice_files(content)
    for the_mode in (Mode.HOLD_NOTICE, Mode.HOLD_ANNOUNCEMENTS):
        report = check_files(files, content, the_mode)
        assert report.errors == ()
        [warning] = report.warnings
        assert (warning.path, warning.line) == ("notices/footway-repairs.md", 6)
    assert [p.path for p in check_files(files, content, Mode.ERROR).errors] == [
        "notices/footway-repairs.md"
    ]
    assert check_files(files, content, Mode.OFF).problems == ()
    assert check_files(files, content).warnings  # the default holds


def test_invoke_check_warns_and_passes(content: Path, tmp_path: Path) -> None:
    held_file = content / "notices" / "footway-repairs.md"
    command = [sys.executable, "-m", "invoke", "check", "--format", "github"]
    result = subprocess.run(
        [*command, "--paths", str(held_file)],
        capture_output=True,
        text=True,
        cwd=project_copy(tmp_path / "project"),
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"::warning file={held_file},line=6,title=Notice check::")
    assert "legal_basis: held: a PA2023 notice goes on Find a Tender first" in result.stdout
    assert FIX in result.stdout
    assert (
        result.stderr.strip()
        == f"1 notices checked, 0 with problems, 0 problems, 1 warnings; {NO_RECORD}"
    )
