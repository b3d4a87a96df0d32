"""The build's configuration: every setting checked once, at start-up, as typed values.

``load_config`` takes Pelican's settings (a plain dict: no Pelican import here) and either
returns a :class:`Config` or raises one :class:`SettingsError` listing every setting at fault.
The build, ``invoke check`` and ``invoke new`` all use it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from plugins.notices.find_a_tender_first import Mode
from plugins.notices.placeholder_mode import PlaceholderMode

from .kinds import SettingsError
from .settings import OPEN_GOVERNMENT_LICENCE, PREFIXES, SETTINGS, Setting


@dataclass(frozen=True)
class NoticesConfig:
    """Where notices are read from and how: NOTICES_* and Pelican's PATH and CACHE_PATH."""

    folder: Path  # the notices folder, resolved
    cache: Path | None = None  # the notice store's file
    processes: int = 0
    find_a_tender_first: Mode = Mode.HOLD_NOTICE
    placeholders: PlaceholderMode = PlaceholderMode.ERROR_ON_MAIN


@dataclass(frozen=True)
class FeedOptions:
    """FEEDS_*: what feeds are built with."""

    max_entries: int = 100
    id_date: str = "2026"
    regions: tuple[str, ...] | None = None  # ITL1 codes; None: those of the notices
    region_levels: tuple[int, ...] = (1, 2, 3)


@dataclass(frozen=True)
class CalendarOptions:
    """CALENDARS_*: ``alarm`` is None when reminders are off, ``past`` when all are kept."""

    alarm: timedelta | None = timedelta(days=1)
    length: timedelta = timedelta(minutes=30)
    past: timedelta | None = timedelta(days=365)
    refresh: timedelta = timedelta(hours=12)


@dataclass(frozen=True)
class OcdsConfig:
    """OCDS_*, resolved against the site's name and address."""

    publisher: dict[str, str]
    license: str = OPEN_GOVERNMENT_LICENCE
    publication_policy: str | None = None
    ocid_prefixes: tuple[str, ...] = ("ocds-h6vhtk",)

    def accepts(self, ocid: str) -> bool:
        """Whether an ocid starts with one of the accepted prefixes."""
        return any(ocid.startswith(f"{prefix}-") for prefix in self.ocid_prefixes)


@dataclass(frozen=True)
class AnnouncementOptions:
    """ANNOUNCEMENTS_*."""

    hashtags: tuple[str, ...] = ()
    closing_soon: bool = True


@dataclass(frozen=True)
class CardOptions:
    """CARDS_*: ``cache`` is the folder of kept cards (None: none kept); ``recent`` how long
    after its last change a closed notice keeps its own card (None: always)."""

    brand: str = "#0b3d4a"
    accent: str = "#1d70b8"
    cache: Path | None = None
    processes: int = 2
    recent: timedelta | None = timedelta(days=365)


@dataclass(frozen=True)
class SiteFilesOptions:
    """SITE_FILES_*: ``security_contact`` is None when there is no security.txt."""

    security_contact: str | None = None
    security_expires: timedelta = timedelta(days=180)
    security_policy: str | None = None
    short_name: str | None = None


@dataclass(frozen=True)
class SearchOptions:
    """SEARCH_*: ``cache`` is the folder of kept search bundles (None: none kept)."""

    per_bundle: int = 500
    cache: Path | None = None


@dataclass(frozen=True)
class Config:
    """Everything the build reads from settings, checked."""

    site_name: str
    site_url: str  # canonical public address, no trailing slash
    default_lang: str
    timezone: str
    clock: datetime  # the build's "now"
    pinned_clock: datetime | None  # NOTICES_CLOCK, when the settings pin it
    notices: NoticesConfig
    feeds: FeedOptions
    calendars: CalendarOptions
    ocds: OcdsConfig
    announcements: AnnouncementOptions
    per_page: int
    cards: CardOptions
    site_files: SiteFilesOptions = SiteFilesOptions()
    search: SearchOptions = SearchOptions()
    # SITE_LANGUAGES (holding default_lang), and the site's name in each of them.
    languages: tuple[str, ...] = ()
    site_names: Mapping[str, str] = field(default_factory=dict)
    # NOTICES_OUTPUT_CACHE under CACHE_PATH: kept output files by key (None: none kept).
    output_cache: Path | None = None

    def site_name_in(self, lang: str) -> str:
        return self.site_names.get(lang, self.site_name)


