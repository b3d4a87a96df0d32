"""Find a Tender first in the site and its announcements: what is held, and how adding the link
releases it into its thread.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from plugins.notices.check import notice_files
from plugins.notices.find_a_tender_first import (
    Mode,
    held,
    off_site,
)
from plugins.notices.load import load_notice
from tests import find_a_tender_support
from tests.find_a_tender_support import (
    CLOCK,
    ENGAGEMENT,
    OCID,
    REASON,
    TENDER,
    TENDER_TITLE,
    announcements_of,
    by_id,
    site_of,
    tender,
    write,
)
from tests.sites import SAMPLE_URL

content = find_a_tender_support.content  # a shared fixture


# What is held


def test_a_held_notice_is_held_in_every_language_once(content: Path) -> None:
    welsh = tender(linked=True, lang="cy", title="Atgyweirio llwybrau troed 2027 i 2030")
    write(content, "footway-repairs.cy", welsh)
    notices = [load_notice(path, path.name).notice for path in notice_files(content)]
    [only] = held(notices, Mode.HOLD_NOTICE, CLOCK)
    assert (only.notice.notice_id, only.notice.lang, only.on_site) == (TENDER, "en", False)
    assert off_site(notices, Mode.HOLD_NOTICE, CLOCK) == {TENDER}
    assert off_site(notices, Mode.HOLD_ANNOUNCEMENTS, CLOCK) == set()
    assert held(notices, Mode.HOLD_ANNOUNCEMENTS, CLOCK)[0].on_site
    assert held(notices, Mode.ERROR, CLOCK) == held(notices, Mode.OFF, CLOCK) == ()


def test_a_scheduled_notice_is_not_held_before_it_is_due(content: Path) -> None:
    write(content, "footway-repairs", tender(published="2026-11-25T09:00:00+00:00"))
    notices = [load_notice(path, path.name).notice for path in notice_files(content)]
    assert held(notices, Mode.HOLD_NOTICE, CLOCK) == ()
    assert len(held(notices, Mode.HOLD_NOTICE, datetime.fromisoformat("2026-11-26T00:00Z"))) == 1


def test_a_new_site_for_held_keeps_its_own_procurement_index(content: Path) -> None:
    site = site_of(content, Mode.HOLD_ANNOUNCEMENTS)
    other = replace(site, held=())
    assert other.procurement(OCID) == site.procurement(OCID) and len(site.procurement(OCID)) == 2
    assert other._by_ocid is not site._by_ocid


# announcements.json


def test_hold_notice_lists_it_by_id_alone_and_announces_nothing_of_it(content: Path) -> None:
    data = announcements_of(site_of(content, Mode.HOLD_NOTICE))
    assert data["held"] == [{"id": TENDER, "title": None, "url": None, "reason": REASON}]
    assert list(by_id(data)) == [f"{ENGAGEMENT}/published", f"{ENGAGEMENT}/change/1"]
    assert TENDER_TITLE not in json.dumps(data)


def test_hold_announcements_names_the_page_and_threads_around_it(content: Path) -> None:
    site = site_of(content, Mode.HOLD_ANNOUNCEMENTS)
    assert [item.notice.notice_id for item in site.notices] == [ENGAGEMENT, TENDER]
    data = announcements_of(site)
    assert data["held"] == [
        {
            "id": TENDER,
            "title": TENDER_TITLE,
            "url": f"{SAMPLE_URL}/notices/footway-repairs/",
            "reason": REASON,
        }
    ]
    items = by_id(data)
    assert list(items) == [f"{ENGAGEMENT}/published", f"{ENGAGEMENT}/change/1"]
    assert items[f"{ENGAGEMENT}/change/1"]["replies_to"] == f"{ENGAGEMENT}/published"


def test_changes_to_a_held_notice_wait_too(content: Path) -> None:
    change = [{"date": "2026-11-12T10:00:00+00:00", "summary": "Lot 2 added."}]
    write(content, "footway-repairs", tender(changes=change))
    for the_mode in (Mode.HOLD_NOTICE, Mode.HOLD_ANNOUNCEMENTS):
        assert not any(
            i.startswith(TENDER) for i in by_id(announcements_of(site_of(content, the_mode)))
        )
    write(content, "footway-repairs", tender(linked=True, changes=change))
    items = by_id(announcements_of(site_of(content, Mode.HOLD_NOTICE)))
    assert items[f"{TENDER}/change/1"]["replies_to"] == f"{TENDER}/published"


def test_adding_the_link_releases_it_into_its_thread(content: Path) -> None:
    write(content, "footway-repairs", tender(linked=True))
    data = announcements_of(site_of(content, Mode.HOLD_NOTICE))
    assert data["held"] == []
    items = by_id(data)
    assert list(items) == [
        f"{ENGAGEMENT}/published",
        f"{TENDER}/published",
        f"{ENGAGEMENT}/change/1",
    ]
    assert items[f"{TENDER}/published"]["replies_to"] == f"{ENGAGEMENT}/published"
    assert items[f"{TENDER}/published"]["thread"] == f"{ENGAGEMENT}/published"


def test_off_announces_it_as_any_other(content: Path) -> None:
    data = announcements_of(site_of(content, Mode.OFF))
    assert data["held"] == [] and f"{TENDER}/published" in by_id(data)
