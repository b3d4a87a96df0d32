"""A cache of read notice files in one SQLite file, keyed by file content and code version.

An entry is reused only when the file's bytes, its name and the code that reads notices
are all unchanged, so a cached build is the same as an uncached one. Entries are plain data
(``plain.py``), never pickles: whoever can write ``cache/`` (a restored CI cache) cannot make
``invoke check`` run code. Each entry carries the code version and a checksum of its key and
value; an entry that fails either, or does not decode, is read again. A file SQLite cannot
read is replaced, with one warning; the store never fails a check or a build.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

from . import plain

logger = logging.getLogger(__name__)

T = TypeVar("T")

_CODE = Path(__file__).parent
_LIBRARIES = ("markdown", "nh3", "lxml", "PyYAML", "jsonschema")
# Bump when the table changes: a file with another schema is rebuilt.
SCHEMA_VERSION = 2
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, version TEXT NOT NULL,"
    " checksum TEXT NOT NULL, value BLOB NOT NULL)"
)
_SIDE_FILES = ("-journal", "-wal", "-shm")


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


def checksum(key: str, entry_version: str, value: bytes) -> str:
    """What an entry's checksum column must hold: a digest of its key, version and value."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{key}\0{entry_version}\0".encode())
    digest.update(value)
    return digest.hexdigest()


class UnusableStore(Exception):
    """The SQLite file cannot be read or written."""


class NoticeStore:
    """Entries (plain-data values of one type) by key, in an SQLite file; None keeps nothing."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    def get_many(self, keys: list[str], kind: type[T]) -> dict[str, T]:
        """The entries stored under ``keys`` that are sound; the others are left out."""
        if self.path is None or not self.path.exists() or not keys:
            return {}
        found: dict[str, T]
        found, rows = self._use(lambda db: _decoded(db, keys, kind), default=({}, 0))
        if len(found) < rows:
            logger.warning(
                "%s: %d entries were damaged or foreign and are read again",
                self._shown(),
                rows - len(found),
            )
        return found

    def put_many(self, entries: dict[str, T], kind: type[T]) -> None:
        if self.path is None or not entries:
            return
        self._use(lambda db: _insert(db, _rows(entries, kind)), default=None)

    def retain(self, keys: list[str]) -> None:
        """Forget every entry not in ``keys`` (files since edited or removed)."""
        if self.path is None or not self.path.exists():
            return
        self._use(lambda db: _retain(db, keys), default=None)

    def _use(self, work: Callable[[sqlite3.Connection], Any], default: Any) -> Any:
        """``work`` done on the file; on a file SQLite cannot read, once more on a new one."""
        try:
            return self._attempt(work)
        except UnusableStore as error:
            if not self._replace(error):
                return default
        try:
            return self._attempt(work)
        except UnusableStore as error:
            self._give_up(error)
            return default

    def _attempt(self, work: Callable[[sqlite3.Connection], Any]) -> Any:
        assert self.path is not None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(self.path, timeout=30)) as db:
                _prepare(db)
                with db:  # one transaction
                    return work(db)
        except (sqlite3.Error, OSError) as error:
            raise UnusableStore(error) from error

    def _replace(self, error: UnusableStore) -> bool:
        """Delete an unreadable file so it is made again; False when it cannot be."""
        if _busy(error):
            self._give_up(error)
            return False
        try:
            for name in ("", *_SIDE_FILES):
                Path(f"{self.path}{name}").unlink(missing_ok=True)
        except OSError as failure:
            self._give_up(UnusableStore(failure))
            return False
        logger.warning("%s was unreadable and has been rebuilt (%s)", self._shown(), error)
        return True

    def _give_up(self, error: UnusableStore) -> None:
        logger.warning("%s cannot be used (%s): notices are read without it", self._shown(), error)
        self.path = None

    def _shown(self) -> str:
        assert self.path is not None
        try:
            return self.path.resolve().relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            return str(self.path)


def _prepare(db: sqlite3.Connection) -> None:
    """Make a new file's table, or refuse a file made for another schema."""
    found = db.execute("PRAGMA user_version").fetchone()[0]
    if found == SCHEMA_VERSION:
        return
    tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if found != 0 or tables:
        raise sqlite3.DatabaseError(f"schema version {found}, not {SCHEMA_VERSION}")
    with db:
        db.execute(_SCHEMA)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _decoded(db: sqlite3.Connection, keys: list[str], kind: type[T]) -> tuple[dict[str, T], int]:
    """The sound entries of ``keys``, and how many rows were found: each row decoded as it
    is fetched (10,000 stored notices' bytes are not held beside their decoded values)."""
    db.execute("CREATE TEMP TABLE wanted (key TEXT PRIMARY KEY)")
    db.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", [(k,) for k in keys])
    query = "SELECT e.key, e.version, e.checksum, e.value FROM entries e JOIN wanted USING (key)"
    found: dict[str, T] = {}
    rows = 0
    for key, entry_version, entry_checksum, value in db.execute(query):
        rows += 1
        decoded = _decode(key, entry_version, entry_checksum, value, kind)
        if decoded is not None:
            found[key] = decoded
    return found, rows


def _insert(db: sqlite3.Connection, rows: Iterator[tuple[str, str, str, bytes]]) -> None:
    db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", rows)


def _retain(db: sqlite3.Connection, keys: list[str]) -> None:
    db.execute("CREATE TEMP TABLE kept (key TEXT PRIMARY KEY)")
    db.executemany("INSERT OR IGNORE INTO kept VALUES (?)", [(k,) for k in keys])
    db.execute("DELETE FROM entries WHERE key NOT IN (SELECT key FROM kept)")


def _rows(entries: dict[str, T], kind: type[T]) -> Iterator[tuple[str, str, str, bytes]]:
    """Rows to insert, encoded one by one as SQLite asks for them."""
    current = code_version()
    for key, value in entries.items():
        data = plain.dumps(value, kind)
        yield key, current, checksum(key, current, data), data


def _decode(
    key: Any, entry_version: Any, entry_checksum: Any, value: Any, kind: type[T]
) -> T | None:
    """An entry's value, or None unless it is this code's, intact and of type ``kind``."""
    if entry_version != code_version() or not isinstance(value, bytes):
        return None
    if not isinstance(key, str) or entry_checksum != checksum(key, entry_version, value):
        return None
    try:
        return plain.loads(value, kind)
    except plain.PlainDataError:
        return None


def _busy(error: UnusableStore) -> bool:
    """Whether another process holds the file (wait for it; never delete it under them)."""
    cause = error.__cause__
    return isinstance(cause, sqlite3.Error) and getattr(cause, "sqlite_errorname", "") in (
        "SQLITE_BUSY",
        "SQLITE_LOCKED",
    )
