"""Which notices have a card of their own, and which card a page or a post shows."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from plugins.cards import CardChoice
from plugins.cards.cards import site_cards
from plugins.cards.render import render_site
from plugins.cards.text import card_alt, site_card_text
from plugins.notices.site import Published, Site
from tests.sites import as_built

YEAR = timedelta(days=365)
# Awarded in September 2025, more than a year before the sample's clock (20 November 2026).
OLD = "notices/school-meals-tender/"
# Planned since May 2025: still ahead of suppliers.
OLD_BUT_PLANNED = "notices/refuse-vehicle-replacement-pipeline/"
RECENT = "notices/highway-resurfacing-framework/"


@pytest.fixture(scope="module")
def site(sample_site: Site) -> Site:
    return as_built(sample_site)


def by_path(site: Site, path: str) -> Published:
    return next(item for item in site.notices if item.path == path)


def test_a_closed_notice_older_than_the_window_shows_the_sites_card(site: Site):
    choice = CardChoice(site, YEAR)
    old = by_path(site, OLD)
    assert site.clock - old.notice.updated > YEAR
    assert not choice.own(old)
    assert choice.shown(old).path == "card.png"
    assert choice.shown(old, "cy").path == "cy/card.png"
    assert choice.shown(old).alt == (
        "Afonwy County Council contract opportunities. "
        "Procurement notices: opportunities, awards and changes."
    )
    assert choice.shown(old, "cy").alt == (
        "Cyfleoedd contract Cyngor Sir Afonwy. "
        "Hysbysiadau caffael: cyfleoedd, dyfarniadau a newidiadau."
    )


def test_recent_planned_and_open_notices_keep_their_own(site: Site):
    choice = CardChoice(site, YEAR)
    for path in (RECENT, OLD_BUT_PLANNED):
        item = by_path(site, path)
        assert choice.own(item)
        assert choice.shown(item).path == f"{path}card.png"
        assert choice.shown(item, "cy").path == f"cy/{path}card.png"
        assert choice.shown(item).alt == card_alt(item, site.timezone)


def test_an_old_notice_changed_within_the_window_gets_its_card_back(site: Site):
    old = by_path(site, OLD)
    changed = replace(old, notice=replace(old.notice, updated=site.clock - timedelta(days=3)))
    edited = replace(site, notices=tuple(changed if i is old else i for i in site.notices))
    assert CardChoice(edited, YEAR).shown(changed).path == f"{OLD}card.png"


def test_a_notice_and_its_translation_agree(site: Site):
    choice = CardChoice(site, timedelta(days=0))
    welsh = by_path(site, "cy/notices/library-stock-supply/")
    english = by_path(site, "notices/library-stock-supply/")
    assert choice.own(welsh) == choice.own(english)


def test_without_a_window_every_notice_has_its_own(site: Site):
    choice = CardChoice(site, None)
    assert all(choice.own(item) for item in site.notices)


def test_the_drawn_cards_are_exactly_those_shown(site: Site):
    choice = CardChoice(site, YEAR)
    drawn = dict(site_cards(site, choice=choice))
    shown = {choice.shown(item, lang).path for item in site.notices for lang in site.languages}
    assert set(drawn) == shown
    assert f"{OLD}card.png" not in drawn and f"cy/{OLD}card.png" not in drawn
    assert drawn["cy/card.png"] == render_site(site_card_text(site, "cy"), host=site.host)
    assert drawn["card.png"] != drawn["cy/card.png"]
    # Only the old, closed notices lost theirs.
    everything = dict(site_cards(site))
    assert set(drawn) - {"card.png", "cy/card.png"} < set(everything)
