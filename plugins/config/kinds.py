"""Kinds of setting value: how each is described in the README and how a value is checked.

A kind's ``check`` takes the setting's name and the site's value and returns the value as
the build uses it, or raises :class:`SettingsError` naming the setting and saying how to
fix it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import vDuration
from PIL import ImageColor

from plugins.notices.codelists import regions


class SettingsError(ValueError):
    """A setting has a value the build cannot use; the message names the setting."""


Check = Callable[[str, Any], Any]


@dataclass(frozen=True)
class Kind:
    """A setting's type: its description for readers and its check."""

    text: str
    check: Check


def _whole(minimum: int) -> Check:
    def check(name: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise SettingsError(
                f"{name} must be a whole number of {minimum} or more, not {value!r}"
            )
        return value

    return check


def whole(minimum: int) -> Kind:
    return Kind(f"whole number ≥ {minimum}", _whole(minimum))


def optional(kind: Kind) -> Kind:
    """The kind, or None."""

    def check(name: str, value: Any) -> Any:
        return None if value is None else kind.check(name, value)

    return Kind(f"{kind.text}, or `None`", check)


def _text(name: str, value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise SettingsError(f"{name} must be text (in quotes), not {value!r}")
    return value


TEXT = Kind("text", _text)


def _flag(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise SettingsError(f"{name} must be True or False, not {value!r}")
    return value


FLAG = Kind("`True` or `False`", _flag)


def _url(name: str, value: Any) -> str:
    if not isinstance(value, str) or not value.startswith(("https://", "http://")):
        raise SettingsError(f"{name} must be an absolute URL starting https://, not {value!r}")
    return value


URL = Kind("absolute URL", _url)


def _zone(name: str, value: Any) -> str:
    try:
        ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(
            f"{name} {value!r} is not a time zone: use an IANA name such as 'Europe/London'"
        ) from None
    return str(value)


ZONE = Kind("IANA time zone name", _zone)


def _moment(name: str, value: Any) -> datetime:
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            raise SettingsError(f"{name} {value!r} is not an ISO 8601 date and time") from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise SettingsError(f"{name} {moment.isoformat()} needs a UTC offset, e.g. +00:00")
    return moment


MOMENT = Kind("ISO 8601 date and time with offset", _moment)


def _duration(positive: bool) -> Check:
    def check(name: str, value: Any) -> timedelta:
        if isinstance(value, timedelta):
            found = value
        else:
            try:
                found = vDuration.from_ical(str(value))
            except ValueError:
                raise SettingsError(
                    f"{name} {value!r} is not an ISO 8601 duration: use a value such as P1D "
                    "or PT30M"
                ) from None
        if found < timedelta(0) or (positive and not found):
            raise SettingsError(f"{name} {value!r} must be a duration greater than zero")
        return found

    return check


def duration(*, positive: bool) -> Kind:
    return Kind("ISO 8601 duration" + (" above zero" if positive else ""), _duration(positive))


def _days(name: str, value: Any) -> timedelta:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SettingsError(f"{name} {value!r} must be a whole number of days (0 or more) or None")
    return timedelta(days=value)


DAYS = Kind("whole number of days", _days)


def choice(values: Iterable[str]) -> Kind:
    choices = tuple(values)
    listed = ", ".join(repr(value) for value in choices)

    def check(name: str, value: Any) -> str:
        if value not in choices:
            raise SettingsError(f"{name} {value!r} is not one of {listed}")
        return str(value)

    return Kind("one of " + ", ".join(f'`"{value}"`' for value in choices), check)


def pattern(text: str, regex: str, example: str) -> Kind:
    compiled = re.compile(regex)

    def check(name: str, value: Any) -> str:
        # A year written without quotes (2026) is the same date.
        text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
        if not isinstance(text, str) or not compiled.fullmatch(text):
            raise SettingsError(f"{name} must be {example}, not {value!r}")
        return text

    return Kind(text, check)


def _colour(name: str, value: Any) -> str:
    try:
        ImageColor.getrgb(str(value))
    except ValueError:
        raise SettingsError(
            f"{name} {value!r} is not a colour: use one such as '#0b3d4a'"
        ) from None
    return str(value)


COLOUR = Kind("colour (`#rrggbb` or a name)", _colour)


def _hashtags(name: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        # A lone string would be read as its letters, each posted as a hashtag.
        raise SettingsError(
            f"{name} must be a tuple of hashtags, not the text {value!r}: "
            f"write ({value!r},) with the comma"
        )
    if not isinstance(value, list | tuple):
        raise SettingsError(f"{name} must be a tuple of hashtags such as ('AfonwyContracts',)")
    bad = [tag for tag in value if not isinstance(tag, str) or not _HASHTAG.fullmatch(tag)]
    if bad:
        raise SettingsError(
            f"{name} has {bad!r}: each hashtag is letters, digits or _ without the '#'"
        )
    return tuple(value)


_HASHTAG = re.compile(r"\w+")
HASHTAGS = Kind("tuple of hashtags without `#`", _hashtags)


def _prefixes(name: str, value: Any) -> tuple[str, ...]:
    prefixes = (value,) if isinstance(value, str) else tuple(value or ())
    bad = [p for p in prefixes if not (isinstance(p, str) and _OCID_PREFIX.fullmatch(p))]
    if not prefixes or bad:
        raise SettingsError(
            f"{name} must be an ocid prefix such as 'ocds-h6vhtk' (ocds- and six "
            f"lower-case letters or digits), or a list of them; got {value!r}"
        )
    return prefixes


_OCID_PREFIX = re.compile(r"ocds-[a-z0-9]{6}")
OCID_PREFIXES = Kind("ocid prefix, or a list of them", _prefixes)
PUBLISHER_KEYS = ("name", "scheme", "uid", "uri")


def _publisher(name: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not value.get("name"):
        raise SettingsError(
            f"{name} must be a dict with at least a 'name', e.g. "
            "{'name': 'Afonwy County Council', 'scheme': 'GB-PPON', 'uid': '...'}"
        )
    unknown = set(value) - set(PUBLISHER_KEYS)
    if unknown:
        raise SettingsError(
            f"{name} has unknown keys {sorted(unknown)}: use name, scheme, uid and uri"
        )
    return {key: str(value[key]) for key in PUBLISHER_KEYS if value.get(key)}


PUBLISHER = Kind("dict with `name`, `scheme`, `uid`, `uri`", _publisher)


def _levels(name: str, value: Any) -> tuple[int, ...]:
    levels = tuple(value) if isinstance(value, list | tuple) else ()
    if not levels or any(level not in (1, 2, 3) or level is True for level in levels):
        raise SettingsError(
            f"{name} must be a tuple of ITL levels from 1 to 3, such as (1, 2, 3), not {value!r}"
        )
    return tuple(sorted(set(levels)))


ITL_LEVELS = Kind("tuple of ITL levels (1, 2, 3)", _levels)


def _itl1_regions(name: str, value: Any) -> tuple[str, ...]:
    codes = (value,) if isinstance(value, str) else value
    known = regions()
    if not isinstance(codes, list | tuple) or not all(
        isinstance(code, str) and code in known and known[code].level == 1 for code in codes
    ):
        raise SettingsError(
            f"{name} must be a tuple of ITL1 region codes, such as ('TLL',) for Wales, "
            f"not {value!r}"
        )
    return tuple(codes)


ITL1_REGIONS = Kind("tuple of ITL1 region codes", _itl1_regions)


_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def _languages(name: str, value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    codes = (value,) if isinstance(value, str) else value
    if (
        not isinstance(codes, list | tuple)
        or not codes
        or not all(isinstance(code, str) and _LANGUAGE_CODE.fullmatch(code) for code in codes)
        or len(set(codes)) != len(codes)
    ):
        raise SettingsError(
            f"{name} must be a tuple of language codes, each once, such as ('en', 'cy'), "
            f"not {value!r}"
        )
    return tuple(codes)


LANGUAGES = Kind("tuple of language codes, or `None`", _languages)


def _names(name: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(key, str) and _LANGUAGE_CODE.fullmatch(key) and isinstance(text, str) and text
        for key, text in value.items()
    ):
        raise SettingsError(
            f"{name} must be a dict of names by language code, such as "
            f"{{'cy': 'Cyfleoedd contract Cyngor Sir Afonwy'}}, not {value!r}"
        )
    return dict(value)


NAMES_BY_LANGUAGE = Kind("dict of names by language code", _names)
