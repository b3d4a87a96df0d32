"""Status as of the build clock, procurement timelines, facets and value bands."""

from dataclasses import replace
from datetime import datetime
from decimal import Decimal

import pytest

from plugins.notices.derive import (
    Status,
    ValueBand,
    facets,
    itl_areas,
    own_status,
    slugify,
    statuses,
    value_band,
)
from plugins.notices.events import EventKind, events
from plugins.notices.load import load_notice
from plugins.notices.model import Money, NoticeType
from tests.notice_factory import REMOVE, notice_data, notice_text
from tests.sites import site_from

CLOCK = datetime.fromisoformat("2026-11-20T12:00:00+00:00")


@pytest.fixture
def tender(write_notice, sample_text):
    """The sample UK4 tender: published 26 October 2026, tenders due 4 December 2026 12:00."""
    return load_notice(write_notice(sample_text), "tender.md").notice


def test_tender_is_open_until_its_deadline(tender):
    assert own_status(tender, CLOCK) is Status.OPEN
    assert own_status(tender, datetime.fromisoformat("2026-12-04T11:59:59+00:00")) is Status.OPEN
    assert own_status(tender, datetime.fromisoformat("2026-12-04T12:00:00+00:00")) is Status.CLOSED


def test_status_compares_instants_not_wall_clock(tender):
    # 12:30 in Paris (+01:00) is 11:30 in London: still before the 12:00 GMT deadline.
    assert own_status(tender, datetime.fromisoformat("2026-12-04T12:30:00+01:00")) is Status.OPEN


@pytest.mark.parametrize(
    ("notice_type", "expected"),
    [
        (NoticeType.UK1, Status.PLANNED),
        (NoticeType.UK3, Status.PLANNED),
        (NoticeType.UK5, Status.AWARDED),
        (NoticeType.UK6, Status.AWARDED),
        (NoticeType.UK7, Status.AWARDED),
        (NoticeType.UK10, Status.AWARDED),
        (NoticeType.UK11, Status.CLOSED),
        (NoticeType.UK12, Status.CANCELLED),
    ],
)
def test_status_of_each_notice_type(tender, notice_type, expected):
    assert own_status(replace(tender, notice_type=notice_type), CLOCK) is expected


def test_a_later_termination_cancels_the_tender(tender):
    termination = replace(
        tender,
        notice_id="T",
        notice_type=NoticeType.UK12,
        published=datetime.fromisoformat("2026-11-15T09:00:00+00:00"),
    )
    result = statuses([tender, termination], CLOCK)
    assert result[tender.key] is Status.CANCELLED
    assert result[termination.key] is Status.CANCELLED


def test_a_later_award_marks_the_tender_awarded(tender):
    award = replace(
        tender,
        notice_id="A",
        notice_type=NoticeType.UK6,
        published=datetime.fromisoformat("2026-11-18T09:00:00+00:00"),
    )
    assert statuses([tender, award], CLOCK)[tender.key] is Status.AWARDED


def test_other_procurements_do_not_affect_status(tender):
    other = replace(
        tender,
        notice_id="X",
        ocid="ocds-h6vhtk-ffffff",
        notice_type=NoticeType.UK12,
        published=datetime.fromisoformat("2026-11-15T09:00:00+00:00"),
    )
    assert statuses([tender, other], CLOCK)[tender.key] is Status.OPEN


@pytest.mark.parametrize(
    ("amount", "currency", "band"),
    [
        ("0", "GBP", ValueBand.UNDER_30K),
        ("29999.99", "GBP", ValueBand.UNDER_30K),
        ("30000", "GBP", ValueBand.FROM_30K_TO_100K),
        ("100000", "GBP", ValueBand.FROM_100K_TO_500K),
        ("500000", "GBP", ValueBand.FROM_500K_TO_2M),
        ("2000000", "GBP", ValueBand.FROM_2M_TO_10M),
        ("10000000", "GBP", ValueBand.OVER_10M),
        ("50000", "EUR", ValueBand.UNKNOWN),
    ],
)
def test_value_bands(amount, currency, band):
    assert value_band(Money(Decimal(amount), currency)) is band


def test_no_value_is_unknown_band():
    assert value_band(None) is ValueBand.UNKNOWN


def test_facets_of_the_sample_tender(tender):
    result = facets(tender, Status.OPEN)
    assert result.cpv_divisions == ("45",)
    assert result.itl1_regions == ("TLL",)
    assert result.regions == ("TLL", "TLL1", "TLL14")  # the notice is in TLL14
    assert result.value_band is ValueBand.OVER_10M
    assert result.buyer_slug == "afonwy-county-council"


def test_an_itl_code_lies_in_every_broader_area():
    assert itl_areas("TLL14") == ("TLL", "TLL1", "TLL14")
    assert itl_areas("TLL1") == ("TLL", "TLL1")
    assert itl_areas("TLL") == ("TLL",)


def test_slugify_folds_welsh_accents():
    assert (
        slugify("Cyngor Sir Afonwy: Gwasanaethau Ŵyr & Plant")
        == "cyngor-sir-afonwy-gwasanaethau-wyr-plant"
    )


def test_a_tender_with_only_a_deadline_for_requests_to_participate_is_open_until_it(
    tmp_path,
):
    """A two-stage procedure's UK4 is open until requests to participate close, and is
    closing soon in the week before, as a tender is before its tender deadline."""
    data = notice_data(
        {"deadlines": {"expression_of_interest": "2026-11-24T12:00:00+00:00"}, "changes": REMOVE}
    )
    folder = tmp_path / "content" / "notices"
    folder.mkdir(parents=True)
    (folder / "eoi.md").write_text(notice_text(data), encoding="utf-8")
    site = site_from(tmp_path / "content", clock=CLOCK)
    [item] = site.notices
    assert item.facets.status is Status.OPEN
    notice = item.notice
    assert own_status(notice, datetime.fromisoformat("2026-11-24T12:00:00+00:00")) is Status.CLOSED
    reminders = [e.id for e in events(site, closing_soon=True) if e.kind is EventKind.CLOSING_SOON]
    assert reminders == ["ACC-2026-0031/closing-soon"]


def test_a_copy_of_a_tender_notice_find_a_tender_published_with_no_deadline_is_open(tmp_path):
    """Nothing says it has closed (076069-2026 gives a day without a time): open, with no
    closing date, in the open listing after every tender that has one, never closing soon."""
    data = notice_data({"deadlines": REMOVE, "changes": REMOVE, "notice_id": "ACC-2026-0032"})
    folder = tmp_path / "content" / "notices"
    folder.mkdir(parents=True)
    (folder / "copy.md").write_text(notice_text(data), encoding="utf-8")
    site = site_from(tmp_path / "content", clock=CLOCK)
    [item] = site.notices
    assert item.facets.status is Status.OPEN
    assert own_status(item.notice, datetime.fromisoformat("2036-01-01T00:00:00+00:00")) is (
        Status.OPEN
    )
    assert [e.kind for e in events(site, closing_soon=True)] == [EventKind.PUBLISHED]
