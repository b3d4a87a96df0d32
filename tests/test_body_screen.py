"""The body screen is sound: a body it lets through unrendered gives no problem when rendered."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.notices.body import checked_render
from plugins.notices.body_screen import needs_rendering
from tests.fuzz_notices import SAMPLES

# Pieces of Markdown that do, might, or look as if they might give a problem.
FRAGMENTS = [
    "# Lots",
    "#Lots",
    "## Lots",
    "Title\n=====",
    "Title\n-----",
    "> # quoted",
    "1. # listed",
    "[map](https://example.gov.uk/map)",
    "[map](HTTPS://example.gov.uk/map)",
    "[map](javascript:alert(1))",
    "[map](JavaScript:alert(1))",
    "[map]( javascript:alert(1))",
    "[map](\njavascript:alert(1))",
    "[map](data:text/html,x)",
    "[map](vbscript:x)",
    "[map](mailto:a@b.gov.uk)",
    "[map](tel:01792555010)",
    "[map](ftp://example.gov.uk)",
    "[map](/relative/path)",
    '[map](https://example.gov.uk "Note: a title")',
    "[map][1]",
    "[1]: javascript:alert(1)",
    "[1]: https://example.gov.uk",
    "[1]:\n  javascript:alert(1)",
    "[map]",
    "![plan](plan.png)",
    "<b>bold</b>",
    "<script>x</script>",
    "<https://example.gov.uk>",
    "a < b",
    "{: onclick=x}",
    '## Lots {onclick="x"}',
    "&#106;avascript:alert(1)",
    "[x](&#106;avascript:alert(1))",
    "Footnote[^1]\n\n[^1]: note",
    "*[HTML]: Hyper Text",
    "`code`",
    "    indented code",
    "```\n# not a heading\n```",
    "| a | b |\n|:--|--:|\n| 1 | 2 |",
    "Deadline: 4 December",
    "plain words",
    "- item\n- item",
    "***",
    "\\# escaped",
]

bodies = st.lists(st.sampled_from(FRAGMENTS), max_size=6).map("\n\n".join) | st.text(
    st.sampled_from(list("#=[]()!:<>{}&*-_`\\ \nhjavscript1ptel.")), max_size=80
)


@settings(max_examples=400, deadline=None, database=None, derandomize=True)
@given(bodies)
def test_a_body_the_screen_lets_through_gives_no_problem(body: str) -> None:
    if not needs_rendering(body):
        assert checked_render(body, 1, "n.md")[1] == []


def test_most_real_bodies_need_no_render_to_check() -> None:
    plain = [text for text in SAMPLES if not needs_rendering(text.split("---\n", 2)[2])]
    assert len(plain) > len(SAMPLES) // 2


def test_what_the_check_reports_is_never_screened_out() -> None:
    for body in ["# Lots", "#Lots", "[m](javascript:x)", "[m][1]\n\n[1]: data:x", "<b>x</b>"]:
        assert needs_rendering(body), body
