"""The notices already in the content folder, found by procurement and type."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from plugins.notices.files import notice_files, slug_for

# Contracts Finder release ids are the notice's id and a version: "<uuid>-<number>".
RECURRING = ("UK9", "UK15")
_VERSIONED = re.compile(r"^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-\d+$")


def identity(front: dict[str, Any]) -> tuple[str, ...]:
    """Which notice this is: its procurement and type, and its portal notice id when the
    release id carries one (so two award notices of one procurement stay two notices).
    A type a procurement publishes again and again (a performance notice each period, a
    dynamic market modification each time suppliers join or leave) is one notice per id."""
    key = (str(front.get("ocid")), str(front.get("notice_type")))
    if key[1] in RECURRING:
        return (*key, str(front.get("notice_id")))
    versioned = _VERSIONED.match(str(front.get("notice_id", "")))
    return (*key, versioned.group(1)) if versioned else key


@dataclass(frozen=True)
class OnSite:
    path: Path
    front: dict[str, Any]
    body: str


def front_and_body(text: str) -> tuple[dict[str, Any], str] | None:
    """A notice file's front matter (as YAML reads it) and description; None if it has none."""
    if not text.startswith("---"):
        return None
    _, _, rest = text.partition("\n")
    front_text, found, body = rest.partition("\n---\n")
    if not found:
        return None
    try:
        front = yaml.safe_load(front_text)
    except yaml.YAMLError:
        return None
    return (front, body) if isinstance(front, dict) else None


def notices_on_site(notices: Path) -> dict[tuple[str, ...], OnSite]:
    """Each notice under ``notices`` by its ``identity``; English originals only."""
    found: dict[tuple[str, ...], OnSite] = {}
    for path in notice_files(notices) if notices.is_dir() else []:
        if path.name.endswith(".cy.md"):
            continue
        read = front_and_body(path.read_text(encoding="utf-8"))
        if read and read[0].get("ocid") and read[0].get("notice_type"):
            found.setdefault(identity(read[0]), OnSite(path, read[0], read[1]))
    return found


def slugs_on_site(notices: Path) -> set[str]:
    """Every address already taken under ``notices``."""
    return {slug_for(path) for path in notice_files(notices)} if notices.is_dir() else set()
