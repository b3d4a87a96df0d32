"""The 320px reflow check: pages that scroll sideways are reported with the culprit."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from tests.browser_sites import page, write_site
from tests.checks.browser import Browsing, browsing
from tests.checks.layout import layout_problems


@pytest.fixture(scope="module")
def tab(tmp_path_factory: pytest.TempPathFactory, chromium_browser: Browser) -> Iterator[Browsing]:
    folder = write_site(
        tmp_path_factory.mktemp("layout"),
        {
            "narrow/index.html": page("<p>" + "Words that wrap. " * 40 + "</p>"),
            "wide/index.html": page('<div class="facts" style="min-width:600px">x</div>'),
            "long-word/index.html": page("<p>" + "x" * 80 + "</p>"),
        },
    )
    with browsing(folder, chromium_browser) as tab:
        yield tab


def test_a_page_that_reflows_passes(tab: Browsing) -> None:
    assert layout_problems(tab, ["/narrow/"]) == []


def test_wide_content_is_reported_with_the_element(tab: Browsing) -> None:
    problems = layout_problems(tab, ["/wide/", "/long-word/"])
    assert len(problems) == 2
    assert problems[0].startswith("/wide/: scrolls sideways at 320px (content 6")
    assert "div.facts (right edge at 6" in problems[0]
    assert problems[1].startswith("/long-word/: scrolls sideways at 320px")
    assert "text in p wider than its box" in problems[1]
