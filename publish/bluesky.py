"""Bluesky: posts with link and hashtag facets, a link card and thread replies, written once.

Each announcement's post goes to a record key derived from its id (:mod:`publish.tid`) with
``com.atproto.repo.putRecord`` and ``"swapRecord": null``: the PDS creates the record only
if that key is free, so a retry after a timeout or a re-run after a crash can never make a
second post. The JSON body is sent as is, because the SDK drops ``None`` fields and would
turn the create-only write into an overwrite. What already exists is read back from the PDS
with ``com.atproto.repo.listRecords`` at the start of every run, so the ledger is a record,
not the authority.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TypeVar

import httpx
from atproto import Client, models
from atproto_client import exceptions as sdk
from atproto_client.client.session import Session
from atproto_client.request import Request

from . import compose, posts
from .announcements import Announcement
from .credentials import REDACTOR, BlueskyCredentials
from .errors import ExpiredSessionError, PermanentError, RateLimitedError, TransientError
from .ledger import Entry
from .posts import POST
from .retry import Backoff, with_retries
from .session import SessionStore
from .thumbnail import Thumbnail, thumbnail
from .tid import tid_for

logger = logging.getLogger(__name__)
T = TypeVar("T")

NAME = "bluesky"
# What a PDS answers (400, or 401 through an entryway) to an access token it no longer takes.
SESSION_REFUSED = {"ExpiredToken", "InvalidToken"}


class Bluesky:
    """One Bluesky account, logged in once per run (or not at all, when the session is reused)."""

    name = NAME
    limits = compose.BLUESKY

    def __init__(
        self,
        credentials: BlueskyCredentials,
        sessions: SessionStore,
        backoff: Backoff,
        timeout: float = 30.0,
    ) -> None:
        self._credentials = credentials
        self._sessions = sessions
        self._backoff = backoff
        self._client = Client(credentials.service, request=Request(timeout=timeout))
        self._client.on_session_change(self._session_changed)
        self.did = ""

    def connect(self) -> str:
        """Resume the stored session (refreshed if the server refuses it), or log in; return
        the account's DID."""
        stored = self._sessions.load()
        if stored is not None and self._resume(stored):
            logger.info("bluesky: reusing the stored session of %s", self.did)
        else:
            self._call("log in", self._login)
        return self.did

    def whoami(self) -> str:
        """The account's DID without logging in: the stored session's, or the handle's."""
        stored = self._sessions.load()
        if stored is not None:
            return str(Session.decode(stored).did)
        params = models.ComAtprotoIdentityResolveHandle.Params(handle=self._credentials.handle)
        resolve = self._client.com.atproto.identity.resolve_handle
        return self._call("resolve handle", lambda: resolve(params)).did

    def existing(
        self, announcements: tuple[Announcement, ...], since: datetime | None
    ) -> dict[str, Entry]:
        """The announcements whose post is already on the PDS, found by record key.

        ``since`` is not needed: the whole collection is listed, whatever the ledger says.
        """
        records = {
            posts.rkey(record.uri): record for record in self._call("list posts", self._list_posts)
        }
        return {
            item.id: _posted(records[tid_for(item.id)])
            for item in announcements
            if tid_for(item.id) in records
        }

    def intent(self, announcement: Announcement) -> dict[str, str]:
        return {"rkey": tid_for(announcement.id)}

    def send(
        self, announcement: Announcement, composed: compose.Composed, parent: Entry | None
    ) -> Entry:
        """Create the announcement's post unless its record key is taken; return the post."""
        thumb = thumbnail(announcement.card.image)
        blob = self._call("upload card", lambda: self._upload(thumb)) if thumb else None
        record = posts.bluesky_record(announcement, composed, blob, parent)
        rkey = tid_for(announcement.id)
        return self._call(f"post {announcement.id}", lambda: self._put(rkey, record))

    def _call(self, what: str, call: Callable[[], T]) -> T:
        return with_retries(lambda: self._with_session(call, f"bluesky: {what}"), self._backoff)

    def _with_session(self, call: Callable[[], T], what: str) -> T:
        """``call()``; if the server refuses the session's token, renew the session once and
        call again (a run can outlive its access token, and clocks disagree)."""
        try:
            return _translated(call, what)
        except ExpiredSessionError as error:
            logger.info("%s — renewing the session of %s and trying once more", error, self.did)
        self._renew()
        return _translated(call, what)

    def _renew(self) -> None:
        """A fresh session: refreshed with the refresh token, or else a new login."""
        try:
            with _sdk_errors("bluesky: refresh session"):
                # The SDK's own refresh (not public): it also tells _session_changed.
                self._client._refresh_and_set_session()
        except PermanentError as error:  # the refresh token expired or was revoked
            logger.info("%s: logging in as %s", error, self._credentials.handle)
            with_retries(lambda: _translated(self._login, "bluesky: log in"), self._backoff)
        else:
            logger.info("bluesky: session of %s refreshed", self.did)

    def _resume(self, session: str) -> bool:
        try:
            with _sdk_errors("bluesky: resume session"):
                self._client.login(session_string=session, fetch_bsky_profile=False)
            self._call("check session", self._client.com.atproto.server.get_session)
        except PermanentError as error:
            logger.info("bluesky: stored session no longer valid (%s): logging in", error)
            self._sessions.clear()
            return False
        return True

    def _login(self) -> None:
        credentials = self._credentials
        self._client.login(credentials.handle, credentials.app_password, fetch_bsky_profile=False)

    def _session_changed(self, _event: object, session: Any) -> None:
        """Keep every new or refreshed session (and mask its tokens from now on)."""
        self.did = session.did
        REDACTOR.add(session.access_jwt)
        REDACTOR.add(session.refresh_jwt)
        self._sessions.save(session.encode())

    def _list_posts(self) -> list[Any]:
        records, cursor = [], None
        while True:
            page = self._client.com.atproto.repo.list_records(
                models.ComAtprotoRepoListRecords.Params(
                    repo=self.did, collection=POST, limit=100, cursor=cursor
                )
            )
            records.extend(page.records)
            cursor = page.cursor
            if not cursor or not page.records:
                return records

    def _upload(self, thumb: Thumbnail) -> dict[str, Any]:
        # Raw bytes as the body (the SDK's upload_blob passes them in a deprecated way).
        response = self._client.invoke_procedure(
            "com.atproto.repo.uploadBlob", content=thumb.data, input_encoding=thumb.mime_type
        )
        content = response.content
        assert isinstance(content, Mapping)
        return dict(content["blob"])

    def _put(self, rkey: str, record: dict[str, Any]) -> Entry:
        body = {
            "repo": self.did,
            "collection": POST,
            "rkey": rkey,
            "record": record,
            # null means "only if there is no record at this key": create-only, retry-safe.
            "swapRecord": None,
        }
        try:
            response = self._client.invoke_procedure(
                "com.atproto.repo.putRecord",
                content=json.dumps(body).encode(),
                input_encoding="application/json",
            )
        except sdk.BadRequestError as error:
            if _error_name(error) != "InvalidSwap":
                raise
            logger.info("bluesky: %s already holds a post: keeping it", rkey)
            return _posted(self._get(rkey))
        content = response.content
        assert isinstance(content, Mapping)
        return posts.bluesky_entry(str(content["uri"]), str(content["cid"]), record.get("reply"))

    def _get(self, rkey: str) -> Any:
        return self._client.com.atproto.repo.get_record(
            models.ComAtprotoRepoGetRecord.Params(repo=self.did, collection=POST, rkey=rkey)
        )


