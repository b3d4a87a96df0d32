"""Find a Tender first in a real build and in the publisher: held per mode, then posted once."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from plugins.notices.find_a_tender_first import (
    Mode,
)
from plugins.notices.site import Site
from plugins.opendata.announcements import announcements
from publish.announcements import load
from publish.cli import main
from publish.tid import tid_for
from tests import find_a_tender_support
from tests.find_a_tender_support import (
    ENGAGEMENT,
    FIX,
    REASON,
    TENDER,
    TENDER_TITLE,
    site_of,
    tender,
    write,
)
from tests.pds.server import Account, Pds
from tests.publish_support import bsky_env, clean_env, posts, publish, write_cards
from tests.sites import pelican_build

content = find_a_tender_support.content  # a shared fixture


# The real build


def build(content: Path, output: Path, the_mode: Mode) -> subprocess.CompletedProcess[str]:
    settings = {"NOTICES_FIND_A_TENDER_FIRST": str(the_mode)}
    return pelican_build(content, output, "--fatal", "errors", settings=settings)


@pytest.mark.parametrize(
    ("the_mode", "page_built"), [(Mode.HOLD_NOTICE, False), (Mode.HOLD_ANNOUNCEMENTS, True)]
)
def test_the_build_holds_per_mode_and_says_so(
    content: Path, tmp_path: Path, the_mode: Mode, page_built: bool
) -> None:
    write(content, "footway-repairs.cy", tender(lang="cy", title="Atgyweirio llwybrau troed"))
    output = tmp_path / "output"
    result = build(content, output, the_mode)
    assert result.returncode == 0, result.stdout + result.stderr
    log = " ".join((result.stdout + result.stderr).split())
    assert "footway-repairs.md:6: warning: legal_basis: held: a PA2023 notice" in log
    for page in ("notices/footway-repairs/index.html", "cy/notices/footway-repairs/index.html"):
        assert (output / page).is_file() is page_built, page
    index = json.loads((output / "notices.json").read_text(encoding="utf-8"))
    assert (TENDER in json.dumps(index)) is page_built
    assert (TENDER_TITLE in (output / "feeds" / "all.atom").read_text()) is page_built
    data = json.loads((output / "announcements.json").read_text(encoding="utf-8"))
    assert [item["id"] for item in data["held"]] == [TENDER]
    assert not any(item["id"].startswith(TENDER) for item in data["announcements"])
    assert (output / "notices" / "footway-repairs-engagement" / "index.html").is_file()


def test_error_mode_fails_the_build_with_the_fix(content: Path, tmp_path: Path) -> None:
    result = build(content, tmp_path / "output", Mode.ERROR)
    assert result.returncode != 0
    log = " ".join((result.stdout + result.stderr).split())
    assert "footway-repairs.md:6: legal_basis: a PA2023 notice must carry its Find a Tender" in log
    assert FIX in log


# The publisher


def write_announcements(site: Site, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "announcements.json"
    path.write_bytes(announcements(site))
    write_cards(path)
    return path


@pytest.mark.parametrize(
    ("the_mode", "named"), [(Mode.HOLD_NOTICE, TENDER), (Mode.HOLD_ANNOUNCEMENTS, TENDER_TITLE)]
)
def test_the_dry_run_names_what_is_held(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], the_mode: Mode, named: str
) -> None:
    feed = write_announcements(site_of(content, the_mode), tmp_path / "output")
    assert load(feed).held[0].name == named
    code = main(["--input", str(feed), "--state", str(tmp_path / "state")], env={})
    out = capsys.readouterr().out
    assert code == 0
    assert out.endswith(f"held: {named}: {REASON}\n")


def test_once_linked_it_is_posted_exactly_once_in_its_thread(
    content: Path, tmp_path: Path, pds: Pds, bsky_account: Account
) -> None:
    env, state = clean_env(**bsky_env(pds, bsky_account)), tmp_path / "state"

    def live(feed: Path, *extra: str) -> subprocess.CompletedProcess[str]:
        args = ("--input", feed, "--state", state, "--live", "--channel", "bluesky", *extra)
        result = publish(*args, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    before = write_announcements(site_of(content, Mode.HOLD_NOTICE), tmp_path / "before")
    first = live(before, "--announce-backlog")
    assert first.stdout == f"bluesky: 2 posted\nheld: {TENDER}: {REASON}\n"

    write(content, "footway-repairs", tender(linked=True))
    after = write_announcements(site_of(content, Mode.HOLD_NOTICE), tmp_path / "after")
    assert live(after).stdout == "bluesky: 1 posted\n"
    assert live(after).stdout == "bluesky: 0 posted\n"

    records = {r["uri"].rsplit("/", 1)[-1]: r for r in posts(pds, bsky_account.did)}
    ids = [f"{ENGAGEMENT}/published", f"{ENGAGEMENT}/change/1", f"{TENDER}/published"]
    assert set(records) == {tid_for(i) for i in ids}
    released = records[tid_for(f"{TENDER}/published")]["value"]
    root = records[tid_for(f"{ENGAGEMENT}/published")]
    assert released["text"].startswith(f"Tender notice: {TENDER_TITLE}")
    assert released["reply"] == {
        "parent": {"uri": root["uri"], "cid": root["cid"]},
        "root": {"uri": root["uri"], "cid": root["cid"]},
    }


def test_held_is_optional_in_older_files(content: Path, tmp_path: Path) -> None:
    path = write_announcements(site_of(content, Mode.HOLD_NOTICE), tmp_path / "out")
    data = json.loads(path.read_text())
    del data["held"]
    path.write_text(json.dumps(data))
    assert load(path).held == ()
