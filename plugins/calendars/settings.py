"""The calendars plugin's settings: names, defaults and help, in one place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from icalendar import vDuration

from plugins.notices.settings import Setting, SettingsError, merge

SETTINGS = (
    Setting(
        "CALENDARS_ALARM",
        "P1D",
        "ISO 8601 duration before each deadline event starts at which a VALARM reminder "
        "fires, e.g. P1D or PT2H. None: no reminders. Apple Calendar keeps it unless the "
        "subscriber removes alerts; Google Calendar and Outlook generally ignore reminders in "
        "subscribed calendars.",
    ),
    Setting(
        "CALENDARS_EVENT_LENGTH",
        "PT30M",
        "ISO 8601 duration of the block that ends at each deadline, so the deadline shows as "
        "the end of a visible slot. PT0S: a point in time (no DTEND).",
    ),
    Setting(
        "CALENDARS_PAST_DAYS",
        365,
        "The site-wide and facet calendars leave out deadlines that passed more than this "
        "many days before the build's clock, so subscriptions stay small as years of notices "
        "build up. None: keep every deadline. A notice's own calendar always keeps all of its "
        "deadlines.",
    ),
    Setting(
        "CALENDARS_REFRESH",
        "PT12H",
        "ISO 8601 duration suggested to calendar apps as how often to fetch a subscribed "
        "calendar again (REFRESH-INTERVAL and X-PUBLISHED-TTL).",
    ),
)
DEFAULTS = {setting.name: setting.default for setting in SETTINGS}


@dataclass(frozen=True)
class Options:
    """The settings as values: ``alarm`` is None when reminders are off."""

    alarm: timedelta | None = timedelta(days=1)
    length: timedelta = timedelta(minutes=30)
    past: timedelta | None = timedelta(days=365)
    refresh: timedelta = timedelta(hours=12)


def merged(settings: dict[str, Any]) -> dict[str, Any]:
    """The site's settings with the plugin's defaults under them."""
    return merge(DEFAULTS, settings)


def options(settings: dict[str, Any]) -> Options:
    """Checked values of the settings; raises SettingsError naming the setting at fault."""
    values = merged(settings)
    alarm = values["CALENDARS_ALARM"]
    return Options(
        alarm=None if alarm is None else _duration("CALENDARS_ALARM", alarm, positive=True),
        length=_duration("CALENDARS_EVENT_LENGTH", values["CALENDARS_EVENT_LENGTH"]),
        past=_days("CALENDARS_PAST_DAYS", values["CALENDARS_PAST_DAYS"]),
        refresh=_duration("CALENDARS_REFRESH", values["CALENDARS_REFRESH"], positive=True),
    )


def _duration(name: str, value: Any, *, positive: bool = False) -> timedelta:
    if isinstance(value, timedelta):
        duration = value
    else:
        try:
            duration = vDuration.from_ical(str(value))
        except ValueError:
            raise SettingsError(
                f"{name} {value!r} is not an ISO 8601 duration: use a value such as P1D or PT30M"
            ) from None
    if duration < timedelta(0) or (positive and not duration):
        raise SettingsError(f"{name} {value!r} must be a duration greater than zero")
    return duration


def _days(name: str, value: Any) -> timedelta | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SettingsError(f"{name} {value!r} must be a whole number of days (0 or more) or None")
    return timedelta(days=value)
