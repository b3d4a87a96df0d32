"""The calendars plugin's settings (plugins/calendars/settings.py)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from plugins.calendars.settings import DEFAULTS, SETTINGS, Options, SettingsError, merged, options


def test_defaults_give_a_day_ahead_reminder_and_a_half_hour_block():
    assert options({}) == Options(
        alarm=timedelta(days=1),
        length=timedelta(minutes=30),
        past=timedelta(days=365),
        refresh=timedelta(hours=12),
    )
    assert options({}) == Options()


def test_site_settings_override_defaults_and_unrelated_ones_are_ignored():
    assert merged({"CALENDARS_ALARM": None, "SITENAME": "x"}) == {
        **DEFAULTS,
        "CALENDARS_ALARM": None,
    }


def test_none_turns_reminders_off():
    assert options({"CALENDARS_ALARM": None}).alarm is None


def test_past_days_may_be_none_to_keep_everything():
    assert options({"CALENDARS_PAST_DAYS": None}).past is None
    assert options({"CALENDARS_PAST_DAYS": 0}).past == timedelta(0)


def test_durations_may_be_iso_text_or_timedelta():
    chosen = options({"CALENDARS_ALARM": "PT2H", "CALENDARS_EVENT_LENGTH": timedelta(0)})
    assert chosen.alarm == timedelta(hours=2)
    assert chosen.length == timedelta(0)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("CALENDARS_ALARM", "one day"),
        ("CALENDARS_ALARM", "-P1D"),
        ("CALENDARS_ALARM", "PT0S"),
        ("CALENDARS_EVENT_LENGTH", "-PT30M"),
        ("CALENDARS_REFRESH", "PT0S"),
        ("CALENDARS_REFRESH", None),
        ("CALENDARS_PAST_DAYS", -1),
        ("CALENDARS_PAST_DAYS", "90"),
        ("CALENDARS_PAST_DAYS", True),
    ],
)
def test_unusable_values_are_refused_naming_the_setting(name, value):
    with pytest.raises(SettingsError, match=name):
        options({name: value})


def test_every_setting_has_help_and_is_documented():
    docs = Path(__file__).parent.parent / "docs" / "calendars.md"
    text = docs.read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert setting.help
        assert f"`{setting.name}`" in text
