"""Dates, money and labels: expected strings were worked out by hand, not copied from output."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from plugins.notices import formatting
from plugins.notices.derive import Status, ValueBand, closing_deadline
from plugins.notices.formatting import language_name
from plugins.notices.model import (
    Buyer,
    Category,
    Contact,
    Deadline,
    DeadlineKind,
    Money,
    Notice,
    NoticeType,
    Procedure,
)

BST = timezone(timedelta(hours=1))
LONDON = "Europe/London"


def format_datetime(moment: datetime, zone: str = LONDON) -> str:
    return formatting.datetime_text(moment, zone=zone, lang="en")


def format_date(day: date, zone: str = LONDON) -> str:
    return formatting.date_text(day, zone=zone, lang="en")


def format_money(money: Money) -> str:
    return formatting.money_text(money, "en")


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


def test_other_currencies_use_their_symbol_or_else_their_code() -> None:
    money = Money(Decimal(250000), "EUR", Decimal(300000))
    assert format_money(money) == "€250,000 excluding VAT (€300,000 including VAT)"
    assert format_money(Money(Decimal("2500.5"), "CHF")) == "CHF 2,500.50 excluding VAT"


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
    assert formatting.submission_method_label("electronicSubmission", "en") == (
        "Electronic submission"
    )
    assert formatting.submission_method_label("carrierPigeon", "en") == "carrierPigeon"
    assert language_name("cy") == "Cymraeg"
    assert language_name("fr") == "fr"
    assert formatting.document_format_label("application/pdf", "en") == "PDF"
    assert formatting.document_format_label("Application/PDF", "en") == "PDF"
    assert formatting.document_format_label("image/webp", "en") == "image/webp"


def test_code_list_labels() -> None:
    assert formatting.notice_type_label(NoticeType.UK4, "en") == "Tender notice"
    assert formatting.deadline_label(DeadlineKind.ENQUIRY, "en") == "Clarification questions by"
    assert formatting.status_label(Status.OPEN, "en") == "Open"
    assert formatting.value_band_label(ValueBand.UNDER_30K, "en") == "Under £30,000"
    assert formatting.procedure_label(Procedure.COMPETITIVE_FLEXIBLE, "en") == (
        "Competitive flexible"
    )
    assert formatting.category_label(Category.WORKS, "en") == "Works"
    assert formatting.cpv_division_label("45", "en") == "Construction work"
    assert formatting.cpv_division_label("00", "en") == "Division 00"
    assert formatting.region_name("TLL", "en") == "Wales"


def test_every_code_has_a_label() -> None:
    tables = [
        (NoticeType, formatting.NOTICE_TYPES),
        (DeadlineKind, formatting.DEADLINES),
        (Status, formatting.STATUSES),
        (ValueBand, formatting.VALUE_BANDS),
        (Procedure, formatting.PROCEDURES),
        (Category, formatting.CATEGORIES),
    ]
    for codes, labels in tables:
        assert set(labels) == set(codes), codes


def test_the_site_time_zone_is_used_not_london() -> None:
    moment = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
    assert format_datetime(moment, "Europe/Dublin") == "Friday 4 December 2026, 12:00pm (GMT)"
    assert format_datetime(moment, "America/New_York") == "Friday 4 December 2026, 7:00am (EST)"
    late = datetime(2026, 12, 4, 23, 30, tzinfo=UTC)
    assert format_date(late, "Asia/Tokyo") == "5 December 2026"


def test_a_language_without_a_catalogue_reads_english_dates_too() -> None:
    moment = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
    assert formatting.datetime_text(moment, zone=LONDON, lang="fr") == format_datetime(moment)
    assert formatting.money_text(Money(Decimal(5000)), "fr") == "£5,000 excluding VAT"
    assert formatting.status_label(Status.OPEN, "fr") == "Open"


def test_welsh_dates_times_and_money() -> None:
    moment = datetime(2026, 12, 18, 12, 0, tzinfo=UTC)
    summer = datetime(2026, 7, 1, 16, 30, tzinfo=UTC)
    assert formatting.datetime_text(moment, zone=LONDON, lang="cy") == (
        "Dydd Gwener 18 Rhagfyr 2026, 12:00 (GMT)"
    )
    assert formatting.datetime_text(summer, zone=LONDON, lang="cy") == (
        "Dydd Mercher 1 Gorffennaf 2026, 17:30 (BST)"
    )
    assert formatting.date_text(date(2027, 4, 1), zone=LONDON, lang="cy") == "1 Ebrill 2027"
    money = Money(Decimal(1600000), "GBP", Decimal("1920000.5"))
    assert formatting.money_text(money, "cy") == (
        "£1,600,000 heb gynnwys TAW (£1,920,000.50 gan gynnwys TAW)"
    )


def test_welsh_with_a_territory_reads_the_welsh_catalogue() -> None:
    assert formatting.status_label(Status.OPEN, "cy-GB") == "Ar agor"
    assert formatting.status_label(Status.OPEN, "cy_GB") == "Ar agor"


def test_welsh_names_of_places_and_kinds_of_work() -> None:
    assert formatting.region_name("TLL", "cy") == "Cymru"
    assert formatting.region_name("TLL18", "cy") == "Abertawe"
    assert formatting.region_name("TLM", "cy") == "Yr Alban"
    assert formatting.region_name("TLI", "en") == "London"
    assert formatting.cpv_division_label("45", "cy") == "Gwaith adeiladu"
    assert formatting.cpv_division_label("00", "cy") == "Adran 00"


def test_open_is_two_words_in_welsh() -> None:
    assert formatting.status_label(Status.OPEN, "cy") == "Ar agor"
    assert formatting.procedure_label(Procedure.OPEN, "cy") == "Agored"
    assert formatting.procedure_label(Procedure.OPEN, "en") == "Open"


@pytest.mark.parametrize(
    ("count", "english", "welsh"),
    [
        (0, "0 months", "0 mis"),
        (1, "1 month", "1 mis"),
        (2, "2 months", "2 fis"),
        (3, "3 months", "3 mis"),
        (6, "6 months", "6 mis"),
        (12, "12 months", "12 mis"),
        (1200, "1,200 months", "1,200 mis"),
    ],
)
def test_plural_forms(count: int, english: str, welsh: str) -> None:
    assert formatting.months_text(count, "en") == english
    assert formatting.months_text(count, "cy") == welsh


def test_changes_in_welsh() -> None:
    assert formatting.field_label("lots.3.value.amount", "cy") == "Gwerth amcangyfrifedig (lot 3)"
    assert formatting.field_label("deadlines.tender", "cy") == "Terfyn amser tendro"
    line = formatting.change_line("Terfyn amser tendro", "A", None, "cy")
    assert line == "Terfyn amser tendro: A → wedi'i ddileu"
    assert formatting.change_kind_label(True, False, "cy") == "Newid ffurfiol"
    assert formatting.changed_on_text("1 Ebrill 2027", "Lot 3", True, "cy") == (
        "Cywirwyd ar 1 Ebrill 2027: Lot 3"
    )
