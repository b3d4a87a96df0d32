"""``invoke new``: a new notice file, dated now (or at NOTICES_CLOCK), or after the notice it
follows (``--after``), written through the core's scaffold."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from plugins.config import Config
from plugins.notices.followup_scaffold import find_predecessor, followup_date, followup_fields
from plugins.notices.scaffold import new_notice_date, parse_type_and_value, write_new_notice


class NewNoticeError(Exception):
    """What stops ``invoke new``, said so the buyer can act on it."""


@dataclass(frozen=True)
class Written:
    path: Path
    published: datetime
    note: str  # why it has that date, when not plainly now


def write_new(
    config: Config,
    content: Path,
    root: Path,
    notice_type: str,
    title: str,
    *,
    after: str = "",
    value: str = "",
    **fields: str,
) -> Written:
    """Write the notice (``fields``: summary, ocid, find_a_tender); NewNoticeError says why not."""
    try:
        kind, amount = parse_type_and_value(notice_type, value)
        now, note = new_notice_date(config.pinned_clock)
        given: dict[str, object] = {name: text for name, text in fields.items() if text}
        if after:
            now, note, given = _after(after, content, root, now, given, pinned=bool(note))
        path = write_new_notice(content, kind, title, now, value=amount, **given)
    except ValueError as error:
        raise NewNoticeError(str(error)) from None
    except FileExistsError as error:
        raise NewNoticeError(f"{error.filename} already exists: choose another title") from None
    return Written(path, now, note)


def _after(
    after: str, content: Path, root: Path, now: datetime, given: dict[str, object], *, pinned: bool
) -> tuple[datetime, str, dict[str, object]]:
    """The date, note and fields of a notice following ``after`` (a file or a notice_id)."""
    predecessor = find_predecessor(after, content / "notices", root)
    copied = followup_fields(predecessor)
    if given.get("ocid", copied["ocid"]) != copied["ocid"]:
        raise ValueError(f"--ocid {given['ocid']} is not the ocid of --after {after}")
    date = followup_date(predecessor.notice, now)
    note = f" (published {date.isoformat()}: after {predecessor.notice.notice_id}, whose ocid, buyer and lots it copies"
    if pinned and date > now:  # a notice after the build's clock is scheduled, not built
        note += f"; the build publishes it once NOTICES_CLOCK ({now.isoformat()}) reaches it"
    return date, note + ")", {**given, **copied}
