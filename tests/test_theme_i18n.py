"""The theme's words in the reader's language, on the built sample site.

Every word of the templates comes from gettext (``theme.po``) in the page's reader language:
a Welsh page has no English interface word and an English page no Welsh one, macros
included, and ``lang`` says so wherever a notice's own text is in another language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup, NavigableString, Tag
from jinja2 import DictLoader, Environment

from plugins.contract import words
from plugins.notices.templating import JINJA_FILTERS, ThemeI18n
from tests.theme_pages import page, summary

WELSH_NOTICE = "cy/notices/library-stock-supply/"  # written in Welsh
ITS_ENGLISH = "notices/library-stock-supply/"
ENGLISH_ONLY = "notices/cctv-control-room-planned-procurement/"  # no Welsh version
ITS_WELSH_PAGE = "cy/" + ENGLISH_ONLY  # Welsh words around its English text
DASH = "\u2013"  # the en dash, as in "<page title> <dash> <site name>"
# Attributes whose words a reader meets.
READ = ("aria-label", "title", "alt")
# Message pieces: the text between placeholders and tags, of at least one 4-letter word.
_SPLIT = re.compile(r"%\(\w+\)[sd]|\{\w+\}|<[^>]+>")
_WORD = re.compile(r"[^\W\d_]{4,}")


@cache
def catalogue_pieces() -> tuple[frozenset[str], frozenset[str]]:
    """(English, Welsh) pieces of theme.po's messages: each language's own, i.e. not
    spelt the same in the other (``Lot`` is both)."""
    with words.catalogue_path("cy", "theme").open("rb") as source:
        catalogue = read_po(source, locale="cy")
    english: set[str] = set()
    welsh: set[str] = set()
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        english.update(_pieces(ids))
        welsh.update(_pieces(strings))
    return frozenset(english - welsh), frozenset(welsh - english)


def _pieces(texts: tuple[str, ...]) -> Iterator[str]:
    for text in texts:
        for piece in _SPLIT.split(text):
            piece = _bare(piece)
            if _WORD.search(piece):
                yield piece


def _bare(text: str) -> str:
    return " ".join(text.split()).strip(f" .,:;()-{DASH}")


def interface_texts(soup: BeautifulSoup, reader: str) -> Iterator[tuple[str, str]]:
    """(where, text) of every text node and read attribute in the reader's language: not
    inside an element whose ``lang`` is another, nor a script or style."""
    for node in soup.find_all(string=True):
        parent = node.parent
        if parent is None or parent.name in ("script", "style", "[document]"):
            continue
        if _lang_of(parent) == reader and isinstance(node, NavigableString):
            yield parent.name, _bare(str(node))
    for tag in soup.find_all(True):
        if _lang_of(tag) != reader:
            continue
        for name in READ:
            if tag.get(name):
                yield f"{tag.name}@{name}", _bare(str(tag[name]))


def _lang_of(tag: Tag) -> str | None:
    for each in (tag, *tag.parents):
        if isinstance(each, Tag) and each.get("lang"):
            return str(each["lang"])
    return None


def other_language_words(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """Texts of a page that are a theme message of the other language than its own."""
    reader = str(soup.html["lang"])
    english, welsh = catalogue_pieces()
    foreign = english if reader == "cy" else welsh
    return [(where, text) for where, text in interface_texts(soup, reader) if text in foreign]


def _html_pages(output: Path, welsh: bool) -> list[Path]:
    pages = sorted(output.rglob("*.html"))
    return [path for path in pages if (path.relative_to(output).parts[0] == "cy") == welsh]


def test_the_welsh_notice_page_speaks_welsh(built_sample: Path) -> None:
    soup = page(built_sample, WELSH_NOTICE)
    assert soup.html["lang"] == "cy"
    nav = [" ".join(a.get_text().split()) for a in soup.select(".site-nav__link")]
    assert nav == [
        "Cyfleoedd sydd ar agor",
        "Yn cau cyn bo hir",
        "Pob hysbysiad",
        "Pori",
        "Chwilio",
        "Tanysgrifio",
    ]
    assert soup.select_one(".skip-link").get_text() == "Neidio i'r prif gynnwys"
    assert soup.select_one("#notice-key-facts").get_text() == "Ffeithiau allweddol"
    facts = summary(soup)
    # Labels from the macros (ui.row, status_tag) are Welsh too: they see the reader.
    assert facts["Statws"] == "Ar agor"
    assert facts["Math o hysbysiad"] == "Hysbysiad tendro (UK4)"
    assert facts["Cyhoeddwyd"] == "Dydd Llun 2 Tachwedd 2026, 10:00 (GMT)"
    assert facts["Lotiau"] == "3 lot"
    assert facts["Rhanbarthau"].startswith("De-orllewin Cymru")
    footer = [" ".join(a.get_text().split()) for a in soup.select(".site-footer a")]
    assert footer == [
        "Ynglŷn â'r hysbysiadau hyn",
        "Datganiad hygyrchedd",
        "Data agored",
        "Pob ffrwd (OPML)",
    ]
    assert soup.select_one(".site-footer nav")["aria-label"] == "Troedyn"
    assert soup.title.get_text().endswith(f"{DASH} Cyfleoedd contract Cyngor Sir Afonwy")


def test_welsh_pages_have_no_english_interface_word(built_sample: Path) -> None:
    pages = _html_pages(built_sample, welsh=True)
    assert len(pages) > 50
    found = {
        str(path.relative_to(built_sample)): words
        for path in pages
        if (words := other_language_words(BeautifulSoup(path.read_text("utf-8"), "html.parser")))
    }
    assert found == {}


def test_english_pages_have_no_welsh_interface_word(built_sample: Path) -> None:
    pages = _html_pages(built_sample, welsh=False)
    found = {
        str(path.relative_to(built_sample)): words
        for path in pages
        if (words := other_language_words(BeautifulSoup(path.read_text("utf-8"), "html.parser")))
    }
    assert found == {}
    soup = page(built_sample, ITS_ENGLISH)
    assert soup.html["lang"] == "en"
    assert soup.select_one("#notice-key-facts").get_text() == "Key facts"
    assert soup.select_one(".skip-link").get_text() == "Skip to main content"


def test_the_check_sees_a_word_of_the_other_language() -> None:
    soup = BeautifulSoup(
        '<html lang="cy"><body><h2>Key facts</h2><p lang="en">Key facts</p>'
        '<nav aria-label="Breadcrumb"></nav><p>Lot</p></body></html>',
        "html.parser",
    )
    assert other_language_words(soup) == [("h2", "Key facts"), ("nav@aria-label", "Breadcrumb")]


def test_a_notice_in_another_language_says_so(built_sample: Path) -> None:
    soup = page(built_sample, ITS_WELSH_PAGE)
    assert soup.html["lang"] == "cy"
    assert soup.h1["lang"] == "en"
    assert soup.select_one("p.lead")["lang"] == "en"
    assert soup.select_one("#notice-description").find_next_sibling("div")["lang"] == "en"
    assert summary(soup)["Statws"]  # the words around it are Welsh
    # Its own page and the Welsh notice's: the text is the page's language, unmarked.
    for path in (ENGLISH_ONLY, WELSH_NOTICE):
        own = page(built_sample, path)
        assert not own.h1.has_attr("lang")
        assert not own.select_one("p.lead").has_attr("lang")


def test_listings_mark_notices_in_another_language(built_sample: Path) -> None:
    welsh = page(built_sample, "cy/notices/")
    titles = {a.get_text(): a.get("lang") for a in welsh.select(".notice-list__title a")}
    assert titles[f"Public space CCTV {DASH} control room upgrade and camera replacement"] == "en"
    assert (
        titles[f"Cyflenwi llyfrau llyfrgell, llyfrau llafar a stoc Gymraeg 2027{DASH}2030"] is None
    )
    labels = {dt.get_text() for dt in welsh.select(".notice-list .summary-list__key")}
    assert {"Statws", "Math o hysbysiad", "Prynwr", "Cyhoeddwyd"} <= labels
    english = page(built_sample, "notices/")
    assert all(not a.has_attr("lang") for a in english.select(".notice-list__title a"))


def test_the_welsh_pages_are_translations_of_the_english(built_sample: Path) -> None:
    for slug, title in (
        ("about", "Ynglŷn â'r hysbysiadau hyn"),
        ("accessibility", "Datganiad hygyrchedd"),
    ):
        welsh = page(built_sample, f"cy/{slug}/")
        assert welsh.html["lang"] == "cy"
        assert welsh.h1.get_text() == title and not welsh.h1.has_attr("lang")
        english = page(built_sample, f"{slug}/")
        switch = english.select_one(".translations a[hreflang=cy]")
        assert switch is not None and switch["lang"] == "cy"


def _render(source: str, macros: str, **context: object) -> str:
    environment = Environment(
        autoescape=True,
        extensions=[ThemeI18n],
        loader=DictLoader({"page.html": source, "macros.html": macros}),
    )
    environment.filters.update(JINJA_FILTERS)
    return environment.get_template("page.html").render(**context)


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        ({}, "Status Status"),
        ({"DEFAULT_LANG": "cy"}, "Statws Statws"),
        ({"page_lang": "cy"}, "Statws Statws"),
        ({"article": type("A", (), {"lang": "cy"})()}, "Statws Statws"),
        ({"page_lang": "en", "article": type("A", (), {"lang": "cy"})()}, "Status Status"),
    ],
)
def test_the_reader_language_comes_from_the_render_context(
    context: dict[str, object], expected: str
) -> None:
    source = '{% import "macros.html" as ui with context %}{{ _("Status") }} {{ ui.label() }}'
    assert _render(source, '{% macro label() %}{{ _("Status") }}{% endmacro %}', **context) == (
        expected
    )


def test_plurals_and_placeholders_are_welsh() -> None:
    source = (
        '{{ ngettext("%(num)s notice", "%(num)s notices", n) }}; '
        '{{ _("Respond by %(when)s", when="<b>") }}'
    )
    assert _render(source, "", page_lang="cy", n=2) == "2 hysbysiad; Ymatebwch erbyn &lt;b&gt;"
    assert _render(source, "", page_lang="en", n=1) == "1 notice; Respond by &lt;b&gt;"
