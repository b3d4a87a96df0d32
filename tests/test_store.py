"""The notice store keeps plain data, and a damaged, foreign or crafted entry is never trusted."""

from __future__ import annotations

import logging
import pickle
import sqlite3
from pathlib import Path

import pytest

from plugins.notices.bulk import ReadNotice, read_notices
from plugins.notices.check import notice_files
from plugins.notices.load import display_path
from plugins.notices.store import NoticeStore, checksum, code_version
from tests.sites import CONTENT

ROOT = Path(__file__).parent.parent
REBUILT = "was unreadable and has been rebuilt"


@pytest.fixture(scope="module")
def files() -> list[tuple[Path, str]]:
    """The sample notices and a few invalid ones, as (path, display path)."""
    paths = notice_files(CONTENT / "notices")
    paths += sorted((ROOT / "tests" / "bad_notices").glob("*.md"))[:5]
    return [(path, display_path(path, ROOT)) for path in paths]


@pytest.fixture(scope="module")
def uncached(files: list[tuple[Path, str]]) -> list[ReadNotice]:
    return read_notices(files, store=NoticeStore(None), processes=1)


def read(files: list[tuple[Path, str]], store: NoticeStore) -> list[ReadNotice]:
    return read_notices(files, store=store, processes=1, forget_others=True)


def rows(path: Path) -> list[tuple[str, str, str, bytes]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT key, version, checksum, value FROM entries").fetchall()


def set_value(path: Path, key: str, value: bytes, *, sound: bool) -> None:
    """Replace one entry's value, with its checksum made to match or left as it was."""
    with sqlite3.connect(path) as db:
        if sound:
            db.execute(
                "UPDATE entries SET value = ?, checksum = ? WHERE key = ?",
                (value, checksum(key, code_version(), value), key),
            )
        else:
            db.execute("UPDATE entries SET value = ? WHERE key = ?", (value, key))


def test_a_stored_read_equals_a_fresh_one(files, uncached, tmp_path: Path):
    store = NoticeStore(tmp_path / "notices.sqlite")
    assert read(files, store) == uncached
    stored = rows(tmp_path / "notices.sqlite")
    assert len(stored) == len(files)
    assert all(value.startswith(b"[[") for *_, value in stored), "plain JSON, not a pickle"
    found = store.get_many([key for key, *_ in stored], ReadNotice)
    assert sorted(found.values(), key=lambda r: r.loaded.path) == sorted(
        uncached, key=lambda r: r.loaded.path
    )


class Exploit:
    def __reduce__(self):
        return (Path.touch, (Path("/nonexistent-dir/never"),))


@pytest.mark.parametrize(
    ("value", "sound"),
    [
        (b"[[]]", True),  # valid JSON with a good checksum, but not a ReadNotice
        (pickle.dumps(Exploit()), True),  # the old format, or a crafted pickle
        (b"\x00garbage", False),
        (None, False),  # truncated: the value cut short, checksum as it was
    ],
)
def test_a_damaged_entry_is_read_again_with_a_warning(
    files, uncached, tmp_path: Path, caplog, monkeypatch, value, sound
):
    monkeypatch.setattr(Path, "touch", _refuse)
    path = tmp_path / "notices.sqlite"
    read(files, NoticeStore(path))
    key, _, _, original = rows(path)[3]
    set_value(path, key, original[: len(original) // 2] if value is None else value, sound=sound)
    with caplog.at_level(logging.WARNING):
        assert read(files, NoticeStore(path)) == uncached
    assert "1 entries were damaged or foreign and are read again" in caplog.text
    assert dict((k, v) for k, *_, v in rows(path))[key] == original, "rewritten"


def _refuse(*args: object, **kwargs: object) -> None:
    raise AssertionError("a cache entry ran code")


def test_an_entry_of_other_code_or_moved_to_another_key_is_not_trusted(files, tmp_path: Path):
    path = tmp_path / "notices.sqlite"
    read(files, NoticeStore(path))
    (first, _, first_checksum, value), (second, *_) = rows(path)[:2]
    with sqlite3.connect(path) as db:
        db.execute("UPDATE entries SET version = 'other' WHERE key = ?", (first,))
        # Another file's entry, checksum and all, under this key.
        moved = (value, first_checksum, second)
        db.execute("UPDATE entries SET value = ?, checksum = ? WHERE key = ?", moved)
    found = NoticeStore(path).get_many([first, second], ReadNotice)
    assert found == {}


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b"this is not an SQLite file" * 100),
        lambda path: path.write_bytes(path.read_bytes()[: path.stat().st_size // 3]),
        lambda path: path.write_bytes(path.read_bytes()[:100]),
        lambda path: _old_schema(path),
    ],
    ids=["garbage", "truncated", "header-only", "other-schema"],
)
def test_an_unreadable_file_is_rebuilt_once_with_a_warning(
    files, uncached, tmp_path: Path, caplog, damage
):
    path = tmp_path / "notices.sqlite"
    read(files, NoticeStore(path))
    damage(path)
    with caplog.at_level(logging.WARNING):
        assert read(files, NoticeStore(path)) == uncached
    assert caplog.text.count(REBUILT) == 1
    assert len(rows(path)) == len(files)
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        assert read(files, NoticeStore(path)) == uncached
    assert caplog.text == ""


def _old_schema(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE entries (key TEXT PRIMARY KEY, value BLOB)")


def test_a_store_that_cannot_be_written_is_left_alone(files, uncached, tmp_path: Path, caplog):
    path = tmp_path / "notices.sqlite"
    path.mkdir()  # a folder where the file should be: cannot be opened or deleted
    (path / "keep").write_text("x")
    with caplog.at_level(logging.WARNING):
        assert read(files, NoticeStore(path)) == uncached
    assert "cannot be used" in caplog.text
    assert (path / "keep").read_text() == "x"


def test_a_cache_folder_that_is_a_file_is_left_alone(files, uncached, tmp_path: Path, caplog):
    (tmp_path / "cache").write_text("not a folder")
    with caplog.at_level(logging.WARNING):
        assert read(files, NoticeStore(tmp_path / "cache" / "notices.sqlite")) == uncached
    assert "cannot be used" in caplog.text


def test_check_passes_with_a_garbage_store(tmp_path: Path):
    """`invoke check` on a project whose cache/notices.sqlite is garbage: a warning, not a failure."""
    import shutil
    import subprocess
    import sys

    for name in ("tasks.py", "pelicanconf.py"):
        shutil.copy(ROOT / name, tmp_path / name)
    for name in ("plugins", "themes"):  # check reads the settings as the build does
        (tmp_path / name).symlink_to(ROOT / name)
    shutil.copytree(CONTENT / "notices", tmp_path / "content" / "notices")
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "notices.sqlite").write_bytes(b"garbage" * 500)
    command = [sys.executable, "-m", "invoke", "check"]
    said = []
    for _ in range(2):
        result = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stdout == ""
        assert "0 with problems" in result.stderr
        said.append(result.stderr.count(f"cache/notices.sqlite {REBUILT}"))
    assert said == [1, 0]
