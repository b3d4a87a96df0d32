"""Following one notice or procurement from its pages: its calendar, its area, its feed."""

from __future__ import annotations

from pathlib import Path

from bs4 import Tag

from plugins.notices.derive import Status
from plugins.notices.site import Site
from plugins.site_pages.plan import plan
from tests.sites import SAMPLE_URL
from tests.theme_pages import page, site_path


def targets_in(part: Tag, from_path: str) -> list[str]:
    return [site_path(str(a["href"]), from_path) for a in part.select("a[href]")]


def test_an_open_notice_links_its_own_calendar_beside_its_deadline(
    built_sample: Path, sample_site: Site
) -> None:
    opened = [
        item
        for item in sample_site.in_language()
        if item.facets.status is Status.OPEN and item.notice.deadlines
    ]
    assert opened
    for item in opened:
        soup = page(built_sample, item.path)
        status_line = soup.select_one(".status-note").parent
        link = status_line.find("a", string="Add the deadlines to your calendar")
        assert link is not None, item.path
        assert targets_in(status_line, item.path) == [f"{item.path}deadlines.ics"]
        assert (built_sample / item.path / "deadlines.ics").is_file()


def test_a_notices_region_links_the_listing_of_its_own_area(
    built_sample: Path, sample_site: Site
) -> None:
    site_plan = plan(sample_site)
    item = next(i for i in sample_site.in_language() if i.notice.regions)
    code = item.notice.regions[0].code
    place = site_plan.region_listing(code)
    assert place is not None
    soup = page(built_sample, item.path)
    regions = soup.find("dt", string="Regions").find_next("dd")
    assert place.path in targets_in(regions, item.path)
    if site_plan.listing(f"region/{code}") is not None:
        assert place.slug == f"region/{code}"


def test_a_timeline_links_the_procurements_feed_and_calendar(
    built_sample: Path, sample_site: Site
) -> None:
    timeline = plan(sample_site).timelines[0]
    soup = page(built_sample, timeline.path)
    follow = soup.find("dt", string="Follow this procurement").find_next("dd")
    targets = targets_in(follow, timeline.path)
    ocid = timeline.ocid
    assert f"feeds/procurements/{ocid}.atom" in targets
    assert f"calendar/procurements/{ocid}.ics" in targets
    for target in (f"feeds/procurements/{ocid}.atom", f"calendar/procurements/{ocid}.ics"):
        assert (built_sample / target).is_file(), target
    shown = [code.get_text() for code in follow.select("code")]
    assert f"{SAMPLE_URL}/feeds/procurements/{ocid}.atom" in shown
