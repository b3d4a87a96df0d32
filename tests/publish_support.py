"""Helpers for the publisher's tests: announcement files, card images, running the CLI,
and reading a PDS back without logging in."""

from __future__ import annotations

import copy
import io
import json
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

from plugins.contract import VERSION
from plugins.opendata.announcements import announcements
from publish.cli import main
from publish.ledger import Ledger
from tests.pds.server import Account, Pds
from tests.sites import site_from

ROOT = Path(__file__).parent.parent
SITE = "https://contracts.afonwy.gov.uk"
SUMMARY = "Mowing, hedges and planting in parks and cemeteries across the county."
SECRET_ENV = (
    "BSKY_HANDLE",
    "BSKY_APP_PASSWORD",
    "BSKY_SERVICE",
    "MASTODON_BASE_URL",
    "MASTODON_ACCESS_TOKEN",
)


def announcement(
    notice_id: str = "ACC-2026-9001", kind: str = "published", **changes: Any
) -> dict[str, Any]:
    """A schema-valid announcement of notice ``notice_id``; ``changes`` replace top-level fields.

    A change replies to the notice's ``published`` announcement, which must come before it.
    """
    suffix = {"changed": "change/1"}.get(kind, kind)
    item: dict[str, Any] = {
        "id": f"{notice_id}/{suffix}",
        "kind": kind,
        "date": "2026-11-02T09:00:00Z",
        "thread": f"{notice_id}/{suffix}",
        "replies_to": None,
        "headline": f"Tender notice: Grounds maintenance {notice_id}",
        "notice": _notice(notice_id),
        "facts": _facts(),
        "change": None,
        "tags": ["Tender", "AfonwyContracts"],
        "card": _card(notice_id),
    }
    if kind == "changed":
        item["change"] = {
            "number": 1,
            "summary": "Deadline extended by a week.",
            "fields": ["deadlines"],
        }
        item["replies_to"] = item["thread"] = f"{notice_id}/published"
        item["headline"] = f"Change to tender notice: Grounds maintenance {notice_id}"
    item.update(copy.deepcopy(changes))
    return item


def _notice(notice_id: str) -> dict[str, Any]:
    slug = notice_id.lower()
    return {
        "id": notice_id,
        "ocid": f"ocds-h6vhtk-{slug}",
        "type": "UK4",
        "type_label": "Tender notice",
        "url": f"{SITE}/notices/{slug}/",
        "title": f"Grounds maintenance {notice_id}",
        "summary": SUMMARY,
        "buyer": "Afonwy County Council",
        "language": "en",
        "translations": [],
    }


def _facts() -> dict[str, Any]:
    return {
        "status": "open",
        "value": {"amount": "240000", "currency": "GBP", "display": "£240,000"},
        "deadline": {
            "kind": "tender",
            "label": "Tender deadline",
            "at": "2026-12-04T12:00:00Z",
            "display": "Friday 4 December 2026, 12:00pm (GMT)",
        },
        "cpv": [
            {"code": "77310000-6", "label": "Planting and maintenance services of green areas"}
        ],
        "regions": [{"code": "TLL14", "name": "South West Wales"}],
    }


def _card(notice_id: str) -> dict[str, Any]:
    slug = notice_id.lower()
    return {
        "title": f"Grounds maintenance {notice_id}",
        "description": SUMMARY,
        "image": f"notices/{slug}/card.png",
        "image_url": f"{SITE}/notices/{slug}/card.png",
        "image_alt": "Tender notice. Grounds maintenance. Buyer: Afonwy County Council",
    }


def write_feed(folder: Path, items: list[dict[str, Any]], **top: Any) -> Path:
    """Write ``announcements.json`` with ``items`` into ``folder``; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    data = {
        "version": VERSION,
        "generated": "2026-11-20T12:00:00Z",
        "site": {
            "name": "Afonwy County Council contract opportunities",
            "url": SITE,
            "language": "en",
        },
        "announcements": items,
        **top,
    }
    path = folder / "announcements.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def png(size: tuple[int, int] = (120, 63), noise: bool = False) -> bytes:
    """A PNG; with ``noise``, one that compresses badly (for the size limit)."""
    image = (
        Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
        if noise
        else Image.new("RGB", size, (0, 94, 165))
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def write_cards(feed: Path, data: bytes | None = None, skip: tuple[str, ...] = ()) -> None:
    """Write a card PNG for every announcement of ``feed`` (except the ids in ``skip``)."""
    content = json.loads(feed.read_text(encoding="utf-8"))
    for item in content["announcements"]:
        if item["id"] in skip:
            continue
        path = feed.parent / item["card"]["image"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data or png())


def sample_feed(folder: Path) -> Path:
    """The sample site's announcements file (oldest first), with a card for each notice."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "announcements.json"
    path.write_bytes(announcements(site_from()))
    write_cards(path)
    return path


