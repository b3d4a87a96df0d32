"""The other ways round: a Welsh-first site (Welsh at the root, English under /en/), and a
notice written only in Welsh on the English-first sample, which English readers see with
English words around its Welsh text, in their listings, feeds, open data and posts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from tests.checks.language_leaks import html_leaks, own_words
from tests.sites import CONTENT, pelican_build

WELSH_FIRST = {
    "DEFAULT_LANG": "cy",
    "SITE_LANGUAGES": ("cy", "en"),
    "SITENAME": "Cyfleoedd contract Cyngor Sir Afonwy",
    "SITE_NAMES": {"en": "Afonwy County Council contract opportunities"},
}


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_bytes(), "html.parser")


def test_a_welsh_first_site_is_welsh_at_the_root_and_english_under_en(tmp_path: Path):
    output = tmp_path / "out"
    result = pelican_build(CONTENT, output, "--fatal", "errors", settings=WELSH_FIRST)
    assert result.returncode == 0, result.stdout[-3000:]
    home, english = _soup(output / "index.html"), _soup(output / "en" / "index.html")
    assert home.html is not None and home.html["lang"] == "cy"
    assert english.html is not None and english.html["lang"] == "en"
    switch = home.select_one(".language-switch a[hreflang='en']")
    assert switch is not None and str(switch["href"]).rstrip("/").endswith("/en")
    assert (output / "en" / "feeds" / "open.atom").is_file()
    own = own_words(sorted(CONTENT.rglob("*.md")))
    leaks = [leak for p in sorted(output.rglob("*.html")) for leak in html_leaks(p, output, own)]
    assert not leaks, "\n".join(map(str, leaks[:20]))


def test_a_notice_only_in_welsh_is_read_in_english_with_english_words(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    welsh = content / "notices" / "2026" / "library-stock-supply.cy.md"
    alone = (
        welsh.read_text(encoding="utf-8")
        .replace("ACC-2026-0039", "ACC-2026-0939")
        .replace("ocds-h6vhtk-1c8f32", "ocds-h6vhtk-9c8f32")
        .replace("040971-2026", "049971-2026")
    )
    (welsh.parent / "stoc-llyfrgell-yn-unig.cy.md").write_text(alone, encoding="utf-8")
    output = tmp_path / "out"
    result = pelican_build(content, output, "--fatal", "errors")
    assert result.returncode == 0, result.stdout[-3000:]
    assert "no English original" in result.stdout  # said, as a warning
    page = _soup(output / "notices" / "stoc-llyfrgell-yn-unig" / "index.html")
    assert page.html is not None and page.html["lang"] == "en"
    heading = page.select_one("h1")
    assert heading is not None
    assert heading.get("lang") == "cy" or heading.find_parent(attrs={"lang": "cy"}) is not None
    listing = (output / "notices" / "index.html").read_text(encoding="utf-8")
    assert "notices/stoc-llyfrgell-yn-unig/" in listing
    own = own_words(sorted(content.rglob("*.md")))
    leaks = html_leaks(output / "notices" / "stoc-llyfrgell-yn-unig" / "index.html", output, own)
    assert not leaks, leaks
    announced = json.loads((output / "announcements.json").read_text(encoding="utf-8"))
    assert any("stoc-llyfrgell-yn-unig" in json.dumps(item) for item in announced["announcements"])
    ocids = {
        release["ocid"]
        for path in (output / "ocds").rglob("*.json")
        for release in json.loads(path.read_text(encoding="utf-8")).get("releases", [])
    }
    assert "ocds-h6vhtk-9c8f32" in ocids
