"""Find a Tender first: a regulated notice waits until it links to its Find a Tender copy.

The Procurement Act 2023 has every notice it regulates published on the central digital
platform, Find a Tender, before anywhere else: a council's page, feed or post must follow
and link to it. The notice's ``find_a_tender`` field is the evidence that it is there. Until
a notice has it, NOTICES_FIND_A_TENDER_FIRST says what happens (``Mode``). Notices under
earlier or devolved rules (PCR 2015, the Scottish regulations) went to OJEU/TED, Contracts
Finder or a devolved portal, and many can have no Find a Tender copy, so none is held.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from .model import LegalBasis, Notice
from .problems import Problem
from .source import NoticeSource, read_source

REASON = "waiting for its Find a Tender link"
FIX = "publish it on Find a Tender, then add find_a_tender: {notice_id, url}"


class Mode(StrEnum):
    """What happens to a regulated notice that has no Find a Tender link yet."""

    HOLD_NOTICE = "hold-notice"  # no page, feed entry, open data or announcement
    HOLD_ANNOUNCEMENTS = "hold-announcements"  # page, feeds and data built; not announced
    ERROR = "error"  # `invoke check` and the build fail
    OFF = "off"  # no guard: published and announced as any other notice


HOLDING = (Mode.HOLD_NOTICE, Mode.HOLD_ANNOUNCEMENTS)
_HELD_BECAUSE = {
    Mode.HOLD_NOTICE: "so this one stays off the site and is not announced",
    Mode.HOLD_ANNOUNCEMENTS: "so this one's page is built but it is not announced",
}


@dataclass(frozen=True)
class Held:
    """A notice held back until it has its Find a Tender link.

    ``notice`` is its version in the site's default language when there is one.
    ``on_site`` is True when only its announcements wait (HOLD_ANNOUNCEMENTS).
    """

    notice: Notice
    on_site: bool


def regulated(legal_basis: str) -> bool:
    """Whether the law has the notice on Find a Tender first: the Procurement Act's notices."""
    return legal_basis == LegalBasis.PA2023


def waiting(notice: Notice) -> bool:
    """A regulated notice without its Find a Tender link."""
    return notice.find_a_tender is None and regulated(notice.legal_basis)


def waiting_ids(notices: Iterable[Notice], clock: datetime) -> set[str]:
    """Ids of notices due by ``clock`` of which any language version is waiting.

    A notice is held in every language at once: its versions are one notice, and a
    translation cannot stand without its original. Notices scheduled for later are not
    due yet, so they are left to the schedule.
    """
    return {n.notice_id for n in notices if n.published <= clock and waiting(n)}


def off_site(notices: Iterable[Notice], the_mode: Mode, clock: datetime) -> set[str]:
    """Ids of the notices the build leaves out: held whole, or wrong in ERROR mode."""
    if the_mode in (Mode.HOLD_NOTICE, Mode.ERROR):
        return waiting_ids(notices, clock)
    return set()


def held(
    notices: Iterable[Notice], the_mode: Mode, clock: datetime, default_lang: str = "en"
) -> tuple[Held, ...]:
    """The notices the mode holds back, one per notice id, oldest first."""
    if the_mode not in HOLDING:
        return ()
    notices = list(notices)
    ids = waiting_ids(notices, clock)
    chosen: dict[str, Notice] = {}
    for notice in sorted(notices, key=lambda n: (n.lang != default_lang, n.lang)):
        if notice.notice_id in ids:
            chosen.setdefault(notice.notice_id, notice)
    on_site = the_mode is Mode.HOLD_ANNOUNCEMENTS
    ordered = sorted(chosen.values(), key=lambda n: (n.published, n.notice_id))
    return tuple(Held(notice, on_site) for notice in ordered)


def problem(source: NoticeSource, the_mode: Mode) -> Problem | None:
    """What check and build say about a notice file without its link (None: nothing to say)."""
    data = source.data
    basis = data.get("legal_basis", LegalBasis.PA2023.value)
    if the_mode is Mode.OFF or "find_a_tender" in data:
        return None
    if not regulated(basis):
        return None
    at = ("legal_basis",) if "legal_basis" in source.data else ("notice_type",)
    if the_mode is Mode.ERROR:
        message = f"a {basis} notice must carry its Find a Tender link: it goes there first"
        return source.problem(at, message, FIX)
    message = (
        f"held: a {basis} notice goes on Find a Tender first, {_HELD_BECAUSE[the_mode]} "
        "until it carries its Find a Tender link"
    )
    found = source.problem(at, message, FIX)
    return Problem(found.path, found.line, found.field, found.message, found.fix, warning=True)


def file_problem(path: Path, display_path: str, the_mode: Mode) -> Problem | None:
    """``problem`` for a file already known to be a valid notice."""
    source, _ = read_source(path, display_path)
    return problem(source, the_mode) if source is not None else None
