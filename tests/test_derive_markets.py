"""Statuses of dynamic market notices (UK13 to UK16) and contract performance notices (UK9)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from plugins.notices.derive import Status, own_status, statuses
from plugins.notices.load import load_notice
from plugins.notices.model import DynamicMarket, Notice, NoticeType

CLOCK = datetime.fromisoformat("2026-11-20T12:00:00+00:00")


@pytest.fixture
def market(write_notice, sample_text) -> Notice:
    """The sample notice made a dynamic market's intention notice with no end set."""
    sample = load_notice(write_notice(sample_text), "market.md").notice
    assert sample is not None
    return replace(
        sample, notice_type=NoticeType.UK13, dynamic_market=DynamicMarket(start=date(2026, 12, 1))
    )


def test_a_market_takes_applications_while_it_has_no_end(market: Notice) -> None:
    assert own_status(market, CLOCK) is Status.OPEN


def test_a_market_is_open_to_the_last_day_then_closed(market: Notice) -> None:
    ending = replace(market, dynamic_market=DynamicMarket(end=date(2026, 11, 20)))
    assert own_status(ending, CLOCK) is Status.OPEN
    ended = replace(market, dynamic_market=DynamicMarket(end=date(2026, 11, 19)))
    assert own_status(ended, CLOCK) is Status.CLOSED


@pytest.mark.parametrize(
    ("notice_type", "expected"),
    [
        (NoticeType.UK9, Status.AWARDED),
        (NoticeType.UK14, Status.OPEN),
        (NoticeType.UK15, Status.OPEN),
        (NoticeType.UK16, Status.CLOSED),
    ],
)
def test_status_of_each_new_type(market: Notice, notice_type: NoticeType, expected: Status) -> None:
    assert own_status(replace(market, notice_type=notice_type), CLOCK) is expected


def test_a_later_cessation_closes_the_market(market: Notice) -> None:
    cessation = replace(
        market,
        notice_id="C",
        notice_type=NoticeType.UK16,
        published=datetime.fromisoformat("2026-11-18T09:00:00+00:00"),
        dynamic_market=DynamicMarket(end=date(2026, 11, 18)),
    )
    result = statuses([market, cessation], CLOCK)
    assert result[market.key] is Status.CLOSED
    assert result[cessation.key] is Status.CLOSED
