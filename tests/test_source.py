"""Reading a notice file: the front-matter split, YAML 1.2 scalars, and the line of every field."""

from __future__ import annotations

from decimal import Decimal

import pytest

from plugins.notices.source import NoticeSource, parse_text
from tests.source_support import FRONT_MATTER, only_problem


def parsed(text: str) -> NoticeSource:
    source, problems = parse_text(text, "notice.md")
    assert problems == []
    assert source is not None
    return source


# Line map


@pytest.mark.parametrize(
    ("field_path", "line"),
    [
        (("notice_type",), 3),
        (("buyer",), 4),
        (("buyer", "name"), 5),
        (("buyer", "contact", "email"), 7),
        (("cpv",), 8),
        (("cpv", 0), 9),
        (("cpv", 1), 10),
        (("regions", 1), 11),
        (("lots", 0), 13),
        (("lots", 0, "id"), 13),
        (("lots", 1), 15),
        (("lots", 1, "title"), 16),
        (("summary",), 17),
        (("title",), 20),
    ],
)
def test_every_field_and_list_item_has_its_line(field_path: tuple, line: int) -> None:
    assert parsed(FRONT_MATTER).lines[field_path] == line


@pytest.mark.parametrize(
    ("field_path", "line"),
    [
        (("buyer", "contact", "phone"), 6),  # missing: its group's line
        (("lots", 1, "value", "amount"), 15),  # missing: the list item's line
        (("deadlines", "tender"), 2),  # nothing of it present: the first front-matter line
    ],
)
def test_line_of_a_missing_field_is_its_nearest_present_parent(
    field_path: tuple, line: int
) -> None:
    assert parsed(FRONT_MATTER).line_of(field_path) == line


def test_body_starts_after_the_closing_fence() -> None:
    source = parsed(FRONT_MATTER)
    assert source.body_first_line == 22
    assert source.body.splitlines()[0] == "First line of the body."
    assert "---" not in source.body


def test_windows_line_endings_keep_the_same_lines() -> None:
    source = parsed(FRONT_MATTER.replace("\n", "\r\n"))
    assert source.lines[("lots", 1, "title")] == 16
    assert source.body_first_line == 22


def test_fences_may_have_trailing_spaces() -> None:
    source = parsed("---  \ntitle: A title here\n---   \nBody\n")
    assert source.data == {"title": "A title here"}
    assert source.body == "Body"


# Front matter that cannot be read


def test_missing_opening_fence() -> None:
    _, problems = parse_text("title: No fence\n---\nBody\n", "notice.md")
    assert only_problem(problems) == (
        1,
        "front matter",
        "the file does not start with a '---' line",
    )


def test_front_matter_never_closed() -> None:
    _, problems = parse_text("---\ntitle: Never closed\n\nBody\n", "notice.md")
    assert only_problem(problems) == (1, "front matter", "the front matter is never closed")


@pytest.mark.parametrize("front", ["", "- a list\n- not fields\n", "just some words\n"])
def test_front_matter_that_is_not_fields(front: str) -> None:
    _, problems = parse_text(f"---\n{front}---\nBody\n", "notice.md")
    line, field, message = only_problem(problems)
    assert (line, field) == (2, "front matter")
    assert "not a list of 'field: value' lines" in message


@pytest.mark.parametrize(
    ("yaml_lines", "line"),
    [
        ("title: A title\nbuyer:\n  name: Afonwy\n   id: GB-X-1\n", 5),  # bad indentation
        ("title: Tender: roads and bridges\n", 2),  # unquoted ': '
        ("title: A title\nbuyer:\n\tname: Afonwy\n", 4),  # tab indentation
    ],
)
def test_unreadable_yaml_is_reported_at_its_line(yaml_lines: str, line: int) -> None:
    _, problems = parse_text(f"---\n{yaml_lines}---\nBody\n", "notice.md")
    assert only_problem(problems)[:2] == (line, "front matter")
    assert problems[0].message.startswith("the YAML cannot be read (")


def test_field_given_twice_is_reported_at_the_second() -> None:
    _, problems = parse_text("---\ntitle: First\nsummary: Words\ntitle: Second\n---\n", "notice.md")
    assert only_problem(problems) == (4, "title", "this field is given twice")


def test_nested_field_given_twice_names_its_group() -> None:
    _, problems = parse_text("---\nbuyer:\n  name: Afonwy\n  name: Aberafon\n---\n", "notice.md")
    assert only_problem(problems) == (4, "buyer.name", "this field is given twice")


def test_group_given_twice_is_one_problem() -> None:
    _, problems = parse_text(
        "---\ncpv:\n  - 45233142-6\nsuitability:\n  sme: true\ncpv:\n  - 45233220\n---\n",
        "notice.md",
    )
    assert only_problem(problems) == (6, "cpv", "this field is given twice")


# YAML 1.2 scalars


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("no", "no"),
        ("yes", "yes"),
        ("off", "off"),
        ("Y", "Y"),
        ("true", True),
        ("false", False),
        ("03000000", "03000000"),
        ("012", "012"),
        ("0o17", "0o17"),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        ("18000000", 18000000),
        ("-5", -5),
        ("1.5", Decimal("1.5")),
        ("0.1", Decimal("0.1")),
        ("18000000.50", Decimal("18000000.50")),
        (".nan", ".nan"),
        (".inf", ".inf"),
        ("2026-10-26", "2026-10-26"),
        ("2026-10-26T09:00:00+00:00", "2026-10-26T09:00:00+00:00"),
        ("2026-10-26 09:00:00Z", "2026-10-26 09:00:00Z"),
        ("~", None),
        ("", None),
    ],
)
def test_scalars_follow_yaml_1_2(written: str, value: object) -> None:
    data = parsed(f"---\nfield: {written}\n---\n").data
    assert data["field"] == value
    assert type(data["field"]) is type(value)


def test_quoted_numbers_stay_text() -> None:
    assert parsed('---\nid: "1"\nphone: "01792 555 010"\n---\n').data == {
        "id": "1",
        "phone": "01792 555 010",
    }
