"""``announcements.json`` typed: what the publisher reads from the file the build writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class Deadline:
    """The deadline for responses, as the build shows it."""

    label: str
    display: str
    at: datetime
    kind: str = "tender"


@dataclass(frozen=True)
class ChangedField:
    """A field a change touched: its old and new value as written, and the line for people
    (``display``, never to be cut); a bare name from an older writer has only ``field``."""

    field: str
    label: str | None = None
    old: str | None = None
    new: str | None = None
    display: str | None = None


@dataclass(frozen=True)
class Card:
    """The link card; ``image`` is the absolute path of its PNG (which may be missing)."""

    title: str
    description: str
    image: Path
    image_alt: str


@dataclass(frozen=True)
class Announcement:
    """One thing to announce: a notice published, changed, awarded, cancelled or closing soon."""

    id: str
    kind: str
    date: datetime
    thread: str
    replies_to: str | None
    headline: str
    url: str
    summary: str
    language: str
    value: str | None
    deadline: Deadline | None
    change_number: int | None
    change_summary: str | None
    tags: tuple[str, ...]
    card: Card
    change_fields: tuple[ChangedField, ...] = ()
    cpv: tuple[str, ...] = ()  # the notice's CPV codes, main first
    regions: tuple[str, ...] = ()  # the ITL codes of its places


@dataclass(frozen=True)
class Held:
    """A notice the build holds back: not announced until it has its Find a Tender link."""

    id: str
    title: str | None  # None when the whole notice is held (not on the site either)
    url: str | None
    reason: str

    @property
    def name(self) -> str:
        return self.title or self.id


@dataclass(frozen=True)
class Invalid:
    """An announcement (or held notice) that cannot be used: its name and what is wrong."""

    name: str
    problem: str

    def line(self) -> str:
        return f"{self.name}: {self.problem}"


@dataclass(frozen=True)
class Announcements:
    """The whole file: the site, its announcements (oldest first) and the held notices."""

    site_name: str
    site_url: str
    generated: datetime
    items: tuple[Announcement, ...]
    held: tuple[Held, ...] = ()
    invalid: tuple[Invalid, ...] = ()  # left out: reported, not posted

    def by_id(self) -> dict[str, Announcement]:
        return {item.id: item for item in self.items}
