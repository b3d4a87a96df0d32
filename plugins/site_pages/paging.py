"""Pages of a listing, each at a real URL (``cpv/45/``, ``cpv/45/page/2/``...).

Real URLs keep the back button, bookmarks and links working, and pages need no JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass

from plugins.notices.site import Published

from .listings import Listing


@dataclass(frozen=True)
class ListingPage:
    """One page of a listing."""

    listing: Listing
    number: int  # from 1
    count: int  # how many pages the listing has (at least 1, even when empty)
    items: tuple[Published, ...]
    first: int  # position of the first item in the whole listing, from 1

    @property
    def path(self) -> str:
        return page_path(self.listing.path, self.number)

    @property
    def previous_path(self) -> str | None:
        return page_path(self.listing.path, self.number - 1) if self.number > 1 else None

    @property
    def next_path(self) -> str | None:
        return page_path(self.listing.path, self.number + 1) if self.number < self.count else None

    @property
    def last(self) -> int:
        return self.first + len(self.items) - 1

    def numbers(self) -> tuple[int | None, ...]:
        """Page numbers to offer, None where some are left out (GOV.UK pagination)."""
        return page_numbers(self.number, self.count)

    def path_of(self, number: int) -> str:
        return page_path(self.listing.path, number)


def page_path(base: str, number: int) -> str:
    """The URL path of page ``number`` of a listing whose first page is at ``base``."""
    return base if number == 1 else f"{base}page/{number}/"


def paginate(listing: Listing, per_page: int) -> tuple[ListingPage, ...]:
    """The pages of a listing, ``per_page`` notices each; an empty listing has one page."""
    if per_page < 1:
        raise ValueError(f"per_page must be at least 1, not {per_page}")
    chunks = [listing.items[i : i + per_page] for i in range(0, len(listing.items), per_page)]
    chunks = chunks or [()]
    return tuple(
        ListingPage(listing, number, len(chunks), chunk, (number - 1) * per_page + 1)
        for number, chunk in enumerate(chunks, start=1)
    )


def page_numbers(current: int, count: int) -> tuple[int | None, ...]:
    """First, last, current and its neighbours; None marks a gap (shown as an ellipsis)."""
    wanted = sorted({1, count, current - 1, current, current + 1} & set(range(1, count + 1)))
    numbers: list[int | None] = []
    for number in wanted:
        if numbers and number - (numbers[-1] or 0) > 1:
            numbers.append(None)
        numbers.append(number)
    return tuple(numbers)