def _posted(record: Any) -> Entry:
    """The ledger entry of a post read back from the PDS."""
    reply = getattr(record.value, "reply", None)
    root = {"root": {"uri": reply.root.uri, "cid": reply.root.cid}} if reply else None
    return posts.bluesky_entry(record.uri, record.cid, root)


def _error_name(error: sdk.RequestErrorBase) -> str | None:
    content = error.response.content if error.response is not None else None
    return getattr(content, "error", None)


def _translated(call: Callable[[], T], what: str) -> T:
    with _sdk_errors(what):
        return call()


@contextmanager
def _sdk_errors(what: str) -> Iterator[None]:
    """Turn the SDK's and httpx's exceptions into ours (transient or permanent), saying what failed."""
    try:
        yield
    except sdk.RateLimitExceededError as error:
        raise RateLimitedError(f"{what}: rate limited ({error})", _wait(error)) from error
    except (sdk.NetworkError, httpx.TransportError) as error:
        raise TransientError(f"{what}: network error: {type(error).__name__} {error}") from error
    except (sdk.UnauthorizedError, sdk.BadRequestError) as error:
        if _error_name(error) in SESSION_REFUSED:
            raise ExpiredSessionError(f"{what}: session refused ({error})") from error
        raise PermanentError(f"{what}: refused: {error}") from error
    except sdk.RequestException as error:
        status = error.response.status_code if error.response is not None else 0
        if status >= 500 or status == 0:
            raise TransientError(f"{what}: server error: {error}") from error
        raise PermanentError(f"{what}: refused: {error}") from error
    except sdk.AtProtocolError as error:
        raise PermanentError(f"{what}: {type(error).__name__}: {error}") from error


def _wait(error: sdk.RateLimitExceededError) -> float:
    """Seconds until the server allows another request: retry-after, else ratelimit-reset.

    0 when the reset is past or not said: the backoff then waits a moment (retry.py).
    """
    if error.retry_after is not None:
        return error.retry_after
    if error.reset_at is not None:
        return max(0.0, (error.reset_at - datetime.now(UTC)).total_seconds())
    return 0.0
