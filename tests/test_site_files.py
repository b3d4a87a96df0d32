"""The files search engines and browsers expect: sitemap, robots.txt, favicon, web manifest,
security.txt, and notices.csv for spreadsheets; on the sample as a Site and in real builds."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from lxml import etree
from PIL import Image
from rfc3339_validator import validate_rfc3339

from plugins.config import SettingsError
from plugins.notices.jsonfile import rfc3339
from plugins.notices.output import in_memory
from plugins.notices.site import Site, assemble
from plugins.opendata.notices_index import notices_index
from plugins.site_files import files, locations, sitemap_files
from plugins.site_files.notices_csv import COLUMNS, SEPARATOR, guarded, notices_csv
from plugins.site_pages import plan
from tests.configs import sample_config
from tests.sites import SAMPLE_URL, pelican_build

SCHEMAS = Path(__file__).parent / "data" / "sitemaps"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
CONTACT = "mailto:security@afonwy.gov.uk"


def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def sitemap_problems(data: bytes, xsd: str) -> list[str]:
    """What is wrong with a sitemap or sitemap index: the schema, then what it leaves out."""
    document = etree.fromstring(data)
    checker = schema(xsd)
    problems = [str(error) for error in checker.error_log] if not checker(document) else []
    for lastmod in document.iterfind(".//s:lastmod", NS):
        if not validate_rfc3339(lastmod.text or ""):
            problems.append(f"lastmod {lastmod.text!r} is not a W3C date and time")
    for loc in document.iterfind(".//s:loc", NS):
        if len(loc.text or "") > 2048 or not (loc.text or "").startswith(f"{SAMPLE_URL}/"):
            problems.append(f"loc {loc.text!r} is not an absolute address on the site")
    return problems


def addresses(data: bytes) -> list[str]:
    return [loc.text or "" for loc in etree.fromstring(data).iterfind(".//s:loc", NS)]


def lastmods(data: bytes) -> dict[str, str]:
    document = etree.fromstring(data)
    return {
        url.findtext("s:loc", namespaces=NS) or "": url.findtext("s:lastmod", namespaces=NS) or ""
        for url in document.iterfind("s:url", NS)
    }


@pytest.fixture(scope="module")
def site_files(sample_site: Site) -> dict[str, bytes]:
    return in_memory(files(sample_site, sample_config()))


@pytest.fixture(scope="module")
def sitemap(sample_site: Site) -> bytes:
    return in_memory(sitemap_files(sample_site, locations(plan(sample_site), 20)))["sitemap.xml"]


# The sitemap


def test_the_sitemap_is_valid_and_lists_every_notice_and_site_page(sample_site, sitemap):
    assert sitemap_problems(sitemap, "sitemap.xsd") == []
    listed = addresses(sitemap)
    assert len(listed) == len(set(listed))
    assert {sample_site.absolute(item.path) for item in sample_site.notices} <= set(listed)
    for path in ("", "notices/", "closing-soon/", "browse/", "subscribe/", "search/"):
        assert sample_site.absolute(path) in listed
    assert f"{SAMPLE_URL}/404.html" not in listed


def test_a_page_changed_when_its_newest_notice_was_updated(sample_site, sitemap):
    changed = lastmods(sitemap)
    for item in sample_site.notices:
        assert changed[sample_site.absolute(item.path)] == rfc3339(item.notice.updated)
    newest = max(item.notice.updated for item in sample_site.notices)
    assert changed[sample_site.absolute("notices/")] == rfc3339(newest)
    meals = plan(sample_site).timeline_of(sample_site.notices[0].path)
    assert meals is not None and len(meals.items) > 1
    latest = max(item.notice.updated for item in meals.items)
    assert changed[sample_site.absolute(meals.path)] == rfc3339(latest)


def test_a_large_site_gets_a_sitemap_index_of_valid_parts(sample_site, sitemap):
    found = locations(plan(sample_site), 20)
    written = in_memory(sitemap_files(sample_site, found, limit=20))
    index = written.pop("sitemap.xml")
    assert sitemap_problems(index, "siteindex.xsd") == []
    assert addresses(index) == [f"{SAMPLE_URL}/{name}" for name in written]
    assert len(written) == -(-len(found) // 20)
    listed = []
    for part in written.values():
        assert sitemap_problems(part, "sitemap.xsd") == []
        assert len(addresses(part)) <= 20
        listed += addresses(part)
    assert listed == addresses(sitemap)
    first = max(lastmods(next(iter(written.values()))).values())
    assert etree.fromstring(index).findtext("s:sitemap/s:lastmod", namespaces=NS) == first


def test_an_address_is_escaped_and_percent_encoded(sample_site):
    from plugins.site_files import Location

    odd = in_memory(sitemap_files(sample_site, [Location("cy/tudalen/a&b ŵ/")]))
    assert (
        b"<loc>https://contracts.afonwy.gov.uk/cy/tudalen/a&amp;b%20%C5%B5/</loc>"
        in (odd["sitemap.xml"])
    )


# robots.txt, favicon and web manifest


def test_robots_allows_everything_and_points_at_the_sitemap(site_files):
    assert site_files["robots.txt"].decode() == (
        f"User-agent: *\nAllow: /\n\nSitemap: {SAMPLE_URL}/sitemap.xml\n"
    )


def test_the_favicon_is_a_small_ico(site_files):
    data = site_files["favicon.ico"]
    assert len(data) < 8_000
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "ICO"
        assert {(16, 16), (32, 32)} <= set(image.info["sizes"])


def test_the_manifest_names_the_site_and_its_icons_exist(site_files):
    manifest = json.loads(site_files["site.webmanifest"])
    assert (
        manifest["name"] == manifest["short_name"] == "Afonwy County Council contract opportunities"
    )
    assert manifest["start_url"] == "./"
    assert manifest["theme_color"] == "#0b3d4a"
    for icon in manifest["icons"]:
        with Image.open(io.BytesIO(site_files[icon["src"]])) as image:
            assert image.format == "PNG"
            assert icon["sizes"] == f"{image.width}x{image.height}"


def test_the_manifest_takes_a_short_name_and_the_brand_colour(sample_site):
    config = sample_config(SITE_FILES_SHORT_NAME="Afonwy contracts", CARDS_BRAND_COLOUR="#123456")
    manifest = json.loads(in_memory(files(sample_site, config))["site.webmanifest"])
    assert (manifest["short_name"], manifest["theme_color"]) == ("Afonwy contracts", "#123456")


# security.txt


def test_no_security_txt_without_a_contact(site_files):
    assert not [path for path in site_files if "security" in path]


def test_security_txt_has_the_fields_rfc_9116_asks_for(sample_site):
    config = sample_config(
        SITE_FILES_SECURITY_CONTACT=CONTACT,
        SITE_FILES_SECURITY_EXPIRES="P90D",
        SITE_FILES_SECURITY_POLICY="https://www.afonwy.gov.uk/vulnerability-disclosure",
    )
    text = in_memory(files(sample_site, config))[".well-known/security.txt"].decode()
    fields = dict(line.split(": ", 1) for line in text.splitlines())
    assert fields == {
        "Contact": CONTACT,
        "Expires": rfc3339(sample_site.clock + timedelta(days=90)),
        "Preferred-Languages": "en",
        "Canonical": f"{SAMPLE_URL}/.well-known/security.txt",
        "Policy": "https://www.afonwy.gov.uk/vulnerability-disclosure",
    }
    assert validate_rfc3339(fields["Expires"])


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"SITE_FILES_SECURITY_CONTACT": "security@afonwy.gov.uk"}, "SITE_FILES_SECURITY_CONTACT"),
        ({"SITE_FILES_SECURITY_EXPIRES": "PT0S"}, "SITE_FILES_SECURITY_EXPIRES"),
        ({"SITE_FILES_SECURITY_POLICY": "policy/"}, "SITE_FILES_SECURITY_POLICY"),
    ],
)
def test_a_security_setting_the_file_cannot_use_stops_the_build(settings, message):
    with pytest.raises(SettingsError, match=message):
        sample_config(settings)


# notices.csv


def rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def unguarded(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:2] in {"=", "+", "-", "@"} else cell


def as_in_index(entry: dict[str, Any]) -> dict[str, str]:
    """A notices.json entry as notices.csv flattens it."""
    value = entry["value"] or {"amount": "", "currency": ""}
    return {
        **{key: entry[key] for key in ("id", "language", "ocid", "type", "type_label")},
        **{key: entry[key] for key in ("title", "summary", "url", "published", "updated")},
        "buyer": entry["buyer"]["name"],
        "status": entry["status"],
        "value_amount": value["amount"],
        "value_currency": value["currency"],
        "value_band": entry["value_band"],
        "cpv_codes": SEPARATOR.join(cpv["code"] for cpv in entry["cpv"]),
        "regions": SEPARATOR.join(region["code"] for region in entry["regions"]),
        "closing_deadline": entry["closing_deadline"] or "",
        "buyer_central_purchasing_body": str(entry["buyer"]["central_purchasing_body"]).lower(),
        "joint_buyers": SEPARATOR.join(
            f"{other['name']} ({other['id']})" if other["id"] else other["name"]
            for other in entry["joint_buyers"]
        ),
    }


def test_the_csv_holds_the_same_notices_as_notices_json(sample_site, site_files):
    index = json.loads(notices_index(sample_site))["notices"]
    found = rows(site_files["notices.csv"])
    assert list(found[0]) == list(COLUMNS)
    assert [{k: unguarded(v) for k, v in row.items()} for row in found] == [
        as_in_index(entry) for entry in index
    ]
    welsh = next(row for row in found if row["language"] == "cy")
    assert (
        welsh["title"] == "Cyflenwi llyfrau llyfrgell, llyfrau llafar a stoc Gymraeg 2027\u20132030"
    )


def test_a_cell_a_spreadsheet_would_run_is_guarded(sample_site):
    first = sample_site.notices[0]
    notice = dataclasses.replace(
        first.notice, title='=HYPERLINK("http://evil.example","Click")', summary="-2+3 @SUM(A1)"
    )
    site = assemble(
        [(notice, first.path)], url=SAMPLE_URL, name=sample_site.name, clock=sample_site.clock
    )
    row = rows(notices_csv(site))[0]
    assert row["title"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert row["summary"] == "'-2+3 @SUM(A1)"
    assert [guarded(cell) for cell in ("+1", "@a", "\tx", "a=b", "")] == [
        "'+1",
        "'@a",
        "'\tx",
        "a=b",
        "",
    ]


# Real builds


def html_addresses(output: Path) -> set[str]:
    """The address of every HTML page in a built site, but the 404 page (of each language)."""
    found = set()
    for page in output.rglob("*.html"):
        path = page.relative_to(output).as_posix()
        if path.rpartition("/")[2] == "404.html":
            continue
        found.add(f"{SAMPLE_URL}/{path.removesuffix('index.html')}")
    return found


def test_the_built_sitemap_lists_every_html_page(built_sample: Path):
    sitemap = (built_sample / "sitemap.xml").read_bytes()
    assert sitemap_problems(sitemap, "sitemap.xsd") == []
    assert set(addresses(sitemap)) == html_addresses(built_sample)
    assert f"{SAMPLE_URL}/about/" in addresses(sitemap)


def test_the_built_site_has_its_files_linked_from_every_page(built_sample: Path):
    for name in ("robots.txt", "favicon.ico", "site.webmanifest", "notices.csv"):
        assert (built_sample / name).is_file(), name
    assert not (built_sample / ".well-known").exists()
    for page in ("index.html", "notices/index.html", "about/index.html", "404.html"):
        html = BeautifulSoup((built_sample / page).read_text(encoding="utf-8"), "html.parser")
        base = f"{SAMPLE_URL}/{page}"
        for rel in ("icon", "manifest"):
            for link in html.head.find_all("link", rel=rel):
                target = urljoin(base, link["href"]).removeprefix(f"{SAMPLE_URL}/")
                assert (built_sample / target.lstrip("/")).is_file(), (page, link)
        assert html.head.find("link", rel="manifest") is not None, page
        assert html.head.find("link", rel="icon", href=lambda h: h.endswith("favicon.ico"))


def test_the_built_csv_matches_the_built_notices_json(built_sample: Path):
    index = json.loads((built_sample / "notices.json").read_text(encoding="utf-8"))["notices"]
    found = rows((built_sample / "notices.csv").read_bytes())
    assert [{k: unguarded(v) for k, v in row.items()} for row in found] == [
        as_in_index(entry) for entry in index
    ]


def test_a_build_with_a_security_contact_writes_the_well_known_file_and_theme_pages(
    tmp_path: Path, sample_text: str
):
    content = tmp_path / "content"
    (content / "notices").mkdir(parents=True)
    (content / "notices" / "highway.md").write_text(sample_text, encoding="utf-8")
    (content / "pages").mkdir()
    (content / "pages" / "help.md").write_text("Title: Help\nSlug: help\n\nAsk us.\n")
    (content / "pages" / "help.cy.md").write_text(
        "Title: Cymorth\nSlug: help\nLang: cy\nDate: 2026-05-01 10:00\n\nGofynnwch.\n",
        encoding="utf-8",
    )
    output = tmp_path / "out"
    result = pelican_build(
        content, output, "--fatal", "errors", settings={"SITE_FILES_SECURITY_CONTACT": CONTACT}
    )
    assert result.returncode == 0, result.stdout
    text = (output / ".well-known" / "security.txt").read_text(encoding="utf-8")
    assert f"Contact: {CONTACT}\n" in text
    sitemap = (output / "sitemap.xml").read_bytes()
    assert set(addresses(sitemap)) == html_addresses(output)
    assert lastmods(sitemap)[f"{SAMPLE_URL}/cy/help/"] == "2026-05-01T09:00:00Z"
    assert lastmods(sitemap)[f"{SAMPLE_URL}/help/"] == ""


def structured_data(page: Path) -> list[dict[str, Any]]:
    html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [json.loads(s.string) for s in html.find_all("script", type="application/ld+json")]


def test_a_notice_page_describes_only_its_breadcrumbs(built_sample: Path):
    page = built_sample / "notices" / "flood-consequence-assessment-consultancy" / "index.html"
    [crumbs] = structured_data(page)
    html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    shown = html.find("nav", class_="breadcrumbs").find_all("a")
    assert crumbs["@type"] == "BreadcrumbList"
    assert [(i["position"], i["name"], i["item"]) for i in crumbs["itemListElement"]] == [
        (
            n,
            a.get_text(),
            urljoin(f"{SAMPLE_URL}/notices/flood-consequence-assessment-consultancy/", a["href"]),
        )
        for n, a in enumerate(shown, start=1)
    ]
    assert [i["name"] for i in crumbs["itemListElement"]] == [
        "Home",
        "All notices",
        "Tender notices (UK4)",
    ]


def test_the_home_page_names_the_site(built_sample: Path):
    [website] = structured_data(built_sample / "index.html")
    assert website == {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": "Afonwy County Council contract opportunities",
        "url": f"{SAMPLE_URL}/",
    }
    assert structured_data(built_sample / "about" / "index.html") == []
