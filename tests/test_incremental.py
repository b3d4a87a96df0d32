"""A parallel, cached or incremental build writes exactly what a clean serial build writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from benchmarks.corpus import generate
from plugins.notices.check import notice_files
from tests.sites import pelican_build
from tests.test_reproducible import files

SERIAL = {
    "NOTICES_PROCESSES": 1,
    "NOTICES_CACHE": None,
    "CARDS_PROCESSES": 1,
    "CARDS_CACHE_PATH": None,
    "NOTICES_OUTPUT_CACHE": None,
}
# Enough notices (252) for notices to be read and cards drawn in two processes.
PARALLEL = {"NOTICES_PROCESSES": 2, "CARDS_PROCESSES": 2}
EDIT = "\nOne more sentence, to rebuild after an edit.\n"


def build(content: Path, output: Path, cache: Path, settings: dict) -> dict[str, bytes]:
    result = pelican_build(
        content, output, "--fatal", "errors", settings={"CACHE_PATH": str(cache), **settings}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return files(output)


def different(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    names = sorted(set(first) | set(second))
    return [name for name in names if first.get(name) != second.get(name)]


def stored_entries(cache: Path) -> int:
    with sqlite3.connect(cache / "notices.sqlite") as db:
        return db.execute("SELECT count(*) FROM entries").fetchone()[0]


def test_cached_parallel_and_incremental_builds_equal_clean_serial_builds(tmp_path: Path):
    content = tmp_path / "content"
    count = generate(250, content)
    cache, site = tmp_path / "cache", tmp_path / "site"

    parallel_cold = build(content, site, cache, PARALLEL)
    serial = build(content, tmp_path / "serial", tmp_path / "unused", SERIAL)
    assert different(parallel_cold, serial) == []
    assert stored_entries(cache) == count
    assert len(list((cache / "cards").rglob("*.png"))) == len(list(site.rglob("card.png")))
    assert not (tmp_path / "unused").exists()

    edited = notice_files(content / "notices")[count // 2]
    edited.write_text(edited.read_text(encoding="utf-8") + EDIT, encoding="utf-8")
    incremental = build(content, site, cache, PARALLEL)
    serial_edited = build(content, tmp_path / "serial-edited", tmp_path / "unused", SERIAL)
    assert different(incremental, serial_edited) == []
    changed = different(parallel_cold, incremental)
    assert f"notices/{edited.stem}/index.html" in changed
    assert stored_entries(cache) == count, "the edited notice's old entry is forgotten"
