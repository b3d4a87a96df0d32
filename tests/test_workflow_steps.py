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
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from plugins.notices.check import notice_files
from plugins.site_build.check_command import NO_RECORD
from publish.tid import tid_for
from tests.notice_factory import REMOVE, notice_data, notice_text
from tests.pds.server import Account, Pds
from tests.publish_support import posts
from tests.workflow_runner import WORKFLOW, Checker, copy_project, ok, run_job, run_step, step_named

SITE = "https://contracts.afonwy.gov.uk"
LINKED = "ACC-2026-0950"  # a new tender already on Find a Tender
HELD = "ACC-2026-0951"  # a new tender not on Find a Tender yet
LINKED_FILE = "content/notices/2026/public-toilets-refurbishment.md"
HELD_FILE = "content/notices/2026/bus-shelter-cleaning.md"
HELD_LINE = f"held: {HELD}: waiting for its Find a Tender link\n"
HELD_WARNING = f"::warning file={HELD_FILE},line=6,title=Notice check::legal_basis: held: "


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Story:
    """The project copy the jobs run in, and the Bluesky account they post to."""

    workflow: dict[str, Any]
    project: Path
    pds: Pds
    account: Account

    @property
    def secrets(self) -> dict[str, str]:
        return {
            "BSKY_HANDLE": self.account.handle,
            "BSKY_APP_PASSWORD": self.account.password,
            "BSKY_SERVICE": self.pds.url,
        }

    @property
    def ledger(self) -> Path:
        return self.project / "publish-state" / "ledger.json"

    @property
    def sample(self) -> int:
        return len(notice_files(self.project / "content" / "notices"))

    def run_job(self, name: str, checks: dict[str, Checker]) -> None:
        run_job(self.workflow, name, self.project, checks, self.secrets)

    def announce_again(self) -> str:
        """The publish job's announce step run once more on its own."""
        announce = step_named(self.workflow, "publish", "Announce new notices")
        job = self.workflow["jobs"]["publish"]
        return ok(run_step(self.workflow, job, announce, self.project, self.secrets))

    def write(self, path: str, notice_id: str, title: str, published: str, linked: bool) -> None:
        text = new_notice(notice_id, title, published, linked)
        (self.project / path).write_text(text, encoding="utf-8")

    def post_keys(self) -> set[str]:
        return {record["uri"].rsplit("/", 1)[-1] for record in posts(self.pds, self.account.did)}


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


# What each step must achieve, per phase


def checked(notices: int, warnings: int = 0, annotated: str = "") -> Checker:
    def check(result: subprocess.CompletedProcess[str]) -> None:
        out = ok(result)
        summary = f"{notices} notices checked, 0 with problems, 0 problems"
        summary += f", {warnings} warnings" if warnings else ""
        # The copy is no git repository: nothing published to compare with.
        assert result.stderr.strip() == f"{summary}; {NO_RECORD}"
        assert "::error" not in out
        assert out.count("::warning") == warnings
        assert annotated in out

    return check


def checked_against_deployed(notices: int, warnings: int = 0, annotated: str = "") -> Checker:
    """The publish job's check: here the site's address is not reachable (no network), so it
    says it could not compare, and checks all else."""

    def check(result: subprocess.CompletedProcess[str]) -> None:
        out = ok(result)
        summary = f"{notices} notices checked, 0 with problems, 0 problems"
        summary += f", {warnings} warnings" if warnings else ""
        expected = (
            f"{summary}; not compared with the deployed site (cannot fetch {SITE}/notices.json"
        )
        assert result.stderr.strip().startswith(expected), result.stderr
        assert "::error" not in out and out.count("::warning") == warnings
        assert annotated in out

    return check


def built(project: Path, present: tuple[str, ...], absent: tuple[str, ...] = ()) -> Checker:
    def check(result: subprocess.CompletedProcess[str]) -> None:
        ok(result)
        output = project / "output"
        for page in ("index.html", "announcements.json", "pagefind/bundles.json"):
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
    story = Story(workflow, copy_project(tmp_path / "project"), pds, bsky_account)
    sample = story.sample
    first_run_records_the_backlog(story, sample)
    a_pull_request_is_checked_built_audited_and_dry_run(story, sample)
    merged_the_linked_tender_is_posted_once(story, sample)
    with_its_link_the_held_tender_is_posted_once(story, sample)


