"""The ledger: what has been announced on each channel, written atomically after every change.

``<state>/ledger.json`` (see docs/publishing.md)::

    {"version": 1,
     "channels": {"bluesky": {"account": "did:plc:…", "updated": "…",
                              "announcements": {"<id>": {"status": "posted", "at": "…", …}}}}}

An entry is ``intent`` (about to send: the outcome is unknown until reconciled), ``posted``
(with the channel's ids for the post) or ``backlog`` (announced before this channel was set
up, so never posted). Each write goes to a temporary file that is flushed, synced and renamed
over the old one, so a crash leaves either the old ledger or the new one, never half of one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from .errors import InputError
from .files import write_atomic

VERSION = 1


class Status(StrEnum):
    INTENT = "intent"
    POSTED = "posted"
    BACKLOG = "backlog"


@dataclass(frozen=True)
class Entry:
    """One announcement on one channel; ``ref`` holds the channel's ids for the post."""

    status: Status
    at: str
    ref: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def now(cls, status: Status, **ref: str) -> Entry:
        return cls(status, timestamp(), ref)

    def to_json(self) -> dict[str, str]:
        return {"status": self.status.value, "at": self.at, **self.ref}

    @classmethod
    def from_json(cls, data: Mapping[str, str]) -> Entry:
        ref = {key: value for key, value in data.items() if key not in ("status", "at")}
        return cls(Status(data["status"]), data["at"], ref)


class Ledger:
    """The ledger file, kept in memory and saved after every change."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self._data = data

    @classmethod
    def load(cls, path: Path) -> Ledger:
        """The ledger at ``path``, or an empty one when there is no file yet."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(path, {"version": VERSION, "channels": {}})
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise InputError(
                f"{path}: not valid JSON ({error}) — restore it from git, or delete it to "
                "rebuild it from what the channels show (see docs/publishing.md)"
            ) from None
        if not isinstance(data, dict) or data.get("version") != VERSION:
            raise InputError(f"{path}: not a version {VERSION} ledger")
        if problems := list(_problems(data)):
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise InputError(
                f"{path}: {problems[0]}{more} — restore it from git, or delete it to rebuild "
                "it from what the channels show (see docs/publishing.md)"
            )
        return cls(path, data)

    def has_channel(self, channel: str) -> bool:
        return channel in self._data["channels"]

    def account(self, channel: str) -> str | None:
        account: str | None = self._data["channels"].get(channel, {}).get("account")
        return account

    def updated(self, channel: str) -> datetime | None:
        """When this channel's part of the ledger last changed."""
        text = self._data["channels"].get(channel, {}).get("updated")
        return datetime.fromisoformat(text) if text else None

    def entries(self, channel: str) -> dict[str, Entry]:
        raw = self._data["channels"].get(channel, {}).get("announcements", {})
        return {key: Entry.from_json(value) for key, value in raw.items()}

    def entry(self, channel: str, announcement_id: str) -> Entry | None:
        raw = self._data["channels"].get(channel, {}).get("announcements", {})
        return Entry.from_json(raw[announcement_id]) if announcement_id in raw else None

    def begin(self, channel: str, account: str, entries: Mapping[str, Entry] | None = None) -> None:
        """Start keeping ``channel`` (posting as ``account``) with its first ``entries``.

        One write: a run killed at any moment leaves either no trace of the channel (the
        next run is its first run again) or the channel with its whole first-run record
        (the backlog), never the channel without it, which would post the backlog.
        """
        if self.has_channel(channel):
            raise ValueError(f"the ledger already keeps {channel}")
        self._data["channels"][channel] = {"account": account, "announcements": {}}
        self.record(channel, entries or {})

    def record(self, channel: str, entries: Mapping[str, Entry]) -> None:
        """Set entries of ``channel`` (begun already) and save."""
        section = self._data["channels"][channel]
        for announcement_id, entry in entries.items():
            section["announcements"][announcement_id] = entry.to_json()
        self._touch(channel)

    def forget(self, channel: str, announcement_ids: Iterable[str]) -> None:
        """Remove entries of ``channel`` (an e-mail the server refused: it was never sent)."""
        section = self._data["channels"][channel]["announcements"]
        for announcement_id in announcement_ids:
            section.pop(announcement_id, None)
        self._touch(channel)

    def _touch(self, channel: str) -> None:
        self._data["channels"][channel]["updated"] = timestamp()
        self.save()

    def save(self) -> None:
        """Write the ledger atomically: the old file or the new one survives a crash."""
        text = json.dumps(self._data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        write_atomic(self.path, text.encode("utf-8"))


def _problems(data: dict[str, Any]) -> Iterator[str]:
    """What makes ``data`` unusable as a ledger, each as ``<where>: <what is wrong>``."""
    channels = data.get("channels")
    if not isinstance(channels, dict):
        yield "channels: not an object"
        return
    for name, section in channels.items():
        where = f"channels.{name}"
        if not isinstance(section, dict) or not isinstance(section.get("announcements"), dict):
            yield f"{where}: not an object with announcements"
            continue
        if not isinstance(section.get("account"), str):
            yield f"{where}.account: {section.get('account')!r} is not an account"
        if not _is_time(section.get("updated")):
            yield f"{where}.updated: {section.get('updated')!r} is not a date-time"
        for key, entry in section["announcements"].items():
            yield from _entry_problems(f"{where}.announcements[{key!r}]", entry)


def _entry_problems(where: str, entry: Any) -> Iterator[str]:
    if not isinstance(entry, dict) or not all(isinstance(v, str) for v in entry.values()):
        yield f"{where}: not an object of strings"
        return
    if entry.get("status") not in set(Status):
        statuses = ", ".join(Status)
        yield f"{where}.status: {entry.get('status')!r} is not one of {statuses}"
    if not _is_time(entry.get("at")):
        yield f"{where}.at: {entry.get('at')!r} is not a date-time"


def _is_time(text: Any) -> bool:
    try:
        return isinstance(text, str) and datetime.fromisoformat(text) is not None
    except ValueError:
        return False


def timestamp() -> str:
    """Now, in UTC, as RFC 3339 with milliseconds (what Bluesky's createdAt expects)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
