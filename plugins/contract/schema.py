"""The format of ``announcements.json``: its name, version and JSON Schema."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

PATH = "announcements.json"
# 2: a change gives each field it touched with its old and new value and a line for people.
# 3: the site's name and home page in each of its languages, and each announcement's versions
# for readers of the other languages (posts, cards and digests in Welsh).
VERSION = 3
SCHEMA = Path(__file__).with_name("announcements.schema.json")


@cache
def schema() -> dict[str, Any]:
    """The announcements schema, read once."""
    loaded: dict[str, Any] = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return loaded
