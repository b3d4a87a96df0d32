"""The publisher's atomic writer."""

from __future__ import annotations

import stat
from pathlib import Path

from publish.files import write_atomic


def test_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "state" / "ledger.json"
    write_atomic(target, b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [path.name for path in target.parent.iterdir()] == ["ledger.json"]


def test_a_private_file_is_readable_only_by_its_owner(tmp_path: Path) -> None:
    target = tmp_path / "session"
    write_atomic(target, b"secret", mode=0o600)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
