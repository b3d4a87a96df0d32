"""Every card of a site: paths, parallel drawing and the cache give the same bytes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from plugins.cards import cards as cards_module
from plugins.cards.cards import site_cards
from plugins.cards.render import render
from plugins.cards.text import card_text
from plugins.notices.site import Site

WELSH_NAME = "Cyfleoedd contract Cyngor Sir Afonwy"


@pytest.fixture(scope="module")
def drawn(sample_site: Site) -> dict[str, bytes]:
    return dict(site_cards(sample_site))


def test_one_card_per_notice_beside_its_page(sample_site: Site, drawn: dict[str, bytes]):
    # Each notice's own, one for a reader of each of the site's languages, and the site's.
    pages = {item.path for item in sample_site.notices} | {
        sample_site.page_of(item, lang)
        for item in sample_site.notices
        for lang in sample_site.languages
    }
    assert sorted(drawn) == sorted(["card.png", *(f"{page}card.png" for page in pages)])
    assert all(data.startswith(b"\x89PNG\r\n\x1a\n") for data in drawn.values())


def test_a_welsh_reader_gets_a_card_in_welsh_with_the_sites_welsh_name(sample_site: Site):
    site = replace(sample_site, languages=("en", "cy"), names=(("cy", WELSH_NAME),))
    chosen = {"notices/library-stock-supply/", "cy/notices/library-stock-supply/"}
    chosen.add("notices/highway-resurfacing-framework/")
    small = replace(site, notices=tuple(item for item in site.notices if item.path in chosen))
    drawn = dict(site_cards(small))
    assert sorted(drawn) == [
        "card.png",
        "cy/card.png",
        "cy/notices/highway-resurfacing-framework/card.png",
        "cy/notices/library-stock-supply/card.png",
        "notices/highway-resurfacing-framework/card.png",
        "notices/library-stock-supply/card.png",
    ]
    by_path = {item.path: item for item in small.notices}
    welsh = by_path["cy/notices/library-stock-supply/"]
    english_only = by_path["notices/highway-resurfacing-framework/"]
    host = small.host
    assert drawn["cy/notices/library-stock-supply/card.png"] == render(
        card_text(welsh, small.timezone), site_name=WELSH_NAME, host=host
    )
    assert drawn["cy/notices/highway-resurfacing-framework/card.png"] == render(
        card_text(english_only, small.timezone, "cy"), site_name=WELSH_NAME, host=host
    )
    assert drawn["notices/highway-resurfacing-framework/card.png"] == render(
        card_text(english_only, small.timezone), site_name=small.name, host=host
    )


def test_parallel_drawing_gives_the_same_bytes(
    sample_site: Site, drawn: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(cards_module, "PARALLEL_FROM", 2)
    assert dict(site_cards(sample_site, processes=2)) == drawn


def test_the_cache_is_filled_then_used(
    sample_site: Site, drawn: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    assert dict(site_cards(sample_site, cache_path=tmp_path)) == drawn
    assert len(list(tmp_path.rglob("*.png"))) == len(set(drawn.values()))

    def refuse(job: object) -> bytes:
        raise AssertionError("a cached card was drawn again")

    monkeypatch.setattr(cards_module, "draw", refuse)
    assert dict(site_cards(sample_site, cache_path=tmp_path)) == drawn
