"""Mastodon: posts within the server's limit, as replies in the notice's thread, sent once.

Mastodon has no client-chosen ids. Exactly-once rests on three things: an
``Idempotency-Key`` derived from the announcement id (the server answers a repeated request
with the first status, for about an hour); the ledger, which records the intent before
each send and the status after it; and reconciliation: when an outcome is unknown (an
intent without a result, posts newer than the ledger's last write as after a crash or with
a stale ledger, or a failed attempt to post), the account's own recent statuses are read
and matched to announcements by what no edit changes: the notice's URL and the kind of
announcement the post states (its label, such as "Closing soon", and a change's number),
never the title. So a server that forgot or ignores the key cannot cause a second post.

Mastodon builds the link preview from the notice page's Open Graph tags itself, so posts
carry no media (an attachment would replace the preview).
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any, TypeVar

import regex
import requests
from bs4 import BeautifulSoup
from mastodon import Mastodon as Client
from mastodon import errors as sdk

from . import compose, posts
from .announcements import Announcement
from .credentials import MastodonCredentials
from .errors import PermanentError, RateLimitedError, TransientError
from .ledger import Entry, Status
from .retry import Backoff, with_retries

logger = logging.getLogger(__name__)
T = TypeVar("T")

NAME = "mastodon"
PAGE = 40
# With no ledger at all, read at most this many of the account's latest statuses.
MAX_SCAN = 2000
# Statuses older than the ledger's last write may still be ours: the runner's clock and the
# server's may disagree by minutes (a day is a page or two of a council's statuses).
SLACK = timedelta(days=1)
_SPACE = regex.compile(r"\s+")
_BLOCKS = regex.compile(r"\n\s*\n")
_CHANGE = regex.compile(r"(\w+) (\d+):")


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
        wanted = {item.id: _Mark.of(item) for item in announcements}
        found: dict[str, Entry] = {}
        for status in self._own_statuses(None if since is None else since - SLACK):
            shown = _Shown.of(status["content"])
            for announcement_id, mark in wanted.items():
                if announcement_id not in found and mark.matches(shown):
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
        since, tries = datetime.now(UTC) - SLACK, itertools.count()

        def attempt() -> Any:
            # After a failed attempt, the status may exist all the same (a 502 or timeout
            # after the server posted it): look before posting again, key or no key.
            if next(tries) and (found := self._find(announcement, since)) is not None:
                logger.warning(
                    "mastodon: %s was posted by an attempt whose answer was lost: keeping it",
                    announcement.id,
                )
                return found
            return self._client.status_post(**status)

        return _posted(self._call(f"post {announcement.id}", attempt))

    def _find(self, announcement: Announcement, since: datetime) -> Any | None:
        mark = _Mark.of(announcement)
        statuses = self._own_statuses(since)
        return next((s for s in statuses if mark.matches(_Shown.of(s["content"]))), None)

    def _own_statuses(self, since: datetime | None) -> Iterator[Any]:
        """This account's statuses, newest first, back to ``since``."""
        max_id: str | None = None
        seen = 0
        while seen < MAX_SCAN:
            page = self._call(
                "read own statuses",
                partial(
                    self._client.account_statuses,
                    self._account_id,
                    exclude_reblogs=True,
                    limit=PAGE,
                    max_id=max_id,
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


@dataclass(frozen=True)
class _Shown:
    """What a status shows: its opening label, a change's number, its text and links."""

    label: str
    change: int | None
    text: str
    links: frozenset[str]

    @classmethod
    def of(cls, content: str) -> _Shown:
        text, links = _text(content)
        blocks = [_normal(block) for block in _BLOCKS.split(text) if block.strip()] or [""]
        change = _CHANGE.match(blocks[1]) if len(blocks) > 1 else None
        number = int(change[2]) if change and change[1] in compose.CHANGE_LABELS else None
        return cls(_label(blocks[0]), number, _normal(text), links)


@dataclass(frozen=True)
class _Mark:
    """How an announcement's status is known whatever is edited: the notice's URL, the
    label the build gives its kind (the headline before the title), a change's number."""

    url: str
    label: str
    change: int | None

    @classmethod
    def of(cls, announcement: Announcement) -> _Mark:
        return cls(announcement.url, _label(announcement.headline), announcement.change_number)

    def matches(self, shown: _Shown) -> bool:
        # A headline shortened to fit may end inside the label: "Change to preliminary…".
        label = shown.label == self.label or (
            shown.label.endswith("…") and self.label.startswith(shown.label[:-1].rstrip())
        )
        return (
            (self.url in shown.links or self.url in shown.text)
            and shown.change == self.change
            and (self.change is not None or label)
        )


def _label(opening: str) -> str:
    """The part of a headline before the title: "Closing soon", "Change to tender notice"."""
    return opening.split(": ", 1)[0].strip()


def _text(content: str) -> tuple[str, frozenset[str]]:
    """A status's HTML as plain text (paragraphs apart by a blank line) and its links."""
    soup = BeautifulSoup(content, "html.parser")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for paragraph in soup.find_all("p"):
        paragraph.append("\n\n")
    links = frozenset(str(a["href"]) for a in soup.find_all("a", href=True))
    return soup.get_text(), links


def _plain(content: str) -> tuple[str, frozenset[str]]:
    """A status's HTML as normalised plain text, and the links in it."""
    text, links = _text(content)
    return _normal(text), links


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
