"""Pages of a listing, each at a real URL (``cpv/45/``, ``cpv/45/page/2/``...).

Real URLs keep the back button, bookmarks and links working, and pages need no JavaScript.

A listing of the newest first is an **archive**, so that a new notice does not rewrite
every page of every listing it is in: its pages are numbered from the oldest, page ``k``
holding the oldest notices ``(k-1)*per_page+1`` to ``k*per_page``, and its front page (the
listing's own URL) holds the rest, the newest, between ``per_page`` and ``2*per_page-1`` of
them (all of them in a shorter listing). A new notice changes the front page only; when the
front page would reach ``2*per_page``, its oldest ``per_page`` become the next archive page
(and the page before it gains a link to it). Each page shows the newest first, and a reader
goes back in time from the front page: Next leads to page ``A``, the newest archive page,
then ``A-1``... down to 1. A listing in order of deadline (the open opportunities, closing
soon) changes as deadlines pass whatever its numbering, so it is paged from its top.
"""

from __future__ import annotations

from dataclasses import dataclass

from plugins.notices.site import Published

from .listings import Listing

# The number of an archive's front page in ``ListingPage.numbers()`` (shown as "Latest").
FRONT = 0


@dataclass(frozen=True)
class ListingPage:
    """One page of a listing.

    In a listing paged from its top, ``number`` counts from 1 at the front page and ``count``
    is how many pages there are. In an archive, ``number`` counts archive pages from the
    oldest (``FRONT`` for the front page) and ``count`` is how many archive pages there are:
    what an archive page shows must not depend on it, or each would change as the listing
    grows.
    """

    listing: Listing
    number: int
    count: int
    items: tuple[Published, ...]
    first: int  # position of its first item, from 1: from the top, in an archive the oldest
    archive: bool = False

    @property
    def front(self) -> bool:
        """Whether this is the listing's front page, at the listing's own path."""
        return self.number == (FRONT if self.archive else 1)

    @property
    def paged(self) -> bool:
        """Whether the listing has more than this one page."""
        return self.count > (0 if self.archive else 1)

    @property
    def path(self) -> str:
        return self.path_of(self.number)

    @property
    def previous_path(self) -> str | None:
        """The page before this one for a reader: in an archive, the newer page."""
        if not self.archive:
            return self.path_of(self.number - 1) if self.number > 1 else None
        if self.front:
            return None
        return self.path_of(FRONT if self.number == self.count else self.number + 1)

    @property
    def next_path(self) -> str | None:
        """The page after this one for a reader: in an archive, the older page."""
        if not self.archive:
            return self.path_of(self.number + 1) if self.number < self.count else None
        older = self.count if self.front else self.number - 1
        return self.path_of(older) if older >= 1 else None

    @property
    def last(self) -> int:
        """Position of its last item: in an archive, counted from the oldest like ``first``."""
        return self.first + len(self.items) - 1

    def numbers(self) -> tuple[int | None, ...]:
        """Page numbers to offer in reading order, None where some are left out (GOV.UK
        pagination); an archive's go down from ``FRONT`` to 1."""
        if not self.archive:
            return page_numbers(self.number, self.count)
        return archive_numbers(self.number, self.count)

    def path_of(self, number: int) -> str:
        """The URL path of page ``number`` of this page's listing."""
        if self.archive:
            return archive_path(self.listing.path, number)
        return page_path(self.listing.path, number)


def page_path(base: str, number: int) -> str:
    """The URL path of page ``number`` of a listing paged from its top, at ``base``."""
    return base if number == 1 else f"{base}page/{number}/"


def archive_path(base: str, number: int) -> str:
    """The URL path of archive page ``number`` (``FRONT``: the listing's own, ``base``)."""
    return base if number == FRONT else f"{base}page/{number}/"


def paginate(listing: Listing, per_page: int) -> tuple[ListingPage, ...]:
    """The pages of a listing in reading order, front page first; an empty listing has one
    page. A listing of the newest first is an archive, numbered from the oldest."""
    if per_page < 1:
        raise ValueError(f"per_page must be at least 1, not {per_page}")
    if listing.by_deadline:
        return _from_the_top(listing, per_page)
    return _archive(listing, per_page)


def _from_the_top(listing: Listing, per_page: int) -> tuple[ListingPage, ...]:
    items = listing.items
    chunks = [items[i : i + per_page] for i in range(0, len(items), per_page)] or [()]
    return tuple(
        ListingPage(listing, number, len(chunks), chunk, (number - 1) * per_page + 1)
        for number, chunk in enumerate(chunks, start=1)
    )


def _archive(listing: Listing, per_page: int) -> tuple[ListingPage, ...]:
    oldest_first = listing.items[::-1]
    # Every full chunk but the newest is archived, so the front page is never short.
    count = max(len(oldest_first) // per_page - 1, 0)
    archived = count * per_page
    front = ListingPage(
        listing, FRONT, count, oldest_first[archived:][::-1], archived + 1, archive=True
    )
    pages = (
        ListingPage(
            listing,
            number,
            count,
            oldest_first[(number - 1) * per_page : number * per_page][::-1],
            (number - 1) * per_page + 1,
            archive=True,
        )
        for number in range(count, 0, -1)
    )
    return (front, *pages)


def page_numbers(current: int, count: int) -> tuple[int | None, ...]:
    """First, last, current and its neighbours; None marks a gap (shown as an ellipsis)."""
    wanted = sorted({1, count, current - 1, current, current + 1} & set(range(1, count + 1)))
    numbers: list[int | None] = []
    for number in wanted:
        if numbers and number - (numbers[-1] or 0) > 1:
            numbers.append(None)
        numbers.append(number)
    return tuple(numbers)


def archive_numbers(current: int, count: int) -> tuple[int | None, ...]:
    """``FRONT``, the current archive page and its neighbours, and page 1, newest first;
    None marks a gap. An archive page's depend only on its number and on whether it is
    the newest (``count``), so older pages keep theirs as the listing grows."""
    below: list[int | None]
    if current == FRONT:
        below = [n for n in (count, count - 1) if n >= 1]
    else:
        # A page with newer archive pages shows a gap before them, even when there is
        # only one, so that it need not change as more arrive.
        newer: list[int | None] = [None, current + 1] if current < count else []
        below = [*newer, current, *([current - 1] if current > 1 else [])]
    numbers: list[int | None] = [FRONT, *below]
    lowest = min((n for n in below if n is not None), default=1)
    if lowest > 1:
        numbers += [None, 1] if lowest > 2 else [1]
    return tuple(numbers)
