"""The cache of keyed output files: a copy of each file as last made, and a manifest.

Under the cache folder: ``files/<path>``, each file as last written, and ``manifest.sqlite``,
a row per file (path, key, SHA-256 of its bytes) and per kept fragment (a feed entry or a
calendar event serialised once, by key, with the SHA-256 of its bytes). Plain data only:
a copy or fragment is used only when its bytes still have the recorded hash, so a damaged
or crafted cache costs a render, never a wrong file. A manifest SQLite cannot read is
started afresh, with a warning; the cache never fails a build.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .output import Chunks

logger = logging.getLogger(__name__)

# Bump when the tables change: a file with another schema is started afresh.
SCHEMA_VERSION = 1
_TABLES = (
    "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, key TEXT NOT NULL,"
    " sha256 TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS fragments (key TEXT PRIMARY KEY, sha256 TEXT NOT NULL,"
    " data BLOB NOT NULL)",
)
_FLUSH_EVERY = 2000


class KeptFiles:
    """The kept copies and their manifest, for one build: ``finish`` records what was made
    and forgets (and deletes from ``output``) the files no longer made."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.copies = folder / "files"
        self._db = _open(folder / "manifest.sqlite")
        self._recorded: dict[str, tuple[str, str]] = {
            str(path): (str(key), str(sha))
            for path, key, sha in self._rows("SELECT path, key, sha256 FROM files")
        }
        self._fragment_keys = {str(key) for (key,) in self._rows("SELECT key FROM fragments")}
        self._made: dict[str, tuple[str, str]] = {}
        self._kept_fragments: list[tuple[str, str, bytes]] = []
        self._produced: set[str] = set()
        self._used_fragments: set[str] = set()
        self._folders: set[Path] = set()

    def reusable(self, path: str, key: str) -> Path | None:
        """The kept copy of ``path`` if it was made with ``key`` and is intact, else None."""
        self._produced.add(path)
        recorded = self._recorded.get(path)
        copy = self.copies / path
        if recorded is None or recorded[0] != key:
            return None
        try:
            sound = _sha256(copy.read_bytes()) == recorded[1]
        except OSError:
            return None
        return copy if sound else None

    def keep(self, path: str, key: str, data: Chunks) -> Path:
        """Keep ``data`` as the copy of ``path`` made with ``key``; return the copy."""
        self._produced.add(path)
        copy = self.copies / path
        if copy.parent not in self._folders:
            copy.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(copy.parent)
        temporary = copy.with_name(f".{copy.name}.{os.getpid()}.tmp")
        found = hashlib.sha256()
        with temporary.open("wb") as file:
            for chunk in [data] if isinstance(data, bytes) else data:
                found.update(chunk)
                file.write(chunk)
        temporary.replace(copy)  # a new file: links to the old one keep the old bytes
        self._made[path] = (key, found.hexdigest())
        return copy

    def fragments(self, keys: Iterable[str]) -> dict[str, bytes]:
        """The kept fragments of ``keys`` that are intact."""
        keys = list(keys)
        self._used_fragments.update(keys)
        wanted = [key for key in keys if key in self._fragment_keys]
        found: dict[str, bytes] = {}
        for start in range(0, len(wanted), 500):
            batch = wanted[start : start + 500]
            marks = ",".join("?" * len(batch))
            query = f"SELECT key, sha256, data FROM fragments WHERE key IN ({marks})"
            for key, sha, data in self._rows(query, batch):
                if isinstance(data, bytes) and _sha256(data) == sha:
                    found[str(key)] = data
        return found

    def use_fragments(self, keys: Iterable[str]) -> None:
        """Keep these fragments for the next build (the files showing them may be reused)."""
        self._used_fragments.update(keys)

    def keep_fragment(self, key: str, data: bytes) -> None:
        self._used_fragments.add(key)
        if key in self._fragment_keys:
            return
        self._fragment_keys.add(key)
        self._kept_fragments.append((key, _sha256(data), data))
        if len(self._kept_fragments) >= _FLUSH_EVERY:
            self._flush_fragments()

    def finish(self, output: Path) -> None:
        """Record the files made; delete the copies, and the files in ``output``, of those no
        longer made (in ``output`` only if still as written), and unused fragments."""
        stale = set(self._recorded) - self._produced
        for path in sorted(stale):
            _remove_if(output / path, self._recorded[path][1])
            (self.copies / path).unlink(missing_ok=True)
        self._flush_fragments()
        self._execute_many("DELETE FROM files WHERE path = ?", [(p,) for p in stale])
        rows = [(path, key, sha) for path, (key, sha) in self._made.items()]
        self._execute_many("INSERT OR REPLACE INTO files VALUES (?, ?, ?)", rows)
        unused = self._fragment_keys - self._used_fragments
        self._execute_many("DELETE FROM fragments WHERE key = ?", [(k,) for k in unused])
        if self._db is not None:
            self._db.close()
            self._db = None

    def _flush_fragments(self) -> None:
        self._execute_many(
            "INSERT OR REPLACE INTO fragments VALUES (?, ?, ?)", self._kept_fragments
        )
        self._kept_fragments = []

    def _rows(self, query: str, parameters: Iterable[object] = ()) -> list[tuple[Any, ...]]:
        if self._db is None:
            return []
        try:
            return self._db.execute(query, tuple(parameters)).fetchall()
        except sqlite3.Error as error:
            self._give_up(error)
            return []

    def _execute_many(self, query: str, rows: Sequence[tuple[object, ...]]) -> None:
        if self._db is None or not rows:
            return
        try:
            with self._db:
                self._db.executemany(query, rows)
        except sqlite3.Error as error:
            self._give_up(error)

    def _give_up(self, error: sqlite3.Error) -> None:
        logger.warning("%s: the output cache cannot be used (%s)", self.folder, error)
        if self._db is not None:
            self._db.close()
        self._db = None


def _open(path: Path) -> sqlite3.Connection | None:
    """The manifest, made if new; a file SQLite cannot read, or of another schema, is
    started afresh (once), with a warning."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for attempt in (1, 2):
        try:
            db = sqlite3.connect(path, timeout=30)
            if _prepared(db):
                return db
            db.close()
            problem = "made by another version"
        except sqlite3.Error as error:
            problem = str(error)
        if attempt == 1:
            logger.warning("%s: %s; the output cache starts afresh", path, problem)
            path.unlink(missing_ok=True)
    return None


def _prepared(db: sqlite3.Connection) -> bool:
    found = db.execute("PRAGMA user_version").fetchone()[0]
    if found == SCHEMA_VERSION:
        return True
    if found != 0 or db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        return False
    with db:
        for table in _TABLES:
            db.execute(table)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return True


def _remove_if(path: Path, sha: str) -> None:
    """Delete ``path`` if it still holds the bytes with hash ``sha`` (the file we wrote)."""
    try:
        if path.is_file() and _sha256(path.read_bytes()) == sha:
            path.unlink()
    except OSError:
        pass


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
