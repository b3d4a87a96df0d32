"""The stored Bluesky session: encrypted, private, useless without the app password."""

from __future__ import annotations

import stat
from pathlib import Path

from publish.session import SessionStore

SESSION = "tenders.test:::did:plc:abc:::eyJhbGciOiJIUzI1NiJ9.access.sig:::eyJhbGciOiJIUzI1NiJ9.refresh.sig:::http://localhost:1"


def test_the_session_round_trips_but_is_never_stored_in_the_clear(tmp_path: Path):
    store = SessionStore(
        tmp_path / "bluesky.session", "app-pass-1234", "tenders.test|http://localhost:1"
    )
    store.save(SESSION)
    stored = (tmp_path / "bluesky.session").read_bytes()
    assert b"access" not in stored and b"eyJ" not in stored and b"app-pass" not in stored
    assert stat.S_IMODE((tmp_path / "bluesky.session").stat().st_mode) == 0o600
    assert store.load() == SESSION


def test_other_credentials_cannot_read_it(tmp_path: Path):
    SessionStore(tmp_path / "s", "app-pass-1234", "a|x").save(SESSION)
    assert SessionStore(tmp_path / "s", "another-password", "a|x").load() is None
    assert SessionStore(tmp_path / "s", "app-pass-1234", "b|x").load() is None


def test_no_file_no_session_and_clear_removes_it(tmp_path: Path):
    store = SessionStore(tmp_path / "s", "app-pass-1234", "a|x")
    assert store.load() is None
    store.save(SESSION)
    store.clear()
    assert not (tmp_path / "s").exists()
