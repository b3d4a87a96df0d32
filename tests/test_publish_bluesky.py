"""Bluesky, against a real PDS on loopback (tests/pds): every post read back with listRecords.

The publisher runs as a separate process, as in CI; fault tests make it SIGKILL itself at a
named step (``PUBLISH_CRASH_AT``) and then check, on the PDS, that a re-run leaves exactly
one post per announcement: no duplicate, none missing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import shutil
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from publish import graphemes
from publish.announcements import Announcement, load
from publish.compose import BLUESKY, compose
from publish.tid import tid_for
from tests.pds.fixtures import _serve
from tests.pds.server import Account, Pds
from tests.publish_support import (
    announcement,
    blob,
    bsky_env,
    clean_env,
    feed_items,
    png,
    posts,
    publish,
    sample_feed,
    write_cards,
    write_feed,
)

NO_CARD = "ACC-2025-0014/published"  # its card image is deleted: posted without a thumbnail
BIG_CARD = "ACC-2025-0019/published"  # its card is over 1,000,000 bytes: re-encoded


def run(feed: Path, state: Path, env: dict[str, str], *extra: str) -> Any:
    return publish(
        "--input",
        feed,
        "--state",
        state,
        "--live",
        "--channel",
        "bluesky",
        "--max-posts",
        "100",
        *extra,
        env=env,
    )


def by_rkey(pds: Pds, did: str) -> dict[str, dict[str, Any]]:
    """The account's posts by record key; fails on a duplicate key (impossible) or stray post."""
    records = posts(pds, did)
    keyed = {record["uri"].rsplit("/", 1)[-1]: record for record in records}
    assert len(keyed) == len(records)
    return keyed


def assert_exactly_once(
    pds: Pds, did: str, items: tuple[Announcement, ...]
) -> dict[str, dict[str, Any]]:
    """One post per announcement, nothing else; return the posts by announcement id."""
    keyed = by_rkey(pds, did)
    expected = {tid_for(item.id): item.id for item in items}
    assert set(keyed) == set(expected), {
        "missing": sorted(expected[k] for k in set(expected) - set(keyed)),
        "extra": sorted(set(keyed) - set(expected)),
    }
    return {expected[key]: record for key, record in keyed.items()}


def assert_threads(items: tuple[Announcement, ...], posted: dict[str, dict[str, Any]]) -> None:
    """Each follow-up replies to its thread's posts: parent = the one before, root = the first."""
    for item in items:
        reply = posted[item.id]["value"].get("reply")
        if item.replies_to is None:
            assert reply is None, item.id
            continue
        parent, root = posted[item.replies_to], posted[item.thread]
        assert reply == {
            "parent": {"uri": parent["uri"], "cid": parent["cid"]},
            "root": {"uri": root["uri"], "cid": root["cid"]},
        }, item.id


def assert_facets_exact(value: dict[str, Any], item: Announcement) -> None:
    data = value["text"].encode("utf-8")
    sliced = [
        (data[f["index"]["byteStart"] : f["index"]["byteEnd"]].decode(), f["features"])
        for f in value["facets"]
    ]
    link = [{"$type": "app.bsky.richtext.facet#link", "uri": item.url}]
    tags = [
        (f"#{tag}", [{"$type": "app.bsky.richtext.facet#tag", "tag": tag}]) for tag in item.tags
    ]
    assert sliced == [(item.url, link), *tags], item.id


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    feed = sample_feed(tmp_path / "output")
    by_id = {item["id"]: item for item in feed_items(feed)}
    (feed.parent / by_id[NO_CARD]["card"]["image"]).unlink()
    (feed.parent / by_id[BIG_CARD]["card"]["image"]).write_bytes(png((1200, 630), noise=True))
    return feed


def test_the_sample_site_is_posted_once_with_facets_cards_langs_and_threads(
    tmp_path: Path, pds: Pds, bsky_account: Account, sample: Path
):
    env, state = clean_env(**bsky_env(pds, bsky_account)), tmp_path / "state"
    started = datetime.now(UTC)
    result = run(sample, state, env, "--announce-backlog")
    assert result.returncode == 0, result.stderr
    items = tuple(item for item in load(sample).items if item.kind != "closing-soon")
    assert f"bluesky: {len(items)} posted" in result.stdout
    posted = assert_exactly_once(pds, bsky_account.did, items)
    assert_threads(items, posted)
    for item in items:
        value = posted[item.id]["value"]
        assert value["text"] == compose(item, BLUESKY).text
        assert graphemes.count(value["text"]) <= 300 and len(value["text"].encode()) <= 3000
        assert_facets_exact(value, item)
        assert value["langs"] == [item.language]
        assert (
            started - timedelta(seconds=5)
            <= datetime.fromisoformat(value["createdAt"])
            <= datetime.now(UTC)
        )
        external = value["embed"]["external"]
        assert value["embed"]["$type"] == "app.bsky.embed.external"
        assert (external["uri"], external["title"], external["description"]) == (
            item.url,
            item.card.title,
            item.card.description,
        )
        if item.id == NO_CARD:
            assert "thumb" not in external
        elif item.id == BIG_CARD:
            assert external["thumb"]["size"] <= 1_000_000 < item.card.image.stat().st_size
        else:
            assert (
                blob(pds, bsky_account.did, external["thumb"]["ref"]["$link"])
                == item.card.image.read_bytes()
            )
    assert "card image" in result.stderr and "without a thumbnail" in result.stderr

    again = run(sample, state, env)
    assert again.returncode == 0 and "bluesky: 0 posted" in again.stdout
    assert len(posts(pds, bsky_account.did)) == len(items)

    # Closing-soon reminders are opt-in, and reply in their notice's thread.
    reminder = run(sample, state, env, "--closing-soon")
    assert "bluesky: 1 posted" in reminder.stdout, reminder.stderr
    everything = load(sample).items
    assert_threads(everything, assert_exactly_once(pds, bsky_account.did, everything))


