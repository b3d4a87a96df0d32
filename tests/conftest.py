"""Shared fixtures: the sample notice, and a way to write variants of it."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "content" / "notices" / "2026" / "highway-resurfacing-framework.md"


@pytest.fixture
def sample_text() -> str:
    """A valid UK4 tender notice with lots and two changes."""
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def write_notice(tmp_path: Path):
    """Write notice text to tmp_path/notices/<name>.md and return the path."""

    def write(text: str, name: str = "notice") -> Path:
        path = tmp_path / "notices" / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write
