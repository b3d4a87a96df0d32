"""Find a Tender first: a regulated notice without its link is held, said, and released once.

The story used throughout: a procurement's UK2 engagement notice (linked, announced) and its
UK4 tender notice, which has not reached Find a Tender yet. Adding the link releases it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, FormatChecker

from plugins.config import SettingsError
from plugins.notices.check import check_files, notice_files
from plugins.notices.find_a_tender_first import (
    Mode,
    held,
    off_site,
    problem,
    waiting,
)
from plugins.notices.load import load_notice
from plugins.notices.parse import build_notice
from plugins.notices.site import Site, assemble
from plugins.opendata.announcements import SCHEMA, announcements
from publish.announcements import load
from publish.cli import main
from publish.tid import tid_for
from tests.configs import sample_config
from tests.notice_factory import REMOVE, notice_data, notice_text, source_of
from tests.pds.server import Account, Pds
from tests.publish_support import bsky_env, clean_env, posts, publish, write_cards
from tests.sites import SAMPLE_URL, pelican_build

ROOT = Path(__file__).parent.parent
CLOCK = datetime.fromisoformat("2026-11-20T12:00:00+00:00")
OCID = "ocds-h6vhtk-0b0801"
ENGAGEMENT, TENDER = "ACC-2026-0801", "ACC-2026-0802"
TENDER_TITLE = "Footway repairs 2027 to 2030"
LINK = {
    "notice_id": "043001-2026",
    "url": "https://www.find-tender.service.gov.uk/Notice/043001-2026",
}
REASON = "waiting for its Find a Tender link"
FIX = "publish it on Find a Tender, then add find_a_tender: {notice_id, url}"


def engagement() -> dict[str, Any]:
    """A UK2 with its link, and a change dated after the tender notice."""
    return notice_data(
        {
            "notice_type": "UK2",
            "notice_id": ENGAGEMENT,
            "ocid": OCID,
            "title": "Footway repairs: tell us how you would do it",
            "published": "2026-11-02T09:00:00+00:00",
            "procedure": REMOVE,
            "contract_period": REMOVE,
            "deadlines": {"engagement": "2026-12-01T17:00:00+00:00"},
            "changes": [{"date": "2026-11-14T10:00:00+00:00", "summary": "Second event added."}],
        }
    )


def tender(linked: bool = False, **overrides: Any) -> dict[str, Any]:
    """The UK4 of the same procurement, without its Find a Tender link unless ``linked``."""
    return notice_data(
        {
            "notice_id": TENDER,
            "ocid": OCID,
            "title": TENDER_TITLE,
            "published": "2026-11-10T09:00:00+00:00",
            "find_a_tender": LINK if linked else REMOVE,
            "changes": REMOVE,
            **overrides,
        }
    )


def write(folder: Path, name: str, data: dict[str, Any]) -> Path:
    path = folder / "notices" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(notice_text(data), encoding="utf-8")
    return path


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """Content with the announced engagement notice and the held tender notice."""
    folder = tmp_path / "content"
    write(folder, "footway-repairs-engagement", engagement())
    write(folder, "footway-repairs", tender())
    return folder


def site_of(content: Path, the_mode: Mode) -> Site:
    """What the build publishes of ``content`` (as find_a_tender_hooks.py does, without Pelican)."""
    notices = [load_notice(path, path.name).notice for path in notice_files(content)]
    assert all(notices)
    gone = off_site(notices, the_mode, CLOCK)
    pages = [
        (n, f"{'' if n.lang == 'en' else n.lang + '/'}notices/{n.slug}/")
        for n in notices
        if n.published <= CLOCK and n.notice_id not in gone
    ]
    return assemble(
        pages, url=SAMPLE_URL, name="Afonwy", clock=CLOCK, held=held(notices, the_mode, CLOCK)
    )


def announcements_of(site: Site) -> dict[str, Any]:
    data = json.loads(announcements(site))
    validator = Draft7Validator(json.loads(SCHEMA.read_text()), format_checker=FormatChecker())
    assert list(validator.iter_errors(data)) == []
    return data


def by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in data["announcements"]}


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
        ({"find_a_tender": REMOVE, "legal_basis": "PCR2015"}, True),
        ({"find_a_tender": REMOVE, "legal_basis": "PCR2015", "above_threshold": True}, True),
        # Below the threshold, PCR 2015 notices went to Contracts Finder, not Find a Tender.
        ({"find_a_tender": REMOVE, "legal_basis": "PCR2015", "above_threshold": False}, False),
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


def test_invoke_check_warns_and_passes(content: Path) -> None:
    held_file = content / "notices" / "footway-repairs.md"
    command = [sys.executable, "-m", "invoke", "check", "--format", "github"]
    result = subprocess.run(
        [*command, "--paths", str(held_file)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"::warning file={held_file},line=6,title=Notice check::")
    assert "legal_basis: held: a PA2023 notice goes on Find a Tender first" in result.stdout
    assert FIX in result.stdout
    assert result.stderr.strip() == "1 notices checked, 0 with problems, 0 problems, 1 warnings"


# What is held


def test_a_held_notice_is_held_in_every_language_once(content: Path) -> None:
    welsh = tender(linked=True, lang="cy", title="Atgyweirio llwybrau troed 2027 i 2030")
    write(content, "footway-repairs.cy", welsh)
    notices = [load_notice(path, path.name).notice for path in notice_files(content)]
    [only] = held(notices, Mode.HOLD_NOTICE, CLOCK)
    assert (only.notice.notice_id, only.notice.lang, only.on_site) == (TENDER, "en", False)
    assert off_site(notices, Mode.HOLD_NOTICE, CLOCK) == {TENDER}
    assert off_site(notices, Mode.HOLD_ANNOUNCEMENTS, CLOCK) == set()
    assert held(notices, Mode.HOLD_ANNOUNCEMENTS, CLOCK)[0].on_site
    assert held(notices, Mode.ERROR, CLOCK) == held(notices, Mode.OFF, CLOCK) == ()


def test_a_scheduled_notice_is_not_held_before_it_is_due(content: Path) -> None:
    write(content, "footway-repairs", tender(published="2026-11-25T09:00:00+00:00"))
    notices = [load_notice(path, path.name).notice for path in notice_files(content)]
    assert held(notices, Mode.HOLD_NOTICE, CLOCK) == ()
    assert len(held(notices, Mode.HOLD_NOTICE, datetime.fromisoformat("2026-11-26T00:00Z"))) == 1


def test_a_new_site_for_held_keeps_its_own_procurement_index(content: Path) -> None:
    site = site_of(content, Mode.HOLD_ANNOUNCEMENTS)
    other = replace(site, held=())
    assert other.procurement(OCID) == site.procurement(OCID) and len(site.procurement(OCID)) == 2
    assert other._by_ocid is not site._by_ocid


# announcements.json


def test_hold_notice_lists_it_by_id_alone_and_announces_nothing_of_it(content: Path) -> None:
    data = announcements_of(site_of(content, Mode.HOLD_NOTICE))
    assert data["held"] == [{"id": TENDER, "title": None, "url": None, "reason": REASON}]
    assert list(by_id(data)) == [f"{ENGAGEMENT}/published", f"{ENGAGEMENT}/change/1"]
    assert TENDER_TITLE not in json.dumps(data)


def test_hold_announcements_names_the_page_and_threads_around_it(content: Path) -> None:
    site = site_of(content, Mode.HOLD_ANNOUNCEMENTS)
    assert [item.notice.notice_id for item in site.notices] == [ENGAGEMENT, TENDER]
    data = announcements_of(site)
    assert data["held"] == [
        {
            "id": TENDER,
            "title": TENDER_TITLE,
            "url": f"{SAMPLE_URL}/notices/footway-repairs/",
            "reason": REASON,
        }
    ]
    items = by_id(data)
    assert list(items) == [f"{ENGAGEMENT}/published", f"{ENGAGEMENT}/change/1"]
    assert items[f"{ENGAGEMENT}/change/1"]["replies_to"] == f"{ENGAGEMENT}/published"


def test_changes_to_a_held_notice_wait_too(content: Path) -> None:
    change = [{"date": "2026-11-12T10:00:00+00:00", "summary": "Lot 2 added."}]
    write(content, "footway-repairs", tender(changes=change))
    for the_mode in (Mode.HOLD_NOTICE, Mode.HOLD_ANNOUNCEMENTS):
        assert not any(
            i.startswith(TENDER) for i in by_id(announcements_of(site_of(content, the_mode)))
        )
    write(content, "footway-repairs", tender(linked=True, changes=change))
    items = by_id(announcements_of(site_of(content, Mode.HOLD_NOTICE)))
    assert items[f"{TENDER}/change/1"]["replies_to"] == f"{TENDER}/published"


def test_adding_the_link_releases_it_into_its_thread(content: Path) -> None:
    write(content, "footway-repairs", tender(linked=True))
    data = announcements_of(site_of(content, Mode.HOLD_NOTICE))
    assert data["held"] == []
    items = by_id(data)
    assert list(items) == [
        f"{ENGAGEMENT}/published",
        f"{TENDER}/published",
        f"{ENGAGEMENT}/change/1",
    ]
    assert items[f"{TENDER}/published"]["replies_to"] == f"{ENGAGEMENT}/published"
    assert items[f"{TENDER}/published"]["thread"] == f"{ENGAGEMENT}/published"


def test_off_announces_it_as_any_other(content: Path) -> None:
    data = announcements_of(site_of(content, Mode.OFF))
    assert data["held"] == [] and f"{TENDER}/published" in by_id(data)


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
