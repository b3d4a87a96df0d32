"""Feeds in every language of the site: the same feeds under cy/, every word in Welsh.

The sample as a site in English and Welsh (SITE_LANGUAGES), read without Pelican: its one
Welsh translation (library-stock-supply) and every English-only notice are in the Welsh
feeds, the latter with Welsh words around their English text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from plugins.config import FeedOptions
from plugins.feeds.build import feed_files
from plugins.feeds.catalogue import entries, opml_path, procurement_feeds, site_feeds
from plugins.notices.site import Site, assemble
from tests.calendars_support import as_built
from tests.checks.feeds import problems
from tests.checks.language_leaks import leaks_in, own_words
from tests.sites import CONTENT

BASE = "https://contracts.afonwy.gov.uk"
WELSH_NAME = "Cyfleoedd contract Cyngor Sir Afonwy"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def bilingual(sample_site: Site) -> Site:
    return as_built(sample_site)


@pytest.fixture(scope="module")
def written(bilingual: Site, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every feed file of the bilingual site, written to a folder as a build would."""
    output = tmp_path_factory.mktemp("feeds")
    for path, data in feed_files(bilingual, FeedOptions()):
        (output / path).parent.mkdir(parents=True, exist_ok=True)
        (output / path).write_bytes(data)
    return output


def test_welsh_feeds_have_the_english_slugs_under_cy(bilingual):
    english, welsh = site_feeds(bilingual), site_feeds(bilingual, "cy")
    assert [feed.slug for feed in welsh] == [feed.slug for feed in english]
    assert all(feed.lang == "cy" and feed.atom_path.startswith("cy/feeds/") for feed in welsh)
    assert next(f for f in welsh if f.slug == "open").rss_path == "cy/feeds/open.rss"
    assert next(f for f in english if f.slug == "open").rss_path == "feeds/open.rss"
    assert site_feeds(bilingual) == site_feeds(bilingual, "en")


def test_a_language_of_the_site_has_no_separate_all_feed(bilingual, sample_site):
    assert "cy/all" not in {feed.slug for feed in site_feeds(bilingual)}
    # A notice language the site is not in keeps its own feed, as before.
    assert "cy/all" in {feed.slug for feed in site_feeds(sample_site)}


def test_every_welsh_feed_is_written_and_they_all_validate(bilingual, written):
    feeds = [*site_feeds(bilingual, "cy"), *procurement_feeds(bilingual, "cy").values()]
    for feed in feeds:
        assert (written / feed.atom_path).is_file(), feed.atom_path
        assert (written / feed.rss_path).is_file(), feed.rss_path
    assert (written / "cy/feeds/procurements").is_dir()
    assert problems(written) == []


def test_welsh_feed_titles_and_descriptions_are_welsh(bilingual):
    titles = {feed.slug: feed.title for feed in site_feeds(bilingual, "cy")}
    assert titles["all"] == "Pob hysbysiad"
    assert titles["region/TLL"] == "Rhanbarth: Cymru"
    assert titles["cpv/45"] == "CPV 45: Gwaith adeiladu"
    assert titles["type/tender"] == "Hysbysiadau tendro (UK4)"
    assert titles["value/under-30k"] == "Gwerth: O dan £30,000"
    for feed in site_feeds(bilingual, "cy"):
        for words in (feed.title, feed.description):
            assert leaks_in(words, "cy", feed.slug) == []
    for feed in site_feeds(bilingual):
        for words in (feed.title, feed.description):
            assert leaks_in(words, "en", feed.slug) == []


def test_a_welsh_feed_says_so_and_links_the_welsh_home_page(written):
    parsed = feedparser.parse((written / "cy/feeds/open.atom").read_bytes())
    assert parsed.feed.title == f"{WELSH_NAME} \N{EN DASH} Cyfleoedd sydd ar agor"
    assert parsed.feed.language == "cy"
    assert parsed.feed.link == f"{BASE}/cy/"
    rss = feedparser.parse((written / "cy/feeds/open.rss").read_bytes())
    assert rss.feed.language == "cy"


# Feeds of every kind, each in both formats and languages, for the word checks.
CHECKED = ("all", "open", "closing-soon", "changes", "type/tender", "cpv/45", "region/TLL")
CHECKED += ("buyer/afonwy-county-council", "value/under-30k")


