"""Dataclasses to plain JSON and back: exactly what went in, and nothing the hints don't name."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo

import pytest

from plugins.notices.bulk import ReadNotice
from plugins.notices.plain import PlainDataError, dumps, loads


class Colour(StrEnum):
    RED = "red"
    BLUE = "blue"


@dataclass(frozen=True, slots=True)
class Inner:
    amount: Decimal
    when: datetime
    day: date | None = None


@dataclass(frozen=True)
class Outer:
    name: str
    count: int
    ratio: float
    flag: bool
    colour: Colour
    inners: tuple[Inner, ...]
    pair: tuple[str, int]
    names: list[str]
    extra: dict[str, int]
    maybe: Inner | None = None


OUTER = Outer(
    name="Cynnal tiroedd ŵyr 🌳",
    count=-3,
    ratio=0.25,
    flag=True,
    colour=Colour.BLUE,
    inners=(
        Inner(Decimal("1.0e309"), datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC)),
        Inner(
            Decimal("-0.10"),
            datetime(9999, 12, 31, tzinfo=timezone(timedelta(hours=-14))),
            date(1, 1, 1),
        ),
    ),
    pair=("a", 1),
    names=["x", "y"],
    extra={"k": 1},
)


def test_a_value_comes_back_equal_field_for_field():
    back = loads(dumps(OUTER, Outer), Outer)
    assert back == OUTER
    assert type(back.inners) is tuple and type(back.names) is list
    assert back.colour is Colour.BLUE
    assert str(back.inners[0].amount) == "1.0E+309" and str(back.inners[1].amount) == "-0.10"
    assert back.inners[1].when.utcoffset() == timedelta(hours=-14)


def test_the_encoding_is_plain_json():
    assert json.loads(dumps(OUTER, Outer))[0] == "Cynnal tiroedd ŵyr 🌳"


def test_every_sample_notice_comes_back_equal(sample_site):
    for item in sample_site.notices:
        read = ReadNotice(_loaded(item.notice), "<p>body</p>")
        assert loads(dumps(read, ReadNotice), ReadNotice) == read


def _loaded(notice):
    from plugins.notices.load import LoadedNotice

    return LoadedNotice(notice.source_path, notice, "", ())


def _tampered(**changes: object) -> bytes:
    plain = json.loads(dumps(OUTER, Outer))
    names = [f for f in Outer.__dataclass_fields__]
    for name, value in changes.items():
        plain[names.index(name)] = value
    return json.dumps(plain).encode()


@pytest.mark.parametrize(
    "changes",
    [
        {"count": True},  # a bool is not an int
        {"count": 1.0},
        {"ratio": 1},
        {"name": None},
        {"colour": "green"},
        {"inners": [["1", "2026-01-02T03:04:05"]]},  # too few fields
        {"inners": [["1", "2026-01-02T03:04:05+00:00", None, None]]},  # too many
        {"inners": [["1", "2026-01-02T03:04:05", None]]},  # no UTC offset
        {"inners": [["lots", "2026-01-02T03:04:05+00:00", None]]},
        {"inners": [["1", "2026-01-02T03:04:05+00:00", "2026-01-02T03:04:05"]]},
        {"pair": ["a", 1, 2]},
        {"names": ["x", 1]},
        {"names": "xy"},
        {"extra": {"k": "1"}},
        {"maybe": {"amount": "1"}},
        {"inners": {"__reduce__": "os.system"}},
    ],
)
def test_anything_the_hints_do_not_allow_is_refused(changes: dict[str, object]):
    with pytest.raises(PlainDataError):
        loads(_tampered(**changes), Outer)


@pytest.mark.parametrize(
    "data", [b"", b"\x80\x04\x95", b"[", b"NaN", b'["a", Infinity]', b"[" * 100_000]
)
def test_what_is_not_json_is_refused(data: bytes):
    with pytest.raises(PlainDataError):
        loads(data, Outer)


def test_values_that_would_not_come_back_the_same_are_refused():
    named_zone = Inner(Decimal(1), datetime(2026, 1, 1, tzinfo=ZoneInfo("Europe/London")))
    with pytest.raises(PlainDataError):
        dumps(named_zone, Inner)
    with pytest.raises(PlainDataError):
        dumps(Inner(Decimal(1), datetime(2026, 1, 1)), Inner)  # naive
    with pytest.raises(ValueError):
        dumps(Outer(**{**OUTER.__dict__, "ratio": float("nan")}), Outer)


def test_a_type_without_a_plain_form_is_refused_when_first_used():
    @dataclass(frozen=True)
    class Odd:
        things: set[str] = field(default_factory=set)

    with pytest.raises(TypeError, match="no plain form"):
        dumps(Odd(), Odd)
