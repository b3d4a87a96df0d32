"""The GitHub Actions workflow's `invoke` steps, run in order as the runner would run them.

Each `run:` step of .github/workflows/noticeboard.yml that calls `invoke` is read from the
file and run literally with bash (`bash --noprofile --norc -eo pipefail`, GitHub's default
shell) in a temporary copy of the project, with the job's and the step's environment. What
is substituted, and why:

- the `Install` step (`pip install -e '.[dev]'`) is not run: the copy uses this test's
  virtual environment, which `invoke` on PATH belongs to, and there is no network;
- steps that `uses:` an action are not run: checkout (the copy stands in for it), setting up
  Python and Node (already here), and configure-pages, upload-pages-artifact and
  deploy-pages (GitHub Pages exists only on GitHub);
- `Keep the ledger` is not run (it commits and pushes with git); the copy's
  `publish-state/` simply stays between runs, as the committed ledger would;
- secrets are the Bluesky account of the real PDS fixture on loopback (`BSKY_SERVICE` is its
  address) and empty strings for the unset Mastodon ones, as GitHub expands missing secrets;
- `NOTICEBOARD_CHROMIUM` is Debian's Chromium, not the runner image's Google Chrome;
- `SOURCE_DATE_EPOCH` is the sample notices' clock, so `build --production` (which uses the
  real time) gives the same statuses whatever day the test runs;
- `tests/audit/node_modules` is linked from this checkout, so `invoke tools` finds vnu-jar
  installed instead of running `npm ci` against the network.

The story: the main-branch job on the sample site (a new Bluesky account's first run records
the backlog and posts nothing), a pull request adding two tenders, one not yet on Find a
Tender (checked, built, audited, dry-run), the main-branch job after merging it (one post; a
second live run posts nothing), and the job again once the buyer adds the Find a Tender link
(the held notice is posted, exactly once).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from plugins.notices.check import notice_files
from publish.tid import tid_for
from tests.notice_factory import REMOVE, notice_data, notice_text
from tests.pds.server import Account, Pds
from tests.publish_support import clean_env, posts

ROOT = Path(__file__).parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "noticeboard.yml"
BIN = Path(sys.executable).parent
CLOCK = datetime.fromisoformat("2026-11-20T12:00:00+00:00")
SITE = "https://contracts.afonwy.gov.uk"
CHROMIUM = "/usr/bin/chromium"
# Not copied: version control, environments, build outputs and caches (.gitignore's list).
IGNORED = {".git", ".venv", "output", "publish-state", "cache", "node_modules", "__pycache__"}
IGNORED_SUFFIXES = (".egg-info", ".install.lock", "_cache")

LINKED = "ACC-2026-0950"  # a new tender already on Find a Tender
HELD = "ACC-2026-0951"  # a new tender not on Find a Tender yet
LINKED_FILE = "content/notices/2026/public-toilets-refurbishment.md"
HELD_FILE = "content/notices/2026/bus-shelter-cleaning.md"
HELD_LINE = f"held: {HELD}: waiting for its Find a Tender link\n"
SKIPPED_RUNS = {"Install", "Keep the ledger"}

Step = dict[str, Any]
Checker = Callable[[subprocess.CompletedProcess[str]], None]


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def copy_project(target: Path) -> Path:
    """The project as a checkout would have it, without what .gitignore leaves out."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        return {n for n in names if n in IGNORED or n.endswith(IGNORED_SUFFIXES)}

    shutil.copytree(ROOT, target, ignore=ignore)
    (target / "tests" / "audit" / "node_modules").symlink_to(
        ROOT / "tests" / "audit" / "node_modules"
    )
    return target


def invoke_steps(job: dict[str, Any]) -> list[Step]:
    """The job's `run:` steps that call invoke, in order; every other run step is accounted for."""
    runs = [step for step in job["steps"] if "run" in step]
    calls = [step for step in runs if _invocations(step)]
    assert {step["name"] for step in runs} - {step["name"] for step in calls} <= SKIPPED_RUNS
    return calls


def _invocations(step: Step) -> list[str]:
    return [line.strip() for line in step["run"].splitlines() if line.strip().startswith("invoke ")]


def expand(value: str, secrets: dict[str, str], variables: dict[str, str]) -> str:
    """A workflow value with `${{ secrets.X }}` and `${{ env.X }}` filled in as GitHub does."""

    def fill(match: re.Match[str]) -> str:
        scope, name = match.group(1), match.group(2)
        return secrets.get(name, "") if scope == "secrets" else variables[name]

    filled = re.sub(r"\$\{\{\s*(secrets|env)\.(\w+)\s*\}\}", fill, value)
    assert "${{" not in filled, f"an expression this test does not know: {value}"
    return filled