def test_welsh_feeds_hold_no_english_interface_words_and_english_no_welsh(bilingual, written):
    own = own_words(sorted(CONTENT.rglob("*.md")))
    # RSS cannot mark a title as English: the notices' own titles are left out.
    titles = sorted({item.notice.title for item in bilingual.notices}, key=len, reverse=True)
    paths = [f"feeds/{slug}.{fmt}" for slug in CHECKED for fmt in ("atom", "rss")]
    paths = [f"{prefix}{path}" for prefix in ("", "cy/") for path in (*paths, "feeds/feeds.opml")]
    leaks = []
    for path in paths:
        lang = "cy" if path.startswith("cy/") else "en"
        for text, tag in feed_words(written / path, lang):
            for title in titles:
                text = text.replace(title, " ")
            leaks += leaks_in(text, lang, f"{path} <{tag}>", own)
    assert leaks == []


# Elements holding names and addresses, not words (events/.../cancelled, /notices/).
NAMES = ("id", "guid", "link", "docs", "generator", "email", "uri")


def feed_words(path: Path, lang: str) -> Iterator[tuple[str, str]]:
    """The words of a feed a reader of ``lang`` reads: not names and addresses, nor what is
    marked as another language, in XML (xml:lang) or in an entry's HTML (lang)."""

    def walk(node: ET.Element, inherited: str) -> Iterator[tuple[str, str]]:
        here = (node.get(XML_LANG) or inherited)[:2]
        tag = node.tag.rsplit("}", 1)[-1]
        if here != lang or tag in NAMES:
            return
        if node.text and node.text.strip():
            yield _readable(node.text, lang), tag
        for name in ("text", "title", "description", "label"):  # OPML and categories
            if node.get(name):
                yield node.get(name, ""), f"{tag}[{name}]"
        for child in node:
            yield from walk(child, here)

    root = ET.parse(path).getroot()
    yield from walk(root, root.get(XML_LANG) or lang)


def _readable(text: str, lang: str) -> str:
    """HTML's words (an entry's summary), leaving out elements marked as another language."""
    if "<" not in text:
        return text
    html = BeautifulSoup(text, "html.parser")
    for marked in html.find_all(lang=lambda value: bool(value) and value[:2] != lang):
        marked.decompose()
    return html.get_text(" ")


def test_an_english_only_notice_in_a_welsh_feed_has_welsh_words_around_its_english(written):
    root = ET.parse(written / "cy/feeds/open.atom").getroot()
    entry = next(
        e for e in root.iter(f"{ATOM}entry") if "ACC-2026-0031" in (e.findtext(f"{ATOM}id") or "")
    )
    title = entry.find(f"{ATOM}title")
    assert title is not None and title.get(XML_LANG) == "en"
    assert (title.text or "").startswith("Ar agor: Hysbysiad tendro: Highway resurfacing")
    author = entry.find(f"{ATOM}author")
    assert author is not None and author.get(XML_LANG) == "en"
    summary = entry.findtext(f"{ATOM}summary") or ""
    assert summary.startswith('<p lang="en">')
    assert '<li>Prynwr: <span lang="en">Afonwy County Council</span></li>' in summary
    assert "Terfyn amser tendro: Dydd Gwener 4 Rhagfyr 2026" in summary
    assert "Newidiwyd ar" in summary
    links = {link.get("rel"): link for link in entry.findall(f"{ATOM}link")}
    assert links["alternate"].get("href") == f"{BASE}/cy/notices/highway-resurfacing-framework/"
    assert links["alternate"].get("hreflang") == "cy"
    assert entry.findtext(f"{ATOM}id", "").endswith(":notices/ACC-2026-0031/cy")


def test_a_welsh_notice_is_in_the_welsh_feeds_in_welsh_and_filed_by_its_original(bilingual):
    feeds = {feed.slug: feed for feed in site_feeds(bilingual, "cy")}
    # The translation names its buyer in Welsh; it is filed under the original's buyer.
    carried = entries(feeds["buyer/afonwy-county-council"], bilingual)
    library = [item for item in carried if item.notice.notice_id == "ACC-2026-0039"]
    assert [item.lang for item in library] == ["cy"]
    english = entries(next(f for f in site_feeds(bilingual) if f.slug == "all"), bilingual)
    assert [i.lang for i in english if i.notice.notice_id == "ACC-2026-0039"] == ["en"]
    assert len(entries(feeds["all"], bilingual)) == len(english)


