"""What a notice page says of the facts real notices carry: the rules it is under, the buyer's
reference, a contract period as a length, options to extend, lots' own periods and delivery
places given otherwise than by region, in English and on the Welsh page of an English notice.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.checks.axe import axe_problems
from tests.checks.browser import Browsing, browsing
from tests.checks.html import nu_problems
from tests.checks.language_leaks import html_leaks, own_words
from tests.notice_factory import REMOVE, notice_data, notice_text
from tests.sites import pelican_build
from tests.theme_pages import page, summary

EARLIER = "notices/cleaning-framework/"
LENGTH_ONLY = "notices/highway/"
EXTENSIONS = "Two further periods of 12 months each."
SITES = "Various sites in Swansea"
# A tender under the 2015 regulations, as real notices give it: a reference of the buyer's
# own, a length from a start, options in words, places that are no region, lots' periods.
UNDER_PCR2015 = {
    "legal_basis": "PCR2015",
    "find_a_tender": REMOVE,
    "notice_id": "ACC-2024-0107",
    "ocid": "ocds-h6vhtk-0b52e1",
    "title": "Cleaning services framework",
    "reference": "tender_455868/1436274",
    "procedure": "restricted",
    "contract_period": {
        "start": "2027-04-01",
        "duration": "P36M",
        "extension_months": 24,
        "extensions": EXTENSIONS,
    },
    "places": [
        {"area": "UK"},
        {"postcode": "SA1 3SN"},
        {"text": SITES},
        {"outside_uk": "Channel Islands"},
    ],
    "lots.0.contract_period": {"start": "2027-04-01", "end": "2029-03-31"},
    "lots.1.contract_period": {"duration": "P24M", "extensions": "One further year."},
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("rules")
    notices = root / "content" / "notices" / "2026"
    notices.mkdir(parents=True)
    earlier = notice_text(notice_data(UNDER_PCR2015))
    (notices / "cleaning-framework.md").write_text(earlier, encoding="utf-8")
    length = notice_data({"contract_period": {"duration": "P1800D"}, "lots": REMOVE})
    (notices / "highway.md").write_text(notice_text(length), encoding="utf-8")
    result = pelican_build(root / "content", root / "output", "--fatal", "errors")
    assert result.returncode == 0, result.stdout
    return root / "output"


def test_a_notice_under_the_2015_regulations_is_named_by_them(built: Path) -> None:
    soup = page(built, EARLIER)
    facts = summary(soup)
    assert [caption.get_text() for caption in soup.select(".caption")] == ["Contract notice"]
    # UK4 is the Act's form, so a contract notice is not labelled with it.
    assert facts["Notice type"] == "Contract notice"
    assert facts["Legal basis"] == "Public Contracts Regulations 2015"
    assert facts["Procedure"] == "Restricted"
    assert facts["Buyer's reference"] == "tender_455868/1436274"


def test_a_period_given_as_a_length_with_its_options_to_extend(built: Path) -> None:
    facts = summary(page(built, EARLIER))
    assert facts["Contract period"] == (
        "36 months from 1 April 2027, with an option to extend by up to 24 months"
    )
    assert facts["Options to extend"] == EXTENSIONS
    length_only = summary(page(built, LENGTH_ONLY))
    assert length_only["Contract period"] == "1,800 days"
    assert "Options to extend" not in length_only


def test_a_notice_under_the_act_says_so(built: Path) -> None:
    facts = summary(page(built, LENGTH_ONLY))
    assert facts["Notice type"] == "Tender notice (UK4)"
    assert facts["Legal basis"] == "Procurement Act 2023"
    assert "Buyer's reference" not in facts


def test_places_that_are_no_region_beside_the_regions(built: Path) -> None:
    soup = page(built, EARLIER)
    facts = summary(soup)
    assert facts["Regions"] == "South West Wales ( TLL14 )"
    rows = soup.select("#notice-key-facts + dl .summary-list__row")
    places = [row for row in rows if "Places of delivery" in row.select("dt")[0].get_text()]
    assert [li.get_text() for li in places[0].select("li")] == [
        "the whole United Kingdom",
        "SA1 3SN",
        SITES,
        "Outside the UK: Channel Islands",
    ]


def test_each_lot_shows_its_own_period(built: Path) -> None:
    rows = page(built, EARLIER).select("#notice-lots + table tr")
    assert [th.get_text() for th in rows[0].select("th")][-1] == "Contract period"
    cells = [" ".join(row.select("td")[-1].get_text(" ").split()) for row in rows[1:]]
    assert cells == ["1 April 2027 to 31 March 2029", "24 months One further year."]


def test_the_welsh_page_names_the_rules_and_periods_in_welsh(built: Path) -> None:
    soup = page(built, "cy/" + EARLIER)
    facts = summary(soup)
    assert facts["Math o hysbysiad"] == "Hysbysiad contract"
    assert facts["Sail gyfreithiol"] == "Rheoliadau Contractau Cyhoeddus 2015"
    assert facts["Cyfeirnod y prynwr"] == "tender_455868/1436274"
    assert facts["Cyfnod y contract"] == (
        "36 mis o 1 Ebrill 2027, gydag opsiwn i ymestyn am hyd at 24 mis"
    )
    assert facts["Mannau cyflawni"] == (
        f"y Deyrnas Unedig gyfan SA1 3SN {SITES} Y tu allan i'r DU: Channel Islands"
    )
    # The buyer's own words keep their language, marked for screen readers.
    marked = [span.get_text() for span in soup.select('#notice-key-facts + dl [lang="en"]')]
    assert {EXTENSIONS, SITES, "Channel Islands"} <= set(marked)
    lots = soup.select("#notice-lots + table tbody tr")
    assert " ".join(lots[1].select("td")[-1].get_text(" ").split()) == "24 mis One further year."


def test_the_timeline_and_listing_name_the_type_by_its_rules(built: Path) -> None:
    timeline = page(built, "procurements/ocds-h6vhtk-0b52e1/")
    titles = [" ".join(h3.get_text().split()) for h3 in timeline.select(".timeline__title")]
    assert titles[0] == "Contract notice published"
    assert "(contract notice)" in summary(timeline, "main dl")["Latest notice"]
    listed = page(built, "notices/").select(".notice-list__item")
    types = {summary(item, "dl")["Notice type"] for item in listed}
    assert types == {"Contract notice", "Tender notice"}
    welsh = page(built, "cy/procurements/ocds-h6vhtk-0b52e1/")
    assert welsh.select(".timeline__title")[0].get_text() == "Hysbysiad contract wedi'i gyhoeddi"


def test_the_welsh_page_has_no_english_interface_word(built: Path) -> None:
    own = own_words(sorted((built.parent / "content").rglob("*.md")))
    for path in (EARLIER, LENGTH_ONLY, "procurements/ocds-h6vhtk-0b52e1/"):
        leaks = html_leaks(built / "cy" / path / "index.html", built, own)
        assert leaks == [], [str(leak) for leak in leaks]


def test_the_pages_are_valid_html(built: Path, tmp_path: Path) -> None:
    timeline = "procurements/ocds-h6vhtk-0b52e1/"
    pages = {"en": EARLIER, "cy": "cy/" + EARLIER, "length": LENGTH_ONLY, "timeline": timeline}
    for name, path in pages.items():
        (tmp_path / name).mkdir()
        source = built / path / "index.html"
        (tmp_path / name / "index.html").write_text(source.read_text(encoding="utf-8"))
    assert nu_problems(tmp_path) == []


@pytest.fixture(scope="module")
def tab(built: Path, chromium_browser: Browser) -> Iterator[Browsing]:
    with browsing(built, chromium_browser) as tab:
        yield tab


def test_the_pages_pass_axe(tab: Browsing) -> None:
    assert axe_problems(tab, ["/" + EARLIER, "/cy/" + EARLIER]) == []


def test_the_open_data_and_announcements_name_the_type_by_its_rules(built: Path) -> None:
    """The site's data and its posts say what the page says: a contract notice, not a
    tender notice, for a notice under the 2015 regulations."""
    index = json.loads((built / "notices.json").read_text(encoding="utf-8"))
    labels = {entry["id"]: entry["type_label"] for entry in index["notices"]}
    assert labels["ACC-2024-0107"] == "Contract notice"
    assert "Tender notice" in set(labels.values())
    with (built / "notices.csv").open(encoding="utf-8-sig", newline="") as table:
        rows = {row["id"]: row["type_label"] for row in csv.DictReader(table)}
    assert rows["ACC-2024-0107"] == "Contract notice"
    feed = json.loads((built / "announcements.json").read_text(encoding="utf-8"))
    earlier = [a for a in feed["announcements"] if a["notice"]["id"] == "ACC-2024-0107"]
    assert earlier and earlier[0]["notice"]["type_label"] == "Contract notice"
    assert earlier[0]["headline"].startswith("Contract notice: ")


def test_feeds_and_calendars_name_the_type_by_its_rules(built: Path) -> None:
    feed = (built / "feeds" / "all.atom").read_text(encoding="utf-8")
    titles = re.findall(r"<title>([^<]*Cleaning services framework)</title>", feed)
    assert titles and all(": Contract notice: " in title for title in titles), titles
    assert ": Tender notice: " in feed  # the notice under the Act keeps the Act's name
    calendar = (built / EARLIER / "deadlines.ics").read_text(encoding="utf-8")
    unfolded = calendar.replace("\r\n ", "")
    assert "(Contract notice)" in unfolded
    assert "CATEGORIES:Contract notice," in unfolded
    assert "Tender notice" not in unfolded
