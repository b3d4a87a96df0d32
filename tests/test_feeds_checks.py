"""The feed checks find what a validator would: each broken copy of a good feed is caught."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugins.config import FeedOptions
from plugins.feeds.build import feed_files
from tests.calendars_support import as_built
from tests.checks.feeds import problems

ATOM = "feeds/type/award.atom"
RSS = "feeds/type/award.rss"


@pytest.fixture
def output(sample_site, tmp_path: Path) -> Path:
    """A folder holding the sample site's feeds (paged, 10 entries a page) and OPML."""
    for path, data in dict(feed_files(sample_site, FeedOptions(max_entries=10))).items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(data)
    return tmp_path


def edit(output: Path, path: str, old: str, new: str, count: int = 1) -> None:
    file = output / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    file.write_text(text.replace(old, new, count), encoding="utf-8")


def test_good_feeds_pass(output):
    assert problems(output) == []


def test_a_second_alternate_link_of_the_same_type(output):
    # What feedgen 1.0.0 does to a related link.
    edit(output, ATOM, 'rel="related" type="text/html"', 'type="text/html"')
    assert problems(output) == [f"{ATOM}: entry 0: 2 rel=alternate links of type text/html"]


def test_an_entry_without_an_alternate_link(output):
    edit(
        output,
        ATOM,
        'rel="alternate" type="text/html" hreflang',
        'rel="via" type="text/html" hreflang',
    )
    found = problems(output)
    assert f"{ATOM}: entry 0: no rel=alternate link" in found


def test_a_guid_that_is_neither_a_url_nor_marked_not_a_permalink(output):
    edit(output, RSS, '<guid isPermaLink="false">', "<guid>")
    (problem,) = problems(output)
    assert problem.startswith(f"{RSS}: item 0: guid 'tag:") and "isPermaLink" in problem


def test_a_permalink_guid_that_is_a_url_is_fine(output):
    edit(output, RSS, '<guid isPermaLink="false">tag:', "<guid>https://example.org/")
    assert problems(output) == []


def test_rss_dates_must_be_rfc_822_with_the_right_weekday(output):
    edit(output, RSS, "<pubDate>Fri, 13 Nov 2026", "<pubDate>Thu, 13 Nov 2026")
    edit(
        output,
        RSS,
        "<lastBuildDate>Fri, 13 Nov 2026 10:00:00 +0000",
        "<lastBuildDate>2026-11-13T10:00:00Z",
    )
    assert problems(output) == [
        f"{RSS}: date '2026-11-13T10:00:00Z' is not RFC 822",
        f"{RSS}: date 'Thu, 13 Nov 2026 10:00:00 +0000' has the wrong day of the week",
    ]


def test_atom_dates_must_be_rfc_3339(output):
    edit(output, ATOM, "<published>2026-11-13T10:00:00+00:00", "<published>2026-11-13 10:00:00")
    assert problems(output) == [f"{ATOM}: date '2026-11-13 10:00:00' is not RFC 3339"]


def test_a_channel_without_its_self_link(output):
    edit(output, RSS, 'rel="self"', 'rel="via"')
    assert f"{RSS}: 0 rel=self links, not 1" in problems(output)


def test_a_self_link_that_is_not_the_file(output):
    edit(output, ATOM, "feeds/type/award.atom", "feeds/type/tender.atom")
    assert any("rel=self" in p and p.startswith(ATOM) for p in problems(output))


def test_broken_xml(output):
    edit(output, ATOM, "</feed>", "")
    (problem,) = [p for p in problems(output) if p.startswith(ATOM)]
    assert "not well-formed XML" in problem


def test_opml_missing_a_feed(output):
    edit(
        output,
        "feeds/feeds.opml",
        'xmlUrl="https://contracts.afonwy.gov.uk/feeds/type/award.rss"',
        'xmlUrl="https://contracts.afonwy.gov.uk/feeds/type/awards.rss"',
    )
    assert problems(output) == [
        "feeds/feeds.opml: lists https://contracts.afonwy.gov.uk/feeds/type/awards.rss, which is not in the output",
        f"feeds/feeds.opml: does not list {RSS}",
    ]


def test_per_procurement_feeds_need_not_be_in_the_opml(output):
    procurements = sorted((output / "feeds" / "procurements").glob("*.atom"))
    assert procurements
    opml = (output / "feeds" / "feeds.opml").read_text(encoding="utf-8")
    assert "/feeds/procurements/" not in opml
    assert problems(output) == []


def test_opml_must_list_the_first_page_of_a_paged_feed(output):
    edit(output, "feeds/feeds.opml", "/feeds/all.atom", "/feeds/all/page-2.atom")
    assert (
        "feeds/feeds.opml: does not list feeds/all.atom, the first page of feeds/all/page-3.atom"
        in problems(output)
    )


def test_a_missing_opml_file(output):
    (output / "feeds" / "feeds.opml").unlink()
    assert problems(output) == ["feeds/feeds.opml: missing"]


@pytest.fixture
def bilingual_output(sample_site, tmp_path: Path) -> Path:
    """The feeds of the sample in English and Welsh: cy/feeds/ with its own OPML."""
    for path, data in feed_files(as_built(sample_site), FeedOptions()):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(data)
    return tmp_path


def test_each_language_needs_its_own_opml(bilingual_output):
    assert problems(bilingual_output) == []
    (bilingual_output / "cy" / "feeds" / "feeds.opml").unlink()
    assert problems(bilingual_output) == ["cy/feeds/feeds.opml: missing"]


def test_an_opml_lists_only_its_own_languages_feeds(bilingual_output):
    edit(
        bilingual_output,
        "feeds/feeds.opml",
        "https://contracts.afonwy.gov.uk/feeds/type/award.rss",
        "https://contracts.afonwy.gov.uk/cy/feeds/type/award.rss",
    )
    assert problems(bilingual_output) == [
        "feeds/feeds.opml: lists https://contracts.afonwy.gov.uk/cy/feeds/type/award.rss, "
        "which is not in the output",
        f"feeds/feeds.opml: does not list {RSS}",
    ]
