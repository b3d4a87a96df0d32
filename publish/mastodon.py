"""Mastodon: posts within the server's limit, as replies in the notice's thread, sent once.

Mastodon has no client-chosen ids. Exactly-once rests on three things: an
``Idempotency-Key`` derived from the announcement id (the server answers a repeated request
with the first status, for about an hour); the ledger, which records the intent before
each send and the status after it; and reconciliation: when an outcome is unknown (an
intent without a result, or posts newer than the ledger's last write, as after a crash or
with a stale ledger), the account's own statuses since then are read and matched to
announcements by the notice's URL and the post's opening line (headline, and change
number for a change) before anything is sent again.

Mastodon builds the link preview from the notice page's Open Graph tags itself, so posts
carry no media (an attachment would replace the preview).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any, TypeVar

import regex
import requests
from bs4 import BeautifulSoup
from mastodon import Mastodon as Client
from mastodon import errors as sdk

from . import compose, posts
from .announcements import Announcement
from .credentials import MastodonCredentials
from .errors import ComposeError, PermanentError, RateLimitedError, TransientError
from .ledger import Entry, Status
from .retry import Backoff, with_retries

logger = logging.getLogger(__name__)
T = TypeVar("T")

NAME = "mastodon"
PAGE = 40
# With no ledger at all, read at most this many of the account's latest statuses.
MAX_SCAN = 2000
# Statuses a little older than the ledger's last write may still be ours (clock skew).
SLACK = timedelta(minutes=10)
_SPACE = regex.compile(r"\s+")


class Mastodon:
    """One Mastodon account (a server and an access token)."""

    name = NAME

    def __init__(
        self, credentials: MastodonCredentials, backoff: Backoff, timeout: float = 30.0
    ) -> None:
        self._client = Client(
            access_token=credentials.access_token,
            api_base_url=credentials.base_url,
            # We wait ourselves, within the run's patience, from the server's headers.
            ratelimit_method="throw",
            request_timeout=timeout,
        )
        self._backoff = backoff
        self.limits = compose.mastodon()
        self._account_id = ""

    def connect(self) -> str:
        """Check the token and read the server's limits; return the account's URL."""
        account = self._call("verify credentials", self._client.account_verify_credentials)
        instance = self._call("read instance", self._client.instance)
        statuses = instance.get("configuration", {}).get("statuses", {})
        self.limits = compose.mastodon(
            int(statuses.get("max_characters", 500)),
            int(statuses.get("characters_reserved_per_url", 23)),
        )
        self._account_id = str(account["id"])
        return str(account["url"])

    def whoami(self) -> str:
        """The account's URL (the token's account)."""
        return str(self._call("verify credentials", self._client.account_verify_credentials)["url"])

    def existing(
        self, announcements: tuple[Announcement, ...], since: datetime | None
    ) -> dict[str, Entry]:
        """Announcements among ``announcements`` posted since ``since`` (None: ever)."""
        wanted = {
            item.id: fingerprint
            for item in announcements
            if (fingerprint := _Fingerprint.of(item, self.limits)) is not None
        }
        found: dict[str, Entry] = {}
        for status in self._own_statuses(None if since is None else since - SLACK):
            text, links = _plain(status["content"])
            for announcement_id, fingerprint in wanted.items():
                if announcement_id not in found and fingerprint.matches(text, links):
                    found[announcement_id] = _posted(status)
                    break  # one status is one announcement
        return found

    def intent(self, announcement: Announcement) -> dict[str, str]:
        return {"idempotency_key": posts.idempotency_key(announcement.id)}

    def send(
        self, announcement: Announcement, composed: compose.Composed, parent: Entry | None
    ) -> Entry:
        """Post the status (the same key makes a repeat return the first status)."""
        status = posts.mastodon_status(announcement, composed, parent)
        return _posted(
            self._call(f"post {announcement.id}", lambda: self._client.status_post(**status))
        )

    def _own_statuses(self, since: datetime | None) -> Iterator[Any]:
        """This account's statuses, newest first, back to ``since``."""
        max_id, seen = None, 0
        while seen < MAX_SCAN:
            page = self._call(
                "read own statuses",
                lambda m=max_id: self._client.account_statuses(
                    self._account_id, exclude_reblogs=True, limit=PAGE, max_id=m
                ),
            )
            for status in page:
                if since is not None and status["created_at"] < since:
                    return
                seen += 1
                yield status
            if len(page) < PAGE:
                return
            max_id = page[-1]["id"]

    def _call(self, what: str, call: Callable[[], T]) -> T:
        return with_retries(lambda: self._translated(call, f"mastodon: {what}"), self._backoff)

    def _translated(self, call: Callable[[], T], what: str) -> T:
        with _sdk_errors(self._client, what):
            return call()


class _Fingerprint:
    """How a status is recognised as an announcement's: its opening line(s) and the URL."""

    def __init__(self, opening: str, url: str) -> None:
        self.opening, self.url = opening, url

    @classmethod
    def of(cls, announcement: Announcement, limits: compose.Limits) -> _Fingerprint | None:
        """None when the announcement cannot be composed (so was never posted)."""
        try:
            blocks = compose.compose(announcement, limits).text.split("\n\n")
        except ComposeError:
            return None
        opening = blocks[0]
        if announcement.change_number is not None:
            # Every change of a notice has the same headline: "Change <n>:" tells them apart.
            opening += " " + blocks[1].split(":", 1)[0] + ":"
        return cls(_normal(opening), announcement.url)

    def matches(self, text: str, links: set[str]) -> bool:
        return text.startswith(self.opening) and (self.url in links or self.url in text)


def _plain(content: str) -> tuple[str, set[str]]:
    """A status's HTML as normalised plain text, and the links in it."""
    soup = BeautifulSoup(content, "html.parser")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for paragraph in soup.find_all("p"):
        paragraph.append("\n\n")
    links = {str(a["href"]) for a in soup.find_all("a", href=True)}
    return _normal(soup.get_text()), links


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _posted(status: Any) -> Entry:
    return Entry.now(Status.POSTED, id=str(status["id"]), url=str(status["url"]))


@contextmanager
def _sdk_errors(client: Client, what: str) -> Iterator[None]:
    """Turn Mastodon.py's and requests' exceptions into ours (transient or permanent), saying what failed."""
    try:
        yield
    except sdk.MastodonRatelimitError as error:
        # Mastodon.py forgets a reset already past: 0 makes the backoff wait a moment.
        reset = client.ratelimit_reset
        wait = 0.0 if reset is None else max(0.0, float(reset) - time.time())
        raise RateLimitedError(f"{what}: rate limited ({error})", wait) from error
    except (sdk.MastodonNetworkError, sdk.MastodonServerError, requests.RequestException) as error:
        raise TransientError(f"{what}: {type(error).__name__}: {error}") from error
    except sdk.MastodonError as error:
        raise PermanentError(f"{what}: refused: {type(error).__name__}: {error}") from error
