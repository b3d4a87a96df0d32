"""What a card says, and its alt text saying the same."""

from __future__ import annotations

from dataclasses import replace

from plugins.cards import card_alt, card_path
from plugins.cards.text import card_text
from plugins.notices.site import Published, Site


def _item(site: Site, path: str) -> Published:
    return next(item for item in site.notices if item.path == path)


def test_card_lives_beside_the_notice_page(sample_site: Site):
    english = _item(sample_site, "notices/library-stock-supply/")
    welsh = _item(sample_site, "cy/notices/library-stock-supply/")
    assert card_path(english) == "notices/library-stock-supply/card.png"
    assert card_path(welsh) == "cy/notices/library-stock-supply/card.png"


def test_an_open_tender_shows_its_deadline_with_the_time_zone(sample_site: Site):
    text = card_text(_item(sample_site, "notices/highway-resurfacing-framework/"))
    assert text.caption == "Tender notice"
    assert text.status == "Open"
    assert text.buyer == "Buyer: Afonwy County Council"
    assert text.when == "Tender deadline: Friday 4 December 2026, 12:00pm (GMT)"


def test_cancelled_and_awarded_notices_say_what_happened(sample_site: Site):
    cancelled = card_text(_item(sample_site, "notices/ev-charge-points-procurement-termination/"))
    assert cancelled.status == "Cancelled" and cancelled.when.startswith("Cancelled on ")
    awarded = card_text(_item(sample_site, "notices/translation-services-contract-award/"))
    assert awarded.status == "Awarded" and awarded.when.startswith("Contract awarded on ")


def test_alt_text_is_the_cards_words_as_sentences(sample_site: Site):
    item = _item(sample_site, "notices/highway-resurfacing-framework/")
    assert card_alt(item) == (
        "Tender notice, open. "
        f"{item.notice.title}. "
        "Buyer: Afonwy County Council. "
        "Tender deadline: Friday 4 December 2026, 12:00pm (GMT)."
    )


def test_alt_text_does_not_double_a_full_stop(sample_site: Site):
    item = _item(sample_site, "notices/highway-resurfacing-framework/")
    asked = replace(item, notice=replace(item.notice, title="Do we need new bins?"))
    assert "Do we need new bins? Buyer:" in card_alt(asked)
