"""E-mail digests when things go wrong: a refusing server, a wrong password, a dropped
connection, the lock, and the publisher killed at each step of a digest. At most once: a
digest that may have been sent is never sent again, and is reported."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from publish.lock import exclusive
from tests.publish_support import clean_env, publish
from tests.test_publish_email import (
    ALL,
    PASSWORD,
    PIPELINE,
    Inbox,
    Smtp,
    free_port,
    ledger,
    run,
    site,
    smtp,
)

__all__ = ["site", "smtp"]  # fixtures


def entries(site: Path, name: str = "email/all") -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = ledger(site).get(name, {}).get("announcements", {})
    return found


def no_secret_anywhere(site: Path, *outputs: str) -> None:
    for text in outputs:
        assert PASSWORD not in text
    for path in (site / "state").rglob("*"):
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes(), path


@pytest.mark.parametrize("reply", ["554 5.7.1 Message refused", "451 4.3.0 Try again later"])
def test_a_refused_digest_is_not_recorded_and_the_next_run_sends_it(
    site: Path, smtp: Smtp, capsys: pytest.CaptureFixture[str], reply: str
):
    smtp.inbox.refuse = reply
    code, out, err = run(site, "--live", "--announce-backlog", env=smtp.env(), capsys=capsys)
    assert code == 1
    assert f"email/all: 0 sent, stopped: smtp: refused ({reply})" in out
    assert entries(site) == {} and entries(site, "email/pipeline") == {}
    smtp.inbox.refuse = None
    code, out, err2 = run(site, "--live", env=smtp.env(), capsys=capsys)
    assert code == 0, out + err2
    assert len(smtp.inbox.to(ALL)) == 1 and len(smtp.inbox.to(PIPELINE)) == 1
    assert len(entries(site)) == 4
    no_secret_anywhere(site, out, err, err2)


def test_a_wrong_password_sends_and_records_nothing_and_is_never_shown(
    site: Path, smtp: Smtp, capsys: pytest.CaptureFixture[str]
):
    wrong = "not-the-Passw0rd-at-all"
    code, out, err = run(
        site, "--live", "--announce-backlog", env=smtp.env(wrong), capsys=capsys, verbose=True
    )
    assert code == 1
    assert "login refused (535): check SMTP_USER and SMTP_PASSWORD" in out
    assert smtp.inbox.messages == [] and entries(site) == {}
    assert wrong not in out + err
    no_secret_anywhere(site, out, err)


def test_a_connection_dropped_after_the_message_is_not_resent_and_is_reported(
    site: Path, smtp: Smtp, capsys: pytest.CaptureFixture[str]
):
    smtp.inbox.hang_up = True
    code, out, _ = run(site, "--live", "--announce-backlog", env=smtp.env(), capsys=capsys)
    assert code == 1
    [message] = smtp.inbox.to(ALL)
    assert f"unconfirmed: digest {message['Message-ID']} of 4 announcement(s)" in out
    assert {e["status"] for e in entries(site).values()} == {"posted"}
    assert {e["unconfirmed"] for e in entries(site).values()} == {"true"}
    smtp.inbox.hang_up = False
    code, out, _ = run(site, "--live", env=smtp.env(), capsys=capsys)
    assert code == 0 and "unconfirmed" not in out
    assert len(smtp.inbox.to(ALL)) == 1


def test_a_server_without_starttls_is_refused_and_nothing_is_sent_in_the_clear(
    site: Path, smtp: Smtp, capsys: pytest.CaptureFixture[str]
):
    inbox = Inbox()
    plain = Controller(inbox, hostname="127.0.0.1", port=free_port(), auth_require_tls=False)
    plain.start()
    try:
        env = {**smtp.env(), "SMTP_PORT": str(plain.port)}
        code, out, err = run(site, "--live", "--announce-backlog", env=env, capsys=capsys)
    finally:
        plain.stop()
    assert code == 1
    assert "offers no STARTTLS: not sending in the clear" in out
    assert inbox.messages == [] and entries(site) == {}
    no_secret_anywhere(site, out, err)


def test_a_second_run_waits_for_the_lock_and_sends_nothing(
    site: Path, smtp: Smtp, capsys: pytest.CaptureFixture[str]
):
    with exclusive(site / "state" / "publish.lock"):
        code, _, err = run(site, "--live", "--announce-backlog", env=smtp.env(), capsys=capsys)
    assert code == 3 and "another publish run holds" in err
    assert smtp.inbox.messages == []


def crashed(site: Path, smtp: Smtp, step: str, *extra: str) -> None:
    """A live run in its own process, killed (SIGKILL) at ``step`` of the first digest."""
    done = live(site, smtp, *extra, crash_at=step)
    assert done.returncode == -9, done.stdout + done.stderr
    no_secret_anywhere(site, done.stdout, done.stderr)


def live(
    site: Path, smtp: Smtp, *extra: str, crash_at: str = ""
) -> subprocess.CompletedProcess[str]:
    args = ["--input", site / "out" / "announcements.json", "--state", site / "state"]
    args += ["--live", "--channel", "email"]  # the lists: email-lists.toml beside the state
    env = clean_env(**smtp.env(), **({"PUBLISH_CRASH_AT": crash_at} if crash_at else {}))
    return publish(*args, *extra, env=env)


@pytest.mark.parametrize("step", ["before-send", "after-send"])
def test_a_run_killed_while_sending_never_sends_that_digest_twice_and_reports_it(
    site: Path, smtp: Smtp, step: str
):
    crashed(site, smtp, step, "--announce-backlog")
    sent = smtp.inbox.to(ALL)
    assert len(sent) == (1 if step == "after-send" else 0)
    [sent_as] = {e["message_id"] for e in entries(site).values()}
    assert {e["status"] for e in entries(site).values()} == {"intent"}
    if sent:
        assert sent[0]["Message-ID"] == sent_as
    dry = publish("--input", site / "out" / "announcements.json", "--state", site / "state")
    assert f"email/all: digest {sent_as} of 4 announcement(s) may or may not have been sent" in (
        dry.stdout
    )
    again = live(site, smtp, "--announce-backlog")  # the pipeline list's first run too
    assert again.returncode == 1
    assert f"unconfirmed: digest {sent_as} of 4 announcement(s)" in again.stdout
    assert "ACC-2026-9001/published" in again.stdout
    assert sent_as in again.stderr  # logged as an error too
    assert len(smtp.inbox.to(ALL)) == len(sent)  # at most once: not sent again
    assert len(smtp.inbox.to(PIPELINE)) == 1  # the other list carries on
    third = live(site, smtp)
    assert third.returncode == 0 and "unconfirmed" not in third.stdout
    assert len(smtp.inbox.messages) == len(sent) + 1
    no_secret_anywhere(site, again.stdout, again.stderr, third.stdout, third.stderr)


def test_a_run_killed_after_recording_leaves_nothing_to_do(site: Path, smtp: Smtp):
    crashed(site, smtp, "after-record", "--announce-backlog")
    assert len(smtp.inbox.to(ALL)) == 1
    again = live(site, smtp, "--announce-backlog")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "unconfirmed" not in again.stdout
    assert len(smtp.inbox.to(ALL)) == 1 and len(smtp.inbox.to(PIPELINE)) == 1


def test_a_first_run_killed_after_recording_its_backlog_sends_none_of_it(site: Path, smtp: Smtp):
    crashed(site, smtp, "first-run-recorded")
    assert set(entries(site)) == {
        "ACC-2026-9001/published",
        "ACC-2026-9001/change/1",
        "ACC-2026-9002/published",
        "ACC-2026-9003/published",
    }
    again = live(site, smtp)
    assert again.returncode == 0
    assert smtp.inbox.messages == []
    state = json.loads((site / "state" / "ledger.json").read_text("utf-8"))
    assert {"email/all", "email/pipeline"} <= set(state["channels"])
