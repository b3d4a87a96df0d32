"""The one configuration (plugins/config): defaults, merging, checks, all problems at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from plugins.config import (
    SETTINGS,
    AnnouncementOptions,
    CalendarOptions,
    CardOptions,
    FeedOptions,
    SettingsError,
    load_config,
)
from plugins.config.settings import OPEN_GOVERNMENT_LICENCE
from plugins.notices.find_a_tender_first import Mode
from tests.configs import SAMPLE, sample_config


def test_defaults_apply_under_the_site_settings():
    config = sample_config()
    assert config.feeds == FeedOptions(max_entries=100, id_date="2026")
    assert config.calendars == CalendarOptions(
        alarm=timedelta(days=1),
        length=timedelta(minutes=30),
        past=timedelta(days=365),
        refresh=timedelta(hours=12),
    )
    assert config.announcements == AnnouncementOptions(hashtags=(), closing_soon=True)
    assert config.cards == CardOptions(cache=Path("cache/cards"))
    assert config.notices.find_a_tender_first is Mode.HOLD_NOTICE
    assert config.notices.cache == Path("cache/notices.sqlite")
    assert config.timezone == "Europe/London" and config.default_lang == "en"
    assert config.per_page == 20


def test_site_values_override_defaults_and_unrelated_settings_are_ignored():
    config = sample_config(
        {"FEEDS_MAX_ENTRIES": 20, "CALENDARS_ALARM": None, "CALENDARS_PAST_DAYS": None},
        THEME="themes/x",
        FEED_ALL_ATOM=None,  # Pelican's own, not ours
    )
    assert config.feeds.max_entries == 20
    assert config.calendars.alarm is None and config.calendars.past is None
    assert sample_config(FEEDS_ID_DATE=2019).feeds.id_date == "2019"


def test_durations_may_be_iso_text_or_timedelta():
    config = sample_config(CALENDARS_ALARM="PT2H", CALENDARS_EVENT_LENGTH=timedelta(0))
    assert config.calendars.alarm == timedelta(hours=2)
    assert config.calendars.length == timedelta(0)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("NOTICES_TIMEZONE", "Europe/Londres"),
        ("NOTICES_CLOCK", "20 November 2026"),
        ("NOTICES_CLOCK", "2026-11-20T12:00:00"),
        ("NOTICES_PROCESSES", -1),
        ("NOTICES_FIND_A_TENDER_FIRST", "hold"),
        ("NOTICES_SITE_URL", "contracts.example"),
        ("FEEDS_MAX_ENTRIES", 0),
        ("FEEDS_MAX_ENTRIES", "100"),
        ("FEEDS_MAX_ENTRIES", True),
        ("FEEDS_ID_DATE", "April 2026"),
        ("FEEDS_ID_DATE", "2026-4-1"),
        ("CALENDARS_ALARM", "one day"),
        ("CALENDARS_ALARM", "-P1D"),
        ("CALENDARS_ALARM", "PT0S"),
        ("CALENDARS_EVENT_LENGTH", "-PT30M"),
        ("CALENDARS_REFRESH", "PT0S"),
        ("CALENDARS_REFRESH", None),
        ("CALENDARS_PAST_DAYS", -1),
        ("CALENDARS_PAST_DAYS", "90"),
        ("CALENDARS_PAST_DAYS", True),
        ("OCDS_PUBLISHER", {"scheme": "GB-PPON"}),
        ("OCDS_PUBLISHER", {"name": "A", "id": "1"}),
        ("OCDS_LICENSE", "OGL v3"),
        ("OCDS_OCID_PREFIX", "h6vhtk"),
        ("OCDS_OCID_PREFIX", "ocds-H6VHTK"),
        ("OCDS_OCID_PREFIX", []),
        ("ANNOUNCEMENTS_HASHTAGS", "AfonwyContracts"),
        ("ANNOUNCEMENTS_HASHTAGS", ("#AfonwyContracts",)),
        ("ANNOUNCEMENTS_HASHTAGS", ("Afonwy Contracts",)),
        ("ANNOUNCEMENTS_CLOSING_SOON", "yes"),
        ("SITE_PAGES_PER_PAGE", -1),
        ("CARDS_BRAND_COLOUR", "teal-ish"),
        ("CARDS_PROCESSES", 0),
    ],
)
def test_unusable_values_are_refused_naming_the_setting(name, value):
    with pytest.raises(SettingsError, match=name):
        sample_config({name: value})


def test_a_hashtags_string_is_refused_with_the_fix():
    with pytest.raises(SettingsError) as error:
        sample_config(ANNOUNCEMENTS_HASHTAGS="AfonwyContracts")
    assert str(error.value) == (
        "ANNOUNCEMENTS_HASHTAGS must be a tuple of hashtags, not the text 'AfonwyContracts': "
        "write ('AfonwyContracts',) with the comma"
    )
    assert sample_config(ANNOUNCEMENTS_HASHTAGS=["A", "B_2"]).announcements.hashtags == ("A", "B_2")


def test_every_problem_is_reported_at_once_one_line_each():
    with pytest.raises(SettingsError) as error:
        sample_config(FEEDS_MAX_ENTRIES=0, CALENDARS_ALARM="soon", NOTICES_TIMEZONE="Mars")
    lines = str(error.value).splitlines()
    assert [line.split()[0] for line in lines] == [
        "NOTICES_TIMEZONE",
        "FEEDS_MAX_ENTRIES",
        "CALENDARS_ALARM",
    ]


def test_a_misspelt_setting_is_refused_rather_than_ignored():
    with pytest.raises(SettingsError, match="FEEDS_MAX_ENTRY is not a Noticeboard setting"):
        sample_config(FEEDS_MAX_ENTRY=10)


def test_the_canonical_address_must_be_absolute():
    assert load_config({"NOTICES_SITE_URL": "https://a.example/"}).site_url == "https://a.example"
    assert load_config({"SITEURL": "https://b.example"}).site_url == "https://b.example"
    with pytest.raises(SettingsError, match="NOTICES_SITE_URL"):
        load_config({"SITEURL": ""})


def test_listing_pages_follow_pelicans_pagination_unless_set():
    assert sample_config().per_page == 20
    assert sample_config(DEFAULT_PAGINATION=10).per_page == 10
    assert sample_config(DEFAULT_PAGINATION=10, SITE_PAGES_PER_PAGE=5).per_page == 5


def test_the_clock_is_pinned_else_source_date_epoch_else_now():
    assert sample_config().clock == datetime(2026, 11, 20, 12, tzinfo=UTC)
    unpinned = {**SAMPLE, "NOTICES_CLOCK": None}
    from_epoch = load_config(unpinned, environ={"SOURCE_DATE_EPOCH": "0"})
    assert from_epoch.clock == datetime(1970, 1, 1, tzinfo=UTC)
    assert from_epoch.pinned_clock is None
    before = datetime.now(UTC)
    assert before <= load_config(unpinned, environ={}).clock <= datetime.now(UTC)
    with pytest.raises(SettingsError, match="SOURCE_DATE_EPOCH"):
        load_config(unpinned, environ={"SOURCE_DATE_EPOCH": "yesterday"})


def test_the_time_zone_and_default_language_are_the_sites():
    config = sample_config(NOTICES_TIMEZONE="Europe/Dublin", DEFAULT_LANG="cy")
    assert (config.timezone, config.default_lang) == ("Europe/Dublin", "cy")


def test_ocds_defaults_name_the_site_and_the_open_government_licence():
    ocds = sample_config().ocds
    assert ocds.publisher == {"name": SAMPLE["SITENAME"], "uri": SAMPLE["NOTICES_SITE_URL"]}
    assert ocds.license == OPEN_GOVERNMENT_LICENCE
    assert ocds.publication_policy is None
    assert ocds.ocid_prefixes == ("ocds-h6vhtk",)


def test_an_ocds_publisher_keeps_only_the_keys_it_gives():
    publisher = {"name": "Afonwy County Council", "scheme": "GB-PPON", "uid": "PQRT-4821-WXYZ"}
    assert sample_config(OCDS_PUBLISHER=publisher).ocds.publisher == publisher


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ("about/", "https://contracts.afonwy.gov.uk/about/"),
        ("https://www.afonwy.gov.uk/open-data", "https://www.afonwy.gov.uk/open-data"),
        (None, None),
    ],
)
def test_the_publication_policy_may_be_a_path_on_the_site(policy, expected):
    assert sample_config(OCDS_PUBLICATION_POLICY=policy).ocds.publication_policy == expected


def test_several_ocid_prefixes_may_be_accepted():
    ocds = sample_config(OCDS_OCID_PREFIX=["ocds-h6vhtk", "ocds-a1fnwy"]).ocds
    assert ocds.accepts("ocds-h6vhtk-0a31c7")
    assert ocds.accepts("ocds-a1fnwy-ACC-2026-0047")
    assert not ocds.accepts("ocds-b5fd17-0a31c7")
    assert not ocds.accepts("ocds-h6vhtkx-1")  # a prefix ends at its hyphen


def test_every_setting_has_help_a_kind_and_an_acceptable_default():
    defaults = {setting.name: setting.default for setting in SETTINGS}
    assert len(defaults) == len(SETTINGS) >= 20
    for setting in SETTINGS:
        assert setting.help and setting.kind.text, setting.name
    load_config({**defaults, **SAMPLE})  # every default passes its own check
