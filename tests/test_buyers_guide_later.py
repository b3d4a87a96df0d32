"""The buyers' guide after the first notice: amend, cancel and award, run as written.

Each scenario is a section of docs/buyers.md between ``<!-- later: NAME -->`` and
``<!-- later: end -->``: its ```sh blocks are run in order in one bash session, in a council's
repository (the sample, published from ``main`` and pushed to a local ``origin``), on a
working branch as a buyer would; the plain block after a command is its expected output
("…" stands for any text, alone on a line for any lines). Then the buyer does what the prose
says (replace the placeholders), the change is merged, and the built site and its
announcements must show it, with no announcement made twice.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tests.sites import ROOT

GUIDE = ROOT / "docs" / "buyers.md"
COPIED = ("content", "plugins", "themes", "publish", "tasks.py", "pelicanconf.py", "pyproject.toml")
MARK = "::later-block::"
TENDER = "ACC-2026-0043"
TENDER_PAGE = "output/notices/grounds-maintenance-tender/index.html"
GIT_USER = ("-c", "user.name=Buyer", "-c", "user.email=buyer@example.org")


@dataclass(frozen=True)
class Step:
    command: str
    expected: str | None  # the output the guide shows for it, if any


def scenario(text: str, name: str) -> list[Step]:
    """The commands of one marked section, each with the output block shown after it."""
    start = f"<!-- later: {name} -->"
    assert text.count(start) == 1, f"{start} missing"
    section = text.split(start, 1)[1].split("<!-- later: end -->", 1)[0]
    blocks = re.findall(r"^```(sh|)\n(.*?)^```\n(?=\s*)", section, re.M | re.S)
    steps: list[Step] = []
    for kind, body in blocks:
        if kind == "sh":
            steps.append(Step(body.strip(), None))
        else:
            assert steps and steps[-1].expected is None, "an output block follows its command"
            steps[-1] = Step(steps[-1].command, body)
    return steps


def matches(expected: str, actual: str) -> bool:
    """Whether ``actual`` is ``expected`` with each "…" standing for any text (any lines when
    alone on a line)."""
    pattern = ""
    for line in expected.splitlines():
        if line == "…":
            pattern += r"(?:[^\n]*\n)*?"
        else:
            pattern += ".*?".join(map(re.escape, line.split("…"))) + r"\n"
    return re.fullmatch(pattern, actual) is not None


def test_matches_reads_the_ellipsis_as_the_guide_means_it() -> None:
    assert matches("a …\n…\nz\n", "a b c\nx\ny\nz\n")
    assert matches("a\n", "a\n") and not matches("a\n", "a\nb\n")
    assert not matches("…\nz\n", "a\nb\n")


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *GIT_USER, "-C", str(repo), *args], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def council(folder: Path) -> Path:
    """The sample, published from ``main`` (also ``origin/main``), and a buyer's branch."""
    folder.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=ignore)
        else:
            shutil.copy2(source, folder / name)
    (folder / ".venv").symlink_to(Path(sys.prefix))
    (folder / ".gitignore").write_text(".venv\ncache/\noutput/\n__pycache__/\n")
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "The council's site")
    git(folder, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(folder, "checkout", "-qb", "buyer-branch")
    return folder


def run(repo: Path, commands: list[str]) -> list[str]:
    """Each command's output (stderr with stdout, in order), in one bash session."""
    script = "source .venv/bin/activate\n" + "".join(f"echo '{MARK}'\n{c}\n" for c in commands)
    env = {
        "HOME": str(repo),
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "TZ": "UTC",
        "PYTHONUNBUFFERED": "1",
    }
    done = subprocess.run(
        ["bash", "-c", script],
        cwd=repo,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=600,
    )
    return done.stdout.split(f"{MARK}\n")[1:]


def follow(repo: Path, name: str) -> None:
    """Run the guide's section ``name`` and compare each shown output with the real one."""
    steps = scenario(GUIDE.read_text(encoding="utf-8"), name)
    assert steps, name
    outputs = run(repo, [step.command for step in steps])
    assert len(outputs) == len(steps)
    for step, output in zip(steps, outputs, strict=True):
        if step.expected is not None:
            assert matches(step.expected, output), (
                f"{step.command}\n--- shown\n{step.expected}--- got\n{output}"
            )


def invoke(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("GITHUB_BASE_REF", None)
    env.pop("GITHUB_REF_NAME", None)
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


def fill_in(path: Path, **values: object) -> None:
    """Replace the placeholders, as the guide asks, with real values."""
    head = path.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    data = yaml.safe_load(head.removeprefix("---\n"))
    data["notice_id"] = values.pop("notice_id")
    data.update(values)
    front = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(f"---\n{front}---\nWhy this is so, in plain words.\n", encoding="utf-8")


def merge_and_build(repo: Path, allowed: str = "") -> dict[str, dict]:
    """The pull request's check (against main), the merge, and the build on main; the
    announcements built, by id."""
    checked = invoke(repo, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "; against origin/main" in checked.stderr
    warnings = [line for line in checked.stdout.splitlines() if ": warning:" in line]
    assert all(allowed and allowed in line for line in warnings), warnings
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Buyer's change")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--ff-only", "buyer-branch")
    built = invoke(repo, "build")
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    announcements = json.loads((repo / "output" / "announcements.json").read_text())
    return {item["id"]: item for item in announcements["announcements"]}


@pytest.fixture(scope="module")
def before(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """The announcements of the sample as published."""
    repo = council(tmp_path_factory.mktemp("published") / "council")
    built = invoke(repo, "build")
    assert built.returncode == 0, built.stderr[-3000:]
    announcements = json.loads((repo / "output" / "announcements.json").read_text())
    return {item["id"]: item for item in announcements["announcements"]}


def nothing_twice(before: dict[str, dict], after: dict[str, dict], new: set[str]) -> None:
    """Every announcement made before is still there under its id, and only ``new`` is new:
    the publisher, which posts each id once, posts exactly the new ones."""
    assert set(before) <= set(after)
    assert set(after) - set(before) == new


def test_amend_a_notice_as_the_guide_says(tmp_path: Path, before: dict[str, dict]) -> None:
    repo = council(tmp_path / "council")
    follow(repo, "amend")
    # A second, silent edit would be refused, naming the field, old and new value.
    tender = next((repo / "content" / "notices").rglob("grounds-maintenance-tender.md"))
    text = tender.read_text(encoding="utf-8")
    tender.write_text(
        text.replace("  enquiry: 2026-12-08T17:00:00+00:00", "  enquiry: 2026-12-10T17:00:00+00:00")
    )
    silent = invoke(repo, "check")
    assert silent.returncode == 1
    assert (
        "deadlines.enquiry: changed from 2026-12-08T17:00:00+00:00 to 2026-12-10T17:00:00+00:00"
        in silent.stdout
    )
    tender.write_text(text, encoding="utf-8")
    after = merge_and_build(repo)
    nothing_twice(before, after, {f"{TENDER}/change/1"})
    change = after[f"{TENDER}/change/1"]
    assert change["replies_to"] == f"{TENDER}/published"
    page = (repo / TENDER_PAGE).read_text(encoding="utf-8")
    assert "This notice was changed" in page
    assert "Tender deadline moved to 23 December 2026 after supplier questions." in page
    assert "(was " in page
    feed = (repo / "output" / "feeds" / "changes.atom").read_text(encoding="utf-8")
    assert "Tender deadline moved to 23 December 2026" in feed


def test_cancel_a_procurement_as_the_guide_says(tmp_path: Path, before: dict[str, dict]) -> None:
    repo = council(tmp_path / "council")
    follow(repo, "cancel")
    notice = repo / "content" / "notices" / "2026" / "grounds-maintenance-procurement-stopped.md"
    fill_in(
        notice,
        notice_id="ACC-2026-0099",
        summary="The grounds maintenance procurement has stopped: no contract will be awarded.",
        cancellation={"date": "2026-11-20", "reason": "The budget for the service was withdrawn."},
    )
    after = merge_and_build(repo)
    nothing_twice(before, after, {"ACC-2026-0099/cancelled"})
    assert after["ACC-2026-0099/cancelled"]["thread"] == before[f"{TENDER}/published"]["thread"]
    page = (repo / TENDER_PAGE).read_text(encoding="utf-8")
    assert "Cancelled" in page
    calendars = "".join(
        path.read_text(encoding="utf-8") for path in (repo / "output").rglob("*.ics")
    )
    assert "STATUS:CANCELLED" in calendars


def test_award_a_contract_as_the_guide_says(tmp_path: Path, before: dict[str, dict]) -> None:
    repo = council(tmp_path / "council")
    follow(repo, "award")
    notice = repo / "content" / "notices" / "2026" / "grounds-maintenance-contract-award.md"
    fill_in(
        notice,
        notice_id="ACC-2026-0098",
        summary="Grounds maintenance contract to be awarded to Gerddi Glân Ltd.",
        cpv=["77314000-4"],
        procedure="open",
        contract_period={"start": "2027-04-01", "end": "2031-03-31"},
        suppliers=[{"name": "Gerddi Glân Ltd", "id": "GB-COH-12345678"}],
        award={"date": "2026-11-20"},
    )
    # The sample's clock is before the tender deadline, so the guide's warning stays.
    after = merge_and_build(repo, allowed="before the tender deadline")
    nothing_twice(before, after, {"ACC-2026-0098/awarded"})
    assert after["ACC-2026-0098/awarded"]["thread"] == before[f"{TENDER}/published"]["thread"]
    page = (repo / TENDER_PAGE).read_text(encoding="utf-8")
    assert "Awarded" in page
