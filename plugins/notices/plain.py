"""Frozen dataclasses to JSON and back, driven by their type hints, refusing anything else.

Plain data instead of pickle: decoding builds only the types the hints name (dataclasses,
enums, str, int, float, bool, Decimal, date, aware datetime, tuples, lists, str-keyed dicts,
``X | None``), so a cache file, however crafted, can never run code; an unexpected value is
a ``PlainDataError``, never a wrong object.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")
Convert = Callable[[Any], Any]


class PlainDataError(ValueError):
    """A value that is not what its type hint says."""


def dumps(value: T, kind: type[T]) -> bytes:
    """``value`` (of type ``kind``) as compact JSON bytes."""
    plain = _encoder(_hashable(kind))(value)
    return json.dumps(plain, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


def loads(data: bytes, kind: type[T]) -> T:
    """The ``kind`` that ``dumps`` wrote as ``data``; PlainDataError for anything else."""
    try:
        plain = json.loads(data, parse_constant=_no_constant)
    except (ValueError, RecursionError) as error:
        raise PlainDataError(f"not JSON: {error}") from None
    try:
        decoded: T = _decoder(_hashable(kind))(plain)
        return decoded
    except PlainDataError:
        raise
    except (ValueError, TypeError, ArithmeticError, RecursionError) as error:
        # A dataclass's own checks, or nesting no notice has.
        raise PlainDataError(f"not a {kind!r}: {error}") from None


def _no_constant(name: str) -> None:
    raise PlainDataError(f"{name} is not a number")


def _hashable(kind: type[T]) -> type:
    """``kind`` as a plain class: mypy takes ``type[T]`` for unhashable (python/mypy#20409)."""
    return kind


@cache
def _encoder(kind: Any) -> Convert:
    return _converter(kind, encode=True)


@cache
def _decoder(kind: Any) -> Convert:
    return _converter(kind, encode=False)


def _converter(kind: Any, *, encode: bool) -> Convert:
    """The function that encodes (or decodes) values of type ``kind``."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        return _optional(kind, args, encode)
    if origin in (tuple, list):
        return _sequence(kind, origin, args, encode)
    if origin is dict and args[:1] == (str,):
        return _mapping(kind, args[1], encode)
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        return _dataclass(kind, encode)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return _enum(kind, encode)
    scalar = (_SCALAR_ENCODERS if encode else _SCALAR_DECODERS).get(kind)
    if scalar is None:
        raise TypeError(f"no plain form for {kind!r}")
    return scalar


def _optional(kind: Any, args: tuple[Any, ...], encode: bool) -> Convert:
    others = [arg for arg in args if arg is not type(None)]
    if len(others) != 1 or len(args) != 2:
        raise TypeError(f"no plain form for {kind!r}: only X | None unions")
    inner = _converter(others[0], encode=encode)
    return lambda value: None if value is None else inner(value)


def _sequence(kind: Any, origin: type, args: tuple[Any, ...], encode: bool) -> Convert:
    if origin is list or (len(args) == 2 and args[1] is Ellipsis):
        return _homogeneous(origin, args[0], encode)
    items = [_converter(arg, encode=encode) for arg in args]

    def fixed(value: Any) -> Any:
        _expect(value, list if not encode else tuple)
        if len(value) != len(items):
            raise PlainDataError(f"{kind!r}: {len(value)} items, not {len(items)}")
        made = [convert(part) for convert, part in zip(items, value, strict=True)]
        return made if encode else tuple(made)

    return fixed


def _homogeneous(origin: type, item_kind: Any, encode: bool) -> Convert:
    """``tuple[X, ...]`` or ``list[X]``: a JSON array either way."""
    item = _converter(item_kind, encode=encode)
    given, made = (origin, list) if encode else (list, origin)
    plain = _plain_types(item_kind)

    def each(value: Any) -> Any:
        _expect(value, given)
        if plain and all(type(part) in plain for part in value):
            return made(value)  # text, numbers: nothing to convert, only checked
        return made([item(part) for part in value])

    return each


def _mapping(kind: Any, values: Any, encode: bool) -> Convert:
    convert = _converter(values, encode=encode)

    def each(value: Any) -> dict[str, Any]:
        _expect(value, dict)
        if not all(type(key) is str for key in value):
            raise PlainDataError(f"{kind!r}: a key that is not text")
        return {key: convert(part) for key, part in value.items()}

    return each


def _dataclass(kind: type, encode: bool) -> Convert:
    """A dataclass as the list of its fields' values, in order (half the size of an object)."""
    if not all(f.init for f in dataclasses.fields(kind)):
        raise TypeError(f"no plain form for {kind!r}: a field that __init__ does not take")
    hints = typing.get_type_hints(kind)
    names = [f.name for f in dataclasses.fields(kind)]
    if encode:
        pairs = [(name, _converter(hints[name], encode=True)) for name in names]
        return lambda value: [convert(getattr(_expect(value, kind), n)) for n, convert in pairs]
    # A field whose JSON value is already of a type its hint allows (text, None) is taken
    # as it is: one set lookup instead of a call, which halves the time to decode a notice.
    fields = [(_plain_types(hints[name]), _converter(hints[name], encode=False)) for name in names]

    def decoded(value: Any) -> Any:
        if type(value) is not list or len(value) != len(fields):
            raise PlainDataError(f"not the {len(fields)} fields of a {kind.__name__}")
        return kind(
            *[
                part if type(part) in plain else convert(part)
                for (plain, convert), part in zip(fields, value, strict=True)
            ]
        )

    return decoded


def _plain_types(kind: Any) -> frozenset[type]:
    """The types JSON decodes to that ``kind`` takes unchanged (str for str, None for X | None)."""
    if kind in _PLAIN:
        return frozenset({kind})
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        return frozenset().union(*(_plain_types(arg) for arg in typing.get_args(kind)))
    return frozenset()


def _enum(kind: type[Enum], encode: bool) -> Convert:
    if encode:
        return lambda value: _expect(value, kind).value

    def decoded(value: Any) -> Enum:
        try:
            return kind(value)
        except ValueError:
            raise PlainDataError(f"{value!r} is not a {kind.__name__}") from None

    return decoded


def _expect(value: object, kind: type[T]) -> T:
    """``value`` if it is exactly a ``kind`` (a bool is not an int; a subclass is refused)."""
    if type(value) is not kind:
        raise PlainDataError(f"{type(value).__name__} where {kind.__name__} was expected")
    return value


def _exactly(kind: type) -> Convert:
    def checked(value: Any) -> Any:
        if type(value) is not kind:
            raise PlainDataError(f"{type(value).__name__} where {kind.__name__} was expected")
        return value

    return checked


def _encode_decimal(value: Any) -> str:
    return str(_expect(value, Decimal))


def _decode_decimal(value: Any) -> Decimal:
    try:
        return Decimal(_expect(value, str))
    except InvalidOperation:
        raise PlainDataError(f"{value!r} is not a decimal number") from None


def _encode_date(value: Any) -> str:
    return _expect(value, date).isoformat()


def _decode_date(value: Any) -> date:
    try:
        return date.fromisoformat(_expect(value, str))
    except ValueError:
        raise PlainDataError(f"{value!r} is not a date") from None


def _encode_datetime(value: Any) -> str:
    # Only fixed offsets survive ISO 8601 unchanged; a named zone would come back as one.
    moment = _expect(value, datetime)
    if type(moment.tzinfo) is not timezone:
        raise PlainDataError(f"{value!r} has no fixed UTC offset")
    return moment.isoformat()


def _decode_datetime(value: Any) -> datetime:
    try:
        parsed = datetime.fromisoformat(_expect(value, str))
    except ValueError:
        raise PlainDataError(f"{value!r} is not a date and time") from None
    if parsed.tzinfo is None:
        raise PlainDataError(f"{value!r} has no UTC offset")
    return parsed


_PLAIN = (str, int, float, bool, type(None))
_SCALAR_ENCODERS: dict[Any, Convert] = {
    str: _exactly(str),
    int: _exactly(int),
    float: _exactly(float),
    bool: _exactly(bool),
    type(None): _exactly(type(None)),
    Decimal: _encode_decimal,
    date: _encode_date,
    datetime: _encode_datetime,
}
_SCALAR_DECODERS: dict[Any, Convert] = {
    **_SCALAR_ENCODERS,
    Decimal: _decode_decimal,
    date: _decode_date,
    datetime: _decode_datetime,
}
