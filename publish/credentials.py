"""Credentials from the environment, and the redaction that keeps them out of every output.

Secrets are read only from ``BSKY_HANDLE``, ``BSKY_APP_PASSWORD``, ``BSKY_SERVICE``,
``MASTODON_BASE_URL``, ``MASTODON_ACCESS_TOKEN`` and ``SMTP_HOST``, ``SMTP_PORT``,
``SMTP_USER``, ``SMTP_PASSWORD``. They are never printed, logged or
written: their ``repr`` hides them, and every log line, error message and traceback the
command line shows passes through :data:`REDACTOR` first (so does anything derived from them,
such as Bluesky session tokens, once known).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

from .errors import ConfigError

DEFAULT_BSKY_SERVICE = "https://bsky.social"
DEFAULT_SMTP_PORT = 587  # submission, STARTTLS
MASKED = "[redacted]"
_SHORTEST_SECRET = 6  # shorter values would redact ordinary words


@dataclass(frozen=True)
class BlueskyCredentials:
    """An account handle, its app password, and the service (PDS or entryway) to log in to."""

    handle: str
    app_password: str = field(repr=False)
    service: str = DEFAULT_BSKY_SERVICE


@dataclass(frozen=True)
class MastodonCredentials:
    """A Mastodon server and an access token with ``write:statuses`` and ``read:statuses``."""

    base_url: str
    access_token: str = field(repr=False)


@dataclass(frozen=True)
class SmtpCredentials:
    """The SMTP server digests are sent through (always with STARTTLS), and its login if any."""

    host: str
    port: int = DEFAULT_SMTP_PORT
    user: str = ""
    password: str = field(default="", repr=False)


class Redactor:
    """Replaces every known secret in a text with a mask."""

    def __init__(self) -> None:
        self._secrets: set[str] = set()

    def add(self, secret: str | None) -> None:
        """Treat ``secret`` as one from now on."""
        if secret and len(secret) >= _SHORTEST_SECRET:
            self._secrets.add(secret)

    def redact(self, text: str) -> str:
        # Longest first, so a secret containing another is masked whole.
        for secret in sorted(self._secrets, key=len, reverse=True):
            text = text.replace(secret, MASKED)
        return text


REDACTOR = Redactor()


class RedactingFormatter(logging.Formatter):
    """A log formatter whose output (message, arguments and traceback) is redacted."""

    def format(self, record: logging.LogRecord) -> str:
        return REDACTOR.redact(super().format(record))


def bluesky_from_env(env: Mapping[str, str]) -> BlueskyCredentials | None:
    """Bluesky credentials, or None when neither handle nor password is set."""
    pair = _both_or_neither(env, "BSKY_HANDLE", "BSKY_APP_PASSWORD")
    if pair is None:
        return None
    handle, password = pair
    service = env.get("BSKY_SERVICE", "") or DEFAULT_BSKY_SERVICE
    return BlueskyCredentials(handle.lstrip("@"), password, service.rstrip("/"))


def mastodon_from_env(env: Mapping[str, str]) -> MastodonCredentials | None:
    """Mastodon credentials, or None when neither server nor token is set."""
    pair = _both_or_neither(env, "MASTODON_BASE_URL", "MASTODON_ACCESS_TOKEN")
    if pair is None:
        return None
    base_url, token = pair
    return MastodonCredentials(base_url.rstrip("/"), token)


def smtp_from_env(env: Mapping[str, str]) -> SmtpCredentials | None:
    """The SMTP server and login, or None when ``SMTP_HOST`` is not set."""
    login = _both_or_neither(env, "SMTP_USER", "SMTP_PASSWORD")
    host, port = env.get("SMTP_HOST", ""), env.get("SMTP_PORT", "") or str(DEFAULT_SMTP_PORT)
    if not host:
        if login is not None:
            raise ConfigError("SMTP_HOST is not set: set it with SMTP_USER and SMTP_PASSWORD")
        return None
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ConfigError(f"SMTP_PORT: {port!r} is not a port number (default {DEFAULT_SMTP_PORT})")
    user, password = login or ("", "")
    return SmtpCredentials(host, int(port), user, password)


def _both_or_neither(env: Mapping[str, str], name: str, secret: str) -> tuple[str, str] | None:
    """A name and its secret, or None when neither is set; the secret is redacted from now on."""
    value, hidden = env.get(name, ""), env.get(secret, "")
    REDACTOR.add(hidden)
    if not value and not hidden:
        return None
    if not value or not hidden:
        missing = name if not value else secret
        raise ConfigError(f"{missing} is not set: set both {name} and {secret}")
    return value, hidden