def step_env(
    workflow: dict[str, Any], job: dict[str, Any], step: Step, secrets: dict[str, str]
) -> dict[str, str]:
    env = clean_env(
        PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}",
        CI="true",
        GITHUB_ACTIONS="true",
        SOURCE_DATE_EPOCH=str(int(CLOCK.timestamp())),
    )
    variables = {k: str(v) for k, v in workflow.get("env", {}).items()}
    for scope in (workflow.get("env", {}), job.get("env", {}), step.get("env", {})):
        env.update({k: expand(str(v), secrets, variables) for k, v in scope.items()})
    if "NOTICEBOARD_CHROMIUM" in env:
        env["NOTICEBOARD_CHROMIUM"] = CHROMIUM  # the runner's Google Chrome is not here
    return env


def run_job(
    workflow: dict[str, Any],
    name: str,
    project: Path,
    checks: dict[str, Checker],
    secrets: dict[str, str] | None = None,
) -> None:
    """Run a job's invoke steps in order; each must have a check, and pass it."""
    job = workflow["jobs"][name]
    steps = invoke_steps(job)
    assert [line for step in steps for line in _invocations(step)] == list(checks), name
    for step in steps:
        result = run_step(workflow, job, step, project, secrets or {})
        checks[_invocations(step)[0]](result)


def run_step(
    workflow: dict[str, Any],
    job: dict[str, Any],
    step: Step,
    project: Path,
    secrets: dict[str, str],
) -> subprocess.CompletedProcess[str]:
    command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]]
    env = step_env(workflow, job, step, secrets)
    return subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, timeout=900
    )


def step_named(workflow: dict[str, Any], job: str, name: str) -> Step:
    return next(s for s in workflow["jobs"][job]["steps"] if s.get("name") == name)


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, f"{result.args[-1]}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def announced(project: Path) -> dict[str, Any]:
    return json.loads((project / "output" / "announcements.json").read_text(encoding="utf-8"))


def new_notice(notice_id: str, title: str, published: str, linked: bool) -> str:
    fts = f"04{notice_id[-4:]}-2026"
    link = {"notice_id": fts, "url": f"https://www.find-tender.service.gov.uk/Notice/{fts}"}
    data = notice_data(
        {
            "notice_id": notice_id,
            "ocid": f"ocds-h6vhtk-0c{notice_id[-4:]}",
            "title": title,
            "published": published,
            "find_a_tender": link if linked else REMOVE,
            "changes": REMOVE,
        }
    )
    return notice_text(data)


def post_keys(pds: Pds, account: Account) -> set[str]:
    return {record["uri"].rsplit("/", 1)[-1] for record in posts(pds, account.did)}


# What each step must achieve, per phase


def checked(notices: int, warnings: int = 0, annotated: str = "") -> Checker:
    def check(result: subprocess.CompletedProcess[str]) -> None:
        out = ok(result)
        summary = f"{notices} notices checked, 0 with problems, 0 problems"
        summary += f", {warnings} warnings" if warnings else ""
        assert result.stderr.strip() == summary
        assert "::error" not in out
        assert out.count("::warning") == warnings
        assert annotated in out

    return check


def built(project: Path, present: tuple[str, ...], absent: tuple[str, ...] = ()) -> Checker:
    def check(result: subprocess.CompletedProcess[str]) -> None:
        ok(result)
        output = project / "output"
        for page in ("index.html", "announcements.json", "pagefind/pagefind.js"):
            assert (output / page).is_file(), page
        for slug in present:
            assert (output / "notices" / slug / "index.html").is_file(), slug
        for slug in absent:
            assert not (output / "notices" / slug).exists(), slug

    return check


def tools_present(result: subprocess.CompletedProcess[str]) -> None:
    assert "MISSING TOOL" not in ok(result) + result.stderr


def audit_clean(result: subprocess.CompletedProcess[str]) -> None:
    out = ok(result)
    assert re.search(r"\b\d+ passed\b", out) and " failed" not in out, out


