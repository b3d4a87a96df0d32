"""A cache of read notice files in one SQLite file, keyed by file content and code version.

An entry is reused only when the file's bytes, its name and the code that reads notices
are all unchanged, so a cached build is the same as an uncached one.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
from contextlib import closing
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

_CODE = Path(__file__).parent
_LIBRARIES = ("markdown", "nh3", "PyYAML", "jsonschema")


@cache
def code_version() -> str:
    """A digest of the notices plugin's code and data and the libraries that shape its output."""
    digest = hashlib.sha256()
    for path in sorted(_CODE.rglob("*")):
        if path.suffix in (".py", ".json", ".csv") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(_CODE).as_posix().encode())
            digest.update(path.read_bytes())
    for library in _LIBRARIES:
        digest.update(f"{library}={version(library)}".encode())
    return digest.hexdigest()


def entry_key(raw: bytes, display_path: str) -> str:
    """The key of one file's entry: its bytes, its name and the code version."""
    digest = hashlib.sha256(raw)
    digest.update(b"\0" + display_path.encode() + b"\0" + code_version().encode())
    return digest.hexdigest()


class NoticeStore:
    """Entries (any picklable value) by key, in an SQLite file; None keeps nothing."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    def get_many(self, keys: list[str]) -> dict[str, Any]:
        if self.path is None or not self.path.exists() or not keys:
            return {}
        found: dict[str, Any] = {}
        with closing(self._connect()) as db:
            db.execute("CREATE TEMP TABLE wanted (key TEXT PRIMARY KEY)")
            db.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", [(k,) for k in keys])
            rows = db.execute("SELECT e.key, e.value FROM entries e JOIN wanted USING (key)")
            for key, value in rows:
                found[key] = pickle.loads(value)
        return found

    def put_many(self, entries: dict[str, Any]) -> None:
        if self.path is None or not entries:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        rows = (
            (key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL)) for key, value in entries.items()
        )
        with closing(self._connect()) as db, db:  # one transaction; rows pickled one by one
            db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?)", rows)

    def retain(self, keys: list[str]) -> None:
        """Forget every entry not in ``keys`` (files since edited or removed)."""
        if self.path is None or not self.path.exists():
            return
        with closing(self._connect()) as db, db:
            db.execute("CREATE TEMP TABLE kept (key TEXT PRIMARY KEY)")
            db.executemany("INSERT OR IGNORE INTO kept VALUES (?)", [(k,) for k in keys])
            db.execute("DELETE FROM entries WHERE key NOT IN (SELECT key FROM kept)")

    def _connect(self) -> sqlite3.Connection:
        assert self.path is not None
        db = sqlite3.connect(self.path, timeout=30)
        db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB)")
        return db
