"""The OCDS releases in a file: a release, a release package, or a record package's releases."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


class SourceError(ValueError):
    """A source that holds no OCDS release, said so the user can act on it."""


def releases_in(path: Path) -> list[dict[str, Any]]:
    """Every release in ``path`` (a JSON release, release package or record package)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SourceError(f"{path}: not a readable JSON file ({error})") from None
    return releases_of(data, str(path))


def releases_of(data: Any, where: str) -> list[dict[str, Any]]:
    """The releases in parsed JSON: a release, ``{releases: [...]}`` or ``{records: [...]}``."""
    if isinstance(data, dict) and isinstance(data.get("releases"), list):
        found = [r for r in data["releases"] if isinstance(r, dict)]
    elif isinstance(data, dict) and isinstance(data.get("records"), list):
        found = [
            release
            for record in data["records"]
            if isinstance(record, dict)
            for release in record.get("releases", [])
            if isinstance(release, dict) and "ocid" in release and "tag" in release
        ]
    elif isinstance(data, dict) and "ocid" in data:
        found = [data]
    else:
        found = []
    if not found:
        raise SourceError(f"{where}: no OCDS release in it (a release needs an ocid)")
    return found