def load_config(settings: Mapping[str, Any], environ: Mapping[str, str] | None = None) -> Config:
    """Check every setting and return the configuration; raise SettingsError naming each fault."""
    values, problems = _checked(settings)
    problems += _unknown(settings)
    environ = os.environ if environ is None else environ
    derived = {
        "url": _problem_of(problems, lambda: _site_url(values, settings)),
        "clock": _problem_of(problems, lambda: _clock(values, environ)),
        "lang": _problem_of(problems, lambda: _default_lang(settings)),
        "languages": _problem_of(problems, lambda: _languages(values, settings)),
        "per_page": _problem_of(problems, lambda: _per_page(values, settings)),
    }
    if problems:
        raise SettingsError("\n".join(problems))
    return _config(values, settings, derived)


def _checked(settings: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    values: dict[str, Any] = {}
    problems: list[str] = []
    for setting in SETTINGS:
        try:
            values[setting.name] = setting.value(settings)
        except SettingsError as error:
            problems.append(str(error))
    return values, problems


def _unknown(settings: Mapping[str, Any]) -> list[str]:
    known = {setting.name for setting in SETTINGS}
    return [
        f"{name} is not a Noticeboard setting: check its spelling against the README's table"
        for name in sorted(settings)
        if name.startswith(PREFIXES) and name not in known
    ]


def _problem_of(problems: list[str], work: Callable[[], Any]) -> Any:
    try:
        return work()
    except SettingsError as error:
        problems.append(str(error))
    except KeyError:
        pass  # a setting it needs was refused, and is already reported
    return None


def _site_url(values: dict[str, Any], settings: Mapping[str, Any]) -> str:
    url = values["NOTICES_SITE_URL"] or settings.get("SITEURL") or ""
    if not str(url).startswith(("https://", "http://")):
        raise SettingsError(
            "Set NOTICES_SITE_URL (or SITEURL) to the site's public address, e.g. "
            "https://contracts.example.gov.uk: feeds and open data need absolute links"
        )
    return str(url).rstrip("/")


def _clock(values: dict[str, Any], environ: Mapping[str, str]) -> datetime:
    """NOTICES_CLOCK, else SOURCE_DATE_EPOCH, else the current time."""
    clock: datetime | None = values["NOTICES_CLOCK"]
    if clock is not None:
        return clock
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return datetime.now(UTC)
    if not epoch.isdigit():
        raise SettingsError(f"SOURCE_DATE_EPOCH {epoch!r} must be a whole number of seconds")
    return datetime.fromtimestamp(int(epoch), UTC)


def _default_lang(settings: Mapping[str, Any]) -> str:
    lang = settings.get("DEFAULT_LANG", "en")
    if not isinstance(lang, str) or not lang:
        raise SettingsError(f"DEFAULT_LANG must be a language code such as 'en', not {lang!r}")
    return lang


def _languages(values: dict[str, Any], settings: Mapping[str, Any]) -> tuple[str, ...]:
    """SITE_LANGUAGES, which must hold DEFAULT_LANG; DEFAULT_LANG alone when not set."""
    default = _default_lang(settings)
    chosen: tuple[str, ...] | None = values["SITE_LANGUAGES"]
    if chosen is None:
        return (default,)
    if default not in chosen:
        raise SettingsError(
            f"SITE_LANGUAGES {chosen!r} must include DEFAULT_LANG {default!r}: its pages are "
            "the site's root"
        )
    return chosen


def _config(values: dict[str, Any], settings: Mapping[str, Any], derived: dict[str, Any]) -> Config:
    cache = Path(settings.get("CACHE_PATH", "cache"))
    url = derived["url"]
    return Config(
        site_name=str(settings.get("SITENAME", "")),
        languages=derived["languages"],
        site_names={
            lang: values["SITE_NAMES"].get(lang, str(settings.get("SITENAME", "")))
            for lang in derived["languages"]
        },
        site_url=url,
        default_lang=derived["lang"],
        timezone=values["NOTICES_TIMEZONE"],
        clock=derived["clock"],
        pinned_clock=values["NOTICES_CLOCK"],
        notices=_notices(values, settings, cache),
        feeds=FeedOptions(
            values["FEEDS_MAX_ENTRIES"],
            values["FEEDS_ID_DATE"],
            values["FEEDS_REGIONS"],
            values["FEEDS_REGION_LEVELS"],
        ),
        calendars=CalendarOptions(
            alarm=values["CALENDARS_ALARM"],
            length=values["CALENDARS_EVENT_LENGTH"],
            past=values["CALENDARS_PAST_DAYS"],
            refresh=values["CALENDARS_REFRESH"],
        ),
        ocds=_ocds(values, str(settings.get("SITENAME", "")), url),
        announcements=AnnouncementOptions(
            values["ANNOUNCEMENTS_HASHTAGS"], values["ANNOUNCEMENTS_CLOSING_SOON"]
        ),
        per_page=derived["per_page"],
        output_cache=cache / values["NOTICES_OUTPUT_CACHE"]
        if values["NOTICES_OUTPUT_CACHE"]
        else None,
        cards=CardOptions(
            brand=values["CARDS_BRAND_COLOUR"],
            accent=values["CARDS_ACCENT_COLOUR"],
            cache=cache / values["CARDS_CACHE_PATH"] if values["CARDS_CACHE_PATH"] else None,
            processes=values["CARDS_PROCESSES"],
            recent=values["CARDS_RECENT_DAYS"],
        ),
        site_files=SiteFilesOptions(
            security_contact=values["SITE_FILES_SECURITY_CONTACT"],
            security_expires=values["SITE_FILES_SECURITY_EXPIRES"],
            security_policy=values["SITE_FILES_SECURITY_POLICY"],
            short_name=values["SITE_FILES_SHORT_NAME"],
        ),
        search=SearchOptions(
            per_bundle=values["SEARCH_NOTICES_PER_BUNDLE"],
            cache=cache / values["SEARCH_CACHE"] if values["SEARCH_CACHE"] else None,
        ),
    )


def _notices(values: dict[str, Any], settings: Mapping[str, Any], cache: Path) -> NoticesConfig:
    return NoticesConfig(
        folder=(Path(settings.get("PATH", ".")) / values["NOTICES_PATH"]).resolve(),
        cache=cache / values["NOTICES_CACHE"] if values["NOTICES_CACHE"] else None,
        processes=values["NOTICES_PROCESSES"],
        find_a_tender_first=Mode(values["NOTICES_FIND_A_TENDER_FIRST"]),
        placeholders=PlaceholderMode(values["NOTICES_PLACEHOLDERS"]),
    )


def _ocds(values: dict[str, Any], site_name: str, site_url: str) -> OcdsConfig:
    policy = values["OCDS_PUBLICATION_POLICY"]
    if policy and not policy.startswith(("https://", "http://")):
        policy = f"{site_url}/{policy.lstrip('/')}"
    return OcdsConfig(
        publisher=values["OCDS_PUBLISHER"] or {"name": site_name, "uri": site_url},
        license=values["OCDS_LICENSE"],
        publication_policy=policy or None,
        ocid_prefixes=values["OCDS_OCID_PREFIX"],
    )


def _per_page(values: dict[str, Any], settings: Mapping[str, Any]) -> int:
    """SITE_PAGES_PER_PAGE, else Pelican's DEFAULT_PAGINATION, else 20."""
    value = values["SITE_PAGES_PER_PAGE"] or settings.get("DEFAULT_PAGINATION") or 20
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SettingsError(f"DEFAULT_PAGINATION must be a whole number above 0, not {value!r}")
    return value


__all__ = ["Config", "Setting", "SettingsError", "load_config"]
