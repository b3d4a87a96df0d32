"""E-mail digests: each list gets, at most once a day, one message of the announcements on
its topic that it has not had, over SMTP with STARTTLS, each announcement at most once.

Order of one digest: connect and log in → ``intent`` with the Message-ID for each of its
announcements in the ledger → send → ``posted`` in the ledger. A server that refuses the
message (4xx or 5xx) has not taken it: the intents are removed and the next run sends it.
E-mail cannot be read back like a post, so a digest whose outcome is unknown (the run was
killed while sending, or the connection dropped after the message was handed over) is
**not sent again**: its intents become ``posted`` with ``unconfirmed``, and the run reports
the Message-ID and announcements once, with exit status 1. At most once, never twice.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.message import EmailMessage

from . import checkpoints, plan
from .announcements import Announcement, Announcements
from .credentials import REDACTOR, SmtpCredentials
from .digest import Digest, message_id
from .email_lists import EmailLists, MailingList
from .errors import ChannelError, PermanentError, PublishError, TransientError
from .ledger import Entry, Ledger, Status
from .preview import _named
from .run import Options

logger = logging.getLogger(__name__)

NAME = "email"
# The most announcements one digest lists; the rest go in the next day's.
MAX_PER_DIGEST = 200


class _Unconfirmed(ChannelError):
    """The message was handed over but the server's answer was lost: it may have been sent."""


@dataclass(frozen=True)
class ListPlan:
    """What one list is due: backlog to record on its first run, and its next digest."""

    first_run: bool
    backlog: tuple[Announcement, ...]
    pending: tuple[Announcement, ...]
    sent_today: bool

    @property
    def digest_items(self) -> tuple[Announcement, ...]:
        return () if self.sent_today else self.pending[:MAX_PER_DIGEST]


@dataclass
class ListReport:
    """What a live run did for one list."""

    channel: str
    sent: list[str] = field(default_factory=list)
    message_id: str = ""
    backlog: list[str] = field(default_factory=list)
    waiting: int = 0
    unconfirmed: dict[str, list[str]] = field(default_factory=dict)  # Message-ID: ids
    stopped: str | None = None

    @property
    def ok(self) -> bool:
        return not self.unconfirmed and self.stopped is None

    def summary(self) -> str:
        parts = [f"{self.channel}: {len(self.sent)} sent"]
        if self.sent:
            parts[0] += f" in one digest {self.message_id}"
        if self.backlog:
            parts.append(f"{len(self.backlog)} recorded as backlog")
        if self.waiting:
            parts.append(f"{self.waiting} waiting for the next digest")
        for sent_as, ids in self.unconfirmed.items():
            parts.append(
                f"unconfirmed: digest {sent_as} of {len(ids)} announcement(s) may or may not "
                f"have been sent (a run stopped while sending it); not sent again: {', '.join(ids)}"
            )
        if self.stopped:
            parts.append(f"stopped: {self.stopped}")
        return REDACTOR.redact(", ".join(parts))


def list_plan(
    mailing_list: MailingList, feed: Announcements, ledger: Ledger, options: Options, today: date
) -> ListPlan:
    """The list's plan from the ledger alone (shared by the dry and the live run)."""
    items = plan.eligible(feed.items, options.closing_soon)
    items = tuple(item for item in items if mailing_list.matches(item))
    entries = ledger.entries(mailing_list.channel)
    first_run = not ledger.has_channel(mailing_list.channel)
    unsent = tuple(item for item in items if item.id not in entries)
    if first_run and not options.announce_backlog:
        return ListPlan(True, unsent, (), False)
    sent_today = any(
        entry.status is not Status.BACKLOG and entry.at.startswith(today.isoformat())
        for entry in entries.values()
    )
    return ListPlan(first_run, (), unsent, sent_today)


def today() -> date:
    """The digest's day: one digest per list per UTC day."""
    return datetime.now(UTC).date()


def run_lists(
    config: EmailLists,
    credentials: SmtpCredentials,
    feed: Announcements,
    ledger: Ledger,
    options: Options,
    timeout: float,
) -> list[ListReport]:
    """Send each list its digest; a failure stops that list only."""
    smtp = Smtp(credentials, timeout)
    return [_run_list(config, each, smtp, feed, ledger, options) for each in config.lists]


def _run_list(
    config: EmailLists,
    mailing_list: MailingList,
    smtp: Smtp,
    feed: Announcements,
    ledger: Ledger,
    options: Options,
) -> ListReport:
    report = ListReport(mailing_list.channel)
    try:
        _run(config, mailing_list, smtp, feed, ledger, options, report)
    except PublishError as error:
        report.stopped = str(error)
        logger.error("%s: stopped: %s", mailing_list.channel, error)
    except Exception as error:  # a bug here must not stop the other lists
        report.stopped = f"unexpected {type(error).__name__}: {error}"
        logger.exception("%s: stopped by an unexpected error", mailing_list.channel)
    return report


