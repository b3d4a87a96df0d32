"""The build's file writer."""

from __future__ import annotations

from pathlib import Path

from plugins.notices.output import in_memory, write_files, write_whole


def test_write_files_takes_bytes_or_chunks(tmp_path: Path) -> None:
    files = [("a/one.txt", b"one"), ("two.txt", iter([b"t", b"wo"]))]
    assert write_files(tmp_path, files) == 2
    assert (tmp_path / "a" / "one.txt").read_bytes() == b"one"
    assert (tmp_path / "two.txt").read_bytes() == b"two"
    assert in_memory([("x", iter([b"1", b"2"]))]) == {"x": b"12"}


def test_write_whole_replaces_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "cache" / "card.png"
    write_whole(target, b"old")
    write_whole(target, b"new")
    assert target.read_bytes() == b"new"
    assert [path.name for path in target.parent.iterdir()] == ["card.png"]
