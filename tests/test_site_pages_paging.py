"""Pages of a listing at real URLs: a listing of the newest first is an archive numbered
from the oldest, so that a new notice changes its front page and at most one archive page;
a listing by deadline is paged from its top. GOV.UK-style page numbers for both."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.notices.site import Published, Site
from plugins.site_files.sitemap import locations
from plugins.site_pages.listings import Listing
from plugins.site_pages.paging import (
    FRONT,
    ListingPage,
    archive_numbers,
    archive_path,
    page_numbers,
    page_path,
    paginate,
)
from plugins.site_pages.plan import plan

BASE = "cpv/45/"


def _listing(
    items: tuple[Published, ...], path: str = BASE, *, by_deadline: bool = False
) -> Listing:
    slug = path.strip("/")
    return Listing(path, slug, "T", "D", "en", items, by_deadline=by_deadline)


def _notices(site: Site, count: int) -> tuple[Published, ...]:
    """``count`` distinct notices, newest first: the sample's, again at other paths when more
    are wanted; ``_notices(site, n + 1)`` is ``_notices(site, n)`` with one newer in front."""
    sample = site.in_language()
    oldest_first = (
        dataclasses.replace(sample[n % len(sample)], path=f"notices/n{n}/") for n in range(count)
    )
    return tuple(oldest_first)[::-1]


def _shown(pages: tuple[ListingPage, ...]) -> dict[str, tuple[Published, ...]]:
    return {page.path: page.items for page in pages}


def _links(pages: tuple[ListingPage, ...]) -> dict[str, tuple[object, ...]]:
    """What each page shows besides its notices: its links and its position."""
    return {
        page.path: (page.previous_path, page.next_path, page.numbers(), page.first, page.last)
        for page in pages
    }


def test_later_pages_have_their_own_folder():
    assert page_path(BASE, 1) == BASE
    assert page_path(BASE, 3) == "cpv/45/page/3/"
    assert page_path("", 2) == "page/2/"
    assert archive_path(BASE, FRONT) == BASE
    assert archive_path(BASE, 1) == "cpv/45/page/1/"


def test_an_archive_is_numbered_from_the_oldest_with_the_newest_in_front(sample_site: Site):
    items = _notices(sample_site, 45)
    front, *archive = paginate(_listing(items), 10)
    assert [page.path for page in (front, *archive)] == [
        BASE,
        "cpv/45/page/3/",
        "cpv/45/page/2/",
        "cpv/45/page/1/",
    ]
    # The front page holds what is not in a full chunk, and the newest full chunk.
    assert front.items == items[:15]
    assert (front.first, front.last) == (31, 45)
    assert archive[-1].items == items[35:]
    assert (archive[-1].first, archive[-1].last) == (1, 10)
    assert [page.previous_path for page in archive] == [BASE, "cpv/45/page/3/", "cpv/45/page/2/"]
    assert front.next_path == "cpv/45/page/3/" and archive[-1].next_path is None


def test_a_short_listing_is_all_on_its_front_page(sample_site: Site):
    (page,) = paginate(_listing(_notices(sample_site, 19)), 10)
    assert page.front and not page.paged and len(page.items) == 19
    assert (page.previous_path, page.next_path) == (None, None)


def test_a_listing_by_deadline_is_paged_from_its_top(sample_site: Site):
    listing = _listing(_notices(sample_site, 35), "", by_deadline=True)
    pages = paginate(listing, 10)
    assert [len(page.items) for page in pages] == [10, 10, 10, 5]
    assert tuple(i for page in pages for i in page.items) == listing.items
    assert [page.path for page in pages] == ["", "page/2/", "page/3/", "page/4/"]
    assert (pages[1].first, pages[1].last) == (11, 20)
    first, second, *_, last = pages
    assert (first.previous_path, first.next_path) == (None, "page/2/")
    assert (second.previous_path, second.next_path) == ("", "page/3/")
    assert (last.previous_path, last.next_path) == ("page/3/", None)


@pytest.mark.parametrize("by_deadline", [False, True])
def test_an_empty_listing_still_has_one_page(by_deadline: bool):
    (page,) = paginate(_listing((), by_deadline=by_deadline), 20)
    assert page.items == () and page.front and not page.paged
    assert page.path == BASE and page.next_path is None


def test_per_page_must_be_positive(sample_site: Site):
    with pytest.raises(ValueError, match="at least 1"):
        paginate(_listing(_notices(sample_site, 3)), 0)


@pytest.mark.parametrize(
    ("current", "count", "numbers"),
    [
        (1, 1, (1,)),
        (1, 3, (1, 2, 3)),
        (1, 10, (1, 2, None, 10)),
        (5, 10, (1, None, 4, 5, 6, None, 10)),
        (3, 10, (1, 2, 3, 4, None, 10)),
        (10, 10, (1, None, 9, 10)),
    ],
)
def test_page_numbers_show_ends_and_neighbours(current: int, count: int, numbers: tuple):
    assert page_numbers(current, count) == numbers


@pytest.mark.parametrize(
    ("current", "count", "numbers"),
    [
        (FRONT, 0, (FRONT,)),
        (FRONT, 1, (FRONT, 1)),
        (FRONT, 5, (FRONT, 5, 4, None, 1)),
        (5, 5, (FRONT, 5, 4, None, 1)),
        (4, 5, (FRONT, None, 5, 4, 3, None, 1)),
        (3, 5, (FRONT, None, 4, 3, 2, 1)),
        (1, 5, (FRONT, None, 2, 1)),
        (1, 1, (FRONT, 1)),
    ],
)
def test_archive_numbers_go_back_in_time_from_the_latest(current: int, count: int, numbers):
    assert archive_numbers(current, count) == numbers


@settings(max_examples=300, deadline=None)
@given(size=st.integers(0, 160), per_page=st.integers(1, 25))
def test_a_new_notice_changes_the_front_page_and_at_most_one_archive_page(
    sample_site: Site, size: int, per_page: int
):
    before = paginate(_listing(_notices(sample_site, size)), per_page)
    after = paginate(_listing(_notices(sample_site, size + 1)), per_page)
    old, new = _shown(before), _shown(after)
    assert old.keys() <= new.keys()  # no address goes away
    changed = {path for path in new if old.get(path) != new[path]}
    assert len(changed - {BASE}) <= 1
    # Besides its notices, only the page that used to be the newest archive page changes:
    # its Previous link now leads to the new one.
    newest = before[1].path if len(before) > 1 else None
    moved = {path for path, links in _links(before).items() if _links(after)[path] != links}
    assert moved - {BASE} <= {newest}


@settings(max_examples=300, deadline=None)
@given(size=st.integers(0, 160), per_page=st.integers(1, 25))
def test_every_notice_is_on_one_page_in_order_and_the_links_chain_the_pages(
    sample_site: Site, size: int, per_page: int
):
    items = _notices(sample_site, size)
    pages = paginate(_listing(items), per_page)
    assert tuple(item for page in pages for item in page.items) == items
    front, *archive = pages
    assert front.number == FRONT and front.path == BASE
    assert [page.number for page in archive] == list(range(len(archive), 0, -1))
    assert all(len(page.items) == per_page for page in archive)
    assert len(front.items) < 2 * per_page
    assert len(front.items) >= per_page or not archive
    for page in archive:
        assert (page.first, page.last) == ((page.number - 1) * per_page + 1, page.number * per_page)
    assert (front.first, front.last) == (len(archive) * per_page + 1, size)
    paths = [page.path for page in pages]
    assert len(set(paths)) == len(paths)
    assert [page.next_path for page in pages] == [*paths[1:], None]
    assert [page.previous_path for page in pages] == [None, *paths[:-1]]
    for page in pages:
        offered = [page.path_of(number) for number in page.numbers() if number is not None]
        assert page.path in offered and set(offered) <= set(paths)


def test_an_archive_page_changed_in_the_sitemap_when_its_notices_did(sample_site: Site):
    site_plan = plan(sample_site)
    listing = site_plan.listing("all")
    assert listing is not None
    lastmod = {location.path: location.lastmod for location in locations(site_plan, 5)}
    newest = max(item.notice.updated for item in sample_site.notices)
    assert lastmod["notices/"] == newest
    oldest = listing.items[-5:]
    assert lastmod["notices/page/1/"] == max(item.notice.updated for item in oldest)
    assert lastmod["notices/page/1/"] < newest