def _run(
    config: EmailLists,
    mailing_list: MailingList,
    smtp: Smtp,
    feed: Announcements,
    ledger: Ledger,
    options: Options,
    report: ListReport,
) -> None:
    name = mailing_list.channel
    _check_address(ledger, mailing_list)
    _settle_unconfirmed(ledger, name, report)
    the_plan = list_plan(mailing_list, feed, ledger, options, today())
    if the_plan.first_run:
        _first_run(ledger, mailing_list, the_plan.backlog, report)
    items = the_plan.digest_items
    report.waiting = len(the_plan.pending) - len(items)
    if the_plan.sent_today and the_plan.pending:
        logger.info("%s: today's digest is sent: %d wait for the next", name, report.waiting)
    if not items:
        logger.info("%s: nothing new to send", name)
        return
    digest = Digest.of(mailing_list, items, feed, today())
    _send(smtp, digest, config, ledger, report)


def _check_address(ledger: Ledger, mailing_list: MailingList) -> None:
    recorded = ledger.account(mailing_list.channel)
    if recorded is not None and recorded != mailing_list.address:
        raise PermanentError(
            f"the ledger records digests sent to {recorded} but the list's address is now "
            f"{mailing_list.address}: give the new address its own list name, or remove the "
            f"{mailing_list.channel!r} part of {ledger.path} to start afresh"
        )


def _first_run(
    ledger: Ledger, mailing_list: MailingList, backlog: tuple[Announcement, ...], report: ListReport
) -> None:
    """The list and its backlog, written to the ledger in one step."""
    if backlog:
        logger.warning(
            "%s: first run: recording %d earlier announcement(s) as already sent, without "
            "sending them (run with --announce-backlog to send them instead)",
            mailing_list.channel,
            len(backlog),
        )
    entries = {item.id: Entry.now(Status.BACKLOG) for item in backlog}
    ledger.begin(mailing_list.channel, mailing_list.address, entries)
    report.backlog.extend(entries)
    checkpoints.checkpoint(checkpoints.FIRST_RUN_RECORDED)


def _unsettled(ledger: Ledger, name: str) -> dict[str, list[str]]:
    """The announcements left ``intent`` (a run stopped while sending), by Message-ID."""
    found: dict[str, list[str]] = {}
    for key, entry in ledger.entries(name).items():
        if entry.status is Status.INTENT:
            found.setdefault(entry.ref.get("message_id", "?"), []).append(key)
    return found


def _settle_unconfirmed(ledger: Ledger, name: str, report: ListReport) -> None:
    """A digest left ``intent`` may have been sent: record it as sent, unconfirmed, and say so."""
    unsettled = _unsettled(ledger, name)
    if not unsettled:
        return
    report.unconfirmed.update(unsettled)
    entries = ledger.entries(name)
    settled = {
        key: Entry.now(Status.POSTED, **entries[key].ref, unconfirmed="true")
        for ids in unsettled.values()
        for key in ids
    }
    ledger.record(name, settled)
    logger.error(
        "%s: a digest may or may not have been sent when a run stopped (e-mail cannot be "
        "checked): not sending it again; see the list's archive: %s",
        name,
        "; ".join(f"{mid}: {', '.join(ids)}" for mid, ids in unsettled.items()),
    )


def _send(
    smtp: Smtp, digest: Digest, config: EmailLists, ledger: Ledger, report: ListReport
) -> None:
    name, ids = digest.mailing_list.channel, [item.id for item in digest.items]
    sent_as = message_id(config.domain)
    message = digest.message(config.sender, sent_as)
    with smtp.connected() as client:
        checkpoints.checkpoint(checkpoints.CONNECTED)
        ledger.record(name, {key: Entry.now(Status.INTENT, message_id=sent_as) for key in ids})
        checkpoints.checkpoint(checkpoints.BEFORE_SEND)
        try:
            smtp.deliver(client, message)
        except _Unconfirmed:
            _settle_unconfirmed(ledger, name, report)
            return
        except ChannelError:
            ledger.forget(name, ids)  # refused: not sent, so the next run sends it
            raise
        checkpoints.checkpoint(checkpoints.AFTER_SEND)
        ledger.record(name, {key: Entry.now(Status.POSTED, message_id=sent_as) for key in ids})
        checkpoints.checkpoint(checkpoints.AFTER_RECORD)
    report.sent.extend(ids)
    report.message_id = sent_as
    logger.info("%s: sent %s with %d announcement(s)", name, sent_as, len(ids))