def test_an_amendment_and_a_cancellation_reply_in_their_threads(
    tmp_path: Path, pds: Pds, bsky_account: Account, sample: Path
):
    assert (
        run(
            sample,
            tmp_path / "state",
            clean_env(**bsky_env(pds, bsky_account)),
            "--announce-backlog",
        ).returncode
        == 0
    )
    posted = {record["uri"].rsplit("/", 1)[-1]: record for record in posts(pds, bsky_account.did)}

    def post(announcement_id: str) -> dict[str, Any]:
        return posted[tid_for(announcement_id)]

    change = post("ACC-2026-0031/change/2")["value"]
    assert change["reply"]["parent"]["uri"] == post("ACC-2026-0031/change/1")["uri"]
    assert change["reply"]["root"]["uri"] == post("ACC-2026-0031/published")["uri"]
    assert "Change 2: " in change["text"]
    cancelled = post("ACC-2026-0024/cancelled")["value"]
    assert (
        cancelled["reply"]["parent"]["uri"]
        == cancelled["reply"]["root"]["uri"]
        == post("ACC-2026-0018/published")["uri"]
    )
    assert cancelled["text"].startswith("Procurement cancelled: ")


def test_welsh_and_emoji_posts_round_trip_exactly(tmp_path: Path, pds: Pds, bsky_account: Account):
    flag = "\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f"
    notice = {**announcement()["notice"], "language": "cy", "summary": "Estyniad ysgol 🏫 " * 30}
    item = announcement(
        headline=f"Hysbysiad tendr: Ysgol Bro Afonwy {flag}: ŵyr a ŷd",
        notice=notice,
        tags=["Tendr", "Caffael"],
    )
    feed = write_feed(tmp_path / "out", [item])
    write_cards(feed)
    result = run(
        feed, tmp_path / "state", clean_env(**bsky_env(pds, bsky_account)), "--announce-backlog"
    )
    assert result.returncode == 0, result.stderr
    [loaded] = load(feed).items
    [record] = posts(pds, bsky_account.did)
    assert record["value"]["langs"] == ["cy"]
    assert graphemes.count(record["value"]["text"]) <= 300
    assert_facets_exact(record["value"], loaded)


KILL_POINTS = {
    "before send": "before-send@3",
    "after send, before the ledger": "after-send@3",
    "after the ledger": "after-record@3",
    "mid-thread: root posted, reply not": "after-record@1",
}


@pytest.mark.parametrize("crash", KILL_POINTS.values(), ids=KILL_POINTS.keys())
def test_a_run_killed_at_any_step_leaves_no_duplicate_and_nothing_missing(
    tmp_path: Path, pds: Pds, bsky_account: Account, crash: str
):
    feed = write_feed(tmp_path / "out", feed_items(sample_feed(tmp_path / "sample"))[:12])
    write_cards(feed)
    env, state = clean_env(**bsky_env(pds, bsky_account)), tmp_path / "state"
    killed = run(feed, state, {**env, "PUBLISH_CRASH_AT": crash}, "--announce-backlog")
    assert killed.returncode == -9, killed.stderr
    on_pds = {"before-send@3": 2, "after-send@3": 3, "after-record@3": 3, "after-record@1": 1}
    assert len(posts(pds, bsky_account.did)) == on_pds[crash]
    result = run(feed, state, env)
    assert result.returncode == 0, result.stderr
    items = load(feed).items
    assert_threads(items, assert_exactly_once(pds, bsky_account.did, items))
    if crash.startswith("after-send"):
        assert "1 found already posted" in result.stdout


