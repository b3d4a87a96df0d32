"""Credentials come only from the environment and are masked wherever text is shown."""

from __future__ import annotations

import logging
import sys

import pytest

from publish.credentials import (
    MASKED,
    REDACTOR,
    RedactingFormatter,
    bluesky_from_env,
    mastodon_from_env,
)
from publish.errors import ConfigError


def test_bluesky_credentials_with_the_default_service():
    creds = bluesky_from_env(
        {"BSKY_HANDLE": "@council.bsky.social", "BSKY_APP_PASSWORD": "abcd-efgh-ijkl-mnop"}
    )
    assert (creds.handle, creds.service) == ("council.bsky.social", "https://bsky.social")
    assert "abcd-efgh" not in repr(creds)


def test_mastodon_credentials_hide_the_token():
    creds = mastodon_from_env(
        {"MASTODON_BASE_URL": "https://mastodon.example/", "MASTODON_ACCESS_TOKEN": "tok-123456789"}
    )
    assert creds.base_url == "https://mastodon.example"
    assert "tok-123456789" not in repr(creds)


def test_nothing_set_means_the_channel_is_off():
    assert bluesky_from_env({}) is None and mastodon_from_env({}) is None


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"BSKY_HANDLE": "a.test"}, "BSKY_APP_PASSWORD"),
        ({"MASTODON_ACCESS_TOKEN": "secret-token-1"}, "MASTODON_BASE_URL"),
    ],
)
def test_half_a_pair_is_a_clear_error_that_never_shows_the_secret(env, missing):
    with pytest.raises(ConfigError, match=f"{missing} is not set") as caught:
        (bluesky_from_env if "BSKY_HANDLE" in env else mastodon_from_env)(env)
    assert "secret-token-1" not in str(caught.value)


def test_log_lines_and_tracebacks_are_redacted():
    mastodon_from_env(
        {"MASTODON_BASE_URL": "https://m.example", "MASTODON_ACCESS_TOKEN": "very-secret-token"}
    )
    formatter = RedactingFormatter("%(message)s")
    try:
        raise RuntimeError("request failed with Authorization: Bearer very-secret-token")
    except RuntimeError:
        record = logging.LogRecord(
            "x", logging.ERROR, "f", 1, "token=%s", ("very-secret-token",), sys.exc_info()
        )
    text = formatter.format(record)
    assert "very-secret-token" not in text
    # In the message, and in the traceback's source line and exception line.
    assert text.count(MASKED) == 3
    assert REDACTOR.redact("short") == "short"
