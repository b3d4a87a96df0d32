"""The theme's filters: formatting.py's words, in the build's time zone and language."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from types import SimpleNamespace

from jinja2 import Environment

from plugins.notices.codes import LegalBasis, NoticeType, PlaceKind
from plugins.notices.derive import Status
from plugins.notices.model import ContractDuration, Duration, Money, Place
from plugins.notices.templating import JINJA_FILTERS

WINTER_NOON = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


def _render(source: str, **context: object) -> str:
    environment = Environment(autoescape=True)
    environment.filters.update(JINJA_FILTERS)
    return environment.from_string(source).render(**context)


def test_dates_without_a_site_are_in_uk_time() -> None:
    assert _render("{{ t | format_datetime }}", t=WINTER_NOON) == (
        "Friday 4 December 2026, 12:00pm (GMT)"
    )


def test_dates_follow_the_site_time_zone() -> None:
    site = SimpleNamespace(timezone="America/New_York", default_lang="en")
    rendered = _render(
        "{{ t | format_datetime }}; {{ t | format_date }}", t=WINTER_NOON, NOTICES_SITE=site
    )
    assert rendered == "Friday 4 December 2026, 7:00am (EST); 4 December 2026"


def test_money_and_labels() -> None:
    money = Money(Decimal(18000000), "GBP", Decimal(21600000))
    assert _render("{{ m | format_money }}", m=money) == (
        "£18,000,000 excluding VAT (£21,600,000 including VAT)"
    )
    assert _render("{{ s | status_label }}", s=Status.CANCELLED) == "Cancelled"
    assert _render("{{ 'inPerson' | submission_method('en') }}") == "In person"
    assert _render("{{ 'cy' | language_name }}") == "Cymraeg"


def test_every_filter_is_registered() -> None:
    assert set(JINJA_FILTERS) == {
        "format_datetime",
        "format_date",
        "format_money",
        "status_label",
        "notice_type_label",
        "notice_type_label_under",
        "legal_basis_label",
        "format_contract_duration",
        "place_text",
        "deadline_label",
        "procedure_label",
        "category_label",
        "closing_deadline",
        "main_value",
        "submission_method",
        "document_format",
        "region_name",
        "language_name",
        "change_lines",
        "changed_was",
        "change_kind",
        "kpi_rating_label",
        "buyers",
        "rationale",
    }


def test_filters_write_in_the_pages_reader_language() -> None:
    day = datetime(2026, 12, 18, 12, 0, tzinfo=UTC)
    assert _render("{{ s | status_label }}; {{ t | format_date }}", s=Status.OPEN, t=day) == (
        "Open; 18 December 2026"
    )
    assert _render(
        "{{ s | status_label }}; {{ t | format_date }}", s=Status.OPEN, t=day, page_lang="cy"
    ) == ("Ar agor; 18 Rhagfyr 2026")
    assert _render("{{ 'TLL' | region_name }}", page_lang="cy") == "Cymru"


def test_the_rules_a_notice_is_under_and_its_period_and_places() -> None:
    rendered = "{{ k | notice_type_label_under(b) }}; {{ b | legal_basis_label }}"
    context = {"k": NoticeType.UK4, "b": LegalBasis.PCR2015}
    assert _render(rendered, **context) == "Contract notice; Public Contracts Regulations 2015"
    assert _render(rendered, page_lang="cy", **context) == (
        "Hysbysiad contract; Rheoliadau Contractau Cyhoeddus 2015"
    )
    length = ContractDuration(Duration(36, "M"))
    assert _render("{{ d | format_contract_duration }}", d=length, page_lang="cy") == "36 mis"
    whole = Place(PlaceKind.AREA, "UK")
    assert _render("{{ p | place_text }}", p=whole) == "the whole United Kingdom"
    assert _render("{{ p | place_text('cy') }}", p=whole) == "y Deyrnas Unedig gyfan"
