"""The feeds of a real Pelican build, read as a subscriber's reader (feedparser) reads them.

Expected entries are worked out here from the notices themselves, not with the catalogue.
"""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import pytest

from plugins.config import FeedOptions
from plugins.feeds.build import feed_files
from plugins.feeds.catalogue import OPML_PATH, site_feeds
from plugins.notices.derive import Status, closing_deadline
from plugins.notices.site import Site
from tests.calendars_support import as_built
from tests.checks.feeds import problems
from tests.sites import CONTENT, SAMPLE_CLOCK, pelican_build, site_from

BASE = "https://contracts.afonwy.gov.uk"
HIGHWAYS = "content/notices/2026/highway-resurfacing-framework.md"
GROUPS = {
    "pipeline": {"UK1", "UK2", "UK3"},
    "tender": {"UK4"},
    "award": {"UK5", "UK6", "UK7"},
    "contract-change": {"UK10", "UK11"},
    "cancellation": {"UK12"},
}
THIRD_CHANGE = """  - date: 2026-11-18T09:00:00+00:00
    summary: Site visit dates added to the submission details for all three lots.
    fields: [submission]
---
"""


def parse(output: Path, path: str) -> feedparser.FeedParserDict:
    parsed = feedparser.parse((output / path).read_bytes())
    assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
    return parsed


def copy_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    return content


def build(content: Path, output: Path) -> Path:
    result = pelican_build(content, output, "--fatal", "errors")
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def add_change(content: Path) -> None:
    notice = content / HIGHWAYS.removeprefix("content/")
    head, _, body = notice.read_text(encoding="utf-8").partition("\n---\n")
    notice.write_text(f"{head}\n{THIRD_CHANGE}{body}", encoding="utf-8")


def expected_counts(site: Site) -> dict[str, int]:
    """How many entries each feed should have, straight from the notices."""
    english = [item for item in site.notices if item.lang == "en"]
    notices = [item.notice for item in english]
    soon = site.clock + timedelta(days=7)
    counts = Counter(
        slug
        for item in english
        for slug in (
            "all",
            *(["open"] if item.facets.status is Status.OPEN else []),
            *(
                ["closing-soon"]
                if item.facets.status is Status.OPEN
                and site.clock <= closing_deadline(item.notice).at < soon
                else []
            ),
            *(f"type/{g}" for g, types in GROUPS.items() if item.notice.notice_type in types),
            *{f"cpv/{cpv.code[:2]}" for cpv in item.notice.cpv},
            # Every level of every area: TLL14 is in TLL, TLL1 and TLL14.
            *{
                f"region/{region.code[:length]}"
                for region in item.notice.regions
                for length in range(3, len(region.code) + 1)
            },
            f"value/{item.facets.value_band}",
        )
    )
    counts["changes"] = sum(len(n.changes) for n in notices) + sum(
        n.notice_type in {"UK5", "UK6", "UK7", "UK12"} for n in notices
    )
    return counts


