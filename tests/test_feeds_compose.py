"""What feed entries say: stable ids, titles with the notice type, facts, links, CPV codes."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from plugins.feeds.compose import CPV_SCHEME, event_entry, notice_entry, tag_uri
from plugins.notices.events import EventKind, events
from plugins.notices.site import Published, Site

SITE_URL = "https://contracts.afonwy.gov.uk"


def item(site: Site, notice_id: str, lang: str = "en") -> Published:
    return next(i for i in site.notices if i.notice.key == (notice_id, lang))


@pytest.fixture(scope="module")
def highways(sample_site: Site) -> Published:
    """The UK4 tender with two changes, a Find a Tender link and a portal document."""
    return item(sample_site, "ACC-2026-0031")


def test_tag_uri_uses_the_site_host_and_the_given_date(sample_site):
    assert tag_uri(sample_site, "2026", "x/y") == "tag:contracts.afonwy.gov.uk,2026:x/y"


def test_notice_entry_id_comes_from_notice_id_and_language(sample_site, highways):
    entry = notice_entry(highways, sample_site, "2026")
    assert entry.id == "tag:contracts.afonwy.gov.uk,2026:notices/ACC-2026-0031/en"
    welsh = notice_entry(item(sample_site, "ACC-2026-0039", "cy"), sample_site, "2026")
    assert welsh.id.endswith(":notices/ACC-2026-0039/cy")


def test_editing_a_notice_keeps_its_entry_id(sample_site, highways):
    notice = dataclasses.replace(
        highways.notice,
        title="A new title",
        slug="renamed",
        published=datetime(2026, 10, 27, tzinfo=UTC),
        summary="Rewritten.",
    )
    edited = dataclasses.replace(highways, notice=notice, path="notices/renamed/")
    before = notice_entry(highways, sample_site, "2026")
    after = notice_entry(edited, sample_site, "2026")
    assert after.id == before.id
    assert after.title != before.title


def test_notice_entry_title_dates_and_author(sample_site, highways):
    entry = notice_entry(highways, sample_site, "2026")
    assert entry.title == (
        "Open: Tender notice: Highway resurfacing and surface dressing framework "
        "2027\N{EN DASH}2031"
    )
    assert entry.published == datetime(2026, 10, 26, 9, tzinfo=UTC)
    assert entry.updated == datetime(2026, 11, 12, 15, 30, tzinfo=UTC)  # the second change
    assert (entry.author.name, entry.author.email) == (
        "Afonwy County Council",
        "procurement@afonwy.gov.uk",
    )


def test_summary_gives_buyer_value_and_deadline_with_time_zone(sample_site, highways):
    summary = notice_entry(highways, sample_site, "2026").summary_html
    assert "<li>Buyer: Afonwy County Council</li>" in summary
    assert "<li>Value: £18,000,000 excluding VAT (£21,600,000 including VAT)</li>" in summary
    assert "<li>Tender deadline: Friday 4 December 2026, 12:00pm (GMT)</li>" in summary


def test_summary_escapes_text(sample_site, highways):
    notice = dataclasses.replace(highways.notice, summary="Roads <b> & paths")
    summary = notice_entry(dataclasses.replace(highways, notice=notice), sample_site, "x")
    assert summary.summary_html.startswith("<p>Roads &lt;b&gt; &amp; paths</p>")


def test_categories_carry_cpv_code_as_term_and_in_the_label(sample_site, highways):
    status, *categories = notice_entry(highways, sample_site, "2026").categories
    assert (status.term, status.label, status.scheme) == ("open", "Open", f"{SITE_URL}/status/")
    assert [(c.term, c.scheme) for c in categories] == [
        ("45233142-6", CPV_SCHEME),
        ("45233220-7", CPV_SCHEME),
    ]
    assert all(c.label.startswith(c.term + " ") for c in categories)


def test_links_page_find_a_tender_and_documents(sample_site):
    entry = notice_entry(item(sample_site, "ACC-2025-0033"), sample_site, "2026")
    assert [(link.rel, link.type) for link in entry.links] == [
        ("alternate", "text/html"),
        ("related", "text/html"),
        ("related", None),  # a portal page
        ("enclosure", "application/pdf"),  # a file
    ]
    assert entry.links[0].href == f"{SITE_URL}/notices/school-meals-tender/"


def test_change_events_get_their_own_entries(sample_site):
    changes = [e for e in events(sample_site) if e.item.notice.notice_id == "ACC-2026-0031"]
    entries = [event_entry(e, sample_site, "2026") for e in changes]
    assert [e.id.rsplit(":", 1)[1] for e in entries] == [
        "events/ACC-2026-0031/published",
        "events/ACC-2026-0031/change/1",
        "events/ACC-2026-0031/change/2",
    ]
    second = entries[2]
    assert second.title.startswith("Tender notice changed: Highway resurfacing")
    assert second.updated == second.published == datetime(2026, 11, 12, 15, 30, tzinfo=UTC)
    assert second.summary_html.startswith("<p>Lot 3 value corrected")
    assert [link.rel for link in second.links] == ["alternate", "related"]


def test_award_and_cancellation_entries_name_the_notice_type(sample_site):
    titles = {
        e.kind: event_entry(e, sample_site, "2026").title
        for e in events(sample_site)
        if e.item.notice.notice_id in ("ACC-2026-0004", "ACC-2026-0002")
    }
    assert titles[EventKind.AWARDED].startswith("Contract award notice: ")
    assert titles[EventKind.CANCELLED].startswith("Procurement termination notice: ")
