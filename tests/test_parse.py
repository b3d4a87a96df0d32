"""The typed model built from a valid notice."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from plugins.notices.files import slug_for
from plugins.notices.load import load_notice
from plugins.notices.model import Category, DeadlineKind, NoticeGroup, NoticeType, Procedure


def test_sample_notice_becomes_a_typed_model(write_notice, sample_text):
    loaded = load_notice(write_notice(sample_text, "highway"), "highway.md")
    assert loaded.problems == ()
    notice = loaded.notice
    assert notice.notice_type is NoticeType.UK4
    assert notice.notice_type.group is NoticeGroup.TENDER
    assert notice.category is Category.WORKS
    assert notice.procedure is Procedure.OPEN
    assert notice.published.utcoffset() == timedelta(0)
    assert notice.value.amount == Decimal(18000000)
    assert notice.value.amount_gross == Decimal(21600000)
    assert notice.contract_period.start == date(2027, 4, 1)
    assert notice.deadline(DeadlineKind.TENDER) == datetime.fromisoformat(
        "2026-12-04T12:00:00+00:00"
    )
    assert notice.lots[2].value.amount == Decimal(5000000)
    assert notice.lots[0].id == "1"


def test_cpv_codes_are_printed_with_check_digit_and_label(write_notice, sample_text):
    notice = load_notice(write_notice(sample_text), "n.md").notice
    # The file gives "45233220" without its check digit.
    assert [(c.code, c.label) for c in notice.cpv] == [
        ("45233142-6", "Road-repair works"),
        ("45233220-7", "Surface work for roads"),
    ]
    assert notice.cpv[0].division == "45"


def test_nuts_region_is_normalised_to_itl(write_notice, sample_text):
    text = sample_text.replace("regions: [TLL14]", "regions: [UKL14, UKL]")
    notice = load_notice(write_notice(text), "n.md").notice
    assert [(r.code, r.name, r.itl1) for r in notice.regions] == [
        ("TLL14", "South West Wales", "TLL"),
        ("TLL", "Wales", "TLL"),
    ]


def test_updated_defaults_to_the_latest_change(write_notice, sample_text):
    notice = load_notice(write_notice(sample_text), "n.md").notice
    assert notice.updated == datetime.fromisoformat("2026-11-12T15:30:00+00:00")
    assert [c.number for c in notice.changes] == [1, 2]
    assert notice.changes[1].formal is True
    assert notice.changes[0].fields == ("deadlines.enquiry",)


def test_updated_defaults_to_published_without_changes(write_notice, sample_text):
    text = sample_text.split("changes:")[0] + "---\nBody.\n"
    notice = load_notice(write_notice(text), "n.md").notice
    assert notice.updated == notice.published
    assert notice.changes == ()


def test_model_is_immutable(write_notice, sample_text):
    notice = load_notice(write_notice(sample_text), "n.md").notice
    try:
        notice.title = "changed"
    except AttributeError:
        return
    raise AssertionError("Notice should be frozen")


def test_slug_comes_from_the_file_name_without_language_suffix(tmp_path):
    assert slug_for(tmp_path / "school-meals.md") == "school-meals"
    assert slug_for(tmp_path / "school-meals.cy.md") == "school-meals"


def test_unquoted_lot_ids_are_read_as_text(write_notice, sample_text):
    text = sample_text.replace('- id: "1"', "- id: 1")
    loaded = load_notice(write_notice(text), "n.md")
    assert loaded.problems == ()
    assert loaded.notice.lots[0].id == "1"


def test_a_change_must_name_real_fields(write_notice, sample_text):
    text = sample_text.replace("- field: deadlines.enquiry", "- field: deadline.enquiry")
    assert text != sample_text
    [problem] = load_notice(write_notice(text), "n.md").problems
    assert (problem.field, problem.line) == ("changes[0].fields[0]", 70)
    assert "'deadline.enquiry' is not a notice field" in problem.message