def first_run_records_the_backlog(story: Story, sample: int) -> None:
    """1. main, the first run on a new account: the sample site's backlog is recorded, not posted."""

    def first_live_run(result: subprocess.CompletedProcess[str]) -> None:
        items = [
            a for a in announced(story.project)["announcements"] if a["kind"] != "closing-soon"
        ]
        assert ok(result) == f"bluesky: 0 posted, {len(items)} recorded as backlog\n"
        channels = json.loads(story.ledger.read_text())["channels"]
        assert channels["bluesky"]["account"] == story.account.did
        assert story.post_keys() == set()

    story.run_job(
        "publish",
        {
            "invoke check --format github --against deployed": checked_against_deployed(sample),
            "invoke build --production": built(story.project, ("highway-resurfacing-framework",)),
            "invoke publish --live": first_live_run,
        },
    )


def a_pull_request_is_checked_built_audited_and_dry_run(story: Story, sample: int) -> None:
    """2. A pull request adds a tender on Find a Tender and one not there yet."""
    published = "2026-11-19T09:00:00+00:00"
    story.write(LINKED_FILE, LINKED, "Public toilets refurbishment", published, True)
    story.write(HELD_FILE, HELD, "Bus shelter cleaning", "2026-11-19T10:00:00+00:00", False)
    ledger_before = story.ledger.read_bytes()

    def dry_run(result: subprocess.CompletedProcess[str]) -> None:
        out = ok(result)
        assert out.startswith("DRY RUN: nothing is sent")
        assert "bluesky: 1 post(s) would be sent" in out
        assert f"--- bluesky #1: {LINKED}/published (new thread, language en)" in out
        assert f"{SITE}/notices/public-toilets-refurbishment/" in out
        assert "mastodon: first run: " in out  # never set up: its backlog, named
        assert out.endswith(HELD_LINE)
        assert HELD not in out.replace(HELD_LINE, "")
        assert story.ledger.read_bytes() == ledger_before

    new_pages = built(story.project, ("public-toilets-refurbishment",), ("bus-shelter-cleaning",))
    checks = {
        "invoke check --format github": checked(sample + 2, 1, HELD_WARNING),
        "invoke build": new_pages,
        "invoke tools": tools_present,
        "invoke audit": audit_clean,
        "invoke publish": dry_run,
    }
    run_job(story.workflow, "check", story.project, checks)


def merged_the_linked_tender_is_posted_once(story: Story, sample: int) -> None:
    """3. Merged: main posts the linked tender once and names the held one; a re-run posts nothing."""

    def posts_the_new_tender(result: subprocess.CompletedProcess[str]) -> None:
        assert ok(result) == f"bluesky: 1 posted\n{HELD_LINE}"
        assert story.post_keys() == {tid_for(f"{LINKED}/published")}

    new_pages = built(story.project, ("public-toilets-refurbishment",), ("bus-shelter-cleaning",))
    story.run_job(
        "publish",
        {
            "invoke check --format github --against deployed": checked_against_deployed(
                sample + 2, 1, HELD_WARNING
            ),
            "invoke build --production": new_pages,
            "invoke publish --live": posts_the_new_tender,
        },
    )
    assert story.announce_again() == f"bluesky: 0 posted\n{HELD_LINE}"
    assert len(posts(story.pds, story.account.did)) == 1


def with_its_link_the_held_tender_is_posted_once(story: Story, sample: int) -> None:
    """4. The buyer adds the Find a Tender link: the held tender is published and posted once."""
    story.write(HELD_FILE, HELD, "Bus shelter cleaning", "2026-11-19T10:00:00+00:00", True)

    def posts_the_released_tender(result: subprocess.CompletedProcess[str]) -> None:
        assert ok(result) == "bluesky: 1 posted\n"
        keys = {tid_for(f"{LINKED}/published"), tid_for(f"{HELD}/published")}
        assert story.post_keys() == keys

    story.run_job(
        "publish",
        {
            "invoke check --format github --against deployed": checked_against_deployed(sample + 2),
            "invoke build --production": built(story.project, ("bus-shelter-cleaning",)),
            "invoke publish --live": posts_the_released_tender,
        },
    )
    assert story.announce_again() == "bluesky: 0 posted\n"
    held = tid_for(f"{HELD}/published")
    released = [p for p in posts(story.pds, story.account.did) if p["uri"].endswith(held)]
    assert f"{SITE}/notices/bus-shelter-cleaning/" in released[0]["value"]["text"]
