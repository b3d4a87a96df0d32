"""Reading a notice file: file-level checks (size, encoding, control characters) with lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugins.notices.source import MAX_FILE_BYTES
from tests.source_support import FRONT_MATTER, only_problem, read

# The file as a whole


@pytest.mark.parametrize("raw", [b"", b"   \n\n\t\n"])
def test_empty_file(tmp_path: Path, raw: bytes) -> None:
    source, problems = read(tmp_path, raw)
    assert source is None
    assert only_problem(problems) == (1, "file", "the file is empty")


def test_file_at_the_size_limit_is_read(tmp_path: Path) -> None:
    text = "---\ntitle: Big\n---\n"
    source, problems = read(tmp_path, (text + "x" * (MAX_FILE_BYTES - len(text))).encode())
    assert problems == []
    assert source is not None


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    text = "---\ntitle: Big\n---\n"
    source, problems = read(tmp_path, (text + "x" * (MAX_FILE_BYTES + 1 - len(text))).encode())
    assert source is None
    assert only_problem(problems) == (
        1,
        "file",
        "the file is 1,000,001 bytes, over the 1,000,000-byte limit",
    )


def test_non_utf8_byte_is_reported_at_its_line(tmp_path: Path) -> None:
    raw = "---\ntitle: Caf\u00e9\nsummary: \u00a318 million\n---\n".encode("latin-1")
    source, problems = read(tmp_path, raw)
    assert source is None
    assert only_problem(problems) == (2, "file", "byte 0xe9 is not valid UTF-8 text")


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    source, problems = read(tmp_path, b"\xef\xbb\xbf" + FRONT_MATTER.encode())
    assert problems == []
    assert source is not None
    assert source.lines[("notice_type",)] == 3


def test_welsh_and_emoji_are_text_not_control_characters(tmp_path: Path) -> None:
    raw = "---\ntitle: Atgyweirio ffyrdd \u0175\u0177 \U0001f6a7\n---\nTab\there.\n".encode()
    source, problems = read(tmp_path, raw)
    assert problems == []
    assert source is not None
    assert source.data["title"] == "Atgyweirio ffyrdd \u0175\u0177 \U0001f6a7"


@pytest.mark.parametrize(
    ("character", "name"), [("\x07", "U+0007"), ("\x00", "U+0000"), ("\x7f", "U+007F")]
)
def test_control_character_is_reported_with_line_and_column(
    tmp_path: Path, character: str, name: str
) -> None:
    raw = f"---\ntitle: Roads\nsummary: Four{character} years\n---\nBody\n".encode()
    source, problems = read(tmp_path, raw)
    assert source is None
    assert only_problem(problems) == (
        3,
        "text",
        f"invisible control character {name} in column 14",
    )


def test_each_line_with_control_characters_is_reported(tmp_path: Path) -> None:
    raw = b"---\ntitle: Ro\x01ads\nsummary: Four years\n---\nBo\x02dy\n"
    _, problems = read(tmp_path, raw)
    assert [(problem.line, problem.field) for problem in problems] == [(2, "text"), (5, "text")]


@pytest.mark.parametrize(
    "character", ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
)
def test_characters_python_splits_lines_at_are_reported(tmp_path: Path, character: str) -> None:
    raw = f"---\ntitle: Roads\nsummary: Four{character} years\n---\nBody\n".encode()
    _, problems = read(tmp_path, raw)
    assert only_problem(problems) == (
        3,
        "text",
        f"invisible control character U+{ord(character):04X} in column 14",
    )
