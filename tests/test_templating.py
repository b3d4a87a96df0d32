"""The theme's filters: expected strings were worked out by hand, not copied from output."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from plugins.notices.model import Buyer, Contact, Deadline, DeadlineKind, Money, Notice, NoticeType
from plugins.notices.templating import (
    JINJA_FILTERS,
    closing_deadline,
    document_format,
    format_date,
    format_datetime,
    format_money,
    language_name,
    submission_method,
)

BST = timezone(timedelta(hours=1))


def test_winter_time_is_gmt() -> None:
    moment = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
    assert format_datetime(moment) == "Friday 4 December 2026, 12:00pm (GMT)"


def test_summer_time_is_bst() -> None:
    moment = datetime(2026, 7, 1, 10, 0, tzinfo=BST)
    assert format_datetime(moment) == "Wednesday 1 July 2026, 10:00am (BST)"


def test_utc_is_shown_in_london_time() -> None:
    moment = datetime(2026, 7, 1, 16, 30, tzinfo=UTC)
    assert format_datetime(moment) == "Wednesday 1 July 2026, 5:30pm (BST)"


def test_other_offsets_are_shown_in_london_time() -> None:
    new_york = timezone(timedelta(hours=-5))
    moment = datetime(2026, 12, 3, 19, 5, tzinfo=new_york)
    assert format_datetime(moment) == "Friday 4 December 2026, 12:05am (GMT)"


def test_clocks_going_forward() -> None:
    before = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
    after = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert format_datetime(before) == "Sunday 29 March 2026, 12:30am (GMT)"
    assert format_datetime(after) == "Sunday 29 March 2026, 2:30am (BST)"


def test_clocks_going_back() -> None:
    before = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    after = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    assert format_datetime(before) == "Sunday 25 October 2026, 1:30am (BST)"
    assert format_datetime(after) == "Sunday 25 October 2026, 1:30am (GMT)"


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="no time zone"):
        format_datetime(datetime(2026, 12, 4, 12, 0))


def test_date() -> None:
    assert format_date(date(2027, 4, 1)) == "1 April 2027"


def test_datetime_as_date_is_the_london_day() -> None:
    late_evening_utc = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
    assert format_date(late_evening_utc) == "1 July 2026"


def test_money_with_vat() -> None:
    money = Money(Decimal(18000000), "GBP", Decimal(21600000))
    assert format_money(money) == "£18,000,000 excluding VAT (£21,600,000 including VAT)"


def test_money_without_gross_amount() -> None:
    assert format_money(Money(Decimal(7000000))) == "£7,000,000 excluding VAT"


def test_money_shows_pence_only_when_there_are_some() -> None:
    assert format_money(Money(Decimal("1234.5"))) == "£1,234.50 excluding VAT"
    assert format_money(Money(Decimal("2500.00"))) == "£2,500 excluding VAT"


def test_other_currencies_use_their_code() -> None:
    money = Money(Decimal(250000), "EUR", Decimal(300000))
    assert format_money(money) == "EUR 250,000 excluding VAT (EUR 300,000 including VAT)"


def _notice(*deadlines: Deadline) -> Notice:
    published = datetime(2026, 10, 26, 9, 0, tzinfo=UTC)
    return Notice(
        source_path="content/notices/2026/x.md",
        slug="x",
        notice_type=NoticeType.UK4,
        notice_id="ACC-2026-0031",
        ocid="ocds-h6vhtk-0a31c7",
        published=published,
        updated=published,
        title="Highway resurfacing",
        summary="Roads.",
        buyer=Buyer("Afonwy County Council", "GB-PPON-X", Contact("p@afonwy.gov.uk")),
        deadlines=deadlines,
    )


def test_closing_deadline_prefers_the_tender_deadline() -> None:
    enquiry = Deadline(DeadlineKind.ENQUIRY, datetime(2026, 11, 27, 17, 0, tzinfo=UTC))
    tender = Deadline(DeadlineKind.TENDER, datetime(2026, 12, 4, 12, 0, tzinfo=UTC))
    assert closing_deadline(_notice(enquiry, tender)) == tender
    assert closing_deadline(_notice(enquiry)) is None


def test_labels() -> None:
    assert submission_method("electronicSubmission") == "Electronic submission"
    assert submission_method("carrierPigeon") == "carrierPigeon"
    assert language_name("cy") == "Cymraeg"
    assert language_name("fr") == "fr"
    assert document_format("application/pdf") == "PDF"
    assert document_format("Application/PDF") == "PDF"
    assert document_format("image/webp") == "image/webp"


def test_every_public_filter_is_registered() -> None:
    assert set(JINJA_FILTERS) == {
        "format_datetime",
        "format_date",
        "format_money",
        "closing_deadline",
        "main_value",
        "submission_method",
        "document_format",
        "language_name",
    }
