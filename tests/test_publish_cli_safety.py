"""The command line's safety valves: exit codes, credentials, the lock, and no secret ever shown."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from plugins.contract.schema import VERSION
from publish.cli import main
from publish.ledger import Entry, Ledger, Status
from publish.lock import exclusive
from tests import publish_support
from tests.pds.server import Account, Pds
from tests.publish_support import (
    CHANGE,
    ROOT,
    announcement,
    bsky_env,
    clean_env,
    publish,
    write_feed,
)

feed, state = publish_support.feed, publish_support.state  # shared fixtures


def test_an_unsupported_file_version_exits_2_with_the_reason(tmp_path: Path, capsys: Any):
    feed = write_feed(tmp_path, [announcement()], version=VERSION + 1)
    assert main(["--input", str(feed), "--state", str(tmp_path / "s")], env={}) == 2
    said = f"announcements format version {VERSION + 1} is not supported"
    assert said in capsys.readouterr().err


def test_live_without_credentials_exits_2(feed: Path, tmp_path: Path, capsys: Any):
    assert main(["--input", str(feed), "--state", str(tmp_path / "s"), "--live"], env={}) == 2
    assert "no channel configured: set BSKY_HANDLE and BSKY_APP_PASSWORD" in capsys.readouterr().err
    assert (
        main(
            [
                "--input",
                str(feed),
                "--state",
                str(tmp_path / "s"),
                "--live",
                "--channel",
                "bluesky",
            ],
            env={"MASTODON_BASE_URL": "http://127.0.0.1:9", "MASTODON_ACCESS_TOKEN": "token-abc"},
        )
        == 2
    )
    assert "--channel bluesky: its credentials are not set" in capsys.readouterr().err


def test_a_second_live_run_is_refused_while_one_holds_the_lock(feed: Path, state: Path):
    env = clean_env(MASTODON_BASE_URL="http://127.0.0.1:9", MASTODON_ACCESS_TOKEN="token-abc")
    with exclusive(state / "publish.lock"):
        result = publish("--input", feed, "--state", state, "--live", env=env)
    assert result.returncode == 3
    assert "another publish run holds" in result.stderr


def test_invoke_publish_is_a_dry_run_by_default():
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "--list"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert "publish" in result.stdout
    from tasks import publish as task

    calls: list[str] = []

    class Recorder:
        def run(self, command: str, **_: Any) -> None:
            calls.append(command)

    task.body(Recorder(), max_posts=3, channel=["bluesky"])
    assert calls and "--live" not in calls[0]
    assert calls[0].endswith(
        "-m publish --input "
        + str(ROOT / "output" / "announcements.json")
        + " --state "
        + str(ROOT / "publish-state")
        + " --max-posts 3 --channel bluesky"
    )
    task.body(Recorder(), live=True, announce_backlog=True)
    assert "--live --announce-backlog" in calls[1]
    task.body(Recorder(), compose_all=True)
    assert "--live" not in calls[2] and calls[2].endswith(" --compose-all")


SECRET_PASSWORD = "pw-Zq8-unlikely-secret"
SECRET_TOKEN = "tok-Yx7-unlikely-secret"


def assert_no_secret(texts: list[str], state: Path, secrets: list[str]) -> None:
    files = [
        path.read_bytes().decode("utf-8", "replace") for path in state.rglob("*") if path.is_file()
    ]
    for secret in secrets:
        for text in [*texts, *files]:
            assert secret not in text
    for text in [*texts, *files]:
        # No JWT (session token) anywhere: a header and payload, each base64url JSON. A bare
        # "eyJ" is not enough: the encrypted session file's random base64 can hold it.
        assert not re.search(r"eyJ[\w-]{8,}\.eyJ[\w-]{8,}", text)


def test_secrets_never_appear_in_output_logs_or_files(
    tmp_path: Path, feed: Path, pds: Pds, bsky_account: Account, mastodon_mock_server: Any
):
    state = tmp_path / "secret-state"
    wrong = clean_env(
        BSKY_HANDLE=bsky_account.handle,
        BSKY_APP_PASSWORD=SECRET_PASSWORD,
        BSKY_SERVICE=pds.url,
        MASTODON_BASE_URL=mastodon_mock_server.base_url,
        MASTODON_ACCESS_TOKEN=SECRET_TOKEN,
    )
    refused = publish(
        "--input", feed, "--state", state, "--live", "--announce-backlog", "-v", env=wrong
    )
    assert refused.returncode == 1
    assert "bluesky: 0 posted, stopped: bluesky: log in: refused" in refused.stdout
    assert "mastodon: 0 posted, stopped" in refused.stdout
    dry_run = publish("--input", feed, "--state", state, "-v", env=wrong)
    right = clean_env(
        **bsky_env(pds, bsky_account),
        MASTODON_BASE_URL=mastodon_mock_server.base_url,
        MASTODON_ACCESS_TOKEN="alice_token",
    )
    posted = publish(
        "--input", feed, "--state", state, "--live", "--announce-backlog", "-v", env=right
    )
    assert posted.returncode == 0, posted.stderr
    assert "bluesky: 3 posted" in posted.stdout and "mastodon: 3 posted" in posted.stdout
    assert (state / "bluesky.session").is_file()
    outputs = [r.stdout + r.stderr for r in (refused, dry_run, posted)]
    assert_no_secret(
        outputs, state, [SECRET_PASSWORD, SECRET_TOKEN, bsky_account.password, "alice_token"]
    )


def test_a_ledger_entry_with_an_unknown_status_exits_2_in_one_line(feed: Path, state: Path):
    ledger = Ledger.load(state / "ledger.json")
    ledger.record("bluesky", {CHANGE: Entry.now(Status.POSTED, uri="at://x")})
    text = (state / "ledger.json").read_text(encoding="utf-8")
    (state / "ledger.json").write_text(text.replace('"posted"', '"sent"'), encoding="utf-8")
    for live in ((), ("--live",)):
        env = clean_env(MASTODON_BASE_URL="http://127.0.0.1:9", MASTODON_ACCESS_TOKEN="token-abc")
        result = publish("--input", feed, "--state", state, *live, env=env)
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert "'sent' is not one of intent, posted, backlog" in result.stderr
