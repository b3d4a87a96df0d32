"""``invoke change``: find the notice named, change one field and record the change."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from plugins.config import Config
from plugins.notices.amend import Amended, AmendError, Amendment, amend_file
from plugins.notices.bulk import read_notices
from plugins.notices.files import notice_files
from plugins.notices.load import display_path
from plugins.notices.scaffold import new_notice_date
from plugins.notices.store import NoticeStore


@dataclass(frozen=True)
class ChangeRequest:
    notice: str  # its id or file
    field: str
    to: str
    reason: str
    formal: bool = False
    correction: bool = False


def run_change(request: ChangeRequest, config: Config, root: Path, notices: Path) -> list[str]:
    """Make the change, dated now (or at the site's pinned clock); the lines to print."""
    when, clock_note = new_notice_date(config.pinned_clock)
    amendment = Amendment(
        request.field, request.to, request.reason, when, request.formal, request.correction
    )
    made = change(request.notice, amendment, notices, root, config.default_lang)
    old, new = made.amended.old, made.amended.new
    dated = f" (dated {when.isoformat()}: the NOTICES_CLOCK set in pelicanconf.py)"
    lines = [
        f"Changed {made.path}: {request.field} from {old} to {new}{dated if clock_note else ''}"
    ]
    lines += [
        f"{other} is another version of it: change it the same way, with the reason in its language"
        for other in made.other_versions
    ]
    return [*lines, "Check it, then commit: invoke check"]


@dataclass(frozen=True)
class ChangeMade:
    path: str  # the file changed
    amended: Amended
    other_versions: tuple[str, ...]  # the notice's other language versions, left to the buyer


def change(
    notice: str, amendment: Amendment, notices: Path, root: Path, default_lang: str
) -> ChangeMade:
    """Change the field in the notice's file in ``default_lang`` (or the file named)."""
    given = Path(notice)
    if given.suffix == ".md" and given.is_file():
        found = [(given, default_lang)]
    else:
        found = _versions(notice, notices, root)
    found.sort(key=lambda pair: (pair[1] != default_lang, str(pair[0])))
    first = found[0][0]
    shown = display_path(first, root)
    amended = amend_file(first, shown, amendment)
    others = tuple(display_path(path, root) for path, _ in found[1:])
    return ChangeMade(shown, amended, others)


def _versions(notice_id: str, notices: Path, root: Path) -> list[tuple[Path, str]]:
    files = notice_files(notices)
    named = [(path, display_path(path, root)) for path in files]
    reads = read_notices(named, store=NoticeStore(None), with_html=False)
    found = [
        (path, read.loaded.notice.lang)
        for path, read in zip(files, reads, strict=True)
        if read.loaded.notice is not None and read.loaded.notice.notice_id == notice_id
    ]
    if not found:
        raise AmendError(f"no notice has the id {notice_id}: give its notice_id or its file")
    return found
