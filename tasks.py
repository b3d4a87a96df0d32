"""Noticeboard tasks: ``invoke --list`` shows them all."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from invoke import Context, Exit, task

from plugins.site_build import steps

if TYPE_CHECKING:
    from plugins.config import Config

ROOT = Path(__file__).parent
CONTENT = ROOT / "content"
OUTPUT = ROOT / "output"
SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"


def _pytest(c: Context, *args: str, k: str = "", env: dict[str, str] | None = None) -> None:
    only = ["-k", k] if k else []
    c.run(shlex.join([sys.executable, "-m", "pytest", *args, *only]), pty=False, env=env or {})


@task(help={"production": "build with publishconf.py (absolute URLs, real clock)"})
def build(c: Context, production: bool = False) -> None:
    """Build the site into output/ (fails on any invalid notice, leaving output/ as it was)."""
    settings = PUBLISH_SETTINGS if production else SETTINGS
    steps.build_site(c, CONTENT, settings, OUTPUT, _site_config(settings).search)
    print(f"Built {OUTPUT}. View it with: invoke serve (then open http://localhost:8000/)")


@task
def clean(c: Context) -> None:
    """Remove the built site."""
    import shutil

    shutil.rmtree(OUTPUT, ignore_errors=True)


@task
def rebuild(c: Context) -> None:
    """Build from scratch: a new output/ replaces the old one whole (as every build does)."""
    steps.build_site(c, CONTENT, SETTINGS, OUTPUT, _site_config().search)


@task
def regenerate(c: Context) -> None:
    """Rebuild whenever content, theme or plugins change."""
    steps.pelican(c, CONTENT, SETTINGS, OUTPUT, "--autoreload")


@task(help={"port": "port to listen on (default 8000)"})
def serve(c: Context, port: int = 8000) -> None:
    """Serve output/ on http://localhost:PORT/."""
    listen = ("--listen", "--port", str(port), "--bind", "127.0.0.1")
    steps.pelican(c, CONTENT, SETTINGS, OUTPUT, *listen)


@task(help={"port": "port to listen on (default 8000)"})
def livereload(c: Context, port: int = 8000) -> None:
    """Build, serve output/ on http://localhost:PORT/ and reload the browser on every change."""
    from plugins.site_build.devserver import serve, watched

    def cached_build() -> None:
        cache = ("-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true")
        steps.pelican(c, CONTENT, SETTINGS, OUTPUT, *cache)

    serve(watched(ROOT, SETTINGS, CONTENT), cached_build, OUTPUT, port)


@task(
    help={
        "target": "rsync destination (user@host:/path/) or s3://bucket/prefix (default: $DEPLOY_TARGET)",
        "live": "really copy (default: a dry run that lists what would change)",
        "build": "build with publishconf.py first (default on; --no-build deploys output/ as it is)",
    }
)
def deploy(c: Context, target: str = "", live: bool = False, build: bool = True) -> None:
    """Copy the production site to a server with rsync, or to S3 with the AWS CLI."""
    import os

    from plugins.site_build.deploy import sync_command

    destination = target or os.environ.get("DEPLOY_TARGET", "")
    if not destination:
        raise Exit("No deploy target: pass --target or set DEPLOY_TARGET", code=2)
    if build:
        steps.build_site(
            c, CONTENT, PUBLISH_SETTINGS, OUTPUT, _site_config(PUBLISH_SETTINGS).search
        )
    c.run(shlex.join(sync_command(f"{OUTPUT}/", destination, live)), pty=False)
    if not live:
        print("Dry run: nothing was copied. Deploy with: invoke deploy --live", file=sys.stderr)


@task(
    help={
        "format": "text (default) or github (GitHub Actions annotations)",
        "paths": "only these files, judged within the whole site (as pre-commit passes them)",
        "against": "the published record: a git revision (default origin/main, when there is "
        "one), the site's notices.json (a file or its address), or 'deployed' (the notices.json "
        "at NOTICES_SITE_URL)",
    }
)
def check(c: Context, format: str = "text", paths: str = "", against: str = "") -> None:
    """Check every notice (or the given files) and print all problems at once."""
    from plugins.site_build.check_command import CheckFailed, CheckRequest, run_check

    request = CheckRequest(ROOT, CONTENT / "notices", paths, against, format == "github")
    try:
        passed = run_check(request, _site_config())
    except CheckFailed as error:
        raise Exit(str(error), code=2) from None
    if not passed:
        raise Exit(code=1)


