"""Deterministic JSON files: same data, same bytes."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any


def json_bytes(data: Any) -> bytes:
    """UTF-8 JSON, keys in the order given, two-space indent, trailing newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def rfc3339(moment: datetime) -> str:
    """``2026-11-20T12:00:00Z``: an aware datetime in UTC."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
