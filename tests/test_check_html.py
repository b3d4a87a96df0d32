"""The Nu HTML Checker wrapper: one Java run, errors with page and line, non-HTML skipped."""

from pathlib import Path

from tests.checks.html import nu_command, nu_problems

VALID = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Fine</title></head>
<body><main><h1>Fine</h1><p>Text</p></main></body></html>
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_pages_and_other_files_pass(tmp_path: Path) -> None:
    write(tmp_path, "index.html", VALID)
    write(tmp_path, "data/notices.json", '{"not": "html"}')
    write(tmp_path, "calendar/all.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    assert nu_problems(tmp_path) == []


def test_errors_name_page_line_and_message(tmp_path: Path) -> None:
    write(tmp_path, "index.html", VALID)
    broken = VALID.replace("<p>Text</p>", "<p>Text\n<div>block</div></p><img src=a.png>")
    write(tmp_path, "notices/x/index.html", broken)
    problems = nu_problems(tmp_path)
    assert len(problems) == 2
    assert all(p.startswith("notices/x/index.html:4: ") for p in problems)
    assert "“img” element must have an “alt” attribute" in problems[1]


def test_a_folder_without_pages_is_a_problem(tmp_path: Path) -> None:
    assert nu_problems(tmp_path) == [f"{tmp_path}: no HTML pages to check"]


def test_one_run_over_the_folder_with_the_tested_flags(tmp_path: Path) -> None:
    command = nu_command(tmp_path)
    assert command[-1] == str(tmp_path)
    assert {"-Xss4m", "--errors-only", "--skip-non-html"} <= set(command)