@task(
    help={
        "type": "notice type, e.g. UK4",
        "title": "the notice's title",
        "summary": "one or two sentences for listings, feeds and posts",
        "value": "estimated value excluding VAT, in pounds, e.g. 240000",
        "ocid": "the procurement's ocid, to add this notice to an existing procurement",
        "find_a_tender": "the id of the same notice on Find a Tender, e.g. 041234-2026",
        "after": "the notice this one follows (its file or notice_id): copies its ocid, buyer and lots, dated after it",
    }
)
def new(
    c: Context,
    type: str,
    title: str,
    summary: str = "",
    value: str = "",
    ocid: str = "",
    find_a_tender: str = "",
    after: str = "",
) -> None:
    """Write a new notice of TYPE, dated now (or at NOTICES_CLOCK, or after --after), with placeholders to replace."""
    from plugins.site_build.new_notice import NewNoticeError, write_new

    fields = {"summary": summary, "ocid": ocid, "find_a_tender": find_a_tender}
    try:
        written = write_new(
            _site_config(), CONTENT, ROOT, type, title, after=after, value=value, **fields
        )
    except NewNoticeError as error:
        raise Exit(str(error), code=2) from None
    print(f"Wrote {written.path.relative_to(ROOT)}{written.note}")
    if not find_a_tender:
        print("No Find a Tender link yet: add find_a_tender once it is there (docs/buyers.md).")
    print("Replace the placeholders, then run: invoke check")


@task(
    help={
        "notice": "the notice's id or file",
        "field": "the field, e.g. deadlines.tender, value.amount, lots.3.value.amount",
        "to": "its new value, e.g. 2027-01-27T12:00:00+00:00",
        "reason": "why, in one sentence: the change's summary",
        "formal": "a formal amendment (make it on Find a Tender too)",
        "correction": "puts right a mistake in the text",
    }
)
def change(
    c: Context,
    notice: str,
    field: str,
    to: str,
    reason: str,
    formal: bool = False,
    correction: bool = False,
) -> None:
    """Change one field of a published notice and add the change entry that says so."""
    from plugins.notices.amend import AmendError
    from plugins.site_build.change_command import ChangeRequest, run_change

    request = ChangeRequest(notice, field, to, reason, formal, correction)
    try:
        for line in run_change(request, _site_config(), ROOT, CONTENT / "notices"):
            print(line)
    except AmendError as error:
        raise Exit(str(error), code=2) from None


@task(
    name="import",
    iterable=["source"],
    help={
        "source": "an OCDS release or package file, or a Find a Tender or Contracts Finder id",
        "buyer": "a buyer's identifier (GB-PPON-PQRT-4821-WXYZ): import its new Find a Tender "
        "notices",
        "since": "with --buyer: notices updated since this date (2026-12-01) or time",
    },
)
def import_notices(
    c: Context, source: list[str], buyer: str | None = None, since: str | None = None
) -> None:
    """Write a notice file for each OCDS release (a later release of one becomes a change)."""
    from plugins.importer.command import SiteRules, run_import, run_watch
    from plugins.importer.sources import SourceError
    from plugins.importer.watch import since_moment

    if not source and not (buyer and since):
        raise Exit("Give --source FILE|NOTICE-ID, or --buyer ID with --since DATE", code=2)
    if since and not buyer:
        raise Exit("--since goes with --buyer ID: whose notices?", code=2)
    config = _site_config()  # judged as invoke check judges the site
    rules = SiteRules(
        config.notices.find_a_tender_first, config.ocds.ocid_prefixes, config.default_lang
    )
    try:
        lines = run_import(source, CONTENT, ROOT, rules=rules) if source else []
        if buyer:
            if not since:
                raise Exit("--buyer needs --since DATE, e.g. --since 2026-12-01", code=2)
            try:
                moment = since_moment(since)
            except ValueError:
                raise Exit(f"--since {since!r} is not a date such as 2026-12-01", code=2) from None
            lines += run_watch(buyer, moment, CONTENT, ROOT, rules=rules)
    except SourceError as error:
        raise Exit(str(error), code=2) from None
    for line in lines:
        print(line)


def _site_config(settings: Path = SETTINGS) -> Config:
    """The site's settings, read as the build reads ``settings`` (with Pelican)."""
    from plugins.config import SettingsError
    from plugins.pelican_adapter.settings import site_config

    try:
        return site_config(settings)
    except SettingsError as error:
        raise Exit(f"{settings.name}: {error}", code=2) from None


@task
def tools(c: Context) -> None:
    """Install the audit's tools when missing: vnu-jar (npm ci), Debian's Chromium and Java."""
    from tests.checks.tools import missing_tools_must_fail

    if missing_tools_must_fail(lambda line: print(line, file=sys.stderr)):
        raise Exit("CI=true: the audit's tools must be installed", code=1)


