"""Every card of a site: paths, parallel drawing and the cache give the same bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugins.cards import cards as cards_module
from plugins.cards.cards import site_cards
from plugins.notices.site import Site


@pytest.fixture(scope="module")
def drawn(sample_site: Site) -> dict[str, bytes]:
    return dict(site_cards(sample_site))


def test_one_card_per_notice_beside_its_page(sample_site: Site, drawn: dict[str, bytes]):
    assert sorted(drawn) == sorted(f"{item.path}card.png" for item in sample_site.notices)
    assert all(data.startswith(b"\x89PNG\r\n\x1a\n") for data in drawn.values())


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
