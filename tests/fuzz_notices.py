"""Hypothesis strategies for notice files: from the JSON Schema, and mutations of real ones.

A generated file is (file name, text). Mutations keep most of a valid sample notice and
change one thing: a value (texts, numbers, dates at the calendar's edges), a raw YAML
snippet (tags, aliases, deep nesting), a deleted or repeated line, or the file name.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import yaml
from hypothesis import strategies as st

from plugins.notices.files import notice_files
from plugins.notices.frontmatter import read_front_matter
from plugins.notices.model import NoticeType
from plugins.notices.requirements import copies_may_lack
from plugins.notices.schema import notice_schema
from tests.sites import CONTENT, ROOT

SAMPLES = [
    path.read_text(encoding="utf-8")
    for path in [
        *notice_files(CONTENT / "notices"),
        ROOT / "tests" / "bad_notices" / "base" / "highway-resurfacing-framework.md",
    ]
]


class _Dumper(yaml.SafeDumper):
    """Writes Decimals as plain YAML numbers."""


_Dumper.add_representer(
    Decimal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", str(value))
)


def as_file(data: Any, body: str = "A description.\n") -> str:
    front = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n{body}"


# Values a buyer, a word processor or an attacker might put anywhere.
EDGE_TEXTS = [
    "9999-12-31",
    "0001-01-01",
    "1899-12-31",
    "2200-12-31",
    "2201-01-01",
    "9999-12-31T23:59:59-12:00",
    "0001-01-01T00:00:00+14:00",
    "2026-02-30",
    "2026-12-04T12:00:00",
    "2026-12-04T24:00:00+00:00",
    "1.0e309",
    "1e999999999",
    "-0",
    ".nan",
    "",
    " ",
    "\u200b",
    "\ufeff",
    "\u202e",
    "ŵŷ\u0301",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "https://exa mple.gov.uk/a b",
    "ocds-zzzzzz-1",
    "GB-PPON-",
    "45000000-0",
    "UK",
    "TLL14",
    "\U0001f68c" * 50,
    "x" * 5000,
]
EDGE_NUMBERS = [
    0,
    -1,
    10**15,
    10**15 - 1,
    2**63,
    Decimal("0.000001"),
    Decimal("1E+20"),
    Decimal("1E-7"),
    Decimal("18000000.00"),
]
RAW_SNIPPETS = [
    "x: !!binary aGVsbG8=",
    "x: !!python/object/apply:os.system [id]",
    "x: !!float nan",
    "x: !!int 12",
    "x: !custom thing",
    "x: &a [1, 2]\ny: *a",
    "<<: {title: merged}",
    "? [complex, key]\n: value",
    "1: one",
    "~: none",
    "x: " + "[" * 200 + "]" * 200,
    "x: " + "{a: " * 50 + "1" + "}" * 50,
    'x: "\\0\\e\\x7f"',
    "x: |\n  block\n  text",
    "x: >-\n  folded",
    "title: again",
    "x: 0o17",
    "x: 0x1F",
    "x: 1_000",
    "x: 2026-12-04",
]

scalars = st.one_of(
    st.sampled_from(EDGE_TEXTS),
    st.sampled_from(EDGE_NUMBERS),
    st.text(max_size=40),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.decimals(allow_nan=False, allow_infinity=False, places=3, max_value=10**16),
    st.booleans(),
    st.none(),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=8,
)
file_names = st.one_of(
    st.just("notice.md"),
    st.sampled_from(["cynnal-tiroedd-ŵyr.md", "a b.md", "quote'd.md", "<x>.md", ".hidden.md"]),
    st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"),
        min_size=1,
        max_size=30,
    ).map(lambda stem: f"{stem}.md"),
)


def _paths(data: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [at] if at else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*at, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*at, index))
    return found


def _split(text: str) -> tuple[Any, str]:
    _, front, body = text.split("---\n", 2)
    return read_front_matter(front, "sample.md", 2).data, body


@st.composite
def changed_value(draw: st.DrawFn, text: str) -> str:
    data, body = _split(text)
    at = draw(st.sampled_from(_paths(data)))
    parent = data
    for part in at[:-1]:
        parent = parent[part]
    if draw(st.booleans()) and isinstance(parent, dict):
        del parent[at[-1]]
    else:
        parent[at[-1]] = draw(values)
    return as_file(data, body)


@st.composite
def raw_snippet(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    closing = lines.index("---", 1)
    where = draw(st.integers(min_value=1, max_value=closing))
    return "\n".join([*lines[:where], draw(st.sampled_from(RAW_SNIPPETS)), *lines[where:]])


@st.composite
def line_edit(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
    edit = draw(st.sampled_from(["delete", "repeat", "insert"]))
    if edit == "delete":
        return "\n".join(lines[:index] + lines[index + 1 :])
    if edit == "repeat":
        return "\n".join(lines[: index + 1] + lines[index:])
    return "\n".join([*lines[:index], draw(st.text(max_size=60)), *lines[index:]])


@st.composite
def new_words(draw: st.DrawFn, text: str) -> str:
    """Any title, summary, body and amount: what a buyer may well write, and check accepts."""
    data, _ = _split(text)
    printable = st.characters(blacklist_categories=("Cs", "Cc"))
    words = st.text(printable, max_size=300).map(lambda text: f"Works for the council {text}")
    data["title"], data["summary"] = draw(words), draw(words)
    if isinstance(data.get("value"), dict):
        amount = st.decimals(min_value=0, max_value=10**14, places=2, allow_nan=False)
        data["value"] = {"amount": draw(amount)}
    return as_file(data, draw(st.text(st.one_of(printable, st.just("\n")), max_size=2000)))


@st.composite
def mutated_sample(draw: st.DrawFn) -> tuple[str, str]:
    text = draw(st.sampled_from(SAMPLES))
    mutation = draw(st.sampled_from([changed_value, raw_snippet, line_edit, new_words]))
    return draw(file_names), draw(mutation(text))


def _copy_of_find_a_tender(text: str) -> bool:
    """An original (not a translation) with a Find a Tender notice id, of a type whose
    copies may lack something (requirements.COPIES_MAY_LACK)."""
    data, _ = _split(text)
    link = data.get("find_a_tender") or {}
    kind = NoticeType(data["notice_type"])
    return data.get("lang", "en") == "en" and "notice_id" in link and bool(copies_may_lack(kind))


COPIES = [text for text in SAMPLES if _copy_of_find_a_tender(text)]
# Where each fact a copy may lack is said (in the notice and its lots), and what changes of
# it are named.
_SAID_AT = {"regions": ("regions", "places"), "deadlines.tender": ()}
_CHANGED_AS = {"regions": ("regions", "places"), "deadlines.tender": ("deadlines",)}


def _drop(data: dict[str, Any], name: str) -> None:
    """Remove the fact ``name`` from the notice, its lots and its changes."""
    if name == "deadlines.tender":
        deadlines = data.get("deadlines") or {}
        deadlines.pop("tender", None)
        deadlines.pop("expression_of_interest", None)  # it stands in for the tender deadline
        if not deadlines:
            data.pop("deadlines", None)
    for where in [data, *(data.get("lots") or [])]:
        for field in _SAID_AT.get(name, (name,)):
            where.pop(field, None)
    named = _CHANGED_AS.get(name, (name,))
    changes = [c for c in data.get("changes") or [] if not str(c.get("field")).startswith(named)]
    data["changes"] = changes
    if not changes:
        data.pop("changes")


@st.composite
def copy_lacking(draw: st.DrawFn) -> tuple[str, str]:
    """A copy of a Find a Tender notice without some of the facts Find a Tender's own notices
    of its type are published without: check warns of each, and publishes it."""
    data, body = _split(draw(st.sampled_from(COPIES)))
    spared = sorted(copies_may_lack(NoticeType(data["notice_type"])))
    for name in draw(st.lists(st.sampled_from(spared), min_size=1, unique=True)):
        _drop(data, name)
    return "notice.md", as_file(data, body)


def from_schema(schema: dict[str, Any], root: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values the notice schema accepts (roughly: patterns, enums, types and sizes)."""
    if "$ref" in schema:  # a JSON pointer within the schema: #/definitions/… or #/properties/…
        target = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return from_schema(target, root)
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    choices = schema.get("oneOf") or schema.get("anyOf")
    if choices:
        return st.one_of([from_schema(choice, root) for choice in choices])
    kinds = schema.get("type")
    if isinstance(kinds, list):
        return st.one_of([from_schema({**schema, "type": kind}, root) for kind in kinds])
    maker = _MAKERS.get(kinds or "")
    return maker(schema, root) if maker else st.nothing()