def test_a_welsh_notice_entry_is_not_marked_as_another_language(written):
    root = ET.parse(written / "cy/feeds/all.atom").getroot()
    entry = next(
        e
        for e in root.iter(f"{ATOM}entry")
        if (e.findtext(f"{ATOM}id") or "").endswith("ACC-2026-0039/cy")
    )
    title = entry.find(f"{ATOM}title")
    assert title is not None and title.get(XML_LANG) is None
    assert "Cyflenwi llyfrau llyfrgell" in (title.text or "")
    alternate = next(
        link for link in entry.findall(f"{ATOM}link") if link.get("rel") == "alternate"
    )
    assert alternate.get("href") == f"{BASE}/cy/notices/library-stock-supply/"


def test_changes_feed_in_welsh_has_its_own_entry_ids(written):
    english = feedparser.parse((written / "feeds/changes.atom").read_bytes())
    welsh = feedparser.parse((written / "cy/feeds/changes.atom").read_bytes())
    assert len(welsh.entries) == len(english.entries) > 0
    assert {e.id + "/cy" for e in english.entries} == {e.id for e in welsh.entries}
    assert all(not e.title.startswith("Contract") for e in welsh.entries)


def test_each_language_has_its_opml_with_its_feeds_and_words(bilingual, written):
    assert opml_path(bilingual) == "feeds/feeds.opml"
    assert opml_path(bilingual, "cy") == "cy/feeds/feeds.opml"
    for lang, section, title in (
        ("en", "By region", "Feeds \N{EN DASH} Afonwy"),
        ("cy", "Yn ôl rhanbarth", f"Ffrydiau \N{EN DASH} {WELSH_NAME}"),
    ):
        root = ET.parse(written / opml_path(bilingual, lang)).getroot()
        assert (root.findtext("head/title") or "").startswith(title)
        assert section in [o.get("text") for o in root.find("body") or ()]
        urls = [o.get("xmlUrl") for o in root.iter("outline") if o.get("xmlUrl")]
        assert urls == [
            f"{BASE}/{feed.path(fmt)}"
            for feed in site_feeds(bilingual, lang)
            for fmt in ("atom", "rss")
        ]
        assert {o.get("language") for o in root.iter("outline") if o.get("xmlUrl")} == {lang}


def test_procurement_feeds_in_welsh_cover_every_procurement(bilingual):
    english, welsh = procurement_feeds(bilingual), procurement_feeds(bilingual, "cy")
    assert set(welsh) == set(english)
    feed = welsh["ocds-h6vhtk-1c8f32"]
    assert feed.atom_path == "cy/feeds/procurements/ocds-h6vhtk-1c8f32.atom"
    assert feed.title.startswith("Caffaeliad: Cyflenwi llyfrau llyfrgell")


def test_a_welsh_only_notice_is_in_the_english_feeds_with_english_words(bilingual):
    """Without its English version, the library notice reaches English readers in Welsh,
    with English labels, linked to the English page around its Welsh text."""
    pages = [
        (item.notice, item.path)
        for item in bilingual.notices
        if item.notice.key != ("ACC-2026-0039", "en")
    ]
    site = assemble(
        pages,
        url=BASE,
        name=bilingual.name,
        clock=bilingual.clock,
        languages=bilingual.languages,
        names=dict(bilingual.names),
    )
    files = dict(feed_files(site, FeedOptions()))
    root = ET.fromstring(files["feeds/all.atom"])
    entry = next(
        e
        for e in root.iter(f"{ATOM}entry")
        if (e.findtext(f"{ATOM}id") or "").endswith(":notices/ACC-2026-0039/en")
    )
    title = entry.find(f"{ATOM}title")
    assert title is not None and title.get(XML_LANG) == "cy"
    assert (title.text or "").startswith("Open: Tender notice: Cyflenwi llyfrau llyfrgell")
    assert '<p lang="cy">Contract tair blynedd' in (entry.findtext(f"{ATOM}summary") or "")
    alternate = next(
        link for link in entry.findall(f"{ATOM}link") if link.get("rel") == "alternate"
    )
    assert alternate.get("href") == f"{BASE}/notices/library-stock-supply/"
