"""Schema errors in plain English: one problem per field, each with a fix."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from plugins.notices.load import load_notice
from plugins.notices.problems import Problem
from plugins.notices.schema import schema_problems
from tests.notice_factory import REMOVE, notice_data, notice_text, source_of, write_notice


def problems_for(overrides: dict[str, Any]) -> list[Problem]:
    return schema_problems(source_of(notice_data(overrides)))


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


def line_with(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_the_factory_notice_is_valid(tmp_path: Path) -> None:
    loaded = load_notice(write_notice(tmp_path, notice_text()), "notice.md")
    assert loaded.problems == ()
    assert loaded.notice is not None


# required


def test_missing_required_field() -> None:
    problem = only(problems_for({"title": REMOVE}))
    assert (problem.line, problem.field) == (2, "title")
    assert problem.message == "this required field is missing"
    assert problem.fix == "add 'title:' (Short, specific title (at most 200 characters))"


def test_missing_nested_field_points_at_its_group() -> None:
    data = notice_data({"buyer.contact.email": REMOVE, "buyer.contact.name": "Procurement"})
    text = notice_text(data)
    problem = only(schema_problems(source_of(data)))
    assert (problem.line, problem.field) == (line_with(text, "  contact:"), "buyer.contact.email")
    assert problem.message == "this required field is missing"
    assert problem.fix.startswith("add 'email:'")


@pytest.mark.parametrize(
    ("overrides", "fields"),
    [
        ({"title": REMOVE, "summary": REMOVE}, ["summary", "title"]),
        # buyer.id is not the schema's to require: the Act needs it, earlier rules may lack it
        ({"buyer.name": REMOVE, "buyer.contact": REMOVE}, ["buyer.contact", "buyer.name"]),
    ],
)
def test_every_missing_field_is_reported(overrides: dict[str, Any], fields: list[str]) -> None:
    assert sorted(problem.field for problem in problems_for(overrides)) == fields


# enum


def test_value_not_in_the_list() -> None:
    problem = only(problems_for({"notice_type": "UK8"}))
    assert (problem.line, problem.field) == (2, "notice_type")
    assert problem.message == "'UK8' is not allowed"
    assert problem.fix == (
        "use one of: UK1, UK2, UK3, UK4, UK5, UK6, UK7, UK9, UK10, UK11, UK12, UK13, UK14, UK15, UK16"
    )


def test_list_item_not_in_the_list_names_the_item() -> None:
    problem = only(problems_for({"submission.methods": ["electronicSubmission", "email"]}))
    assert problem.field == "submission.methods[1]"
    assert problem.message == "'email' is not allowed"
    assert "electronicSubmission" in problem.fix


# type


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"value.amount": "lots"}, "value.amount", "a number"),
        ({"above_threshold": "yes"}, "above_threshold", "true or false"),
        ({"contract_period.extension_months": Decimal("1.5")}, "contract_period.extension_months", "a whole number"),
        ({"buyer": "Afonwy County Council"}, "buyer", "a group of fields"),
        ({"cpv": "45233142-6"}, "cpv", "a list"),
        ({"cpv": [Decimal("45233142.6")]}, "cpv[0]", "text or a whole number"),
    ],
)  # fmt: skip
def test_wrong_type(overrides: dict[str, Any], field: str, words: str) -> None:
    problem = only(problems_for(overrides))
    assert problem.field == field
    assert problem.message == f"this should be {words}"
    assert problem.fix == f"write {words} here"


def test_number_where_text_is_wanted_suggests_quotes() -> None:
    problem = only(problems_for({"buyer.contact.phone": 1792555010}))
    assert problem.field == "buyer.contact.phone"
    assert problem.message == "this should be text"
    assert problem.fix == "write text here (put the value in quotes if it looks like a number)"


# pattern


@pytest.mark.parametrize(
    ("overrides", "field", "fix"),
    [
        ({"published": "2026-10-26"}, "published", "write a date and time with its UTC offset, e.g. 2026-12-04T12:00:00+00:00"),
        ({"deadlines.tender": "4 December 2026 12:00"}, "deadlines.tender", "write a date and time with its UTC offset, e.g. 2026-12-04T12:00:00+00:00"),
        ({"contract_period.start": "1 April 2027"}, "contract_period.start", "write a date as YYYY-MM-DD, e.g. 2027-04-01"),
        ({"buyer.url": "www.afonwy.gov.uk"}, "buyer.url", "write a full web address starting with https://"),
        ({"buyer.contact.email": "procurement"}, "buyer.contact.email", "write an email address such as procurement@example.gov.uk"),
        ({"cpv": ["4523314"]}, "cpv[0]", "write a CPV 2008 code such as 45000000-7 (the check digit after the dash is optional)"),
    ],
)  # fmt: skip
def test_wrong_form_gets_an_example(overrides: dict[str, Any], field: str, fix: str) -> None:
    problem = only(problems_for(overrides))
    value = next(iter(overrides.values()))
    written = value[0] if isinstance(value, list) else value
    assert problem.field == field
    assert problem.message == f"'{written}' is not in the expected form"
    assert problem.fix == fix


def test_wrong_form_without_an_example_uses_the_field_description() -> None:
    problem = only(problems_for({"find_a_tender.notice_id": "31877/2026"}))
    assert problem.message == "'31877/2026' is not in the expected form"
    assert (
        problem.fix == "Find a Tender notice id, six digits, a dash and the year, e.g. 012345-2026"
    )


# sizes


def test_negative_amount() -> None:
    problem = only(problems_for({"value.amount": -18000000}))
    assert problem.field == "value.amount"
    assert problem.message == "-18000000 is below 0"
    assert problem.fix == "amounts cannot be negative: write 0 or more"


@pytest.mark.parametrize(
    ("overrides", "field", "fix"),
    [
        ({"title": "Road"}, "title", "give at least 5 characters"),
        ({"buyer.name": ""}, "buyer.name", "give at least 2 characters"),
        ({"lots": []}, "lots", "give at least 1"),
    ],
)
def test_too_short(overrides: dict[str, Any], field: str, fix: str) -> None:
    problem = only(problems_for(overrides))
    assert problem.field == field
    assert problem.message == "this is empty or too short"
    assert problem.fix.startswith(fix)


def test_too_long() -> None:
    problem = only(problems_for({"summary": "Resurfacing. " * 24}))
    assert problem.field == "summary"
    assert problem.message == "this is too long"
    assert problem.fix == "keep it to at most 300 characters"


def test_repeated_list_item() -> None:
    problem = only(problems_for({"regions": ["TLL14", "TLL15", "TLL14"]}))
    assert problem.field == "regions"
    assert problem.message == "the list repeats an item"


# unknown fields


@pytest.mark.parametrize(
    ("overrides", "field", "fix"),
    [
        ({"deadlnes": {"tender": "2026-12-04T12:00:00+00:00"}}, "deadlnes", "did you mean 'deadlines'?"),
        ({"buyer.contact.emial": "a@b.gov.uk"}, "buyer.contact.emial", "did you mean 'email'?"),
        ({"lots.1.titel": "South"}, "lots[1].titel", "did you mean 'title'?"),
        ({"value.ammount": 5}, "value.ammount", "did you mean 'amount'?"),
    ],
)  # fmt: skip
def test_misspelt_field_gets_did_you_mean(overrides: dict[str, Any], field: str, fix: str) -> None:
    problem = only(problems_for(overrides))
    assert problem.field == field
    lot = "lot '2': " if field.startswith("lots") else ""  # a lot's problem names the lot
    assert problem.message == f"{lot}unknown field '{field.rsplit('.', 1)[-1].split(']')[-1]}'"
    assert problem.fix == fix


def test_unknown_field_without_a_close_match_lists_the_fields() -> None:
    problem = only(problems_for({"buyer.address.flat_number": "3"}))
    assert problem.field == "buyer.address.flat_number"
    assert problem.message == "unknown field 'flat_number'"
    assert problem.fix == "remove it, or use one of: street, locality, postcode, region"


def test_unknown_field_is_reported_at_its_line() -> None:
    data = notice_data({"internal_notes": "Check with legal"})
    problem = only(schema_problems(source_of(data)))
    assert problem.line == line_with(notice_text(data), "internal_notes:")


def test_every_unknown_field_in_a_group_is_reported() -> None:
    problems = problems_for({"buyer.address.flat": "3", "buyer.address.floor": "2"})
    assert sorted(problem.field for problem in problems) == [
        "buyer.address.flat",
        "buyer.address.floor",
    ]


# one problem per field, in file order


def test_a_field_breaking_two_rules_gets_one_problem() -> None:
    # -1.5 is both not a whole number and below the minimum.
    problem = only(problems_for({"contract_period.extension_months": Decimal("-1.5")}))
    assert problem.field == "contract_period.extension_months"


def test_problems_come_in_file_order() -> None:
    problems = problems_for({"value.amount": "lots", "notice_type": "UK8", "lots.1.title": 2})
    assert [problem.field for problem in problems] == [
        "notice_type",
        "value.amount",
        "lots[1].title",
    ]
    assert [problem.line for problem in problems] == sorted(problem.line for problem in problems)


def test_the_compiled_schema_passes_exactly_the_notices_jsonschema_passes():
    from plugins.notices.check import notice_files
    from plugins.notices.schema import _compiled, _validator
    from plugins.notices.source import read_source

    root = Path(__file__).parent.parent
    files = notice_files(root / "content" / "notices") + notice_files(
        root / "tests" / "bad_notices"
    )
    sources = [s for s, _ in (read_source(path, path.name) for path in files) if s is not None]
    verdicts = {
        source.path: (
            _compiled().is_valid(source.data),
            not list(_validator().iter_errors(source.data)),
        )
        for source in sources
    }
    assert len(verdicts) > 60
    assert {path for path, (fast, slow) in verdicts.items() if fast and not slow} == set()
    assert sum(1 for fast, slow in verdicts.values() if not slow) >= 9
