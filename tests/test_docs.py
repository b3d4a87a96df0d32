"""The notice format guide stays in step with the schema and the per-type table."""

from pathlib import Path

from plugins.notices.model import NoticeType
from plugins.notices.requirements import FIELDS_BY_TYPE
from plugins.notices.schema import notice_schema

GUIDE = (Path(__file__).parent.parent / "docs" / "notice-format.md").read_text(encoding="utf-8")


def _table_after(heading: str) -> list[list[str]]:
    """The body rows of the first Markdown table after ``heading``."""
    lines = GUIDE.split(heading, 1)[1].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith("|")), len(lines))
    return [[cell.strip() for cell in row[1:-1].split("|")] for row in lines[start + 2 : end]]


def test_every_schema_field_is_documented():
    documented = {row[0].strip("`") for row in _table_after("## Fields\n")}
    assert documented == set(notice_schema()["properties"])


def test_per_type_table_matches_the_code():
    rows = _table_after("## Fields each notice type needs")
    types = list(NoticeType)
    documented = {
        t: ({r[0] for r in rows if r[i + 1] == "R"}, {r[0] for r in rows if r[i + 1] == "O"})
        for i, t in enumerate(types)
    }
    in_code = {
        t: (set(required), set(optional)) for t, (required, optional) in FIELDS_BY_TYPE.items()
    }
    assert documented == in_code
