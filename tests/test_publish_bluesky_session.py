"""Bluesky sessions against a real PDS: reuse, renewal, refusal, rate limits, the wrong account."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from publish.announcements import load
from publish.compose import BLUESKY, compose
from publish.session import SessionStore
from publish.tid import tid_for
from tests.bluesky_support import run
from tests.pds.fixtures import _serve
from tests.pds.server import Account, Pds
from tests.publish_support import (
    announcement,
    bsky_env,
    clean_env,
    posts,
    write_cards,
    write_feed,
)


def test_the_session_is_reused_and_a_429_is_honoured(tmp_path: Path, pds_rate_limited: Pds):
    pds = pds_rate_limited
    account = pds.create_account("limited")
    env, state = clean_env(**bsky_env(pds, account)), tmp_path / "state"
    items = [announcement(f"ACC-2026-{n:04d}", date=f"2026-11-0{n}T09:00:00Z") for n in (1, 2, 3)]
    feed = write_feed(tmp_path / "out", items[:1])
    write_cards(feed)
    assert run(feed, state, env, "--announce-backlog").returncode == 0
    assert (state / "bluesky.session").is_file()

    # Use up the account's logins (30 per 5 minutes), as other tools sharing it might.
    for _ in range(31):
        login = httpx.post(
            f"{pds.url}/xrpc/com.atproto.server.createSession",
            json={"identifier": account.handle, "password": account.password},
            timeout=30,
        )
        if login.status_code == 429:
            break
    assert login.status_code == 429 and int(login.headers["retry-after"]) > 60

    # The stored session needs no login: the run posts.
    write_feed(tmp_path / "out", items[:2])
    resumed = run(feed, state, env)
    assert resumed.returncode == 0, resumed.stderr
    assert "reusing the stored session" in resumed.stderr and "bluesky: 1 posted" in resumed.stdout

    # Without it, the login is refused with 429: the run stops at once, posts nothing, says why.
    (state / "bluesky.session").unlink()
    write_feed(tmp_path / "out", items)
    limited = run(feed, state, env, "--max-wait", "5")
    assert limited.returncode == 1
    assert "bluesky: log in: rate limited" in limited.stdout
    assert (
        "the server asks to wait" in limited.stdout
        and "longer than this run waits (5s)" in limited.stdout
    )
    assert len(posts(pds, account.did)) == 2
    assert account.password not in limited.stdout + limited.stderr
    ledger = json.loads((state / "ledger.json").read_text())
    assert "ACC-2026-0003/published" not in ledger["channels"]["bluesky"]["announcements"]


def test_a_second_send_of_an_announcement_keeps_the_first_post(
    tmp_path: Path, pds: Pds, bsky_account: Account
):
    """putRecord with swapRecord null is create-only: a repeat, even with a new createdAt, posts nothing."""
    from publish.bluesky import Bluesky
    from publish.credentials import BlueskyCredentials
    from publish.retry import Backoff

    feed = write_feed(tmp_path / "out", [announcement()])
    write_cards(feed)
    [item] = load(feed).items
    credentials = BlueskyCredentials(bsky_account.handle, bsky_account.password, pds.url)
    channel = Bluesky(
        credentials, SessionStore(tmp_path / "s", bsky_account.password, "x"), Backoff()
    )
    assert channel.connect() == bsky_account.did
    first = channel.send(item, compose(item, BLUESKY), None)
    second = channel.send(item, compose(item, BLUESKY), None)
    assert (second.ref["uri"], second.ref["cid"]) == (first.ref["uri"], first.ref["cid"])
    [record] = posts(pds, bsky_account.did)
    assert record["uri"] == first.ref["uri"] and first.ref["rkey"] == tid_for(item.id)


def test_a_stored_session_the_pds_refuses_falls_back_to_logging_in(
    tmp_path: Path, pds: Pds, bsky_account: Account
):

    env, state = clean_env(**bsky_env(pds, bsky_account)), tmp_path / "state"
    items = [
        announcement("ACC-2026-0001"),
        announcement("ACC-2026-0002", date="2026-11-03T09:00:00Z"),
    ]
    feed = write_feed(tmp_path / "out", items[:1])
    write_cards(feed)
    assert run(feed, state, env, "--announce-backlog").returncode == 0
    store = SessionStore(
        state / "bluesky.session", bsky_account.password, f"{bsky_account.handle}|{pds.url}"
    )
    stored = store.load()
    assert stored is not None
    # Tokens with broken signatures: as the PDS sees a session from a rotated signing key.
    fields = stored.split(":::")
    fields[2], fields[3] = fields[2][:-4] + "AAAA", fields[3][:-4] + "AAAA"
    store.save(":::".join(fields))
    write_feed(tmp_path / "out", items)
    write_cards(feed)
    result = run(feed, state, env)
    assert result.returncode == 0, result.stderr
    # Both tokens refused: the refresh fails too, so the run logs in again.
    assert "session refused" in result.stderr and "logging in" in result.stderr
    assert "bluesky: 1 posted" in result.stdout
    assert len(posts(pds, bsky_account.did)) == 2


def test_a_429_whose_reset_is_past_is_a_moments_wait_not_none():
    from atproto_client import exceptions as sdk
    from atproto_client.request import Response

    from publish.bluesky import _sdk_errors
    from publish.errors import RateLimitedError
    from publish.retry import Backoff

    past = str(int(datetime.now(UTC).timestamp()) - 30)
    for headers in ({"ratelimit-reset": past}, {}):
        response = Response(False, 429, {"error": "RateLimitExceeded"}, headers)
        with pytest.raises(RateLimitedError) as caught, _sdk_errors("bluesky: post"):
            raise sdk.RateLimitExceededError(response)
        assert caught.value.retry_after == 0.0
        assert [Backoff().delay(n, caught.value) for n in (1, 2, 3, 4)] == [1.0, 2.0, 4.0, 5.0]


JWT_SECRET = "noticeboard-test-jwt-secret"


@pytest.fixture(scope="module")
def pds_known_key(pds_installed: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pds]:
    """A real PDS whose token-signing secret the test knows, so it can hand the publisher an
    access token that the PDS itself will call expired."""
    yield from _serve(tmp_path_factory.mktemp("pds-known-key"), {"PDS_JWT_SECRET": JWT_SECRET})


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _resigned(token: str, **claims: int) -> str:
    """``token`` with ``claims`` changed, signed as the PDS signs its access tokens (HS256)."""
    header, payload, _ = token.split(".")
    body = {**json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))), **claims}
    signed = f"{header}.{_b64(json.dumps(body).encode())}"
    mac = hmac.new(JWT_SECRET.encode(), signed.encode(), hashlib.sha256).digest()
    return f"{signed}.{_b64(mac)}"


def _store_expiring_session(
    pds: Pds, account: Account, store: SessionStore, revoke: bool
) -> tuple[str, int]:
    """Store a session whose access token expires in 3 s (its refresh token revoked if asked)."""
    from atproto_client.client.session import Session

    login = httpx.post(
        f"{pds.url}/xrpc/com.atproto.server.createSession",
        json={"identifier": account.handle, "password": account.password},
        timeout=30,
    ).json()
    if revoke:
        bearer = {"Authorization": f"Bearer {login['refreshJwt']}"}
        deleting = f"{pds.url}/xrpc/com.atproto.server.deleteSession"
        httpx.post(deleting, headers=bearer, timeout=30).raise_for_status()
    now = int(time.time())
    expiring = _resigned(login["accessJwt"], iat=now - 60, exp=now + 3)
    store.save(
        Session(account.handle, account.did, expiring, login["refreshJwt"], pds.url).encode()
    )
    return expiring, now


@pytest.mark.parametrize("refresh", ["refreshed", "refresh token revoked"])
def test_an_access_token_that_expires_while_posting_is_renewed_once(
    tmp_path: Path,
    pds_known_key: Pds,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    refresh: str,
):
    """The PDS answers 400 ExpiredToken; the run refreshes the session (or, when the refresh
    token is refused too, logs in again) and posts, once.

    The SDK refreshes a token itself 15 minutes before it expires by its own clock, so the
    PDS only sees an expired token from a runner whose clock is behind: the test sets the
    SDK's clock an hour slow, as such a runner's would be.
    """
    from atproto import Client
    from atproto_client.client.session import Session

    from publish.bluesky import Bluesky
    from publish.credentials import BlueskyCredentials
    from publish.retry import Backoff

    pds = pds_known_key
    account = pds.create_account("expiring")
    store = SessionStore(tmp_path / "session", account.password, "x")
    expiring, now = _store_expiring_session(pds, account, store, revoke=refresh != "refreshed")
    monkeypatch.setattr(
        Client, "get_current_time", lambda _self: datetime.now(UTC) - timedelta(hours=1)
    )
    feed = write_feed(tmp_path / "out", [announcement()])
    write_cards(feed)
    [item] = load(feed).items
    credentials = BlueskyCredentials(account.handle, account.password, pds.url)
    channel = Bluesky(credentials, store, Backoff())
    caplog.set_level(logging.INFO, logger="publish")
    assert channel.connect() == account.did
    assert f"reusing the stored session of {account.did}" in caplog.text
    assert "renewing" not in caplog.text
    time.sleep(max(0.0, now + 4 - time.time()))

    entry = channel.send(item, compose(item, BLUESKY), None)

    assert "ExpiredToken" in caplog.text
    assert f"renewing the session of {account.did} and trying once more" in caplog.text
    refreshed = f"bluesky: session of {account.did} refreshed" in caplog.text
    logged_in = f"logging in as {account.handle}" in caplog.text
    assert (refreshed, logged_in) == ((True, False) if refresh == "refreshed" else (False, True))
    [record] = posts(pds, account.did)
    assert record["uri"] == entry.ref["uri"] and entry.ref["rkey"] == tid_for(item.id)
    stored = store.load()
    assert stored is not None and Session.decode(stored).access_jwt != expiring


def test_another_accounts_credentials_are_refused_even_when_nothing_is_new(
    tmp_path: Path, pds: Pds, bsky_account: Account
):
    feed = write_feed(tmp_path / "out", [announcement()])
    write_cards(feed)
    state = tmp_path / "state"
    assert run(feed, state, clean_env(**bsky_env(pds, bsky_account))).returncode == 0
    other = pds.create_account("other")
    refused = run(feed, state, clean_env(**bsky_env(pds, other)))
    assert refused.returncode == 1, refused.stderr
    assert (
        f"bluesky: 0 posted, stopped: the ledger records posts by {bsky_account.did} but the "
        f"credentials are for {other.did}"
    ) in refused.stdout
    assert "Traceback" not in refused.stderr
