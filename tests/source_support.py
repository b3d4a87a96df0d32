"""Helpers for the source tests: a notice's front matter, a file read from disk, the one problem."""

from __future__ import annotations

from pathlib import Path

from plugins.notices.problems import Problem
from plugins.notices.source import NoticeSource, read_source

FRONT_MATTER = """\
---
# a comment line still counts
notice_type: UK4
buyer:
  name: Afonwy County Council
  contact:
    email: procurement@afonwy.gov.uk
cpv:
  - 45233142-6
  - "45233220"
regions: [TLL14, TLL15]
lots:
  - id: "1"
    title: North
  - id: "2"
    title: South
summary: >
  A summary folded
  over two lines.
title: After the folded summary
---
First line of the body.

## A heading
"""


def read(tmp_path: Path, raw: bytes) -> tuple[NoticeSource | None, list[Problem]]:
    path = tmp_path / "notice.md"
    path.write_bytes(raw)
    return read_source(path, "notice.md")


def only_problem(problems: list[Problem]) -> tuple[int, str, str]:
    assert len(problems) == 1, problems
    return problems[0].line, problems[0].field, problems[0].message
