"""`invoke check` and `invoke new` from the command line, as a buyer runs them."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from plugins.site_build.check_command import NO_RECORD

ROOT = Path(__file__).parent.parent
INVOKE = [sys.executable, "-m", "invoke"]
LINE = re.compile(r"^(?P<path>[^:]+\.md):(?P<line>\d+): (?P<field>[^:]+): .+ — .+$")


def invoke(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*INVOKE, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's tasks and settings (and a link to its code and theme) with an
    empty content folder."""
    for name in ("tasks.py", "pelicanconf.py"):
        shutil.copy(ROOT / name, tmp_path / name)
    for name in ("plugins", "themes"):  # check reads the settings as the build does
        (tmp_path / name).symlink_to(ROOT / name)
    (tmp_path / "content" / "notices").mkdir(parents=True)
    return tmp_path


def test_check_passes_on_the_sample_content():
    result = invoke("check")
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    assert re.match(r"\d+ notices checked, 0 with problems, 0 problems", result.stderr)


def test_check_reports_every_problem_on_its_own_line(project: Path, sample_text: str):
    bad = sample_text.replace("currency: GBP", "currency: XYZ").replace("deadlines:", "deadlnes:")
    (project / "content" / "notices" / "bad.md").write_text(bad, encoding="utf-8")
    result = invoke("check", cwd=project)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) >= 2
    assert all(LINE.match(line) for line in lines), lines
    fields = {LINE.match(line)["field"] for line in lines}
    assert {"value.currency", "deadlnes"} <= fields
    assert "did you mean 'deadlines'?" in result.stdout


def test_check_prints_github_annotations(project: Path, sample_text: str):
    (project / "content" / "notices" / "bad.md").write_text(
        sample_text.replace("currency: GBP", "currency: XYZ")
    )
    result = invoke("check", "--format", "github", cwd=project)
    assert result.returncode == 1
    [line] = result.stdout.splitlines()
    assert line.startswith(
        "::error file=content/notices/bad.md,line=34,title=Notice check::value.currency: 'XYZ'"
    )


def test_new_writes_a_notice_that_passes_check(project: Path):
    result = invoke("new", "--type", "UK4", "--title", "Grounds maintenance for parks", cwd=project)
    assert result.returncode == 0, result.stderr
    [written] = (project / "content" / "notices").rglob("*.md")
    assert written.name == "grounds-maintenance-for-parks.md"
    check = invoke("check", cwd=project)
    assert check.returncode == 0, check.stdout
    assert check.stderr.startswith("1 notices checked, 0 with problems")


def test_new_dates_the_notice_at_a_pinned_clock_so_the_build_publishes_it(project: Path):
    result = invoke("new", "--type", "UK4", "--title", "Library books", cwd=project)
    assert result.returncode == 0, result.stderr
    [written] = (project / "content" / "notices").rglob("*.md")
    assert "\npublished: '2026-11-20T12:00:00+00:00'\n" in written.read_text(encoding="utf-8")
    assert "(published 2026-11-20T12:00:00+00:00: the NOTICES_CLOCK set in pelicanconf.py)" in (
        result.stdout
    )


def test_new_dates_the_notice_now_without_a_pinned_clock(project: Path):
    settings = project / "pelicanconf.py"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("NOTICES_CLOCK = ", "# NOTICES_CLOCK = "),
        encoding="utf-8",
    )
    before = datetime.now(UTC).replace(second=0, microsecond=0)
    assert invoke("new", "--type", "UK4", "--title", "Library books", cwd=project).returncode == 0
    [written] = (project / "content" / "notices").rglob("*.md")
    published = yaml.safe_load(written.read_text(encoding="utf-8").split("---")[1])["published"]
    assert before <= datetime.fromisoformat(published) <= datetime.now(UTC)


def test_new_without_a_find_a_tender_link_is_held_with_a_warning(project: Path):
    result = invoke("new", "--type", "UK4", "--title", "Library books", cwd=project)
    assert "No Find a Tender link yet" in result.stdout
    check = invoke("check", cwd=project)
    assert check.returncode == 0
    assert check.stdout.count("warning: legal_basis: held:") == 1
    assert "warning: buyer.name: the buyer's name is still the placeholder" in check.stdout
    warnings = check.stdout.count(": warning: ")
    assert check.stderr.strip().endswith(f"0 problems, {warnings} warnings; {NO_RECORD}")


def test_new_takes_summary_and_value(project: Path):
    result = invoke(
        "new",
        "--type",
        "UK4",
        "--title",
        "Library books",
        "--summary",
        "New books for the libraries.",
        "--value",
        "£1,500",
        cwd=project,
    )
    assert result.returncode == 0, result.stderr
    [written] = (project / "content" / "notices").rglob("*.md")
    data = yaml.safe_load(written.read_text(encoding="utf-8").split("---")[1])
    assert data["summary"] == "New books for the libraries." and data["value"] == {
        "amount": 1500,
        "currency": "GBP",
    }
    assert invoke("check", cwd=project).returncode == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--type", "UK12", "--value", "100"), "a UK12 notice has no value field"),
        (("--type", "UK4", "--value", "lots"), "--value 'lots' is not an amount in pounds"),
        (("--type", "UK4", "--value", "-5"), "--value '-5' is not an amount in pounds"),
    ],
)
def test_new_refuses_a_value_it_cannot_use(project: Path, args: tuple[str, ...], message: str):
    result = invoke("new", *args, "--title", "Anything", cwd=project)
    assert result.returncode == 2
    assert message in result.stderr
    assert not list((project / "content").rglob("*.md"))


def test_new_refuses_an_unknown_type(project: Path):
    result = invoke("new", "--type", "UK8", "--title", "Anything", cwd=project)
    assert result.returncode == 2
    assert "Unknown notice type 'UK8'" in result.stderr
    assert not list((project / "content").rglob("*.md"))


def test_check_refuses_the_settings_the_build_refuses(project: Path):
    settings = project / "pelicanconf.py"
    text = settings.read_text(encoding="utf-8")
    bad = text.replace(
        'ANNOUNCEMENTS_HASHTAGS = ("AfonwyContracts",)', 'ANNOUNCEMENTS_HASHTAGS = "A"'
    )
    settings.write_text(bad, encoding="utf-8")
    result = invoke("check", cwd=project)
    assert result.returncode == 2
    assert result.stderr.startswith("pelicanconf.py: ANNOUNCEMENTS_HASHTAGS must be a tuple")


def test_check_judges_translations_by_the_sites_default_language(project: Path, sample_text: str):
    welsh = sample_text.replace("legal_basis: PA2023", "legal_basis: PA2023\nlang: cy")
    (project / "content" / "notices" / "highway.md").write_text(welsh, encoding="utf-8")
    alone = invoke("check", cwd=project)
    assert "warning: " in alone.stdout and "no English original" in alone.stdout
    settings = project / "pelicanconf.py"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace('DEFAULT_LANG = "en"', 'DEFAULT_LANG = "cy"'), encoding="utf-8"
    )
    result = invoke("check", cwd=project)
    assert result.returncode == 0, result.stdout
