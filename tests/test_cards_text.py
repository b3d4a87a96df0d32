"""What a card says, and its alt text saying the same."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

import pytest

from plugins.cards import card_alt, card_path
from plugins.cards.text import card_text
from plugins.notices.codes import DeadlineKind, NoticeType
from plugins.notices.derive import Status
from plugins.notices.formatting import deadline_label, notice_type_label, status_label
from plugins.notices.site import Published, Site

# Every English word a card writes around a notice's own title and buyer.
ENGLISH = sorted(
    {
        *(notice_type_label(kind, "en") for kind in NoticeType),
        *(status_label(status, "en") for status in Status),
        *(deadline_label(kind, "en") for kind in DeadlineKind),
        "Buyer",
        "Published",
        "Cancelled on",
        "Contract awarded on",
        "Contracts awarded on",
        "Contracts awarded from",
        "Contract terminated on",
        "expected",
        *[
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
        ],
        *[
            "November",
            "December",
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ],
        "pm",
        "am",
    }
)


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


def test_a_notice_of_several_awards_says_when_they_were_made(sample_site: Site):
    item = _item(sample_site, "notices/translation-services-contract-award/")
    (award,) = item.notice.awards
    later = replace(award, date=award.date + timedelta(days=1))
    both = replace(item, notice=replace(item.notice, awards=(award, award)))
    assert card_text(both).when == card_text(item).when.replace("Contract ", "Contracts ")
    apart = replace(item, notice=replace(item.notice, awards=(later, award)))
    assert card_text(apart).when == card_text(item).when.replace(
        "Contract awarded on", "Contracts awarded from"
    )
    welsh = card_text(apart, lang="cy").when
    assert welsh.startswith("Dyfarnwyd y contractau o ") and welsh.endswith(" ymlaen")


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


def _words_around_the_notice(item: Published, lang: str) -> list[str]:
    """The card's and its alt text's words but the notice's own title and buyer name."""
    card = card_text(item, lang=lang)
    buyer = item.notice.buyer.name
    alt = card_alt(item, lang=lang).replace(item.notice.title, "").replace(buyer, "")
    return [card.caption, card.status, card.buyer.replace(buyer, ""), card.when, alt]


@pytest.mark.parametrize("lang", ["cy"])
def test_a_welsh_readers_card_has_no_english_word(sample_site: Site, lang: str):
    """Every notice's card for a Welsh reader: the Welsh translation's, or Welsh words around
    the English notice's title."""
    for item in sample_site.notices:
        words = " ".join(_words_around_the_notice(item, lang))
        found = [word for word in ENGLISH if re.search(rf"\b{re.escape(word)}\b", words)]
        assert found == [], f"{item.path}: {words}"


def test_the_welsh_translations_card_is_in_welsh(sample_site: Site):
    text = card_text(_item(sample_site, "cy/notices/library-stock-supply/"))
    assert (text.caption, text.status) == ("Hysbysiad tendro", "Ar agor")
    assert text.buyer == "Prynwr: Cyngor Sir Afonwy"
    assert text.when == "Terfyn amser tendro: Dydd Gwener 11 Rhagfyr 2026, 12:00 (GMT)"


def test_an_english_notice_for_a_welsh_reader_keeps_its_title(sample_site: Site):
    item = _item(sample_site, "notices/highway-resurfacing-framework/")
    text = card_text(item, lang="cy")
    assert text.title == item.notice.title
    assert text.when == "Terfyn amser tendro: Dydd Gwener 4 Rhagfyr 2026, 12:00 (GMT)"