def _object(schema: dict[str, Any], root: dict[str, Any]) -> st.SearchStrategy[Any]:
    properties = schema.get("properties", {})
    required = set(schema.get("required", ()))
    return st.fixed_dictionaries(
        {name: from_schema(sub, root) for name, sub in properties.items() if name in required},
        optional={
            name: from_schema(sub, root) for name, sub in properties.items() if name not in required
        },
    )


def _array(schema: dict[str, Any], root: dict[str, Any]) -> st.SearchStrategy[Any]:
    low = schema.get("minItems", 0)
    return st.lists(from_schema(schema.get("items", {}), root), min_size=low, max_size=low + 2)


def _string(schema: dict[str, Any], root: dict[str, Any]) -> st.SearchStrategy[Any]:
    if "pattern" in schema:
        return st.from_regex(re.compile(schema["pattern"]), fullmatch=True)
    low = schema.get("minLength", 0)
    return st.text(min_size=low, max_size=max(low, min(schema.get("maxLength", 80), 80)))


def _number(schema: dict[str, Any], root: dict[str, Any]) -> st.SearchStrategy[Any]:
    low, high = schema.get("minimum"), schema.get("maximum")
    if schema["type"] == "integer":
        return st.integers(min_value=low, max_value=high)
    return st.decimals(min_value=low, max_value=high, allow_nan=False, places=2)


_MAKERS = {
    "object": _object,
    "array": _array,
    "string": _string,
    "integer": _number,
    "number": _number,
    "boolean": lambda schema, root: st.booleans(),
}

schema_notices = from_schema(notice_schema(), notice_schema()).map(
    lambda data: ("notice.md", as_file(data))
)
notice_files_strategy = st.one_of(mutated_sample(), schema_notices, copy_lacking())
