"""The PDS fixtures run the real AT Protocol PDS, and it behaves as the publisher relies on."""

from __future__ import annotations

import io
import json
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from atproto import Client, client_utils, models
from atproto_client.exceptions import BadRequestError, RateLimitExceededError
from atproto_client.request import Response
from PIL import Image

from tests.pds.server import Account, Pds, PdsError, running_pds

POSTS = "app.bsky.feed.post"
URL = "https://contracts.afonwy.gov.uk/notices/ffyrdd-pen-y-bont/"
TEXT_BEFORE = "Tendr newydd: atgyweirio ffyrdd ym Môn a Phen-y-bont 🚧 — "
B32_SORTABLE = "234567abcdefghijklmnopqrstuvwxyz"


def tid(micros: int, clock_id: int = 0) -> str:
    """A record key in the AT Protocol TID syntax: 53-bit µs timestamp, 10-bit clock id."""
    value, chars = (micros << 10) | clock_id, []
    for _ in range(13):
        chars.append(B32_SORTABLE[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def png() -> bytes:
    """A small PNG, as a link card's thumbnail."""
    out = io.BytesIO()
    Image.new("RGB", (16, 9), "#005ea5").save(out, "PNG")
    return out.getvalue()


def post_record(text: str, **extra: object) -> dict:
    """A minimal app.bsky.feed.post record as raw JSON."""
    return {"$type": POSTS, "text": text, "createdAt": "2026-11-20T12:00:00.000Z", **extra}


def put_create_only(client: Client, did: str, rkey: str, record: dict) -> Response:
    """putRecord with ``"swapRecord": null`` sent as raw JSON (the SDK would drop the null)."""
    body = {"repo": did, "collection": POSTS, "rkey": rkey, "record": record, "swapRecord": None}
    return client.invoke_procedure(
        "com.atproto.repo.putRecord",
        content=json.dumps(body).encode(),
        input_encoding="application/json",
    )


def list_posts(client: Client, did: str) -> list:
    """Every post in the account's repo, read from the PDS itself (there is no AppView)."""
    params = models.ComAtprotoRepoListRecords.Params(repo=did, collection=POSTS)
    return client.com.atproto.repo.list_records(params).records


def listening_addresses(port: int) -> set[str]:
    """The local IPv4/IPv6 addresses (hex, as in /proc/net) listening on ``port``."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def test_the_pds_listens_on_loopback_only(pds: Pds):
    port = httpx.URL(pds.url).port
    assert httpx.URL(pds.url).host == "localhost"
    # 0100007F is 127.0.0.1, and the IPv6 form is ::1; 00000000 would be every interface.
    assert listening_addresses(port) <= {"0100007F", "00000000000000000000000001000000"}
    assert listening_addresses(port)


def test_describe_server_is_the_local_dev_pds(pds: Pds):
    answer = httpx.get(f"{pds.url}/xrpc/com.atproto.server.describeServer").json()
    assert answer["did"] == "did:web:localhost"
    assert answer["availableUserDomains"] == [".test"]
    assert answer["inviteCodeRequired"] is False


def test_accounts_resolve_through_the_plc_directory(pds: Pds, bsky_account: Account):
    client = pds.login(bsky_account)
    assert client._session.did == bsky_account.did
    doc = httpx.get(f"{pds.plc_url}/{bsky_account.did}").json()
    assert doc["alsoKnownAs"] == [f"at://{bsky_account.handle}"]
    assert [s["serviceEndpoint"] for s in doc["service"]] == [pds.url]
    # The PDS resolving a handle through PLC proves the localhost PLC URL works.
    resolved = client.com.atproto.identity.resolve_handle({"handle": bsky_account.handle})
    assert resolved.did == bsky_account.did


def test_each_test_gets_a_fresh_account(pds: Pds, bsky_account: Account):
    other = pds.create_account()
    assert other.did != bsky_account.did
    assert list_posts(pds.login(bsky_account), bsky_account.did) == []


def test_a_post_with_link_facet_and_card_round_trips(pds: Pds, bsky_account: Account):
    client = pds.login(bsky_account)
    thumb_bytes = png()
    thumb = client.upload_blob(thumb_bytes).blob
    text = (
        client_utils.TextBuilder()
        .text(TEXT_BEFORE)
        .link(URL, URL)
        .text(" ")
        .tag("#caffael", "caffael")
    )
    card = models.AppBskyEmbedExternal.External(
        uri=URL, title="Ffyrdd", description="Tendr", thumb=thumb
    )
    embed = models.AppBskyEmbedExternal.Main(external=card)
    sent = client.send_post(text, profile_identify=bsky_account.did, embed=embed, langs=["cy"])

    [listed] = list_posts(client, bsky_account.did)
    params = {"repo": bsky_account.did, "collection": POSTS, "rkey": sent.uri.rsplit("/", 1)[1]}
    got = client.com.atproto.repo.get_record(params)
    assert (listed.uri, listed.cid) == (got.uri, got.cid) == (sent.uri, sent.cid)
    post = got.value
    assert post.text == f"{TEXT_BEFORE}{URL} #caffael"
    raw = post.text.encode()
    link, tag = post.facets
    assert raw[link.index.byte_start : link.index.byte_end].decode() == URL
    assert link.features[0].uri == URL
    assert raw[tag.index.byte_start : tag.index.byte_end].decode() == "#caffael"
    assert tag.features[0].tag == "caffael"
    # The accent and the emoji put the URL's byte offset past its character index.
    assert link.index.byte_start == len(TEXT_BEFORE.encode()) > len(TEXT_BEFORE)
    assert post.langs == ["cy"]
    assert post.embed.py_type == "app.bsky.embed.external"
    stored = post.embed.external.thumb
    assert (stored.cid, stored.mime_type, stored.size) == (thumb.cid, "image/png", len(thumb_bytes))
    blob = client.com.atproto.sync.get_blob({"did": bsky_account.did, "cid": str(thumb.cid)})
    assert blob == thumb_bytes


def test_put_record_with_null_swap_record_is_create_only(pds: Pds, bsky_account: Account):
    client = pds.login(bsky_account)
    did, rkey = bsky_account.did, tid(1_795_000_000_000_000, 7)
    record = post_record("Announced once")

    first = put_create_only(client, did, rkey, record)
    assert first.content["uri"] == f"at://{did}/{POSTS}/{rkey}"
    assert "commit" in first.content
    # A retry of the very same write (e.g. after a crash) is a no-op: same CID, no new commit.
    retry = put_create_only(client, did, rkey, record)
    assert retry.content["cid"] == first.content["cid"]
    assert "commit" not in retry.content
    # A different record under a taken key is refused, so nothing is ever overwritten.
    with pytest.raises(BadRequestError) as refused:
        put_create_only(client, did, rkey, post_record("Announced twice"))
    assert refused.value.response.status_code == 400
    assert refused.value.response.content.error == "InvalidSwap"

    [stored] = list_posts(client, did)
    assert (stored.uri, stored.cid) == (first.content["uri"], first.content["cid"])
    assert stored.value.text == "Announced once"


def test_the_pds_enforces_the_post_lexicon(pds: Pds, bsky_account: Account):
    client = pds.login(bsky_account)
    # The SDK only checks 3,000 characters; the 300-grapheme limit is the server's.
    with pytest.raises(BadRequestError) as refused:
        put_create_only(
            client, bsky_account.did, tid(1_795_000_000_000_002), post_record("å" * 301)
        )
    assert "grapheme too big (maximum 300, got 301)" in refused.value.response.content.message
    put_create_only(client, bsky_account.did, tid(1_795_000_000_000_003), post_record("👍🏽" * 300))
    assert len(list_posts(client, bsky_account.did)) == 1


def test_the_sdk_drops_a_null_swap_record_so_raw_json_is_needed(pds: Pds, bsky_account: Account):
    client = pds.login(bsky_account)
    did, rkey = bsky_account.did, tid(1_795_000_000_000_001)
    put_create_only(client, did, rkey, post_record("First"))
    data = models.ComAtprotoRepoPutRecord.Data(
        repo=did, collection=POSTS, rkey=rkey, record=post_record("Second"), swap_record=None
    )
    client.com.atproto.repo.put_record(data)  # no error: the null never reached the server
    [stored] = list_posts(client, did)
    assert stored.value.text == "Second"


def test_rate_limits_are_off_on_the_plain_pds(pds: Pds, bsky_account: Account):
    answer = _create_session(pds, bsky_account)
    assert answer.status_code == 200
    assert "ratelimit-limit" not in answer.headers


def test_the_rate_limited_pds_answers_429_with_ratelimit_headers(pds_rate_limited: Pds):
    assert pds_rate_limited.rate_limited
    account = pds_rate_limited.create_account("rl")
    # Each login takes at least 350 ms (the PDS pads it against timing attacks): send 30 at once.
    with ThreadPoolExecutor(max_workers=30) as pool:
        allowed = list(pool.map(lambda _: _create_session(pds_rate_limited, account), range(30)))
    assert [a.status_code for a in allowed] == [200] * 30
    assert sorted(int(a.headers["ratelimit-remaining"]) for a in allowed) == list(range(30))
    limited = _create_session(pds_rate_limited, account)
    assert limited.status_code == 429
    assert limited.json()["error"] == "RateLimitExceeded"
    assert limited.headers["ratelimit-limit"] == "30"
    assert limited.headers["ratelimit-remaining"] == "0"
    assert limited.headers["ratelimit-policy"] == "30;w=300"
    assert 0 < int(limited.headers["retry-after"]) <= 300
    # ratelimit-reset is the epoch second the window ends.
    assert time.time() < int(limited.headers["ratelimit-reset"]) <= time.time() + 301
    with pytest.raises(RateLimitExceededError) as raised:
        pds_rate_limited.login(account)
    assert raised.value.response.status_code == 429
    assert raised.value.response.headers["retry-after"]


def test_a_pds_that_cannot_start_fails_with_its_log(tmp_path: Path):
    broken = {"PDS_BLOBSTORE_S3_BUCKET": "no-such-bucket"}  # clashes with the disk blobstore
    with pytest.raises(PdsError) as raised, running_pds(tmp_path, broken):
        pass
    assert "exited with code" in str(raised.value)
    assert "Cannot set both S3 and disk blobstore" in str(raised.value)


def _create_session(server: Pds, account: Account) -> httpx.Response:
    """One raw com.atproto.server.createSession call (a rate-limited endpoint)."""
    body = {"identifier": account.handle, "password": account.password}
    return httpx.post(f"{server.url}/xrpc/com.atproto.server.createSession", json=body, timeout=30)
