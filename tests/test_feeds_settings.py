"""FEEDS_* settings: defaults, merging, checks and documentation."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugins.feeds.settings import DEFAULTS, SETTINGS, FeedOptions, SettingsError, merged, options

DOCS = (Path(__file__).parent.parent / "docs" / "feeds.md").read_text(encoding="utf-8")


def test_defaults_apply_under_the_site_settings():
    assert merged({"FEEDS_MAX_ENTRIES": 20, "SITENAME": "x"}) == DEFAULTS | {
        "FEEDS_MAX_ENTRIES": 20
    }
    assert options({}) == FeedOptions(max_entries=100, id_date="2026")
    assert options({"FEEDS_ID_DATE": "2019-04-01"}).id_date == "2019-04-01"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("FEEDS_MAX_ENTRIES", 0),
        ("FEEDS_MAX_ENTRIES", "100"),
        ("FEEDS_MAX_ENTRIES", True),
        ("FEEDS_ID_DATE", "April 2026"),
        ("FEEDS_ID_DATE", "2026-4-1"),
    ],
)
def test_unusable_values_are_refused_with_the_setting_named(name, value):
    with pytest.raises(SettingsError, match=name):
        options({name: value})


def test_every_setting_is_documented_with_its_default():
    for setting in SETTINGS:
        assert f"| `{setting.name}` | `{setting.default!r}` |" in DOCS