@pytest.fixture(scope="module")
def amended(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of the sample content with a third change added to the highways tender."""
    tmp = tmp_path_factory.mktemp("amended")
    content = copy_content(tmp)
    add_change(content)
    return build(content, tmp / "output")


def test_built_feeds_pass_every_check(built_sample):
    assert problems(built_sample) == []


def test_every_feed_has_the_right_number_of_entries_in_both_formats(built_sample, sample_site):
    """In both languages: every notice has an English version, and a Welsh reader sees the
    same notices (in Welsh where translated), filed by the English original's facts."""
    expected = expected_counts(sample_site)
    built = as_built(sample_site)
    for feed in (*site_feeds(built), *site_feeds(built, "cy")):
        for path in (feed.atom_path, feed.rss_path):
            count = len(parse(built_sample, path).entries)
            if feed.slug.startswith("buyer/"):
                slug = feed.slug.removeprefix("buyer/")
                assert count == sum(
                    i.facets.buyer_slug == slug and i.lang == "en" for i in sample_site.notices
                )
            else:
                assert count == expected[feed.slug], path
    # The sample has 5 changes, 6 award notices (UK5 to UK7) and 2 cancellations (UK12).
    assert expected["changes"] == 13
    assert expected["all"] == 35


def test_entry_dates_in_both_formats(built_sample):
    atom = {e.id: e for e in parse(built_sample, "feeds/all.atom").entries}
    rss = {e.id: e for e in parse(built_sample, "feeds/all.rss").entries}
    highways = atom["tag:contracts.afonwy.gov.uk,2026:notices/ACC-2026-0031/en"]
    assert highways.updated == "2026-11-12T15:30:00+00:00"
    assert highways.published == "2026-10-26T09:00:00+00:00"
    assert rss[highways.id].published == "Mon, 26 Oct 2026 09:00:00 +0000"
    for entry in atom.values():
        assert entry.updated_parsed >= entry.published_parsed
        assert datetime(*entry.updated_parsed[:6], tzinfo=UTC) <= SAMPLE_CLOCK


def test_entry_links_lead_to_built_notice_pages(built_sample):
    for path in (
        "feeds/all.atom",
        "feeds/all.rss",
        "feeds/changes.rss",
        "cy/feeds/all.atom",
        "cy/feeds/changes.rss",
    ):
        for entry in parse(built_sample, path).entries:
            assert entry.link.startswith(f"{BASE}/")
            page = built_sample / entry.link.removeprefix(f"{BASE}/") / "index.html"
            assert page.is_file(), entry.link


def test_enclosures_for_document_files_in_both_formats(built_sample):
    pdf = "https://www.afonwy.gov.uk/procurement/ACC-CON-2026-0112-contract.pdf"
    for fmt in ("atom", "rss"):
        entries = parse(built_sample, f"feeds/type/award.{fmt}").entries
        details = next(e for e in entries if e.id.endswith("ACC-2026-0009/en"))
        assert [(e.href, e.type) for e in details.enclosures] == [(pdf, "application/pdf")]


def test_categories_carry_cpv_codes_in_both_formats(built_sample, sample_site):
    # The notice's status comes first, then its CPV codes.
    codes = {
        f"tag:contracts.afonwy.gov.uk,2026:notices/{i.notice.notice_id}/{i.lang}": [
            i.facets.status.value,
            *(cpv.code for cpv in i.notice.cpv),
        ]
        for i in sample_site.notices
    }
    for entry in parse(built_sample, "feeds/all.atom").entries:
        tags = entry.get("tags", [])
        assert [tag.term for tag in tags] == codes[entry.id]
        assert all(tag.label.startswith(tag.term) for tag in tags[1:])
    for entry in parse(built_sample, "feeds/all.rss").entries:
        status, *tags = entry.get("tags", [])
        # RSS shows the label: the status in words, the CPV code then its label.
        assert status.term == codes[entry.id][0].capitalize()
        assert [tag.term.split(" ", 1)[0] for tag in tags] == codes[entry.id][1:]


def test_changes_feed_has_an_entry_per_change_award_and_cancellation(built_sample, sample_site):
    expected = set()
    for item in sample_site.in_language("en"):
        notice = item.notice
        expected |= {f"{notice.notice_id}/change/{n}" for n in range(1, len(notice.changes) + 1)}
        if notice.notice_type in {"UK5", "UK6", "UK7"}:
            expected.add(f"{notice.notice_id}/awarded")
        if notice.notice_type == "UK12":
            expected.add(f"{notice.notice_id}/cancelled")
    for fmt in ("atom", "rss"):
        entries = parse(built_sample, f"feeds/changes.{fmt}").entries
        ids = [e.id.removeprefix("tag:contracts.afonwy.gov.uk,2026:events/") for e in entries]
        assert sorted(ids) == sorted(expected)
        assert len(set(ids)) == len(ids)


def test_feed_ids_survive_editing_and_renaming_a_notice(tmp_path):
    content = copy_content(tmp_path)
    notice = content / HIGHWAYS.removeprefix("content/")
    text = notice.read_text(encoding="utf-8").replace(
        "title: Highway resurfacing", "title: Road resurfacing"
    )
    notice.unlink()
    (notice.parent / "roads-framework.md").write_text(text, encoding="utf-8")

    def ids(site):
        files = dict(feed_files(site, FeedOptions()))
        return {e.id: e for e in feedparser.parse(files["feeds/all.atom"]).entries}

    before, after = ids(site_from()), ids(site_from(content))
    assert before.keys() == after.keys()
    changed = [key for key in before if before[key].title != after[key].title]
    assert changed == ["tag:contracts.afonwy.gov.uk,2026:notices/ACC-2026-0031/en"]
    assert after[changed[0]].link == f"{BASE}/notices/roads-framework/"


def test_two_builds_write_byte_identical_feeds(built_sample, tmp_path):
    again = build(CONTENT, tmp_path / "output")
    first = sorted(p.relative_to(built_sample) for p in (built_sample / "feeds").rglob("*.*"))
    second = sorted(p.relative_to(again) for p in (again / "feeds").rglob("*.*"))
    assert first == second
    assert Path(OPML_PATH) in first
    for path in first:
        assert (built_sample / path).read_bytes() == (again / path).read_bytes(), path


def test_amending_a_notice_changes_only_its_entry_updated(built_sample, amended):
    key = "tag:contracts.afonwy.gov.uk,2026:notices/ACC-2026-0031/en"
    for path in ("feeds/all.atom", "feeds/type/tender.atom", "feeds/all.rss"):
        before = {e.id: e for e in parse(built_sample, path).entries}
        after = {e.id: e for e in parse(amended, path).entries}
        assert before.keys() == after.keys()
        for entry_id in before:
            old, new = dict(before[entry_id]), dict(after[entry_id])
            if entry_id == key and path.endswith(".atom"):
                assert (old.pop("updated"), new.pop("updated")) == (
                    "2026-11-12T15:30:00+00:00",
                    "2026-11-18T09:00:00+00:00",
                )
                old.pop("updated_parsed"), new.pop("updated_parsed")
                # The notice's entry shows its latest change, so its text follows it too.
                assert "Site visit dates added" in new.pop("summary")
                old.pop("summary"), old.pop("summary_detail"), new.pop("summary_detail")
            elif entry_id == key:
                assert "Site visit dates added" in new.pop("summary")
                old.pop("summary"), old.pop("summary_detail", None), new.pop("summary_detail", None)
            assert old == new, (path, entry_id)


def test_amending_a_notice_adds_one_changes_entry(built_sample, amended):
    for fmt in ("atom", "rss"):
        before = parse(built_sample, f"feeds/changes.{fmt}").entries
        after = parse(amended, f"feeds/changes.{fmt}").entries
        assert after[1:] == before
        new = after[0]
        assert new.id == "tag:contracts.afonwy.gov.uk,2026:events/ACC-2026-0031/change/3"
        assert new.title.startswith("Tender notice changed: Highway resurfacing")
        assert "Site visit dates added" in new.summary
        assert new.link == f"{BASE}/notices/highway-resurfacing-framework/"


def test_a_build_with_small_pages_writes_paged_feeds_that_pass(tmp_path):
    result = pelican_build(
        CONTENT, tmp_path, "--fatal", "errors", settings={"FEEDS_MAX_ENTRIES": 10}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "feeds/all/page-4.rss").is_file()
    assert not (tmp_path / "feeds/all/page-5.rss").exists()
    assert problems(tmp_path) == []


def test_a_bad_setting_stops_the_build_naming_it(tmp_path):
    result = pelican_build(CONTENT, tmp_path, settings={"FEEDS_MAX_ENTRIES": 0})
    assert result.returncode != 0
    assert "FEEDS_MAX_ENTRIES must be a whole number" in result.stdout + result.stderr
    assert not (tmp_path / "feeds").exists()