def feed_items(feed: Path) -> list[dict[str, Any]]:
    return json.loads(feed.read_text(encoding="utf-8"))["announcements"]


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without any real credentials, plus ``extra``."""
    env = {key: value for key, value in os.environ.items() if key not in SECRET_ENV}
    env.pop("PUBLISH_CRASH_AT", None)
    return {**env, **extra}


def bsky_env(pds: Pds, account: Account) -> dict[str, str]:
    return {
        "BSKY_HANDLE": account.handle,
        "BSKY_APP_PASSWORD": account.password,
        "BSKY_SERVICE": pds.url,
    }


def publish(
    *args: str | Path, env: Mapping[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m publish`` as a separate process, as CI would."""
    return subprocess.run(
        [sys.executable, "-m", "publish", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=dict(env if env is not None else clean_env()),
        timeout=300,
    )


def started(script: str, *args: str | Path, ready: str) -> subprocess.Popen[str]:
    """``python -c script args`` from the project root, once it has printed ``ready``."""
    child = subprocess.Popen(
        [sys.executable, "-c", script, *map(str, args)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline() == f"{ready}\n"
    return child


def publish_live(
    channel: str, feed: Path, state: Path, env: Mapping[str, str], *extra: str, max_posts: int
) -> subprocess.CompletedProcess[str]:
    """A live run of the publisher on one channel, with its ledger in ``state``."""
    args = ("--input", feed, "--state", state, "--live", "--channel", channel)
    return publish(*args, "--max-posts", str(max_posts), *extra, env=env)


def posts(pds: Pds, did: str) -> list[dict[str, Any]]:
    """Every post in ``did``'s repository, read with the public listRecords (no login)."""
    records, cursor = [], None
    while True:
        params = {"repo": did, "collection": "app.bsky.feed.post", "limit": 100}
        response = httpx.get(
            f"{pds.url}/xrpc/com.atproto.repo.listRecords",
            params={**params, **({"cursor": cursor} if cursor else {})},
            timeout=30,
        )
        response.raise_for_status()
        page = response.json()
        records.extend(page["records"])
        cursor = page.get("cursor")
        if not cursor or not page["records"]:
            return records


def blob(pds: Pds, did: str, cid: str) -> bytes:
    """A blob's bytes, from com.atproto.sync.getBlob."""
    response = httpx.get(
        f"{pds.url}/xrpc/com.atproto.sync.getBlob", params={"did": did, "cid": cid}, timeout=30
    )
    response.raise_for_status()
    return response.content


CHANGE = "ACC-2026-9001/change/1"


@pytest.fixture
def feed(tmp_path: Path) -> Path:
    """Notice 9001 published and changed, then 9002 in Welsh without a card image."""
    path = write_feed(
        tmp_path / "out",
        [
            announcement(date="2026-11-01T09:00:00Z"),
            announcement(kind="changed", date="2026-11-02T09:00:00Z"),
            announcement(
                "ACC-2026-9002",
                date="2026-11-03T09:00:00Z",
                notice={**announcement("ACC-2026-9002")["notice"], "language": "cy"},
            ),
        ],
    )
    write_cards(path, skip=("ACC-2026-9002/published",))
    return path


@pytest.fixture
def state(tmp_path: Path) -> Path:
    """A state folder whose ledger has both channels set up, so nothing is backlog."""
    ledger = Ledger.load(tmp_path / "state" / "ledger.json")
    ledger.begin("bluesky", "did:plc:me")
    ledger.begin("mastodon", "https://m.example/@me")
    return tmp_path / "state"


def dry(
    capsys: pytest.CaptureFixture[str], *args: str | Path, env: dict[str, str] | None = None
) -> tuple[int, str]:
    """Run the publisher in this process (a dry run unless asked); its status and output."""
    code = main([str(arg) for arg in args], env=env or {})
    return code, capsys.readouterr().out
