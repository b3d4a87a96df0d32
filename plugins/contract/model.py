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
class Translation:
    """The notice's page in another language (a translation of its text)."""

    language: str
    url: str


@dataclass(frozen=True)
class Version:
    """What a reader of ``language`` is shown of an announcement: its words in that language,
    around the notice's translation in it when there is one (``text_language``)."""

    language: str
    text_language: str
    url: str
    headline: str
    summary: str
    deadline: tuple[str, str] | None  # label, display
    value: str | None
    change_summary: str | None
    change_lines: tuple[str, ...]  # each changed field's display line, in the change's order
    card: Card
    buyers: str | None = None  # facts.buyers in this language


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
    translations: tuple[Translation, ...] = ()
    versions: tuple[Version, ...] = ()  # for readers of the site's other languages
    text_language: str | None = None  # of title and summary, when not ``language``
    # Who buys, when the buyer buys jointly with or on behalf of others (facts.buyers).
    buyers: str | None = None

    @property
    def langs(self) -> tuple[str, ...]:
        """The languages of its text: the words', then the title's if another."""
        return tuple(dict.fromkeys((self.language, self.text_language or self.language)))


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
class SiteLanguage:
    """One language of the site: the site's name in it and its home page's address."""

    language: str
    name: str
    url: str


@dataclass(frozen=True)
class Announcements:
    """The whole file: the site, its announcements (oldest first) and the held notices."""

    site_name: str
    site_url: str
    generated: datetime
    items: tuple[Announcement, ...]
    held: tuple[Held, ...] = ()
    invalid: tuple[Invalid, ...] = ()  # left out: reported, not posted
    languages: tuple[SiteLanguage, ...] = ()  # the site's default language first
    language: str = "en"  # the site's default language

    def site_in(self, lang: str) -> SiteLanguage:
        """The site's name and home page for a reader of ``lang`` (else the default's)."""
        for each in self.languages:
            if each.language == lang:
                return each
        return SiteLanguage(lang, self.site_name, self.site_url)

    def by_id(self) -> dict[str, Announcement]:
        return {item.id: item for item in self.items}
