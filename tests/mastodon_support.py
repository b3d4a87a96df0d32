"""Helpers for the Mastodon tests: announcements, a live run, and the account's statuses checked."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from publish.announcements import load
from publish.compose import compose, mastodon
from tests.publish_support import announcement, clean_env, publish_live, write_cards, write_feed

TOKEN = "alice_token"  # the mock's seeded account


def items(n: int) -> list[dict[str, Any]]:
    """Notice 1 published, its change, then notices 2..n-1 published."""
    first = announcement("ACC-2026-0001", date="2026-11-01T09:00:00Z")
    change = announcement("ACC-2026-0001", kind="changed", date="2026-11-02T09:00:00Z")
    rest = [
        announcement(f"ACC-2026-{i:04d}", date=f"2026-11-{i + 1:02d}T09:00:00Z")
        for i in range(2, n)
    ]
    return [first, change, *rest]


@pytest.fixture
def server(mastodon_mock_server: Any) -> Any:
    return mastodon_mock_server


@pytest.fixture
def env(server: Any) -> dict[str, str]:
    """The publisher's environment for the mock's seeded account, and nothing else."""
    return clean_env(MASTODON_BASE_URL=server.base_url, MASTODON_ACCESS_TOKEN=TOKEN)


def feed_of(folder: Path, announcements: list[dict[str, Any]]) -> Path:
    path = write_feed(folder, announcements)
    write_cards(path)
    return path


def statuses(server: Any) -> list[Any]:
    client = server.client("alice")
    me = client.account_verify_credentials()
    return list(reversed(client.account_statuses(me["id"], limit=40)))


def live(feed: Path, state: Path, env: dict[str, str], *extra: str) -> Any:
    return publish_live("mastodon", feed, state, env, *extra, max_posts=50)


def assert_once_each(server: Any, feed: Path) -> None:
    """Every announcement has exactly one status, recognised by its text."""
    loaded = load(feed)
    texts = Counter(_plain(s["content"]) for s in statuses(server))
    for item in loaded.items:
        wanted = _plain_text(compose(item, mastodon()).text)
        assert texts[wanted] == 1, (item.id, texts)
    assert sum(texts.values()) == len(loaded.items)


def _plain(html: str) -> str:
    from publish.mastodon import _plain as plain

    return plain(html)[0]


def _plain_text(text: str) -> str:
    return " ".join(text.split())
