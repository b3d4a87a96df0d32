"""The Find a Tender first story: an announced UK2 engagement notice and its UK4 tender notice,
not on Find a Tender yet, and what the build makes of them without Pelican.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, FormatChecker

from plugins.contract import SCHEMA
from plugins.notices.check import notice_files
from plugins.notices.find_a_tender_first import (
    Mode,
    held,
    off_site,
)
from plugins.notices.load import load_notice
from plugins.notices.site import Site, assemble
from plugins.opendata.announcements import announcements
from tests.notice_factory import REMOVE, notice_data, notice_text
from tests.sites import SAMPLE_URL

CLOCK = datetime.fromisoformat("2026-11-20T12:00:00+00:00")
OCID = "ocds-h6vhtk-0b0801"
ENGAGEMENT, TENDER = "ACC-2026-0801", "ACC-2026-0802"
TENDER_TITLE = "Footway repairs 2027 to 2030"
LINK = {
    "notice_id": "043001-2026",
    "url": "https://www.find-tender.service.gov.uk/Notice/043001-2026",
}
REASON = "waiting for its Find a Tender link"
FIX = "publish it on Find a Tender, then add find_a_tender: {notice_id, url}"


def engagement() -> dict[str, Any]:
    """A UK2 with its link, and a change dated after the tender notice."""
    return notice_data(
        {
            "notice_type": "UK2",
            "notice_id": ENGAGEMENT,
            "ocid": OCID,
            "title": "Footway repairs: tell us how you would do it",
            "published": "2026-11-02T09:00:00+00:00",
            "procedure": REMOVE,
            "contract_period": REMOVE,
            "deadlines": {"engagement": "2026-12-01T17:00:00+00:00"},
            "changes": [{"date": "2026-11-14T10:00:00+00:00", "summary": "Second event added."}],
        }
    )


def tender(linked: bool = False, **overrides: Any) -> dict[str, Any]:
    """The UK4 of the same procurement, without its Find a Tender link unless ``linked``."""
    return notice_data(
        {
            "notice_id": TENDER,
            "ocid": OCID,
            "title": TENDER_TITLE,
            "published": "2026-11-10T09:00:00+00:00",
            "find_a_tender": LINK if linked else REMOVE,
            "changes": REMOVE,
            **overrides,
        }
    )


def write(folder: Path, name: str, data: dict[str, Any]) -> Path:
    path = folder / "notices" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(notice_text(data), encoding="utf-8")
    return path


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """Content with the announced engagement notice and the held tender notice."""
    folder = tmp_path / "content"
    write(folder, "footway-repairs-engagement", engagement())
    write(folder, "footway-repairs", tender())
    return folder


def site_of(content: Path, the_mode: Mode) -> Site:
    """What the build publishes of ``content`` (as find_a_tender_hooks.py does, without Pelican)."""
    notices = [load_notice(path, path.name).notice for path in notice_files(content)]
    assert all(notices)
    gone = off_site(notices, the_mode, CLOCK)
    pages = [
        (n, f"{'' if n.lang == 'en' else n.lang + '/'}notices/{n.slug}/")
        for n in notices
        if n.published <= CLOCK and n.notice_id not in gone
    ]
    return assemble(
        pages, url=SAMPLE_URL, name="Afonwy", clock=CLOCK, held=held(notices, the_mode, CLOCK)
    )


def announcements_of(site: Site) -> dict[str, Any]:
    data = json.loads(announcements(site))
    validator = Draft7Validator(json.loads(SCHEMA.read_text()), format_checker=FormatChecker())
    assert list(validator.iter_errors(data)) == []
    return data


def by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in data["announcements"]}
