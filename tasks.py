"""Noticeboard tasks: ``invoke --list`` shows them all."""

from __future__ import annotations

import shlex
import sys
from datetime import UTC, datetime
from pathlib import Path

from invoke import Context, Exit, task

ROOT = Path(__file__).parent
CONTENT = ROOT / "content"
OUTPUT = ROOT / "output"
SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"


def _pelican(c: Context, settings: Path, *extra: str) -> None:
    args = [sys.executable, "-m", "pelican", str(CONTENT), "-o", str(OUTPUT), "-s", str(settings)]
    # A wide log keeps each notice problem on one line.
    c.run(shlex.join([*args, "--fatal", "errors", *extra]), pty=False, env={"COLUMNS": "250"})


@task(help={"production": "build with publishconf.py (absolute URLs, real clock)"})
def build(c: Context, production: bool = False) -> None:
    """Build the site into output/ (fails on any invalid notice)."""
    _pelican(c, PUBLISH_SETTINGS if production else SETTINGS)
    print(f"Built {OUTPUT}. View it with: invoke serve (then open http://localhost:8000/)")


@task
def clean(c: Context) -> None:
    """Remove the built site."""
    import shutil

    shutil.rmtree(OUTPUT, ignore_errors=True)


@task(pre=[clean])
def rebuild(c: Context) -> None:
    """Build from scratch."""
    _pelican(c, SETTINGS)


@task
def regenerate(c: Context) -> None:
    """Rebuild whenever content, theme or plugins change."""
    _pelican(c, SETTINGS, "--autoreload")


@task(help={"port": "port to listen on (default 8000)"})
def serve(c: Context, port: int = 8000) -> None:
    """Serve output/ on http://localhost:PORT/."""
    _pelican(c, SETTINGS, "--listen", "--port", str(port), "--bind", "127.0.0.1")


@task(
    help={
        "format": "text (default) or github (GitHub Actions annotations)",
        "paths": "files to check",
    }
)
def check(c: Context, format: str = "text", paths: str = "") -> None:
    """Check every notice (or the given files and folders) and print all problems at once."""
    from plugins.notices.check import check_files, notice_files

    given = [Path(p) for p in paths.split()] or [CONTENT / "notices"]
    files = [f for p in given for f in (notice_files(p) if p.is_dir() else [p])]
    report = check_files(files, ROOT)
    for problem in report.problems:
        print(problem.as_github() if format == "github" else problem)
    summary = f"{len(report.loaded)} notices checked, {len({p.path for p in report.problems})} with problems, {len(report.problems)} problems"
    print(summary, file=sys.stderr)
    if report.problems:
        raise Exit(code=1)


@task(help={"type": "notice type, e.g. UK4", "title": "the notice's title"})
def new(c: Context, type: str, title: str) -> None:
    """Write a new notice of TYPE with today's date and placeholders to replace."""
    from plugins.notices.model import NoticeType
    from plugins.notices.scaffold import notice_path, scaffold

    try:
        notice_type = NoticeType(type.upper())
    except ValueError:
        raise Exit(
            f"Unknown notice type {type!r}: use one of {', '.join(NoticeType)}", code=2
        ) from None
    now = datetime.now(UTC)
    path = notice_path(CONTENT, title, now)
    if path.exists():
        raise Exit(f"{path} already exists: choose another title", code=2)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(scaffold(notice_type, title, now), encoding="utf-8")
    print(f"Wrote {path.relative_to(ROOT)}: replace the placeholders, then run: invoke check")


@task(help={"k": "only tests matching this expression"})
def test(c: Context, k: str = "") -> None:
    """Run the whole test suite."""
    args = [sys.executable, "-m", "pytest", *(["-k", k] if k else [])]
    c.run(shlex.join(args), pty=False)


@task
def lint(c: Context) -> None:
    """ruff check and format check."""
    c.run(f"{sys.executable} -m ruff check .", pty=False)
    c.run(f"{sys.executable} -m ruff format --check .", pty=False)
