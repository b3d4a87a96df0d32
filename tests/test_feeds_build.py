"""Feed files of a site: order, feed dates, links, RFC 5005 paging, the changes feed."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest

from plugins.config import FeedOptions
from plugins.feeds.build import compose, feed_entries, feed_files
from plugins.feeds.catalogue import OPML_PATH, procurement_feeds, site_feeds
from plugins.notices.site import Site
from tests.checks.feeds import problems

BASE = "https://contracts.afonwy.gov.uk"


def feed(site: Site, slug: str):
    return next(f for f in site_feeds(site) if f.slug == slug)


@pytest.fixture(scope="module")
def paged(sample_site: Site) -> dict[str, bytes]:
    """The sample's feeds with 10 entries a page: 'all' (35 English notices) has 4 pages."""
    return dict(feed_files(sample_site, FeedOptions(max_entries=10)))


def test_every_feed_has_both_formats_and_the_opml(sample_site):
    files = dict(feed_files(sample_site, FeedOptions()))
    feeds = [*site_feeds(sample_site), *procurement_feeds(sample_site).values()]
    expected = {f.atom_path for f in feeds} | {f.rss_path for f in feeds}
    assert set(files) == expected | {OPML_PATH}


def test_notice_entries_are_newest_first(sample_site):
    entries = feed_entries(feed(sample_site, "all"), sample_site, compose(sample_site, "2026"))
    published = [e.published for e in entries]
    assert published == sorted(published, reverse=True)
    assert entries[0].id.endswith("ACC-2026-0047/en")


def test_changes_feed_is_changes_awards_and_cancellations_newest_first(sample_site):
    entries = feed_entries(feed(sample_site, "changes"), sample_site, compose(sample_site, "2026"))
    kinds = [e.id.split(":", 2)[2].split("/", 2)[2] for e in entries]
    assert "published" not in kinds
    assert kinds[0] == "change/1"  # school transport, changed on 16 November
    assert [e.updated for e in entries] == sorted((e.updated for e in entries), reverse=True)


def test_feed_updated_is_its_newest_entry(sample_site):
    files = dict(feed_files(sample_site, FeedOptions()))
    parsed = feedparser.parse(files["feeds/type/award.atom"])
    newest = max(datetime(*e.updated_parsed[:6], tzinfo=UTC) for e in parsed.entries)
    assert datetime(*parsed.feed.updated_parsed[:6], tzinfo=UTC) == newest


def test_an_empty_feed_is_dated_by_the_build_clock(sample_site):
    """Every value band has a feed, even one no notice is in yet."""
    files = dict(feed_files(sample_site, FeedOptions()))
    empty = [p for p, data in files.items() if p.endswith(".atom") and b"<entry>" not in data]
    assert empty, "the sample site should have an empty feed to check"
    for path in empty:
        parsed = feedparser.parse(files[path])
        assert parsed.bozo == 0
        assert parsed.feed.updated == "2026-11-20T12:00:00+00:00"


def test_feed_links_self_and_home_page(sample_site):
    files = dict(feed_files(sample_site, FeedOptions()))
    for fmt in ("atom", "rss"):
        parsed = feedparser.parse(files[f"feeds/cpv/45.{fmt}"])
        links = {link.rel: link.href for link in parsed.feed.links}
        assert links == {"self": f"{BASE}/feeds/cpv/45.{fmt}", "alternate": f"{BASE}/"}
        assert parsed.feed.title == (
            "Afonwy County Council contract opportunities \N{EN DASH} CPV 45: Construction work"
        )
        assert parsed.feed.language == "en"


def test_welsh_feed_is_in_welsh(sample_site):
    files = dict(feed_files(sample_site, FeedOptions()))
    parsed = feedparser.parse(files["feeds/cy/all.atom"])
    assert parsed.feed.title.endswith("\N{EN DASH} Pob hysbysiad (Cymraeg)")
    assert parsed.feed.language == "cy"
    (entry,) = parsed.entries
    assert entry.link == f"{BASE}/cy/notices/library-stock-supply/"


def test_pages_hold_every_entry_once_the_open_ones_first_then_newest_first(sample_site, paged):
    pages = []
    for number, path in enumerate(
        ["feeds/all.atom", "feeds/all/page-2.atom", "feeds/all/page-3.atom"], 1
    ):
        parsed = feedparser.parse(paged[path])
        assert len(parsed.entries) == 10
        assert parsed.feed.title.endswith(f"(page {number} of 4)")
        pages.append([e.id for e in parsed.entries])
    last = feedparser.parse(paged["feeds/all/page-4.atom"])
    pages.append([e.id for e in last.entries])
    whole = [
        e.id
        for e in feed_entries(feed(sample_site, "all"), sample_site, compose(sample_site, "2026"))
    ]
    # The sample's 10 open notices fill the first page, whatever their age.
    open_ids = [e for e in whole if e in compose(sample_site, "2026").open]
    assert len(open_ids) == 10
    assert pages[0] == open_ids
    later = [e for page in pages[1:] for e in page]
    assert later == [e for e in whole if e not in open_ids]
    assert len(whole) == 35


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_pages_link_first_previous_next_last(paged, fmt):
    def links(path):
        parsed = feedparser.parse(paged[path])
        assert parsed.bozo == 0
        return {link.rel: link.href for link in parsed.feed.links if link.rel != "alternate"}

    def page(number):
        return f"{BASE}/feeds/all.{fmt}" if number == 1 else f"{BASE}/feeds/all/page-{number}.{fmt}"

    assert links(f"feeds/all.{fmt}") == {
        "self": page(1),
        "first": page(1),
        "last": page(4),
        "next": page(2),
    }
    assert links(f"feeds/all/page-2.{fmt}") == {
        "self": page(2),
        "first": page(1),
        "last": page(4),
        "previous": page(1),
        "next": page(3),
    }
    assert links(f"feeds/all/page-4.{fmt}") == {
        "self": page(4),
        "first": page(1),
        "last": page(4),
        "previous": page(3),
    }


def test_an_unpaged_feed_has_no_paging_links(paged):
    parsed = feedparser.parse(paged["feeds/cy/all.atom"])
    assert {link.rel for link in parsed.feed.links} == {"self", "alternate"}


def test_paged_output_passes_the_feed_checks(paged, tmp_path: Path):
    for path, data in paged.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(data)
    assert problems(tmp_path) == []


def test_same_site_same_bytes(sample_site):
    assert dict(feed_files(sample_site, FeedOptions())) == dict(
        feed_files(sample_site, FeedOptions())
    )