@task(
    pre=[tools],
    help={"output": "built site folder to check (default output/)", "k": "only these checks"},
)
def audit(c: Context, output: str = str(OUTPUT), k: str = "") -> None:
    """Check a built site: Nu HTML Checker, axe-core, keyboard, links, 320px, search, feeds, data."""
    folder = Path(output).resolve()
    if not (folder / "index.html").is_file():
        raise Exit(f"{folder} has no index.html: build the site first (invoke build)", code=2)
    _pytest(c, str(ROOT / "tests" / "audit"), "--site", str(folder), k=k)


@task
def pds_install(c: Context) -> None:
    """Install the tests' Bluesky PDS (Node 22, @atproto/pds from npm); quick when up to date."""
    from tests.pds.install import InstallError, install

    try:
        install()
    except InstallError as error:
        raise Exit(f"PDS install: {error}", code=1) from None


@task(pre=[tools, pds_install], help={"k": "only tests matching this expression"})
def test(c: Context, k: str = "") -> None:
    """Run the whole test suite."""
    _pytest(c, k=k)


@task(help={"examples": "generated notice files to try (the suite tries 60)"})
def fuzz(c: Context, examples: int = 2000) -> None:
    """Check generated and mutated notice files; build and announce whatever check accepts."""
    args = ["tests/test_fuzz.py", "-p", "no:cacheprovider", "--hypothesis-show-statistics"]
    _pytest(c, *args, env={"NOTICEBOARD_FUZZ_EXAMPLES": str(examples)})


@task
def golden(c: Context) -> None:
    """Rebuild tests/golden/output/ from tests/golden/content/; then review it with git diff."""
    import shutil
    import tempfile

    from tests.sites import GOLDEN_OUTPUT, golden_build

    with tempfile.TemporaryDirectory() as temp:
        result = golden_build(Path(temp) / "output")  # the build tests/test_golden.py makes
        if result.returncode:
            raise Exit(f"The golden build failed:\n{result.stdout}{result.stderr}", code=1)
        shutil.rmtree(GOLDEN_OUTPUT, ignore_errors=True)
        shutil.copytree(Path(temp) / "output", GOLDEN_OUTPUT)
    folder = GOLDEN_OUTPUT.relative_to(ROOT)
    print(f"Rebuilt {folder}. Review it: git status {folder}; git diff {folder}")


@task(
    iterable=["notices"],
    help={
        "notices": "notices to generate (-n 1000); repeat for several sizes (default 1000)",
        "repeat": "rounds per size; the table shows medians (default 1)",
        "profile": "save a cProfile summary of a cold build (default on)",
    },
)
def bench(
    c: Context, notices: list[str] | None = None, repeat: int = 1, profile: bool = True
) -> None:
    """Time bare Pelican against Noticeboard on N generated notices; save benchmarks/results/."""
    from benchmarks.harness import RESULTS, run
    from benchmarks.report import format_table

    for count in [int(value) for value in notices or []] or [1000]:
        result = run(count, repeat, profile, say=lambda line: print(line, file=sys.stderr))
        print(format_table(result))
        print(f"Saved {RESULTS.relative_to(ROOT)}/{result['date']}-n{count}.json", file=sys.stderr)


@task(
    iterable=["channel"],
    help={
        "live": "really post (default: a dry run that prints what would be posted)",
        "channel": "bluesky, mastodon or email (repeatable; default: every configured channel)",
        "max_posts": "at most N posts per channel in this run (default 10)",
        "announce_backlog": "on a channel's first run, post earlier announcements too",
        "closing_soon": "also post closing-soon reminders",
        "compose_all": "dry run only: compose every announcement, whatever the ledger says",
    },
)
def publish(
    c: Context,
    live: bool = False,
    channel: list[str] | None = None,
    max_posts: int = 10,
    announce_backlog: bool = False,
    closing_soon: bool = False,
    compose_all: bool = False,
) -> None:
    """Announce new notices on Bluesky and Mastodon from output/announcements.json."""
    from publish.cli import command_line

    flags = {"live": live, "announce_backlog": announce_backlog, "closing_soon": closing_soon}
    where = (OUTPUT / "announcements.json", ROOT / "publish-state")
    args = command_line(*where, max_posts, channel or [], **flags, compose_all=compose_all)
    # Credentials stay in the environment; they never appear on a command line.
    c.run(shlex.join(args), pty=False)


@task
def lint(c: Context) -> None:
    """ruff check and format check, then mypy (strict) on plugins/, publish/ and benchmarks/."""
    c.run(f"{sys.executable} -m ruff check .", pty=False)
    c.run(f"{sys.executable} -m ruff format --check .", pty=False)
    c.run(f"{sys.executable} -m mypy", pty=False)  # what it checks: [tool.mypy] in pyproject.toml
