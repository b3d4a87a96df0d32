"""Procurement timelines: every notice of an ocid and its changes, oldest first."""

from __future__ import annotations

from plugins.notices.site import Site
from plugins.site_pages.timelines import timeline, timeline_path, timelines

SCHOOL_MEALS = "ocds-h6vhtk-1b2e40"


def test_paths_by_language():
    assert timeline_path("ocds-x-1", "en", "en") == "procurements/ocds-x-1/"
    assert timeline_path("ocds-x-1", "cy", "en") == "cy/procurements/ocds-x-1/"


def test_one_timeline_per_procurement_and_language(sample_site: Site):
    found = timelines(sample_site)
    keys = [(t.ocid, t.lang) for t in found]
    assert len(keys) == len(set(keys))
    assert set(keys) == {(i.notice.ocid, i.lang) for i in sample_site.notices}
    assert sum(len(t.items) for t in found) == len(sample_site.notices)


def test_notices_in_order_from_market_engagement_to_contract_change(sample_site: Site):
    meals = timeline(sample_site, SCHOOL_MEALS, "en")
    types = [item.notice.notice_type.value for item in meals.items]
    assert types == ["UK2", "UK3", "UK4", "UK6", "UK7", "UK10"]
    assert meals.title == "School meals catering service 2026\u20132030"
    assert meals.latest.notice.notice_type.value == "UK10"


def test_changes_sit_between_notices_in_date_order(sample_site: Site):
    for found in timelines(sample_site):
        moments = [moment.at for moment in found.moments]
        assert moments == sorted(moments)
        changes = sum(len(item.notice.changes) for item in found.items)
        assert len(found.moments) == len(found.items) + changes
        for moment in found.moments:
            assert moment.at >= moment.item.notice.published