def test_the_workflow_steps_run_in_order(
    workflow: dict[str, Any], tmp_path: Path, pds: Pds, bsky_account: Account
) -> None:
    project = copy_project(tmp_path / "project")
    secrets = {
        "BSKY_HANDLE": bsky_account.handle,
        "BSKY_APP_PASSWORD": bsky_account.password,
        "BSKY_SERVICE": pds.url,
    }
    sample = len(notice_files(project / "content" / "notices"))
    ledger = project / "publish-state" / "ledger.json"

    # 1. main, the first run on a new account: the sample site's backlog is recorded, not posted.
    def first_live_run(result: subprocess.CompletedProcess[str]) -> None:
        items = [a for a in announced(project)["announcements"] if a["kind"] != "closing-soon"]
        assert ok(result) == f"bluesky: 0 posted, {len(items)} recorded as backlog\n"
        assert json.loads(ledger.read_text())["channels"]["bluesky"]["account"] == bsky_account.did
        assert post_keys(pds, bsky_account) == set()

    run_job(
        workflow,
        "publish",
        project,
        {
            "invoke check --format github": checked(sample),
            "invoke build --production": built(project, ("highway-resurfacing-framework",)),
            "invoke publish --live": first_live_run,
        },
        secrets,
    )

    # 2. A pull request adds a tender on Find a Tender and one not there yet.
    (project / LINKED_FILE).write_text(
        new_notice(LINKED, "Public toilets refurbishment", "2026-11-19T09:00:00+00:00", True),
        encoding="utf-8",
    )
    (project / HELD_FILE).write_text(
        new_notice(HELD, "Bus shelter cleaning", "2026-11-19T10:00:00+00:00", False),
        encoding="utf-8",
    )
    ledger_before = ledger.read_bytes()

    def dry_run(result: subprocess.CompletedProcess[str]) -> None:
        out = ok(result)
        assert out.startswith("DRY RUN: nothing is sent")
        assert "bluesky: 1 post(s) would be sent" in out
        assert f"--- bluesky #1: {LINKED}/published (new thread, language en)" in out
        assert f"{SITE}/notices/public-toilets-refurbishment/" in out
        assert "mastodon: first run: " in out  # never set up: its backlog, named
        assert out.endswith(HELD_LINE)
        assert HELD not in out.replace(HELD_LINE, "")
        assert ledger.read_bytes() == ledger_before

    warning = f"::warning file={HELD_FILE},line=6,title=Notice check::legal_basis: held: "
    run_job(
        workflow,
        "check",
        project,
        {
            "invoke check --format github": checked(sample + 2, 1, warning),
            "invoke build": built(
                project, ("public-toilets-refurbishment",), ("bus-shelter-cleaning",)
            ),
            "invoke tools": tools_present,
            "invoke audit": audit_clean,
            "invoke publish": dry_run,
        },
    )

    # 3. Merged: main posts the linked tender once and names the held one; a re-run posts nothing.
    def posts_the_new_tender(result: subprocess.CompletedProcess[str]) -> None:
        assert ok(result) == f"bluesky: 1 posted\n{HELD_LINE}"
        assert post_keys(pds, bsky_account) == {tid_for(f"{LINKED}/published")}

    announce = step_named(workflow, "publish", "Announce new notices")
    run_job(
        workflow,
        "publish",
        project,
        {
            "invoke check --format github": checked(sample + 2, 1, warning),
            "invoke build --production": built(
                project, ("public-toilets-refurbishment",), ("bus-shelter-cleaning",)
            ),
            "invoke publish --live": posts_the_new_tender,
        },
        secrets,
    )
    again = run_step(workflow, workflow["jobs"]["publish"], announce, project, secrets)
    assert ok(again) == f"bluesky: 0 posted\n{HELD_LINE}"
    assert len(posts(pds, bsky_account.did)) == 1

    # 4. The buyer adds the Find a Tender link: the held tender is published and posted once.
    (project / HELD_FILE).write_text(
        new_notice(HELD, "Bus shelter cleaning", "2026-11-19T10:00:00+00:00", True),
        encoding="utf-8",
    )

    def posts_the_released_tender(result: subprocess.CompletedProcess[str]) -> None:
        assert ok(result) == "bluesky: 1 posted\n"
        keys = {tid_for(f"{LINKED}/published"), tid_for(f"{HELD}/published")}
        assert post_keys(pds, bsky_account) == keys

    run_job(
        workflow,
        "publish",
        project,
        {
            "invoke check --format github": checked(sample + 2),
            "invoke build --production": built(project, ("bus-shelter-cleaning",)),
            "invoke publish --live": posts_the_released_tender,
        },
        secrets,
    )
    again = run_step(workflow, workflow["jobs"]["publish"], announce, project, secrets)
    assert ok(again) == "bluesky: 0 posted\n"
    released = [
        p for p in posts(pds, bsky_account.did) if p["uri"].endswith(tid_for(f"{HELD}/published"))
    ]
    assert f"{SITE}/notices/bus-shelter-cleaning/" in released[0]["value"]["text"]
