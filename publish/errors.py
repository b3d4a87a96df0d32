"""The publisher's exceptions: few, ours, and split by what to do about them.

Library exceptions (atproto, Mastodon.py, httpx) are translated into these at one
boundary per channel, so the rest of the publisher only asks: retry, or give up?
"""

from __future__ import annotations


class PublishError(Exception):
    """Base of every error the publisher raises on purpose."""


class InputError(PublishError):
    """The announcements file or the ledger cannot be used as it is."""


class ConfigError(PublishError):
    """A missing credential or a contradictory option."""


class LockedError(PublishError):
    """Another publish run holds the lock."""


class ChannelError(PublishError):
    """A channel (Bluesky, Mastodon) refused or failed a request."""


class TransientError(ChannelError):
    """Worth retrying: a timeout, a dropped connection, a 5xx, a rate limit.

    ``retry_after`` is the wait in seconds the server asked for, if it said.
    """

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class RateLimitedError(TransientError):
    """HTTP 429: wait as long as the server says (``retry-after``/``ratelimit-reset``)."""


class PermanentError(ChannelError):
    """Retrying the same request cannot help: invalid record, refused credentials."""


class ExpiredSessionError(PermanentError):
    """The server no longer takes the session's token: renew the session once, then retry."""


class ComposeError(PermanentError):
    """The parts a post must keep whole (URL, deadline, tags) do not fit its limit."""
