"""The notices plugin in a real Pelican build into a temporary folder."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.sites import pelican_build as build

ROOT = Path(__file__).parent.parent


@pytest.fixture
def site(tmp_path: Path, sample_text: str) -> Path:
    """A content folder with the sample tender, its Welsh version, and a page."""
    notices = tmp_path / "content" / "notices" / "2026"
    notices.mkdir(parents=True)
    (notices / "highway.md").write_text(sample_text, encoding="utf-8")
    welsh = sample_text.replace("legal_basis: PA2023", "legal_basis: PA2023\nlang: cy").replace(
        "title: Highway resurfacing", "title: Ailwynebu priffyrdd - Highway resurfacing"
    )
    (notices / "highway.cy.md").write_text(welsh, encoding="utf-8")
    pages = tmp_path / "content" / "pages"
    pages.mkdir()
    (pages / "accessibility.md").write_text(
        "Title: Accessibility statement\n\nWe aim for WCAG 2.2 AA.\n"
    )
    return tmp_path / "content"


def test_valid_notices_become_pages(site: Path, tmp_path: Path):
    result = build(site, tmp_path / "out", "--fatal", "errors")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "out" / "notices" / "highway" / "index.html").read_text(encoding="utf-8")
    assert "Highway resurfacing and surface dressing framework" in page
    assert "45233142-6" in page
    welsh = (tmp_path / "out" / "cy" / "notices" / "highway" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "Ailwynebu priffyrdd" in welsh
    assert (tmp_path / "out" / "accessibility-statement" / "index.html").is_file()


def test_an_invalid_notice_fails_the_build_under_fatal_errors(site: Path, tmp_path: Path):
    bad = site / "notices" / "2026" / "bad.md"
    bad.write_text(
        (site / "notices" / "2026" / "highway.md")
        .read_text()
        .replace("notice_id: ACC-2026-0031", "notice_id: ACC-2026-0032\ndeadlnes: {}")
    )
    result = build(site, tmp_path / "out", "--fatal", "errors")
    assert result.returncode != 0
    assert "did you mean 'deadlines'" in " ".join((result.stdout + result.stderr).split())


def test_an_invalid_notice_is_never_published(site: Path, tmp_path: Path):
    highway = (site / "notices" / "2026" / "highway.md").read_text()
    (site / "notices" / "2026" / "bad.md").write_text(
        highway.replace("notice_id: ACC-2026-0031", "notice_id: ACC-2026-0032").replace(
            "currency: GBP", "currency: XYZ"
        )
    )
    result = build(site, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "notices" / "highway" / "index.html").is_file()
    assert not (tmp_path / "out" / "notices" / "bad").exists()
    assert "ACC-2026-0032" not in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "XYZ" in result.stdout + result.stderr


def test_a_duplicate_id_is_not_published(site: Path, tmp_path: Path):
    shutil.copy(site / "notices" / "2026" / "highway.md", site / "notices" / "2026" / "zz-copy.md")
    result = build(site, tmp_path / "out")
    assert not (tmp_path / "out" / "notices" / "zz-copy").exists()
    assert (tmp_path / "out" / "notices" / "highway" / "index.html").is_file()
    assert "already used by" in " ".join((result.stdout + result.stderr).split())
    assert build(site, tmp_path / "out2", "--fatal", "errors").returncode != 0


def test_a_notice_published_after_the_build_clock_waits(site: Path, tmp_path: Path):
    highway = (site / "notices" / "2026" / "highway.md").read_text()
    later = highway.replace("notice_id: ACC-2026-0031", "notice_id: ACC-2026-0040").replace(
        "published: 2026-10-26T09:00:00+00:00", "published: 2026-11-21T09:00:00+00:00"
    )
    later = later.split("changes:")[0] + "---\nLater.\n"
    (site / "notices" / "2026" / "later.md").write_text(later)
    result = build(site, tmp_path / "out", "--fatal", "errors")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (tmp_path / "out" / "notices" / "later").exists()
    result = build(site, tmp_path / "out2", "-e", 'NOTICES_CLOCK="2026-11-21T09:00:00+00:00"')
    assert (tmp_path / "out2" / "notices" / "later" / "index.html").is_file()


def test_raw_html_in_a_page_body_is_escaped_or_sanitised(site: Path, tmp_path: Path):
    result = build(site, tmp_path / "out", "--fatal", "errors")
    assert result.returncode == 0
    # The only scripts are the theme's own: its files, and structured data that is JSON.
    for page in (tmp_path / "out").rglob("*.html"):
        for script in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")("script"):
            if script.get("type") == "application/ld+json":
                assert json.loads(script.string or ""), page
            else:
                assert re.fullmatch(r"(\.\./)*theme/js/\w+\.js", script.get("src", "")), page
                assert not script.string, page
