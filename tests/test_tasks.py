"""`invoke check` and `invoke new` from the command line, as a buyer runs them."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
INVOKE = [sys.executable, "-m", "invoke"]
LINE = re.compile(r"^(?P<path>[^:]+\.md):(?P<line>\d+): (?P<field>[^:]+): .+ — .+$")


def invoke(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*INVOKE, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's tasks and settings with an empty content folder."""
    for name in ("tasks.py", "pelicanconf.py"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "plugins").symlink_to(ROOT / "plugins")
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


def test_new_refuses_an_unknown_type(project: Path):
    result = invoke("new", "--type", "UK9", "--title", "Anything", cwd=project)
    assert result.returncode == 2
    assert "Unknown notice type 'UK9'" in result.stderr
    assert not list((project / "content").rglob("*.md"))
