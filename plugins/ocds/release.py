"""One notice as OCDS 1.1.5 releases: the notice itself, then one release per change.

Noticeboard keeps only the current state of a notice, so each of its releases carries the
notice as it stands now; a change release adds the amendments made up to that change.
Each section of a release is built by its own module (tender, awards, documents…).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from plugins.notices.model import Change
from plugins.notices.site import Published

from .amendments import amendments
from .awards import awards, contracts
from .codes import NOTICE_TAG, SECTION, Section, change_tag
from .compact import Json, compact
from .context import Context, release_id
from .documents import documents
from .extensions import extensions_used
from .parties import buyer_id, parties
from .related import related_processes
from .tender import planning, tender
from .values import when

__all__ = ["Context", "Release", "notice_releases", "release_id"]


@dataclass(frozen=True)
class Release:
    """A release and what packages need to know about it without reading its JSON."""

    ocid: str
    id: str
    date: datetime
    modified: datetime  # when the notice behind it was last edited
    data: Json = field(compare=False)
    extensions: frozenset[str] = frozenset()


def notice_releases(item: Published, context: Context) -> list[Release]:
    """The notice's own release, then one release per entry of its ``changes`` list."""
    notice = item.notice
    own = _release(item, context, release_id(notice.notice_id), notice.published)
    return [own, *(_change_release(item, context, change) for change in notice.changes)]


def _change_release(item: Published, context: Context, change: Change) -> Release:
    notice = item.notice
    return _release(
        item,
        context,
        release_id(notice.notice_id, change.number),
        change.date,
        tag=change_tag(notice.notice_type, change.formal),
        changes=notice.changes[: change.number],
    )


def _release(
    item: Published,
    context: Context,
    this_id: str,
    at: datetime,
    tag: str | None = None,
    changes: tuple[Change, ...] = (),
) -> Release:
    notice = item.notice
    the_tender, the_awards = tender(notice, context), awards(notice, context)
    the_contracts = contracts(notice, context)
    home = {Section.AWARD: the_awards, Section.CONTRACT: the_contracts}.get(
        SECTION[notice.notice_type]
    )
    target = home[0] if home else the_tender
    target["documents"] = documents(item, context)
    target.update(compact({"amendments": amendments(notice, changes, context)}))
    data = compact(
        {
            "ocid": notice.ocid,
            "id": this_id,
            "date": when(at),
            "tag": [tag or NOTICE_TAG[notice.notice_type]],
            "initiationType": "tender",
            "language": notice.lang,
            "parties": parties(notice),
            "buyer": {"id": buyer_id(notice), "name": notice.buyer.name},
            "planning": planning(notice, context),
            "tender": the_tender,
            "awards": the_awards,
            "contracts": the_contracts,
            "relatedProcesses": related_processes(notice),
        }
    )
    return Release(notice.ocid, this_id, at, notice.updated, data, extensions_used(data))
