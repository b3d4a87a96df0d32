"""The OPML list: every feed in both formats, titled, grouped by facet."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from plugins.feeds.catalogue import site_feeds
from plugins.feeds.opml import opml

BASE = "https://contracts.afonwy.gov.uk"


def test_lists_every_feed_in_both_formats_with_titles(sample_site):
    feeds = site_feeds(sample_site)
    root = ET.fromstring(opml(sample_site, feeds))
    assert root.get("version") == "2.0"
    subscriptions = [o for o in root.iter("outline") if o.get("xmlUrl")]
    assert [o.get("xmlUrl") for o in subscriptions] == [
        f"{BASE}/{feed.path(fmt)}" for feed in feeds for fmt in ("atom", "rss")
    ]
    for outline in subscriptions:
        assert outline.get("type") == "rss"
        assert outline.get("text") == outline.get("title")
        assert outline.get("text").endswith(("(Atom)", "(RSS)"))
        assert outline.get("htmlUrl") == f"{BASE}/"


def test_groups_feeds_by_facet(sample_site):
    root = ET.fromstring(opml(sample_site, site_feeds(sample_site)))
    sections = [o.get("text") for o in root.find("body")]
    assert sections == [
        "Notices",
        "By notice type",
        "By CPV division",
        "By region",
        "By buyer",
        "By value",
        "Cymraeg",
    ]
    welsh = root.find("body")[-1]
    assert [o.get("language") for o in welsh] == ["cy", "cy"]


def test_head_has_a_title_and_no_build_time(sample_site):
    root = ET.fromstring(opml(sample_site, site_feeds(sample_site)))
    assert root.findtext("head/title").startswith("Feeds")
    assert root.find("head/dateCreated") is None
    assert root.find("head/dateModified") is None
