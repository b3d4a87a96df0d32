"""Notice pages in a real build of the sample site: facts, banners, languages, link cards."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image

from plugins.cards import card_alt
from plugins.notices.site import Published, Site
from plugins.site_pages.plan import plan
from tests.sites import SAMPLE_URL
from tests.theme_pages import link_targets, meta, page, site_path, summary

HIGHWAY = "notices/highway-resurfacing-framework/"


def _item(site: Site, path: str) -> Published:
    return next(item for item in site.notices if item.path == path)


def test_key_facts_summary_list(built_sample: Path):
    facts = summary(page(built_sample, HIGHWAY))
    assert facts["Status"] == "Open"
    assert facts["Notice type"] == "Tender notice (UK4)"
    assert facts["Buyer"].startswith("Afonwy County Council")
    assert facts["Estimated value"] == "£18,000,000 excluding VAT (£21,600,000 including VAT)"
    assert facts["Tender deadline"] == "Friday 4 December 2026, 12:00pm (GMT)"
    # Moved by the notice's first change, so the old value is beside the new one.
    assert facts["Clarification questions by"] == (
        "Friday 27 November 2026, 5:00pm (GMT) (was Friday 20 November 2026, 5:00pm (GMT))"
    )
    assert "45233142-6 Road-repair works" in facts["CPV codes"]
    assert facts["Regions"] == "South West Wales ( TLL14 )"
    assert facts["Procedure"] == "Open"
    assert facts["Lots"] == "3 lots"
    assert facts["Documents"] == "Invitation to tender and specification"
    assert facts["How to respond"].startswith("How to respond by Friday 4 December 2026")
    assert facts["Find a Tender"] == "Notice 031877-2026 on Find a Tender"


def test_fact_links_lead_to_listings_timeline_and_find_a_tender(built_sample: Path):
    soup = page(built_sample, HIGHWAY)
    targets = link_targets(soup, HIGHWAY, "#notice-key-facts + dl")
    assert "cpv/45/" in targets and "region/TLL14/" in targets  # its own area's listing
    assert "buyer/afonwy-county-council/" in targets
    assert "procurements/ocds-h6vhtk-0a31c7/" in targets
    hrefs = [a["href"] for a in soup.select("#notice-key-facts + dl a")]
    assert "https://www.find-tender.service.gov.uk/Notice/031877-2026" in hrefs
    internal = [href for href in hrefs if not href.startswith(("https:", "mailto:", "tel:", "#"))]
    assert len(internal) >= 5
    for href in internal:
        assert (built_sample / site_path(href, HIGHWAY) / "index.html").is_file(), href


def test_changes_history(built_sample: Path):
    changes = page(built_sample, HIGHWAY).select("#notice-changes + ol > li")
    assert [li["value"] for li in changes] == ["1", "2"]
    assert "Clarification deadline moved" in changes[0].get_text()
    assert "(formal change)" in changes[1].get_text()
    # Each change lists the fields it moved, old → new.
    assert "20 November 2026, 5:00pm (GMT) → Friday 27 November 2026" in changes[0].get_text()


def test_an_open_notice_has_no_status_banner(built_sample: Path):
    """Only the banner saying it was changed (tests/test_change_display.py)."""
    banners = page(built_sample, HIGHWAY).select(".banner")
    assert [banner["class"] for banner in banners] == [["banner", "banner--changed"]]


@pytest.mark.parametrize(
    ("path", "title", "words"),
    [
        ("notices/refuse-collection-vehicles-tender/", "Closed", "You can no longer respond"),
        ("notices/ev-charge-points-tender/", "Cancelled", "has been cancelled"),
        ("notices/ev-charge-points-procurement-termination/", "Cancelled", "was cancelled on"),
        ("notices/school-meals-tender/", "Awarded", "A contract has been awarded"),
        ("notices/translation-services-contract-award/", "Awarded", "was awarded on"),
        ("notices/community-meals-contract-termination/", "Closed", "was terminated on"),
    ],
)
def test_banner_says_why_a_notice_no_longer_takes_responses(
    built_sample: Path, path: str, title: str, words: str
):
    (banner,) = page(built_sample, path).select(".banner:not(.banner--changed)")
    assert banner.h2.get_text(strip=True) == title
    assert words in banner.get_text()
    assert banner["role"] == "region" and banner["aria-labelledby"] == banner.h2["id"]


def test_welsh_and_english_pages_name_each_other_and_their_language(built_sample: Path):
    pair = {
        "en": "notices/library-stock-supply/",
        "cy": "cy/notices/library-stock-supply/",
    }
    expected = {lang: f"{SAMPLE_URL}/{path}" for lang, path in pair.items()}
    for lang, path in pair.items():
        soup = page(built_sample, path)
        assert soup.html["lang"] == lang
        alternates = {
            link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")
        }
        assert alternates == expected
        visible = soup.select(".translations a[hreflang]")
        assert [a["hreflang"] for a in visible] == [other for other in pair if other != lang]
    welsh = page(built_sample, pair["cy"])
    # The theme's words are Welsh too (theme.po), so the header is not marked English.
    assert not welsh.select_one(".site-header").has_attr("lang")
    assert meta(welsh, "og:locale") == "cy_GB"


def test_open_graph_and_twitter_card_meta_use_absolute_urls(built_sample: Path, sample_site: Site):
    soup = page(built_sample, HIGHWAY)
    item = _item(sample_site, HIGHWAY)
    assert meta(soup, "og:title") == item.notice.title
    assert meta(soup, "og:description") == item.notice.summary
    assert meta(soup, "og:url") == f"{SAMPLE_URL}/{HIGHWAY}"
    assert soup.select_one("link[rel=canonical]")["href"] == f"{SAMPLE_URL}/{HIGHWAY}"
    assert meta(soup, "og:image") == f"{SAMPLE_URL}/{HIGHWAY}card.png"
    assert (meta(soup, "og:image:width"), meta(soup, "og:image:height")) == ("1200", "630")
    assert meta(soup, "og:image:alt") == card_alt(item)
    assert meta(soup, "twitter:card") == "summary_large_image"
    assert meta(soup, "twitter:image") == meta(soup, "og:image")


def test_every_notice_page_shows_a_card_that_exists(built_sample: Path, sample_site: Site):
    pages = {sample_site.page_of(i, lang) for i in sample_site.notices for lang in ("en", "cy")}
    for path in pages:
        image = meta(page(built_sample, path), "og:image")
        data = (built_sample / image.removeprefix(f"{SAMPLE_URL}/")).read_bytes()
        assert len(data) <= 1_000_000
        assert Image.open(io.BytesIO(data)).size == (1200, 630)


def test_an_old_closed_notice_shows_the_sites_card_and_has_none_of_its_own(built_sample: Path):
    # Awarded in September 2025: more than CARDS_RECENT_DAYS (365) before the sample's clock.
    old = "notices/school-meals-tender/"
    assert not (built_sample / old / "card.png").exists()
    assert not (built_sample / "cy" / old / "card.png").exists()
    soup = page(built_sample, old)
    assert meta(soup, "og:image") == meta(soup, "twitter:image") == f"{SAMPLE_URL}/card.png"
    assert meta(soup, "og:image:alt").startswith("Afonwy County Council contract opportunities.")
    welsh = page(built_sample, f"cy/{old}")
    assert meta(welsh, "og:image") == f"{SAMPLE_URL}/cy/card.png"
    assert (built_sample / HIGHWAY / "card.png").is_file()  # open: its own card


def test_every_announcement_names_a_card_the_build_drew(built_sample: Path):
    feed = json.loads((built_sample / "announcements.json").read_bytes())
    cards = [
        card
        for item in feed["announcements"]
        for card in (item["card"], *(version["card"] for version in item["versions"]))
    ]
    assert {card["image"] for card in cards} >= {"card.png", "cy/card.png"}
    for card in cards:
        assert (built_sample / card["image"]).is_file(), card["image"]
        assert card["image_url"] == f"{SAMPLE_URL}/{card['image']}"


def test_feed_discovery_names_every_feed_the_notice_is_in(built_sample: Path, sample_site: Site):
    soup = page(built_sample, HIGHWAY)
    feeds = plan(sample_site).feeds_of(_item(sample_site, HIGHWAY).path)
    atom = [
        link["href"] for link in soup.select('link[rel=alternate][type="application/atom+xml"]')
    ]
    rss = [link["href"] for link in soup.select('link[rel=alternate][type="application/rss+xml"]')]
    assert atom == [f"{SAMPLE_URL}/{feed.atom_path}" for feed in feeds]
    assert rss == [f"{SAMPLE_URL}/{feed.rss_path}" for feed in feeds]
    assert {"all", "open", "cpv/45", "region/TLL"} <= {feed.slug for feed in feeds}


def test_follow_section_links_timeline_calendar_data_and_feeds(built_sample: Path):
    targets = link_targets(page(built_sample, HIGHWAY), HIGHWAY, ".follow")
    assert "procurements/ocds-h6vhtk-0a31c7/" in targets
    assert f"{HIGHWAY}deadlines.ics" in targets
    assert "ocds/procurements/ocds-h6vhtk-0a31c7.json" in targets
    assert "feeds/cpv/45.atom" in targets and "feeds/cpv/45.rss" in targets


def test_only_the_notice_itself_is_indexed_for_search(built_sample: Path):
    soup = page(built_sample, HIGHWAY)
    (body,) = soup.select("[data-pagefind-body]")
    assert body.name == "article" and body.h1.get_text() == soup.h1.get_text()
    assert soup.select_one(".follow").has_attr("data-pagefind-ignore")
