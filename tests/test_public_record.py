"""The public record: an edit to a published notice is checked against what was published.

A council's repository is made in a temporary folder (the sample notices, committed on
``main`` and pushed to a local ``origin``); a buyer then edits a notice as the guide says,
or as it says not to, and runs ``invoke check`` there.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from plugins.notices.check import CheckReport, check_files, files_to_check
from plugins.notices.find_a_tender_first import Mode
from plugins.notices.published import RecordUnavailable, from_git, from_index
from plugins.notices.store import NoticeStore
from tests.sites import CONTENT, ROOT, SAMPLE_CLOCK, pelican_build

TENDER = "content/notices/2026/grounds-maintenance-tender.md"
FRAMEWORK = "content/notices/2026/highway-resurfacing-framework.md"
DEADLINE = "  tender: 2026-12-18T12:00:00+00:00"
MOVED = "  tender: 2026-12-23T12:00:00+00:00"
A_CHANGE = """changes:
  - date: 2026-11-19T09:00:00+00:00
    summary: Tender deadline moved to 23 December 2026 after supplier questions.
    fields:
      - field: deadlines.tender
        from: 2026-12-18T12:00:00+00:00
        to: {to}
---"""


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A council's repository: the sample notices published from ``main`` (on ``origin``)."""
    folder = tmp_path / "council"
    folder.mkdir()
    shutil.copytree(CONTENT, folder / "content")
    for name in ("tasks.py", "pelicanconf.py"):
        shutil.copy(ROOT / name, folder / name)
    for name in ("plugins", "themes", "publish"):
        (folder / name).symlink_to(ROOT / name)
    (folder / ".gitignore").write_text("plugins\nthemes\npublish\ncache/\noutput/\n")
    _git(folder, "init", "-q", "-b", "main")
    _git(folder, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    _git(folder, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "live")
    _git(folder, "update-ref", "refs/remotes/origin/main", "HEAD")
    return folder


def check(
    repo: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "invoke", "check", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def edit(repo: Path, name: str, old: str, new: str) -> None:
    path = repo / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not once in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_published_site_passes_against_itself(repo: Path) -> None:
    result = check(repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 problems; against origin/main" in result.stderr


def test_a_deadline_moved_without_a_change_is_refused_with_the_entry_to_add(repo: Path) -> None:
    edit(repo, TENDER, DEADLINE, MOVED)
    result = check(repo)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{TENDER}:41: deadlines.tender: changed from 2026-12-18T12:00:00+00:00 to "
        "2026-12-23T12:00:00+00:00 since it was published, with no change entry naming it — "
        "add to changes: - {date: 2026-11-20T12:00:00+00:00, summary: <why it changed>, "
        'fields: [{field: deadlines.tender, from: "2026-12-18T12:00:00+00:00", '
        'to: "2026-12-23T12:00:00+00:00"}]} (or put back 2026-12-18T12:00:00+00:00)'
    ]


def test_a_deadline_moved_with_its_change_passes(repo: Path) -> None:
    edit(repo, TENDER, DEADLINE, MOVED)
    edit(repo, TENDER, "\n---\n", "\n" + A_CHANGE.format(to="2026-12-23T12:00:00+00:00") + "\n")
    result = check(repo)
    assert result.returncode == 0, result.stdout


def test_a_change_that_names_the_wrong_new_value_is_refused(repo: Path) -> None:
    edit(repo, TENDER, DEADLINE, MOVED)
    edit(repo, TENDER, "\n---\n", "\n" + A_CHANGE.format(to="2026-12-30T12:00:00+00:00") + "\n")
    result = check(repo)
    assert result.returncode == 1
    [line] = result.stdout.splitlines()
    assert line.startswith(f"{TENDER}:")
    assert (
        "changes[0].fields[0]: change 1 says deadlines.tender to '2026-12-30T12:00:00+00:00'"
        in line
    )
    assert line.endswith("make 'to' 2026-12-23T12:00:00+00:00")


def test_deleting_a_published_change_is_refused(repo: Path) -> None:
    text = (repo / FRAMEWORK).read_text(encoding="utf-8")
    start = text.index("  - date: 2026-11-12T15:30:00+00:00")
    end = text.index("---", start)
    (repo / FRAMEWORK).write_text(text[:start] + text[end:], encoding="utf-8")
    result = check(repo)
    assert result.returncode == 1
    assert "changes: 2 change entries were published, now 1 — the list only grows" in result.stdout


def test_editing_a_published_change_is_refused(repo: Path) -> None:
    edit(repo, FRAMEWORK, "after supplier questions.", "after questions.")
    result = check(repo)
    assert result.returncode == 1
    assert "changes[0]: change 1 differs from the one published" in result.stdout


@pytest.mark.parametrize(
    ("field", "old", "new"),
    [
        ("notice_id", "notice_id: ACC-2026-0043", "notice_id: ACC-2026-0099"),
        ("ocid", "ocid: ocds-h6vhtk-8a5c79", "ocid: ocds-h6vhtk-8a5c80"),
    ],
)
def test_a_published_notice_keeps_its_identity(repo: Path, field: str, old: str, new: str) -> None:
    edit(repo, TENDER, old, new)
    result = check(repo)
    assert result.returncode == 1
    was, now = old.split(": ")[1], new.split(": ")[1]
    assert f"{field}: was {was} when published, now {now}" in result.stdout


def test_a_removed_notice_is_a_warning(repo: Path) -> None:
    (repo / TENDER).unlink()
    result = check(repo)
    assert f"{TENDER}:1: warning: file: notice ACC-2026-0043 (en) was published" in result.stdout


def test_a_notice_not_yet_published_may_change_freely(repo: Path) -> None:
    """A scheduled notice (dated after the clock) is not on the site yet."""
    edit(
        repo, TENDER, "published: 2026-11-11T09:00:00+00:00", "published: 2026-11-25T09:00:00+00:00"
    )
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "later")
    _git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    edit(repo, TENDER, DEADLINE, MOVED)
    assert check(repo).returncode == 0


def test_against_a_revision_that_is_not_there_says_so(repo: Path) -> None:
    result = check(repo, "--against", "no-such-branch")
    assert result.returncode == 2
    assert "--against: no-such-branch is not a git revision" in result.stderr


@pytest.fixture(scope="module")
def built_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("site") / "output"
    assert pelican_build(CONTENT, output).returncode == 0
    return output


def test_against_the_deployed_notices_json(repo: Path, built_index: Path) -> None:
    edit(repo, TENDER, DEADLINE, MOVED)
    result = check(repo, "--against", str(built_index / "notices.json"))
    assert result.returncode == 1
    assert "deadlines.tender: changed from 2026-12-18T12:00:00+00:00" in result.stdout
    assert result.stderr.endswith(f"against {built_index / 'notices.json'}\n")


@pytest.fixture
def served(built_index: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(built_index), **kwargs)  # type: ignore[arg-type]

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_against_the_deployed_site_by_its_address(repo: Path, served: str) -> None:
    edit(repo, TENDER, DEADLINE, MOVED)
    assert "deadlines.tender: changed" in check(repo, "--against", f"{served}/notices.json").stdout
    missing = check(repo, "--against", f"{served}/nothing.json")
    assert missing.returncode == 2
    assert "cannot fetch" in missing.stderr and "404" in missing.stderr


def test_against_deployed_reads_the_sites_own_address(repo: Path, served: str) -> None:
    """The publish job's check: whatever reached main is compared with the site."""
    edit(repo, TENDER, DEADLINE, MOVED)
    result = check(repo, "--against", "deployed", env={"NOTICES_SITE_URL": served})
    assert result.returncode == 1
    assert "deadlines.tender: changed from 2026-12-18T12:00:00+00:00" in result.stdout
    assert result.stderr.strip().endswith(f"against {served}/notices.json")


def test_a_site_not_deployed_yet_is_said_and_skipped(repo: Path, served: str) -> None:
    result = check(repo, "--against", "deployed", env={"NOTICES_SITE_URL": f"{served}/nothing"})
    assert result.returncode == 0, result.stdout
    assert "not compared with the deployed site (cannot fetch" in result.stderr


def test_an_index_without_a_record_is_refused() -> None:
    with pytest.raises(RecordUnavailable, match="no record of facts"):
        from_index(b'{"notices": [{"id": "A", "language": "en"}]}', "old.json")


def test_git_record_reads_only_the_files_that_changed(repo: Path) -> None:
    edit(repo, TENDER, DEADLINE, MOVED)
    record = from_git(
        repo, "origin/main", repo / "content" / "notices", Mode.HOLD_NOTICE, SAMPLE_CLOCK
    )
    assert [notice.path for notice in record.notices] == [TENDER]
    assert len(record.unchanged) == len(files_to_check([CONTENT / "notices"])) - 1


SAMPLE = files_to_check([CONTENT / "notices"])
BAD = sorted((ROOT / "tests" / "bad_notices").glob("*.md"))


@functools.cache
def whole_check() -> CheckReport:
    return check_files(SAMPLE + BAD, ROOT, store=NoticeStore(None))


@pytest.mark.parametrize("path", SAMPLE + BAD, ids=lambda path: path.name)
def test_checking_one_file_says_what_the_full_check_says_of_it(path: Path) -> None:
    """What pre-commit runs (``--paths`` one file) agrees with the whole site's check."""
    alone = check_files([path], ROOT, within=SAMPLE + BAD)
    shown = path.relative_to(ROOT).as_posix()
    assert alone.problems == tuple(p for p in whole_check().problems if p.path == shown)
    assert alone.problems or "bad_notices" not in shown


def change(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "invoke", "change", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_invoke_change_edits_the_field_and_records_the_change(repo: Path) -> None:
    result = change(
        repo,
        "--notice=ACC-2026-0043",
        "--field=deadlines.tender",
        "--to=2026-12-23T12:00:00+00:00",
        "--reason=Tender deadline moved to 23 December 2026 after supplier questions.",
        "--formal",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        f"Changed {TENDER}: deadlines.tender from 2026-12-18T12:00:00+00:00 to "
        "2026-12-23T12:00:00+00:00"
    )
    text = (repo / TENDER).read_text(encoding="utf-8")
    assert MOVED in text and DEADLINE not in text
    assert text.endswith(
        "changes:\n"
        "  - date: 2026-11-20T12:00:00+00:00\n"
        '    summary: "Tender deadline moved to 23 December 2026 after supplier questions."\n'
        "    fields:\n"
        "      - field: deadlines.tender\n"
        '        from: "2026-12-18T12:00:00+00:00"\n'
        '        to: "2026-12-23T12:00:00+00:00"\n'
        "    formal: true\n"
        "---\n" + text.split("\n---\n", 1)[1]
    )
    assert check(repo).returncode == 0


def test_invoke_change_finds_a_lot_by_its_id_in_a_flow_mapping(repo: Path) -> None:
    result = change(
        repo,
        "--notice",
        TENDER,
        "--field",
        "lots.2.value.amount",
        "--to",
        "2350000",
        "--reason",
        "Lot 2 value corrected.",
    )
    assert result.returncode == 0, result.stderr
    text = (repo / TENDER).read_text(encoding="utf-8")
    assert "    title: Central valleys\n    value: {amount: 2350000}\n" in text
    assert check(repo).returncode == 0


def test_invoke_change_appends_to_the_changes_there_are(repo: Path) -> None:
    result = change(
        repo,
        "--notice",
        "ACC-2026-0031",
        "--field",
        "deadlines.tender",
        "--to",
        "2026-12-15T12:00:00+00:00",
        "--reason",
        "More time for site visits.",
    )
    assert result.returncode == 0, result.stderr
    text = (repo / FRAMEWORK).read_text(encoding="utf-8")
    assert text.index("2026-11-12T15:30:00+00:00") < text.index("More time for site visits.")
    assert check(repo).returncode == 0, check(repo).stdout


@pytest.mark.parametrize(
    ("field", "to", "said"),
    [
        ("nothing.here", "1", "nothing.here: the notice has no such field"),
        ("deadlines", "1", "deadlines holds several values: name one of them"),
        ("deadlines.tender", "next week", "--to must be a date and time with its offset"),
        ("value.amount", "a lot", "--to must be a number"),
        ("lots.9.title", "x", "lots.9.title: no item with id 9 in lots"),
        ("deadlines.tender", "2026-12-18T12:00:00+00:00", "is already 2026-12-18T12:00:00+00:00"),
        ("deadlines.tender", "2026-11-01T12:00:00+00:00", "would not pass the check"),
    ],
)
def test_invoke_change_refuses_what_it_cannot_do_and_writes_nothing(
    repo: Path, field: str, to: str, said: str
) -> None:
    before = (repo / TENDER).read_text(encoding="utf-8")
    result = change(
        repo,
        "--notice",
        "ACC-2026-0043",
        "--field",
        field,
        "--to",
        to,
        "--reason",
        "Why it changed.",
    )
    assert result.returncode == 2
    assert said in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert (repo / TENDER).read_text(encoding="utf-8") == before


def test_translating_a_published_notice_passes(repo: Path) -> None:
    """A Welsh version added later is a new file of the same notice, not an edit."""
    english = (repo / TENDER).read_text(encoding="utf-8")
    welsh = english.replace("notice_type: UK4\n", "notice_type: UK4\nlang: cy\n", 1)
    welsh = welsh.replace("title: Grounds maintenance", "title: Cynnal a chadw tiroedd", 1)
    (repo / TENDER.replace(".md", ".cy.md")).write_text(welsh, encoding="utf-8")
    result = check(repo)
    assert result.returncode == 0, result.stdout


def test_invoke_change_replaces_a_whole_text_with_commas_and_word_punctuation(repo: Path) -> None:
    """A title as pasted from a word processor: curly quotes, a dash, a no-break space."""
    title = "Grounds maintenance \u2013 \u201cparks\u201d,\u00a0grass and trees 2027\u20132031"
    result = change(
        repo,
        "--notice",
        "ACC-2026-0043",
        "--field",
        "title",
        "--to",
        title,
        "--reason",
        "Title made clearer.",
        "--correction",
    )
    assert result.returncode == 0, result.stderr
    assert f"title: {json.dumps(title, ensure_ascii=False)}\n" in (repo / TENDER).read_text(
        encoding="utf-8"
    )
    assert check(repo).returncode == 0
