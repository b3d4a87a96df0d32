"""The keyboard check presses Tab for real: reachability, visible focus, skip link."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from tests.browser_sites import page, write_site
from tests.checks.browser import Browsing, browsing
from tests.checks.keyboard import focus_visible, keyboard_problems

NO_OUTLINE = "<style>.plain:focus { outline: none; background: none; color: #1d70b8; }</style>"


@pytest.fixture(scope="module")
def tab(tmp_path_factory: pytest.TempPathFactory, chromium_browser: Browser) -> Iterator[Browsing]:
    folder = write_site(
        tmp_path_factory.mktemp("keyboard"),
        {
            "good/index.html": page(
                '<p><a href="/a">A link</a></p><form><label for="q">Search</label>'
                '<input id="q" type="search"><input type="radio" name="r" id="r1">'
                '<label for="r1">One</label><input type="radio" name="r" id="r2">'
                '<label for="r2">Two</label><button>Go</button></form>'
                '<p tabindex="-1">not a tab stop</p><details><summary>More</summary>'
                '<a href="/hidden">inside closed details</a></details>'
            ),
            "no-focus-style/index.html": page(
                '<p><a class="plain" href="/a">Invisible focus</a></p>', NO_OUTLINE
            ),
            "trapped/index.html": page(
                '<p><a href="/a">First</a> <span tabindex="0" id="loop">Second</span>'
                ' <a href="/c" id="unreached">Third</a></p>',
                "<script>document.addEventListener('keydown', (e) => {"
                " if (e.key === 'Tab' && document.activeElement.id === 'loop') {"
                " e.preventDefault(); document.querySelector('main a').focus(); } });</script>",
            ),
            "offscreen-skip/index.html": page(
                '<p><a href="/a">A</a></p>', "<style>.skip:focus { left: -9999px; }</style>"
            ),
            "no-skip/index.html": page('<p><a href="/a">A</a></p>', skip=False),
            "bad-skip/index.html": page('<p><a href="/a">A</a></p>').replace(
                'href="#main"', 'href="#nowhere"'
            ),
        },
    )
    with browsing(folder, chromium_browser) as tab:
        yield tab


def test_a_keyboard_friendly_page_passes(tab: Browsing) -> None:
    assert keyboard_problems(tab, ["/good/"]) == []


def test_an_element_without_a_focus_style_is_reported(tab: Browsing) -> None:
    assert keyboard_problems(tab, ["/no-focus-style/"]) == [
        '/no-focus-style/: no visible focus indicator on <a href="/a"> "Invisible focus"'
    ]


def test_elements_tab_never_reaches_are_reported(tab: Browsing) -> None:
    assert keyboard_problems(tab, ["/trapped/"]) == [
        '/trapped/: not reachable with Tab: <a#unreached href="/c"> "Third"'
    ]


def test_focus_on_an_element_that_stays_off_screen_is_reported(tab: Browsing) -> None:
    assert keyboard_problems(tab, ["/offscreen-skip/"]) == [
        '/offscreen-skip/: focused but not on screen: <a href="#main"> "Skip to main content"'
    ]


def test_the_skip_link_must_come_first_and_lead_to_main(tab: Browsing) -> None:
    missing = keyboard_problems(tab, ["/no-skip/"])
    assert missing[0] == "/no-skip/: the first Tab stop is not a skip link to the main content"
    broken = keyboard_problems(tab, ["/bad-skip/"])
    assert broken[0] == "/bad-skip/: the skip link #nowhere has no target"


def test_a_transparent_outline_is_not_a_focus_indicator() -> None:
    unfocused = {
        "outline-style": "none",
        "outline-width": "3px",
        "outline-color": "rgb(0, 0, 0)",
        "outline-offset": "0px",
        "box-shadow": "none",
    }
    transparent = {**unfocused, "outline-style": "solid", "outline-color": "rgba(0, 0, 0, 0)"}
    assert not focus_visible(unfocused, transparent)
    assert focus_visible(unfocused, {**transparent, "outline-color": "rgb(253, 221, 0)"})
    assert focus_visible(unfocused, {**transparent, "box-shadow": "rgb(11, 12, 12) 0px 4px 0px"})
