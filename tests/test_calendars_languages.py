"""Calendars in every language of the site: the same calendars under cy/, in Welsh.

The sample as a site in English and Welsh (SITE_LANGUAGES), read without Pelican.
"""

from __future__ import annotations

import pytest

from plugins.calendars.catalogue import (
    calendars_for,
    carried,
    procurement_calendars,
    reader_calendar,
    site_calendars,
)
from plugins.calendars.ics import render
from plugins.config import CalendarOptions as Options
from plugins.notices.output import in_memory
from plugins.notices.site import Published, Site
from tests.calendars_support import HOST, as_built, events_by_uid, parse
from tests.checks.calendars import ics_problems
from tests.checks.language_leaks import leaks_in, own_words
from tests.sites import CONTENT

BASE = "https://contracts.afonwy.gov.uk"
WELSH_NAME = "Cyfleoedd contract Cyngor Sir Afonwy"
HIGHWAY = "notices/highway-resurfacing-framework/deadlines.ics"
# What a calendar app shows of a calendar and its events.
SHOWN = ("NAME", "X-WR-CALNAME", "DESCRIPTION", "X-WR-CALDESC", "SUMMARY", "CATEGORIES")


@pytest.fixture(scope="module")
def bilingual(sample_site: Site) -> Site:
    return as_built(sample_site)


@pytest.fixture(scope="module")
def files(bilingual: Site) -> dict[str, bytes]:
    return in_memory(render(bilingual, Options()))


def _item(site: Site, notice_id: str, lang: str = "en") -> Published:
    return next(item for item in site.notices if item.notice.key == (notice_id, lang))


def test_welsh_calendars_have_the_english_slugs_under_cy(bilingual, files):
    english, welsh = site_calendars(bilingual), site_calendars(bilingual, "cy")
    assert [c.slug for c in welsh] == [c.slug for c in english]
    assert welsh[0].path == "cy/calendar/deadlines.ics"
    assert next(c for c in welsh if c.slug == "cpv/45").path == "cy/calendar/cpv/45.ics"
    for calendar in (*welsh, *procurement_calendars(bilingual, "cy").values()):
        assert calendar.lang == "cy"
        assert calendar.path in files, calendar.path
    assert site_calendars(bilingual) == site_calendars(bilingual, "en")


def test_every_calendar_in_both_languages_validates(files):
    assert any(path.startswith("cy/calendar/") for path in files)
    found = [f"{path}: {problem}" for path, data in files.items() for problem in ics_problems(data)]
    assert found == []


def test_a_welsh_calendar_is_named_and_described_in_welsh(files):
    calendar = parse(files["cy/calendar/region/TLL.ics"])
    assert str(calendar["X-WR-CALNAME"]) == f"{WELSH_NAME} \N{EN DASH} Terfynau amser: Cymru"
    assert str(calendar["NAME"]) == str(calendar["X-WR-CALNAME"])
    assert str(calendar["X-WR-CALDESC"]).endswith(f"Cyhoeddwr: {WELSH_NAME}.")
    assert str(calendar["SOURCE"]) == f"{BASE}/cy/calendar/region/TLL.ics"


def test_an_english_only_notice_in_a_welsh_calendar_has_welsh_words(files):
    events = events_by_uid(files["cy/calendar/deadlines.ics"])
    event = events[f"ACC-2026-0031-tender-cy@{HOST}"]
    assert str(event["SUMMARY"]).startswith("Terfyn amser tendro: Highway resurfacing")
    description = str(event["DESCRIPTION"])
    assert description.startswith("Terfyn amser tendro: Dydd Gwener 4 Rhagfyr 2026, 12:00 (GMT)")
    assert "Hysbysiad tendro ACC-2026-0031 gan Afonwy County Council" in description
    page = f"{BASE}/cy/notices/highway-resurfacing-framework/"
    assert description.endswith(f"Manylion a dogfennau: {page}")
    assert str(event["URL"]) == page
    assert event["CATEGORIES"].cats == ["Hysbysiad tendro", "Terfyn amser tendro"]
    (alarm,) = event.walk("VALARM")
    assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])
    # The English calendar's event keeps its uid and words.
    english = events_by_uid(files["calendar/deadlines.ics"])[f"ACC-2026-0031-tender@{HOST}"]
    assert str(english["SUMMARY"]).startswith("Tender deadline: Highway resurfacing")


