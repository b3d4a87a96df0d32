"""What ``invoke new --after`` takes from the notice a new one follows: its procurement
(ocid), buyer and lots, and a date after it, so the new notice always takes effect."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .files import notice_files
from .load import display_path, load_notice
from .model import Notice
from .source import read_source


@dataclass(frozen=True)
class Predecessor:
    """The notice followed, and its buyers as its file writes them (address and all)."""

    notice: Notice
    buyer: dict[str, Any]
    joint_buyers: list[dict[str, Any]] | None = None


def find_predecessor(given: str, notices: Path, root: Path) -> Predecessor:
    """The notice ``given`` names, a file or a notice_id under ``notices``; ValueError says
    why there is none (unknown, or not a valid notice)."""
    path = Path(given)
    if not path.is_file():
        path = _file_with_id(given, notices)
    shown = display_path(path, root)
    loaded = load_notice(path, shown)
    source, _ = read_source(path, shown)
    if loaded.notice is None or source is None:
        raise ValueError(f"--after {given}: {shown} has problems; fix them first (invoke check)")
    return Predecessor(loaded.notice, dict(source.data["buyer"]), source.data.get("joint_buyers"))


def followup_date(predecessor: Notice, clock: datetime) -> datetime:
    """``clock`` (what ``invoke new`` would use), or the moment the predecessor was published
    or last updated when that is later (a pinned clock): a follow-up at the same moment still
    takes effect, as notices of one moment are ordered by their stage, and one dated after a
    pinned clock would be scheduled rather than built."""
    return max(clock, predecessor.published, predecessor.updated)


def followup_fields(predecessor: Predecessor) -> dict[str, Any]:
    """The scaffold's ``ocid``, ``buyer``, ``joint_buyers`` and ``lots`` (ids and titles) for
    a follow-up."""
    notice = predecessor.notice
    lots = [{"id": lot.id, **({"title": lot.title} if lot.title else {})} for lot in notice.lots]
    return {
        "ocid": notice.ocid,
        "buyer": predecessor.buyer,
        "joint_buyers": predecessor.joint_buyers,
        "lots": lots or None,
    }


def _file_with_id(notice_id: str, notices: Path) -> Path:
    """The file of ``notice_id``: the English one when it is translated."""
    matches = []
    for path in notice_files(notices):
        if notice_id not in path.read_text(encoding="utf-8", errors="replace"):
            continue  # most files: not worth reading as notices
        notice = load_notice(path, path.name).notice
        if notice is not None and notice.notice_id == notice_id:
            matches.append((notice.lang != "en", path))
    if not matches:
        raise ValueError(f"--after {notice_id}: no notice file, and no notice with that notice_id")
    return min(matches)[1]
