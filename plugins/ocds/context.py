"""What a notice's releases need from the rest of its procurement, and how releases are named."""

from __future__ import annotations

from dataclasses import dataclass

from plugins.notices.site import Published, Site


@dataclass(frozen=True)
class Context:
    """What a notice's releases need from the rest of its procurement."""

    site: Site
    award_id: str | None = None  # the procurement's award (see docs/open-data.md)
    previous_release: str | None = None  # the procurement's last release before this notice
    translations: tuple[Published, ...] = ()


def release_id(notice_id: str, change: int | None = None) -> str:
    """``<notice-id>`` for the notice, ``<notice-id>-change-<n>`` for its n-th change."""
    return notice_id if change is None else f"{notice_id}-change-{change}"
