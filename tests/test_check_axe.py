"""axe-core through the audit: WCAG 2.2 AA rules, target-size included, one line per element."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from tests.browser_sites import page, write_site
from tests.checks.axe import axe_problems
from tests.checks.browser import Browsing, browsing


@pytest.fixture(scope="module")
def tab(tmp_path_factory: pytest.TempPathFactory, chromium_browser: Browser) -> Iterator[Browsing]:
    folder = write_site(
        tmp_path_factory.mktemp("axe"),
        {
            "good/index.html": page('<p>Read the <a href="/">home page</a>.</p>'),
            "bad/index.html": page(
                '<img src="x.png"><p style="color:#aaa">Pale text</p>'
                '<p><a href="/a" style="display:inline-block;width:10px;height:10px;padding:0"></a>'
                '<a href="/b" style="display:inline-block;width:10px;height:10px;padding:0">b</a></p>'
            ),
        },
    )
    with browsing(folder, chromium_browser) as tab:
        yield tab


def test_a_good_page_has_no_violations(tab: Browsing) -> None:
    assert axe_problems(tab, ["/good/"]) == []


def test_violations_name_page_rule_and_element(tab: Browsing) -> None:
    problems = axe_problems(tab, ["/bad/"])
    rules = {p.split(": ")[1].split(" ")[0] for p in problems}
    assert {"image-alt", "color-contrast", "link-name", "target-size"} <= rules
    image = next(p for p in problems if ": image-alt " in p)
    assert image.startswith("/bad/: image-alt (critical): ")
    assert '<img src="x.png">' in image
