"""Bodies too long or too costly to render: refused before rendering, checked in bounded time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from plugins.notices.body import render
from plugins.notices.body_limits import MAX_BODY_CHARS
from tests.body_support import reported

ROOT = Path(__file__).parent.parent


def test_a_body_over_the_size_limit_is_refused_without_rendering() -> None:
    body = "Words. " * (MAX_BODY_CHARS // 7 + 1)
    assert reported(body, first_line=30) == [
        (30, f"the description is {len(body):,} characters, over the 100,000-character limit")
    ]
    assert render(body).startswith("<pre>")


@pytest.mark.parametrize(
    ("body", "line", "start"),
    [
        ("Intro.\n\n" + "<a x='>' " * 5_000, 3, "5,000 HTML tags"),
        ("Intro.\n\n" + "*[A]: b\n" * 2_000, 3, "a block of 2,000 lines"),
        ("Intro.\n\n" + "> " * 10_000 + "x\n", 3, "quotes or lists nested 10,000 deep"),
        ("Intro.\n\n" + "a [b](c) d " * 1_000, 3, "the description has too many links"),
    ],
    ids=["unclosed-tags", "long-block", "deep-quotes", "links-in-a-paragraph"],
)
def test_bodies_too_costly_to_render_are_refused(body: str, line: int, start: str) -> None:
    ((number, message),) = reported(body)
    assert number == line
    assert message.startswith(start)


_HOSTILE = {
    "lt-120k": "'<' * 120_000",
    "stars-100k": "'*' * 100_000",
    "brackets-50k": "'[' * 50_000",
    "quotes-10k-deep": "'>' * 10_000 + ' x'",
    "backticks-100k": "'`' * 100_000",
    "nested-lists": "''.join('  ' * i + '- x\\n' for i in range(300))",
    "code-spans-25k": "'`a` ' * 24_000",
    "links-99k": "'[a](b)\\n\\n' * 12_000",
    "links-one-paragraph": "'a [b](c) d ' * 450",
    "unclosed-tags": "'<a x=\">\" ' * 1_700",
    "nested-divs": "'<div>\\n' * 16_000",
    "abbreviations": "'*[A]: b\\n' * 1_200",
    "entities": "'&#1 ' * 24_000",
    "one-mb": "'<a [b](c) `d` *e* ' * 60_000",
    # Just inside the limits, so rendered: the slowest bodies the check accepts.
    "lt-99k": "'<' * 99_000",
    "links-40k": "'[a](b)\\n\\n' * 5_000",
    "unclosed-tags-9k": "'<a x=\">\" ' * 1_000",
    "abbreviations-8k": "'*[A]: b\\n' * 1_000",
    "nested-lists-spaced": "''.join('    ' * i + '- x\\n\\n' for i in range(200))",
}


@pytest.mark.parametrize("expression", _HOSTILE.values(), ids=_HOSTILE.keys())
def test_hostile_bodies_are_checked_in_bounded_time(expression: str) -> None:
    """Each in its own process, so a hang fails the test instead of the suite."""
    code = (
        "import time\n"
        "from plugins.notices.body import checked_render\n"
        f"body = {expression}\n"
        "start = time.perf_counter()\n"
        "checked_render(body, 1, 'n.md')\n"
        "print(time.perf_counter() - start)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert float(done.stdout) < 5
