"""A release's amendments: the contract change (UK10) or dynamic market membership change
(UK15) itself, then each change to the notice."""

from __future__ import annotations

from plugins.notices.change_text import change_lines
from plugins.notices.model import Change, Notice

from . import dynamic_market
from .compact import Json, compact
from .context import Context, release_id
from .former import former_values
from .parties import party_id
from .values import when


def amendments(notice: Notice, changes: tuple[Change, ...], context: Context) -> list[Json]:
    """The contract change itself (UK10), then each change to the notice up to this one."""
    result = []
    if notice.modification:
        result.append(
            compact(
                {
                    "id": notice.notice_id,
                    "date": when(notice.published),
                    "rationale": notice.modification.grounds,
                    "description": notice.modification.description,
                    "amendsReleaseID": context.previous_release,
                    "releaseID": notice.notice_id,
                }
            )
        )
    membership = dynamic_market.modification(notice, party_id)
    if membership:
        result.append(membership)
    previous = notice.notice_id
    for change in changes:
        this_id = release_id(notice.notice_id, change.number)
        result.append(_change(notice, change, context, previous, this_id))
        previous = this_id
    return result


def _change(notice: Notice, change: Change, context: Context, previous: str, this_id: str) -> Json:
    """A change to the notice: its reason, what it changed (old → new) and the values before."""
    lines = change_lines(change, notice, zone=context.site.timezone, lang=notice.lang)
    return compact(
        {
            "id": this_id,
            "date": when(change.date),
            "rationale": change.summary,
            "description": "; ".join(lines) or change.summary,
            "amendsReleaseID": previous,
            "releaseID": this_id,
            "changes": former_values(change),
        }
    )
