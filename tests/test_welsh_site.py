"""The built sample site in both its languages: no interface word of one language where a
reader of the other reads (issue 16's acceptance).

Every HTML page is judged in the language of its ``<html lang>``, every feed and calendar
under ``cy/`` in Welsh and the rest in English, and every Welsh notice's card text in
Welsh. Text marked as the other language (``lang``, ``xml:lang``) and the buyers' own words
(``tests/checks/language_leaks.py``) are not the interface's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path

import pytest
from icalendar import Calendar

from plugins.cards.text import card_text
from plugins.notices.site import Site
from tests.checks.language_leaks import Leak, html_leaks, leaks_in, own_words, xml_texts
from tests.sites import CONTENT

# Calendar properties a reader's calendar shows.
_SHOWN = ("SUMMARY", "DESCRIPTION", "LOCATION", "X-WR-CALNAME", "X-WR-CALDESC")


@pytest.fixture(scope="module")
def own() -> str:
    return own_words(sorted(CONTENT.rglob("*.md")))


def _lang_of(path: Path, root: Path) -> str:
    return "cy" if path.relative_to(root).parts[0] == "cy" else "en"


def _report(leaks: list[Leak]) -> str:
    return f"{len(leaks)} interface words of the other language:\n" + "\n".join(
        str(leak) for leak in leaks[:40]
    )


def test_the_sample_has_a_welsh_site(built_sample: Path) -> None:
    for path in ("cy/index.html", "cy/notices/index.html", "cy/browse/index.html"):
        assert (built_sample / path).is_file(), path


def test_pages_hold_no_interface_word_of_the_other_language(built_sample: Path, own: str) -> None:
    pages = sorted(built_sample.rglob("*.html"))
    welsh = [page for page in pages if _lang_of(page, built_sample) == "cy"]
    assert len(welsh) > 50, "the Welsh site has its listings, not only its notices"
    leaks = [leak for page in pages for leak in html_leaks(page, built_sample, own)]
    assert not leaks, _report(leaks)


def _feeds(root: Path) -> Iterator[Path]:
    for pattern in ("*.atom", "*.rss", "*.opml"):
        yield from sorted(root.rglob(pattern))


def test_feeds_hold_no_interface_word_of_the_other_language(built_sample: Path, own: str) -> None:
    feeds = list(_feeds(built_sample))
    assert any(_lang_of(feed, built_sample) == "cy" for feed in feeds)
    leaks = []
    for feed in feeds:
        lang = _lang_of(feed, built_sample)
        for text, tag in xml_texts(feed, lang):
            leaks += leaks_in(text, lang, f"{feed.relative_to(built_sample)} <{tag}>", own)
    assert not leaks, _report(leaks)


def test_calendars_hold_no_interface_word_of_the_other_language(
    built_sample: Path, own: str
) -> None:
    calendars = sorted(built_sample.rglob("*.ics"))
    assert any(_lang_of(calendar, built_sample) == "cy" for calendar in calendars)
    leaks = []
    for path in calendars:
        lang = _lang_of(path, built_sample)
        for component in Calendar.from_ical(path.read_bytes()).walk():
            for name in _SHOWN:
                if (value := component.get(name)) is not None:
                    where = f"{path.relative_to(built_sample)} {component.name} {name}"
                    leaks += leaks_in(str(value), lang, where, own)
    assert not leaks, _report(leaks)


def test_cards_of_welsh_notices_are_in_welsh(sample_site: Site, own: str) -> None:
    welsh = [item for item in sample_site.notices if item.lang == "cy"]
    assert welsh
    leaks = []
    for item in welsh:
        card = card_text(item, sample_site.timezone)
        for field in fields(card):
            value = getattr(card, field.name)
            if isinstance(value, str):
                leaks += leaks_in(value, "cy", f"card of {item.path} {field.name}", own)
    assert not leaks, _report(leaks)
