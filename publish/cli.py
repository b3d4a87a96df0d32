"""``python -m publish`` / ``invoke publish``: announce new notices (a dry run unless --live)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType

from . import announcements, credentials, email_channel, email_lists, languages
from .credentials import REDACTOR, RedactingFormatter
from .errors import ConfigError, InputError, LockedError, PublishError
from .ledger import Ledger
from .lock import exclusive
from .preview import compose_all, preview
from .retry import Backoff
from .run import Channel, Options, Report, run_channel

logger = logging.getLogger("publish")

CHANNELS = ("bluesky", "mastodon", "email")
SOCIAL = ("bluesky", "mastodon")
ENV_PREFIXES = {"bluesky": "BSKY", "mastodon": "MASTODON"}
LEDGER = "ledger.json"
SESSION = "bluesky.session"
LOCK = "publish.lock"
# Only the ledger belongs in git: the session is a credential, the lock is per machine.
GITIGNORE = (
    "# Written by the publisher: commit ledger.json, nothing else.\n*\n!.gitignore\n!ledger.json\n"
)
EXIT_FAILED, EXIT_INPUT, EXIT_LOCKED = 1, 2, 3


def parser() -> argparse.ArgumentParser:
    """The command line's options."""
    p = argparse.ArgumentParser(
        prog="python -m publish",
        description="Announce the build's new notices on Bluesky and Mastodon, each exactly once, "
        "and in e-mail digests to mailing lists. Without --live, prints what would be posted "
        "and sends nothing.",
    )
    p.add_argument(
        "--input",
        type=Path,
        default=Path("output/announcements.json"),
        help="the build's announcements file (default: %(default)s)",
    )
    p.add_argument(
        "--state",
        type=Path,
        default=Path("publish-state"),
        help="folder of the ledger, session and lock (default: %(default)s)",
    )
    p.add_argument(
        "--email-lists",
        type=Path,
        help="the mailing lists e-mail digests go to; no file, no digests "
        "(default: email-lists.toml beside the state folder)",
    )
    p.add_argument("--live", action="store_true", help="really post (default: dry run)")
    _what_to_post(p)
    _how_long_to_wait(p)
    p.add_argument(
        "-v", "--verbose", action="store_true", help="debug logging (still without secrets)"
    )
    return p


def _what_to_post(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--channel",
        action="append",
        choices=CHANNELS,
        help="only this channel (repeatable; default: every channel with credentials, or all in a dry run)",
    )
    p.add_argument(
        "--max-posts",
        type=int,
        default=10,
        metavar="N",
        help="post at most N announcements per channel in this run (default: %(default)s)",
    )
    p.add_argument(
        "--announce-backlog",
        action="store_true",
        help="on a channel's first run, post earlier announcements instead of recording them as announced",
    )
    p.add_argument("--closing-soon", action="store_true", help="also post closing-soon reminders")
    p.add_argument(
        "--compose-all",
        action="store_true",
        help="dry run only: compose every announcement for each channel, as a new channel "
        "with --announce-backlog and no --max-posts limit would, and report what cannot be posted",
    )


def _how_long_to_wait(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--max-wait",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="longest wait for a rate limit before stopping a channel (default: %(default)s)",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="HTTP timeout per request (default: %(default)s)",
    )


def command_line(
    input: Path, state: Path, max_posts: int, channels: Sequence[str], **flags: bool
) -> list[str]:
    """``python -m publish`` with these options (``invoke publish``); flags named as options."""
    args = [sys.executable, "-m", "publish", "--input", str(input), "--state", str(state)]
    args += ["--max-posts", str(max_posts)]
    args += [f"--{name.replace('_', '-')}" for name, wanted in flags.items() if wanted]
    return [*args, *(arg for name in channels for arg in ("--channel", name))]


def main(argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None) -> int:
    """Run the publisher; return the exit status."""
    args = parser().parse_args(argv)
    handler = _configure_logging(args.verbose)
    sys.excepthook = _redacted_excepthook
    try:
        return _main(args, os.environ if env is None else env)
    except LockedError as error:
        logger.error("%s", error)
        return EXIT_LOCKED
    except (InputError, ConfigError) as error:
        logger.error("%s", error)
        return EXIT_INPUT
    except PublishError as error:
        logger.error("%s", error)
        return EXIT_FAILED
    except Exception as error:  # a bug: one line for the user, the traceback with -v
        logger.debug("unexpected error", exc_info=True)
        logger.error(
            "unexpected %s: %s (a bug in the publisher: run with -v for its traceback, and "
            "report it)",
            type(error).__name__,
            error,
        )
        return EXIT_FAILED
    finally:
        logging.getLogger().removeHandler(handler)


