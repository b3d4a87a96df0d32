"""One site per language: every site page in Welsh under cy/, a language switch on every
page that lands on the same page in the other language, and a site of one language as
before (plugins/site_pages/languages.py, plugins/pelican_adapter/languages.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from plugins.notices.site import Site
from plugins.site_pages import SitePlan, language_versions, plans, site_pages
from tests.sites import CONTENT, SAMPLE_URL, as_built, pelican_build
from tests.theme_pages import page, site_path

# Translated in the sample; every other notice is in English only.
TRANSLATED = "notices/library-stock-supply/"
ENGLISH_ONLY = "notices/highway-resurfacing-framework/"


@pytest.fixture(scope="module")
def bilingual(sample_site: Site) -> Site:
    return as_built(sample_site)


@pytest.fixture(scope="module")
def both(bilingual: Site) -> dict[str, SitePlan]:
    return plans(bilingual)


def html_files(output: Path) -> list[str]:
    """The site path of every HTML page of a build (folders end in /)."""
    found = []
    for file in sorted(output.rglob("*.html")):
        path = file.relative_to(output).as_posix()
        if not path.startswith(("theme/", "pagefind/")):
            found.append(path.removesuffix("index.html"))
    return found


def file_of(output: Path, path: str) -> Path:
    return output / (path + "index.html" if path == "" or path.endswith("/") else path)


def target(href: str, from_path: str) -> str:
    """A link's site path, root-relative (the 404 pages') or relative to the page."""
    return href.lstrip("/") if href.startswith("/") else site_path(href, from_path)


def test_each_language_has_every_site_page_under_its_prefix(both: dict[str, SitePlan]):
    english = {page.path for page in site_pages(both["en"], 20)}
    welsh = {page.path for page in site_pages(both["cy"], 20)}
    assert welsh == {f"cy/{path}" for path in english}
    assert both["cy"].listing("open").path == "cy/"
    assert both["cy"].listing("all").path == "cy/notices/"
    assert not any(listing.slug == "cy/all" for listing in both["en"].listings)


def test_a_welsh_listing_shows_every_notice_once_for_a_welsh_reader(
    bilingual: Site, both: dict[str, SitePlan]
):
    welsh = both["cy"].listing("all")
    assert welsh is not None and welsh.lang == "cy"
    assert len(welsh.items) == len(both["en"].listing("all").items) == len(bilingual.in_language())
    shown = {both["cy"].page_of(item) for item in welsh.items}
    assert shown == {f"cy/{path}" for path in (i.path for i in bilingual.in_language())}
    assert {item.lang for item in welsh.items} == {"en", "cy"}


def test_welsh_timelines_and_titles(both: dict[str, SitePlan]):
    welsh = both["cy"]
    assert all(t.path.startswith("cy/procurements/") and t.lang == "cy" for t in welsh.timelines)
    assert {t.ocid for t in welsh.timelines} == {t.ocid for t in both["en"].timelines}
    status = welsh.listing("status/awarded")
    assert status is not None and status.title == "Contractau a ddyfarnwyd"
    assert status.path == "cy/status/awarded/"


def test_a_notice_page_asks_its_readers_plan(both: dict[str, SitePlan]):
    welsh = both["cy"]
    for path in (ENGLISH_ONLY, f"cy/{ENGLISH_ONLY}"):
        feeds = welsh.feeds_of(path)
        assert feeds and all(feed.lang == "cy" for feed in feeds), path
        timeline = welsh.timeline_of(path)
        assert timeline is not None and timeline.path.startswith("cy/"), path
        assert welsh.search_filters(path)


def test_versions_of_site_pages_notices_and_the_404(both: dict[str, SitePlan]):
    versions = language_versions(both, 20, [(("en", "about/"), ("cy", "cy/about/"))])
    assert versions.many

    def of(path: str) -> dict[str, str]:
        return {version.lang: version.path for version in versions.of(path)}

    assert of("") == of("cy/") == {"en": "", "cy": "cy/"}
    assert of("cpv/45/") == {"en": "cpv/45/", "cy": "cy/cpv/45/"}
    assert of(ENGLISH_ONLY) == {"en": ENGLISH_ONLY, "cy": f"cy/{ENGLISH_ONLY}"}
    assert of(f"cy/{TRANSLATED}") == {"en": TRANSLATED, "cy": f"cy/{TRANSLATED}"}
    assert of("cy/about/") == {"en": "about/", "cy": "cy/about/"}
    assert of("404.html") == {"en": "404.html", "cy": "cy/404.html"}
    assert versions.alternates("cy/404.html") == ()
    # A page one language lacks: that listing's first page, else the home page.
    assert of("notices/page/9/")["cy"] == "cy/notices/"
    assert of("nowhere/")["cy"] == "cy/"
    assert [v.name for v in versions.others("")] == ["Cymraeg"]
    assert versions.label("cy") == "Iaith"


def test_every_welsh_site_page_is_built_in_welsh(built_sample: Path, both: dict[str, SitePlan]):
    for found in site_pages(both["cy"], 20):
        soup = page(built_sample, found.path)
        assert soup.html["lang"] == "cy", found.path


def test_every_page_switches_to_the_same_page_in_the_other_language_and_back(
    built_sample: Path,
):
    paths = html_files(built_sample)
    assert len(paths) > 200 and any(path.startswith("cy/notices/") for path in paths)
    for path in paths:
        soup = page(built_sample, path)
        own = soup.html["lang"]
        switch = soup.select_one("nav.language-switch[aria-label]")
        assert switch is not None, path
        [link] = switch.select("a[href]")
        assert link["hreflang"] == link["lang"] != own, path
        there = target(link["href"], path)
        assert file_of(built_sample, there).is_file(), (path, there)
        other = page(built_sample, there)
        assert other.html["lang"] == link["hreflang"], (path, there)
        back = other.select_one("nav.language-switch a[href]")
        if path.rpartition("/")[2] != "404.html":
            assert target(back["href"], there) == path, (path, there)


def test_every_page_but_the_404_names_its_versions_for_search_engines(built_sample: Path):
    for path in (ENGLISH_ONLY, f"cy/{ENGLISH_ONLY}", "", "cy/", "cy/about/", "cy/cpv/45/"):
        soup = page(built_sample, path)
        found = {
            link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")
        }
        unprefixed = path.removeprefix("cy/")
        assert found == {"en": f"{SAMPLE_URL}/{unprefixed}", "cy": f"{SAMPLE_URL}/cy/{unprefixed}"}
    assert not page(built_sample, "cy/404.html").select("link[rel=alternate][hreflang]")


def test_a_welsh_listing_links_only_to_welsh_pages(built_sample: Path, both: dict[str, SitePlan]):
    for listing in ("cy/", "cy/notices/", "cy/cpv/45/", "cy/status/awarded/"):
        soup = page(built_sample, listing)
        for link in soup.select("main a[href], header a[href], footer a[href]"):
            there = target(link["href"], listing).split("#")[0]
            file = file_of(built_sample, there)
            if file.suffix != ".html" or link.get("hreflang"):
                continue  # feeds and files, and the switch to the other language
            assert (
                BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").html["lang"] == "cy"
            ), (listing, there)


def test_an_english_only_notice_is_in_the_welsh_listing_marked_english(built_sample: Path):
    soup = page(built_sample, "cy/notices/")
    titles = {
        target(a["href"], "cy/notices/"): a for a in soup.select(".notice-list__title a[href]")
    }
    english = titles[f"cy/{ENGLISH_ONLY}"]
    assert english["lang"] == "en"
    assert not titles[f"cy/{TRANSLATED}"].get("lang")
    notice = page(built_sample, f"cy/{ENGLISH_ONLY}")
    assert notice.html["lang"] == "cy"
    assert notice.h1.get("lang") == "en" or notice.h1.find_parent(attrs={"lang": "en"})


def test_the_sitemap_lists_every_language(built_sample: Path):
    sitemap = (built_sample / "sitemap.xml").read_text(encoding="utf-8")
    for path in ("cy/", "cy/notices/", f"cy/{ENGLISH_ONLY}", "cy/browse/", "cy/about/"):
        assert f"<loc>{SAMPLE_URL}/{path}</loc>" in sitemap, path
    assert "cy/404.html" not in sitemap


def test_a_site_of_one_language_has_no_switch_and_no_welsh_listings(tmp_path: Path):
    output = tmp_path / "out"
    result = pelican_build(
        CONTENT, output, "--fatal", "errors", settings={"SITE_LANGUAGES": ["en"]}
    )
    assert result.returncode == 0, result.stdout
    for path in html_files(output):
        soup = page(output, path)
        assert not soup.select(".language-switch"), path
    for path in ("cy/index.html", "cy/browse/index.html", "cy/404.html", f"cy/{ENGLISH_ONLY}"):
        assert not (output / path).exists(), path
    # The Welsh notice and its language's listing are there, as before languages.
    assert (output / TRANSLATED / "index.html").is_file()
    assert (output / "cy" / TRANSLATED / "index.html").is_file()
    assert page(output, "cy/notices/").html["lang"] == "en"
