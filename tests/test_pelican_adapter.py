"""The Pelican adapter (plugins/pelican_adapter): in-process builds of a small site."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pelican import Pelican, signals
from pelican.log import LimitFilter
from pelican.settings import read_settings

from plugins.cards.text import card_alt
from plugins.config import SettingsError
from plugins.notices.site import Site
from plugins.pelican_adapter.languages import READER_VALUES
from plugins.pelican_adapter.outputs import CARDS, FILES
from plugins.pelican_adapter.settings import CONFIG_KEY, site_config
from tests.sites import cache_beside

ROOT = Path(__file__).parent.parent
SETTINGS = ROOT / "pelicanconf.py"
# What the theme reads, and nothing more: READER_VALUES holds each language's SITE_PAGES,
# PROCUREMENT_FEEDS and PROCUREMENT_CALENDARS, put in place before each page is written.
TEMPLATE_KEYS = {
    "NOTICES_SITE",
    "NOTICES_CLOCK_DISPLAY",
    "SITE_PAGES",
    "SITE_PLANS",
    "SITE_CALENDARS",
    "PROCUREMENT_FEEDS",
    "PROCUREMENT_CALENDARS",
    "LANGUAGE_VERSIONS",
    READER_VALUES,
}
ARTICLE_EXTRAS = {"facets", "calendars", "card", "card_alt"}


@pytest.fixture
def content(tmp_path: Path, sample_text: str) -> Path:
    folder = tmp_path / "content" / "notices" / "2026"
    folder.mkdir(parents=True)
    (folder / "highway.md").write_text(sample_text, encoding="utf-8")
    return tmp_path / "content"


def build(content: Path, output: Path, **settings: Any) -> dict[str, Any]:
    """Build in this process; return the article generator's context once pages are written."""
    found: dict[str, Any] = {}

    def keep(generator: Any, writer: Any) -> None:
        found.update(generator.context)
        found["articles"] = [*generator.articles, *generator.translations]

    override = {"PATH": str(content), "OUTPUT_PATH": str(output)}
    override |= {"CACHE_PATH": str(cache_beside(output)), **settings}
    settings = read_settings(str(SETTINGS), override=override)
    pelican = Pelican(settings)
    found["settings"] = set(settings)
    signals.article_writer_finalized.connect(keep)
    try:
        pelican.run()
    finally:
        signals.article_writer_finalized.disconnect(keep)
    return found


@pytest.fixture
def logged(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    # Pelican's loggers drop a message already logged in this process (LimitFilter), so a
    # line an earlier build in the same test run logged would be missing here.
    LimitFilter._raised_messages.clear()
    LimitFilter._ignore.clear()
    with caplog.at_level(logging.INFO, logger="plugins"):
        yield caplog


def test_templates_get_the_site_and_what_they_read(content: Path, tmp_path: Path):
    context = build(content, tmp_path / "out")
    assert isinstance(context["NOTICES_SITE"], Site)
    added = {key for key in set(context) - context["settings"] if key.isupper()}
    assert added == TEMPLATE_KEYS
    [article] = context["articles"]
    assert set(vars(article)) >= ARTICLE_EXTRAS
    assert not {"feeds", "procurement"} & set(vars(article))


def test_each_procurement_s_feed_and_calendar_are_given_to_the_timeline(
    content: Path, tmp_path: Path
):
    context = build(content, tmp_path / "out")
    [item] = context["NOTICES_SITE"].notices
    feed = context["PROCUREMENT_FEEDS"][item.notice.ocid]
    calendar = context["PROCUREMENT_CALENDARS"][item.notice.ocid]
    assert (tmp_path / "out" / feed.atom_path).is_file()
    assert (tmp_path / "out" / feed.rss_path).is_file()
    assert (tmp_path / "out" / calendar.path).is_file()


def test_outputs_are_written_in_a_fixed_order(content: Path, tmp_path: Path, logged):
    build(content, tmp_path / "out")
    wrote = [r.getMessage() for r in logged.records if r.getMessage().startswith("Wrote")]
    order = [name for name, _ in FILES] + ["site pages", "sitemap", CARDS[0]]
    assert [next(n for n in order if n in line) for line in wrote] == order


def test_the_configured_time_zone_reaches_the_site(content: Path, tmp_path: Path):
    context = build(content, tmp_path / "out", NOTICES_TIMEZONE="America/New_York")
    site = context["NOTICES_SITE"]
    assert site.timezone == "America/New_York"
    [article], [item] = context["articles"], site.notices
    assert article.card_alt == card_alt(item, "America/New_York") != card_alt(item)
    calendar = (tmp_path / "out" / "calendar" / "deadlines.ics").read_text(encoding="utf-8")
    assert "X-WR-TIMEZONE:America/New_York" in calendar


def test_translations_are_judged_against_the_default_language(
    content: Path, tmp_path: Path, sample_text: str, logged
):
    welsh_first = sample_text.replace("legal_basis: PA2023", "legal_basis: PA2023\nlang: cy")
    (content / "notices" / "2026" / "highway.md").write_text(welsh_first, encoding="utf-8")
    context = build(content, tmp_path / "out", DEFAULT_LANG="cy")
    assert [r.getMessage() for r in logged.records if r.levelno >= logging.ERROR] == []
    assert [item.lang for item in context["NOTICES_SITE"].notices] == ["cy"]
    assert (tmp_path / "out" / "notices" / "highway" / "index.html").is_file()


def test_a_bad_setting_stops_the_build_before_anything_is_read(content: Path, tmp_path: Path):
    with pytest.raises(SettingsError) as error:
        build(
            content, tmp_path / "out", ANNOUNCEMENTS_HASHTAGS="AfonwyContracts", FEEDS_MAX_ENTRIES=0
        )
    assert str(error.value).splitlines() == [
        "FEEDS_MAX_ENTRIES must be a whole number of 1 or more, not 0",
        "ANNOUNCEMENTS_HASHTAGS must be a tuple of hashtags, not the text 'AfonwyContracts': "
        "write ('AfonwyContracts',) with the comma",
    ]
    assert not (tmp_path / "out").exists()
    assert not cache_beside(tmp_path / "out").exists()


def test_check_and_build_read_the_same_configuration():
    settings = read_settings(str(SETTINGS))
    Pelican(settings)  # start-up checks the settings and keeps the Config
    assert settings[CONFIG_KEY] == site_config(SETTINGS)