def test_a_deleted_ledger_causes_no_duplicate_and_no_skip(
    tmp_path: Path, pds: Pds, bsky_account: Account
):
    twelve = feed_items(sample_feed(tmp_path / "sample"))[:12]
    feed = write_feed(tmp_path / "out", twelve)
    write_cards(feed)
    env, state = clean_env(**bsky_env(pds, bsky_account)), tmp_path / "state"
    assert run(feed, state, env, "--announce-backlog", "--max-posts", "8").returncode == 0
    (state / "ledger.json").unlink()
    result = run(feed, state, env)
    assert result.returncode == 0, result.stderr
    assert "bluesky: 4 posted, 8 found already posted" in result.stdout
    items = load(feed).items
    assert_threads(items, assert_exactly_once(pds, bsky_account.did, items))


def test_a_fresh_clone_with_the_committed_ledger_carries_on(
    tmp_path: Path, pds: Pds, bsky_account: Account
):
    twelve = feed_items(sample_feed(tmp_path / "sample"))[:12]
    env = clean_env(**bsky_env(pds, bsky_account))
    first = write_feed(tmp_path / "clone-a" / "output", twelve[:6])
    write_cards(first)
    state_a = tmp_path / "clone-a" / "publish-state"
    assert run(first, state_a, env, "--announce-backlog").returncode == 0
    committed = _committed(state_a)
    assert committed == [".gitignore", "ledger.json"]
    # The next build adds notices; CI checks out a fresh clone holding only what git tracks.
    feed = write_feed(tmp_path / "clone-b" / "output", twelve)
    write_cards(feed)
    state_b = tmp_path / "clone-b" / "publish-state"
    state_b.mkdir(parents=True)
    for name in committed:
        shutil.copy(state_a / name, state_b / name)
    result = run(feed, state_b, env)
    assert result.returncode == 0, result.stderr
    assert "bluesky: 6 posted" in result.stdout
    items = load(feed).items
    assert_threads(items, assert_exactly_once(pds, bsky_account.did, items))


def _committed(state: Path) -> list[str]:
    """The files of the state folder that git would commit, per the folder's .gitignore."""
    ignore = (state / ".gitignore").read_text().splitlines()
    assert "*" in ignore
    kept = {line[1:] for line in ignore if line.startswith("!")}
    return sorted(path.name for path in state.iterdir() if path.name in kept)


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
    from publish.session import SessionStore

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
    from publish.session import SessionStore

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
    from publish.session import SessionStore

    pds = pds_known_key
    account = pds.create_account("expiring")
    login = httpx.post(
        f"{pds.url}/xrpc/com.atproto.server.createSession",
        json={"identifier": account.handle, "password": account.password},
        timeout=30,
    ).json()
    if refresh != "refreshed":
        revoke = f"{pds.url}/xrpc/com.atproto.server.deleteSession"
        bearer = {"Authorization": f"Bearer {login['refreshJwt']}"}
        httpx.post(revoke, headers=bearer, timeout=30).raise_for_status()
    now = int(time.time())
    expiring = _resigned(login["accessJwt"], iat=now - 60, exp=now + 3)
    store = SessionStore(tmp_path / "session", account.password, "x")
    store.save(
        Session(account.handle, account.did, expiring, login["refreshJwt"], pds.url).encode()
    )
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


FIRST_RUN_STEPS = ("connected", "reconciled", "first-run-recorded")


@pytest.mark.parametrize("step", FIRST_RUN_STEPS)
def test_a_first_run_killed_at_any_step_never_posts_the_backlog(
    tmp_path: Path, pds: Pds, bsky_account: Account, step: str
):
    three = [announcement(f"ACC-2026-000{n}", date=f"2026-11-0{n}T09:00:00Z") for n in (1, 2, 3)]
    feed = write_feed(tmp_path / "out", three)
    write_cards(feed)
    env, state = clean_env(**bsky_env(pds, bsky_account)), tmp_path / "state"
    killed = run(feed, state, {**env, "PUBLISH_CRASH_AT": step})
    assert killed.returncode == -9, killed.stderr
    for _ in range(2):  # the run after the crash, and the one after that
        again = run(feed, state, env)
        assert again.returncode == 0, again.stderr
        assert "bluesky: 0 posted" in again.stdout
    assert posts(pds, bsky_account.did) == []
    ledger = json.loads((state / "ledger.json").read_text(encoding="utf-8"))
    entries = ledger["channels"]["bluesky"]["announcements"]
    assert {key: entry["status"] for key, entry in entries.items()} == {
        item["id"]: "backlog" for item in three
    }

    newer = announcement("ACC-2026-0009", date="2026-11-09T09:00:00Z")
    write_cards(write_feed(tmp_path / "out", [*three, newer]))
    assert "bluesky: 1 posted" in run(feed, state, env).stdout
    assert "bluesky: 0 posted" in run(feed, state, env).stdout
    [record] = posts(pds, bsky_account.did)
    assert record["uri"].rsplit("/", 1)[-1] == tid_for(newer["id"])


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