def _main(args: argparse.Namespace, env: Mapping[str, str]) -> int:
    if args.max_posts < 0:
        raise ConfigError("--max-posts must be 0 or more")
    if args.compose_all and args.live:
        raise ConfigError("--compose-all is for a dry run: leave out --live")
    feed = announcements.load(args.input)
    options = Options(args.max_posts, args.announce_backlog, args.closing_soon)
    lists = _email_lists(args)
    posting = _post_languages(env)
    if not args.live:
        ledger = Ledger.load(args.state / LEDGER)
        names = [name for name in args.channel or SOCIAL if name in SOCIAL]
        print(f"DRY RUN: nothing is sent (add --live to post). Ledger: {ledger.path}\n")
        if args.compose_all:
            print(compose_all(feed, names, args.closing_soon, posting), end="")
        else:
            print(preview(feed, ledger, names, options, posting), end="")
            if lists is not None:
                print(email_channel.preview_lists(lists, feed, ledger, options), end="")
        return _end(feed, args.input, ok=True)
    channels, smtp = _channels(args, env), _smtp(args, env, lists)
    if not channels and smtp is None:
        raise ConfigError(
            "no channel configured: set BSKY_HANDLE and BSKY_APP_PASSWORD, or "
            "MASTODON_BASE_URL and MASTODON_ACCESS_TOKEN, or SMTP_HOST with e-mail lists "
            "(see docs/publishing.md)"
        )
    _prepare_state(args.state)
    with exclusive(args.state / LOCK):
        ledger = Ledger.load(args.state / LEDGER)
        reports = [
            run_channel(channel, posting[channel.name].feed(feed), ledger, options)
            for channel in channels
        ]
        digests: list[email_channel.ListReport] = []
        if lists is not None and smtp is not None:
            digests = email_channel.run_lists(lists, smtp, feed, ledger, options, args.timeout)
    for report in reports:
        print(_summary(report))
    for digest in digests:
        print(digest.summary())
    ok = all(report.ok for report in reports) and all(digest.ok for digest in digests)
    return _end(feed, args.input, ok=ok)


def _post_languages(env: Mapping[str, str]) -> dict[str, languages.PostLanguage]:
    """Each social channel's language and translation links, from the environment."""
    return {name: languages.from_env(env, prefix) for name, prefix in ENV_PREFIXES.items()}


def _email_lists(args: argparse.Namespace) -> email_lists.EmailLists | None:
    """The mailing lists, when e-mail is wanted and configured."""
    if args.channel and "email" not in args.channel:
        return None
    path = args.email_lists or args.state.parent / "email-lists.toml"
    lists = email_lists.load(path)
    if lists is None and args.channel and "email" in args.channel:
        raise ConfigError(
            f"--channel email: {path} not found (see docs/publishing.md#e-mail-digests)"
        )
    return lists


def _smtp(
    args: argparse.Namespace, env: Mapping[str, str], lists: email_lists.EmailLists | None
) -> credentials.SmtpCredentials | None:
    """The SMTP server digests go through, when there are lists to send to."""
    smtp = credentials.smtp_from_env(env)
    if smtp is None and args.channel and "email" in args.channel:
        raise ConfigError("--channel email: SMTP_HOST is not set (see docs/publishing.md)")
    return smtp if lists is not None else None


def _end(feed: announcements.Announcements, path: Path, ok: bool) -> int:
    """Name what was held back and what is invalid; the exit status."""
    print(_held(feed), end="")
    for invalid in feed.invalid:
        print(REDACTOR.redact(f"invalid: {invalid.line()}"))
    if feed.invalid:
        logger.error(
            "%d invalid announcement(s) in %s not posted (fix the notice and rebuild): %s",
            len(feed.invalid),
            path,
            ", ".join(invalid.name for invalid in feed.invalid),
        )
    return 0 if ok and not feed.invalid else EXIT_FAILED


def _channels(args: argparse.Namespace, env: Mapping[str, str]) -> list[Channel]:
    """The channels to post to, built from the environment's credentials."""
    # Imported here: the network libraries take seconds to load, and a dry run needs none.
    from .bluesky import Bluesky
    from .mastodon import Mastodon
    from .session import SessionStore

    backoff = Backoff(max_wait=args.max_wait)
    wanted = args.channel or list(SOCIAL)
    found: list[Channel] = []
    bsky = credentials.bluesky_from_env(env)
    masto = credentials.mastodon_from_env(env)
    if "bluesky" in wanted and bsky is not None:
        store = SessionStore(
            args.state / SESSION, bsky.app_password, f"{bsky.handle}|{bsky.service}"
        )
        found.append(Bluesky(bsky, store, backoff, args.timeout))
    if "mastodon" in wanted and masto is not None:
        found.append(Mastodon(masto, backoff, args.timeout))
    missing = [
        name
        for name in args.channel or []
        if name in SOCIAL and name not in {c.name for c in found}
    ]
    if missing:
        raise ConfigError(
            f"--channel {missing[0]}: its credentials are not set (see docs/publishing.md)"
        )
    return found


def _prepare_state(state: Path) -> None:
    state.mkdir(parents=True, exist_ok=True)
    ignore = state / ".gitignore"
    if not ignore.exists():
        ignore.write_text(GITIGNORE, encoding="utf-8")


def _held(feed: announcements.Announcements) -> str:
    """A line per notice the build holds back, so a run never skips one silently."""
    return "".join(f"held: {item.name}: {item.reason}\n" for item in feed.held)


def _summary(report: Report) -> str:
    parts = [f"{report.channel}: {len(report.posted)} posted"]
    for label, ids in (
        ("found already posted", report.found),
        ("recorded as backlog", report.backlog),
        ("waiting", report.waiting),
        ("failed", report.failed),
    ):
        if ids:
            parts.append(f"{len(ids)} {label}")
    if report.remaining:
        parts.append(f"{report.remaining} left for the next run")
    if report.stopped:
        parts.append(f"stopped: {report.stopped}")
    return REDACTOR.redact(", ".join(parts))


def _configure_logging(verbose: bool) -> logging.Handler:
    """Log to stderr, redacted, for the duration of ``main`` (which removes the handler)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(RedactingFormatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    # HTTP libraries log request details; keep them quiet even when verbose.
    for name in ("httpx", "httpcore", "urllib3", "requests"):
        logging.getLogger(name).setLevel(logging.WARNING)
    return handler


def _redacted_excepthook(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """Print an unexpected error's traceback with every secret masked."""
    text = "".join(traceback.format_exception(kind, error, trace))
    sys.stderr.write(REDACTOR.redact(text))