class Smtp:
    """The SMTP server: STARTTLS always (a server without it is refused), then the login."""

    def __init__(self, credentials: SmtpCredentials, timeout: float) -> None:
        self._credentials = credentials
        self._timeout = timeout

    @contextmanager
    def connected(self) -> Iterator[smtplib.SMTP]:
        """A connection ready to send, closed afterwards; its failures are ours."""
        where = f"smtp: {self._credentials.host}:{self._credentials.port}"
        with _smtp_errors(where):
            client = smtplib.SMTP(
                self._credentials.host, self._credentials.port, timeout=self._timeout
            )
        try:
            with _smtp_errors(where):
                client.starttls(context=ssl.create_default_context())
                if self._credentials.user:
                    client.login(self._credentials.user, self._credentials.password)
            yield client
        finally:
            _close(client)

    def deliver(self, client: smtplib.SMTP, message: EmailMessage) -> None:
        """Send; a refusal raises Transient/PermanentError, a lost answer _Unconfirmed."""
        try:
            refused = client.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            raise PermanentError(f"smtp: recipient refused: {_replies(error)}") from None
        except smtplib.SMTPResponseException as error:
            raise _refusal(error) from None
        except (OSError, smtplib.SMTPException) as error:
            raise _Unconfirmed(f"smtp: {type(error).__name__}: {error}") from None
        if refused:
            raise PermanentError(f"smtp: recipient refused: {refused}")


def _refusal(error: smtplib.SMTPResponseException) -> ChannelError:
    reply = (
        error.smtp_error.decode("utf-8", "replace")
        if isinstance(error.smtp_error, bytes)
        else str(error.smtp_error)
    )
    text = f"smtp: refused ({error.smtp_code} {reply})"
    return TransientError(text) if 400 <= error.smtp_code < 500 else PermanentError(text)


def _replies(error: smtplib.SMTPRecipientsRefused) -> str:
    return "; ".join(f"{who}: {code}" for who, (code, _) in error.recipients.items())


@contextmanager
def _smtp_errors(where: str) -> Iterator[None]:
    """Connecting or logging in failed: nothing was sent."""
    try:
        yield
    except smtplib.SMTPNotSupportedError:
        raise PermanentError(f"{where}: offers no STARTTLS: not sending in the clear") from None
    except smtplib.SMTPAuthenticationError as error:
        raise PermanentError(
            f"{where}: login refused ({error.smtp_code}): check SMTP_USER and SMTP_PASSWORD"
        ) from None
    except smtplib.SMTPResponseException as error:
        raise _refusal(error) from None
    except ssl.SSLError as error:
        raise PermanentError(f"{where}: TLS failed: {error}") from None
    except (OSError, smtplib.SMTPException) as error:
        raise TransientError(f"{where}: {type(error).__name__}: {error}") from None


def _close(client: smtplib.SMTP) -> None:
    try:
        client.quit()
    except (OSError, smtplib.SMTPException):
        client.close()


def preview_lists(config: EmailLists, feed: Announcements, ledger: Ledger, options: Options) -> str:
    """The dry-run report for each list: its backlog, or the digest it would be sent."""
    return "".join(_preview(config, each, feed, ledger, options) for each in config.lists)


def _preview(
    config: EmailLists,
    mailing_list: MailingList,
    feed: Announcements,
    ledger: Ledger,
    options: Options,
) -> str:
    name, day = mailing_list.channel, today()
    the_plan = list_plan(mailing_list, feed, ledger, options, day)
    lines = [
        f"{name}: digest {sent_as} of {len(ids)} announcement(s) may or may not have been sent "
        "(a run stopped while sending it): a live run reports it and does not send it again"
        for sent_as, ids in _unsettled(ledger, name).items()
    ]
    if the_plan.backlog:
        lines.append(
            f"{name}: first run: {len(the_plan.backlog)} earlier announcement(s) would be "
            "recorded as already sent, without sending (--announce-backlog sends them)"
        )
        lines += _named(the_plan.backlog)
    items = the_plan.digest_items
    waiting = len(the_plan.pending) - len(items)
    lines.append(
        f"{name}: a digest of {len(items)} announcement(s) would be sent to {mailing_list.address}"
        + (f"; {waiting} wait for the next digest" if waiting else "")
        + ("; today's digest is sent" if the_plan.sent_today and the_plan.pending else "")
    )
    if items:
        digest = Digest.of(mailing_list, items, feed, day)
        message = digest.message(config.sender, "<Message-ID made when sent>")
        headers = [
            f"{key}: {message[key]}"
            for key in ("From", "To", "Subject", "List-Unsubscribe", "List-Unsubscribe-Post")
            if message[key]
        ]
        lines += [
            "",
            f"--- {name}",
            *headers,
            "(plain text below; an HTML part with the same words)",
            "",
            digest.text(),
        ]
    return "\n".join(lines) + "\n"
