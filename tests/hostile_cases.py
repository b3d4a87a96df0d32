"""Hostile notice files, made from the base notice, and the one line each must be refused with."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BASE = Path(__file__).parent / "bad_notices" / "base" / "highway-resurfacing-framework.md"


def base() -> str:
    return BASE.read_text(encoding="utf-8")


def replace(old: str, new: str) -> Callable[[], str]:
    def make() -> str:
        text = base()
        assert old in text
        return text.replace(old, new, 1)

    return make


def add_field(lines: str) -> Callable[[], str]:
    """Lines added at the end of the front matter (from line 74 of the base file)."""
    return replace("---\nAfonwy County Council wants", f"{lines}\n---\nAfonwy County Council wants")


def _front() -> str:
    """The base file's front matter with its fences, and no body."""
    _, front, _ = base().split("---\n", 2)
    return f"---\n{front}---\n"


def escaped_title(escape: str) -> Callable[[], str]:
    """The title in double quotes, where YAML turns ``escape`` into a character."""
    title = "title: Highway resurfacing and surface dressing framework 2027\u20132031"
    return replace(title, f'title: "{escape}Highway resurfacing"')


def alias_bomb() -> str:
    rows = ["lol0: &a0 [x, x, x, x, x, x, x, x, x]"]
    rows += [f"lol{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    return add_field("\n".join(rows))()


def nested_mappings(depth: int, name: str = "level") -> str:
    rows = [f"{' ' * level}{name}{level}:" for level in range(depth)]
    return add_field("\n".join(rows) + f"\n{' ' * depth}end: 1")()


@dataclass(frozen=True)
class Case:
    id: str
    make: Callable[[], str]
    line: int
    field: str
    says: str
    name: str = "notice.md"


FRONT = 74  # the line add_field writes to
BODY = 75  # the body's first line
CASES = [
    Case("alias-bomb", alias_bomb, FRONT + 1, "lol1[0]", "YAML aliases (*name) are not allowed"),
    Case(
        "nested-flow-lists",
        add_field("deep: " + "[" * 10_000 + "]" * 10_000),
        FRONT,
        "front matter",
        "nested too deeply",
    ),
    Case(
        "nested-mappings",
        lambda: nested_mappings(1_300, "k"),
        FRONT + 999,
        "front matter",
        "too deeply",
    ),
    Case(
        "nested-mappings-within-libyaml",
        lambda: nested_mappings(40),
        FRONT + 9,
        "level0.level1.level2.level3.level4.level5.level6.level7.level8.level9",
        "fields are nested too deeply",
    ),
    Case(
        "long-list",
        add_field("cpv_extra: [" + "1, " * 5_000 + "1]"),
        FRONT,
        "cpv_extra",
        "over 500 items",
    ),
    Case(
        "huge-exponent",
        replace("amount: 18000000", "amount: 1.0e999999999"),
        32,
        "value.amount",
        "out of range",
    ),
    Case(
        "float-overflow",
        replace("amount: 18000000", "amount: 1.0e309"),
        32,
        "value.amount",
        "out of range",
    ),
    Case(
        "tiny-exponent",
        replace("amount: 18000000", "amount: 1.0e-999999999"),
        32,
        "value.amount",
        "out of range",
    ),
    Case(
        "5001-digits",
        replace("amount: 18000000", "amount: " + "9" * 5_001),
        32,
        "value.amount",
        "out of range",
    ),
    Case(
        "binary-tag",
        replace("procedure: open", "procedure: !!binary b3Blbg=="),
        36,
        "procedure",
        "!!binary is not allowed",
    ),
    Case(
        "timestamp-tag",
        replace("start: 2027-04-01", "start: !!timestamp 2027-04-01"),
        41,
        "contract_period.start",
        "!!timestamp is not allowed",
    ),
    Case(
        "set-tag",
        replace("regions: [TLL14]", "regions: !!set {TLL14}"),
        30,
        "regions",
        "!!set is not allowed",
    ),
    Case(
        "python-tag",
        replace("procedure: open", "procedure: !!python/object/apply:os.system [id]"),
        36,
        "procedure",
        "is not allowed",
    ),
    Case(
        "nan",
        replace("amount: 18000000", "amount: !!float nan"),
        32,
        "value.amount",
        "!!float is not allowed",
    ),
    Case(
        "infinity",
        replace("amount: 18000000", "amount: !!float .inf"),
        32,
        "value.amount",
        "!!float is not allowed",
    ),
    Case("integer-key", add_field("1: one"), FRONT, "front matter", "a field name must be a word"),
    Case("null-key", add_field("~: nothing"), FRONT, "front matter", "a field name must be a word"),
    Case("nul-escape", escaped_title("\\0"), 11, "title", "U+0000"),
    Case("escape-escape", escaped_title("\\e"), 11, "title", "U+001B"),
    Case(
        "lone-surrogate",
        escaped_title("\\uD800"),
        11,
        "front matter",
        "invalid Unicode character escape",
    ),
    Case(
        "year-9999-negative-offset",
        replace("tender: 2026-12-04T12:00:00+00:00", "tender: 9999-12-31T23:00:00-05:00"),
        39,
        "deadlines.tender",
        "outside the years 1900 to 2200",
    ),
    Case(
        "year-1-positive-offset",
        replace("published: 2026-10-26T09:00:00+00:00", "published: 0001-01-01T00:30:00+05:00"),
        6,
        "published",
        "outside the years 1900 to 2200",
    ),
    Case(
        "contract-ending-9999",
        replace(
            "end: 2031-03-31\n  extension_months: 12", "end: 9999-12-31\n  extension_months: 600"
        ),
        42,
        "contract_period.end",
        "outside the years 1900 to 2200",
    ),
    Case(
        "foreign-ocid-prefix",
        replace("ocid: ocds-h6vhtk-0a31c7", "ocid: ocds-zzzzzz-0a31c7"),
        5,
        "ocid",
        "does not start with one of this site's prefixes",
    ),
    Case(
        "long-text",
        replace("title: Highway", "title: " + "x" * 25_000 + " Highway"),
        11,
        "title",
        "over 20,000 characters",
    ),
    Case(
        "body-line-of-120000-less-thans",
        lambda: _front() + "<" * 120_000 + "\n",
        BODY,
        "body",
        "over the 100,000-character limit",
    ),
    Case(
        "body-of-99000-less-thans",
        lambda: _front() + "<" * 99_000,
        BODY,
        "body",
        "too many links or Markdown marks",
    ),
    Case(
        "body-quotes-10000-deep", lambda: _front() + ">" * 10_000 + " x\n", BODY, "body", "nested"
    ),
    Case("upper-case-suffix", base, 1, "file name", "rename it to notice.md", name="notice.MD"),
    Case("text-suffix", base, 1, "file name", "rename it to notice.md", name="notice.md.txt"),
    Case("markdown-suffix", base, 1, "file name", "rename it to notice.md", name="notice.markdown"),
    Case("hidden-file", base, 1, "file name", "a hidden file", name=".notice.md"),
    Case("no-usable-letter", base, 1, "file name", "no letter or digit", name="日本.md"),
]
