"""A release's related processes (``relatedProcesses``) as the notice's ``related`` list."""

from __future__ import annotations

import re
from typing import Any

from plugins.notices.schema import notice_schema

from . import ocds_parts as parts

_RELATED = notice_schema()["properties"]["related"]["items"]["properties"]
RELATIONSHIPS = frozenset(_RELATED["relationship"]["enum"])
OCID = re.compile(_RELATED["ocid"]["pattern"])


def related(release: dict[str, Any]) -> tuple[list[dict[str, str]], list[str]]:
    """The processes the format can hold, and a line for each one it cannot."""
    mapped: list[dict[str, str]] = []
    unmapped: list[str] = []
    for process in parts.listed(release, "relatedProcesses"):
        entry = _process(process) if isinstance(process, dict) else None
        if entry is None:
            unmapped.append(f"relatedProcesses: {process!r} names no process this format knows")
        elif entry not in mapped:
            mapped.append(entry)
    return mapped, unmapped


def _process(process: dict[str, Any]) -> dict[str, str] | None:
    kinds = [kind for kind in parts.listed(process, "relationship") if kind in RELATIONSHIPS]
    scheme, identifier = _text(process.get("scheme")), _text(process.get("identifier"))
    url = _text(process.get("uri"))
    entry = {"relationship": kinds[0]} if kinds else {}
    if scheme == "ocid" and identifier and OCID.match(identifier):
        entry["ocid"] = identifier
    elif scheme and identifier and scheme != "ocid":
        entry |= {"scheme": scheme, "identifier": identifier}
    if url and parts.URL.match(url):
        entry["url"] = url
    title = _text(process.get("title"))
    if title and len(title) >= 2:
        entry["title"] = title[:300]
    return entry if kinds and len(entry) > 1 + ("title" in entry) else None


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None
