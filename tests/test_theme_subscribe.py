"""The Subscribe page in a real build: every address in full, and its finder in Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from plugins.notices.site import Site
from plugins.site_pages.plan import plan
from tests.checks.browser import Browsing, browsing
from tests.sites import SAMPLE_URL, as_built
from tests.theme_pages import page


@pytest.fixture(scope="module")
def tab(built_sample: Path, chromium_browser: Browser) -> Iterator[Browsing]:
    with browsing(built_sample, chromium_browser) as tab:
        yield tab


def test_every_feed_and_calendar_address_is_shown_in_full(
    built_sample: Path, sample_site: Site
) -> None:
    soup = page(built_sample, "subscribe/")
    shown = [code.get_text() for code in soup.select("code.address__value")]
    expected = [
        f"{SAMPLE_URL}/{path}"
        for _, _, subs in plan(as_built(sample_site)).subscription_groups()
        for sub in subs
        for _, path in sub.paths()
    ]
    assert shown == [f"{SAMPLE_URL}/feeds/feeds.opml", *expected]
    # Each address has its label beside it, and the page says how to copy it without a button.
    for code in soup.select("code.address__value"):
        label = code.find_previous_sibling("span", class_="address__label")
        assert label is not None and label.get_text().endswith(":")
    assert "select the whole address and copy it" in soup.main.get_text()


def test_the_title_names_the_council(built_sample: Path) -> None:
    soup = page(built_sample, "subscribe/")
    assert soup.h1.get_text() == "Subscribe to notices from Afonwy County Council"
    assert "Afonwy County Council" in soup.title.get_text()


def test_the_finder_is_hidden_without_javascript_and_offers_every_choice(
    built_sample: Path, sample_site: Site
) -> None:
    soup = page(built_sample, "subscribe/")
    builder = soup.select_one("#builder")
    assert builder is not None and builder.has_attr("hidden")
    options = builder.select("#builder-choice option")
    groups = plan(as_built(sample_site)).subscription_groups()
    slugs = [sub.slug for _, _, subs in groups for sub in subs]
    assert [option["value"] for option in options] == slugs


def test_the_finder_gives_the_address_of_the_chosen_feed_or_calendar(tab: Browsing) -> None:
    tab.open("/subscribe/")
    page_ = tab.page
    assert page_.locator("#builder").is_visible()
    page_.select_option("#builder-choice", "cpv/45")
    assert page_.input_value("#builder-address") == f"{SAMPLE_URL}/feeds/cpv/45.atom"
    page_.check("input[name=builder-format][value=ics]")
    assert page_.input_value("#builder-address") == f"{SAMPLE_URL}/calendar/cpv/45.ics"
    page_.select_option("#builder-choice", "value/over-10m")
    assert page_.input_value("#builder-address") == ""
    assert "no calendar" in (page_.text_content("#builder-note") or "")


def test_javascript_adds_a_copy_button_after_each_address(tab: Browsing) -> None:
    tab.open("/subscribe/")
    codes = tab.page.locator("[data-copy]").count()
    buttons = tab.page.locator("button.address__copy")
    assert buttons.count() == codes > 0
    name = buttons.first.evaluate("(b) => b.textContent")
    assert name.startswith("Copy") and "OPML file address" in name