def test_a_welsh_notice_is_in_the_welsh_calendars_filed_by_its_original(bilingual, files):
    buyer = events_by_uid(files["cy/calendar/buyer/afonwy-county-council.ics"])
    event = buyer[f"ACC-2026-0039-enquiry-cy@{HOST}"]
    assert str(event["SUMMARY"]).startswith("Cwestiynau eglurhau erbyn: Cyflenwi llyfrau")
    assert str(event["URL"]) == f"{BASE}/cy/notices/library-stock-supply/"
    english = events_by_uid(files["calendar/buyer/afonwy-county-council.ics"])
    assert f"ACC-2026-0039-enquiry@{HOST}" in english
    assert f"ACC-2026-0039-enquiry-cy@{HOST}" not in english


def test_an_english_only_notice_has_a_welsh_calendar_beside_its_welsh_page(bilingual, files):
    item = _item(bilingual, "ACC-2026-0031")
    welsh = reader_calendar(item, bilingual, "cy")
    assert welsh.path == f"cy/{HIGHWAY}"
    assert welsh.title == f"Terfynau amser: {item.notice.title}"
    assert welsh.description.startswith("Terfynau amser hysbysiad ACC-2026-0031 (Hysbysiad tendro)")
    uids = set(events_by_uid(files[welsh.path]))
    assert f"ACC-2026-0031-tender-cy@{HOST}" in uids
    assert all(uid.endswith(f"-cy@{HOST}") for uid in uids)
    assert HIGHWAY in files
    assert carried(welsh, bilingual) == (item,)


def test_a_welsh_page_links_the_welsh_calendars(bilingual):
    item = _item(bilingual, "ACC-2026-0039", "cy")
    calendars = calendars_for(item, bilingual)
    assert calendars[0].path == "cy/notices/library-stock-supply/deadlines.ics"
    assert all(c.lang == "cy" and c.path.startswith("cy/") for c in calendars)
    slugs = [c.slug for c in calendars]
    assert "deadlines" in slugs and "buyer/afonwy-county-council" in slugs
    english = calendars_for(_item(bilingual, "ACC-2026-0039"), bilingual)
    assert [c.slug for c in english][1:] == slugs[1:]
    on_welsh_page = calendars_for(_item(bilingual, "ACC-2026-0031"), bilingual, "cy")
    assert on_welsh_page[0].path == f"cy/{HIGHWAY}"


def test_welsh_calendars_hold_no_english_interface_words_and_english_no_welsh(bilingual, files):
    own = own_words(sorted(CONTENT.rglob("*.md")))
    titles = sorted(
        {words for item in bilingual.notices for words in (item.notice.title, item.notice.summary)},
        key=len,
        reverse=True,
    )
    checked = ["calendar/deadlines.ics", "calendar/cpv/45.ics", "calendar/region/TLL.ics", HIGHWAY]
    leaks = []
    for path in [*checked, *(f"cy/{path}" for path in checked)]:
        lang = "cy" if path.startswith("cy/") else "en"
        for component in parse(files[path]).walk():
            for name in SHOWN:
                if (value := component.get(name)) is None:
                    continue
                text = ", ".join(value.cats) if name == "CATEGORIES" else str(value)
                # A calendar cannot mark the notice's own English text: it is left out.
                for words in titles:
                    text = text.replace(words, " ")
                leaks += leaks_in(text.split("https://")[0], lang, f"{path} {name}", own)
    assert leaks == []
