"""Pages of a listing at real URLs, with GOV.UK-style page numbers."""

from __future__ import annotations

import pytest

from plugins.notices.site import Site
from plugins.site_pages.listings import Listing
from plugins.site_pages.paging import page_numbers, page_path, paginate


def _listing(site: Site, path: str = "cpv/45/", count: int | None = None) -> Listing:
    items = site.in_language()[:count]
    return Listing(
        path=path, slug=path.strip("/"), title="T", description="D", lang="en", items=items
    )


def test_first_page_is_the_listing_itself_later_pages_have_their_own_folder():
    assert page_path("cpv/45/", 1) == "cpv/45/"
    assert page_path("cpv/45/", 3) == "cpv/45/page/3/"
    assert page_path("", 2) == "page/2/"


def test_pages_split_the_items_in_order_without_loss(sample_site: Site):
    listing = _listing(sample_site)
    pages = paginate(listing, 10)
    assert [len(page.items) for page in pages] == [10, 10, 10, 5]
    assert tuple(i for page in pages for i in page.items) == listing.items
    assert [page.path for page in pages] == [
        "cpv/45/",
        "cpv/45/page/2/",
        "cpv/45/page/3/",
        "cpv/45/page/4/",
    ]
    assert (pages[1].first, pages[1].last) == (11, 20)


def test_previous_and_next_link_neighbours_only(sample_site: Site):
    first, second, third = paginate(_listing(sample_site, "", 25), 10)
    assert (first.previous_path, first.next_path) == (None, "page/2/")
    assert (second.previous_path, second.next_path) == ("", "page/3/")
    assert (third.previous_path, third.next_path) == ("page/2/", None)


def test_an_empty_listing_still_has_one_page(sample_site: Site):
    (page,) = paginate(_listing(sample_site, count=0), 20)
    assert page.items == () and page.count == 1 and page.next_path is None


def test_per_page_must_be_positive(sample_site: Site):
    with pytest.raises(ValueError, match="at least 1"):
        paginate(_listing(sample_site), 0)


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
