"""One list's digest as an e-mail: plain text and HTML parts, built without the network.

The live run sends exactly this message, and the dry run prints its headers and text, so
what the dry run shows is what would be sent. Every announcement appears once, with its
link; a change says what it changed as the build worded it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from html import escape

from .announcements import Announcement
from .email_lists import MailingList


@dataclass(frozen=True)
class Digest:
    """The announcements one list gets in one message, from a site, on a day."""

    mailing_list: MailingList
    items: tuple[Announcement, ...]
    site_name: str
    site_url: str
    day: date

    @property
    def subject(self) -> str:
        count = len(self.items)
        notices = "notice" if count == 1 else "notices"
        return f"{self.site_name}: {count} new or changed {notices}, {_day(self.day)}"

    def message(self, sender: str, message_id: str) -> EmailMessage:
        """The e-mail, with ``message_id`` (recorded in the ledger before it is sent)."""
        message = EmailMessage()
        message["From"] = sender
        message["To"] = self.mailing_list.address
        message["Subject"] = self.subject
        message["Date"] = format_datetime(datetime.now(UTC))
        message["Message-ID"] = message_id
        message["List-Unsubscribe"] = self.mailing_list.unsubscribe
        if self.mailing_list.unsubscribe_post:
            message["List-Unsubscribe-Post"] = self.mailing_list.unsubscribe_post
        message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies
        message.set_content(self.text())
        message.add_alternative(self.html(), subtype="html")
        return message

    def text(self) -> str:
        """The plain-text part."""
        blocks = [f"{self.site_name}\n{self.subject}"]
        blocks += ["\n".join(_lines(item)) for item in self.items]
        blocks.append(f"-- \n{self._footer()}")
        return "\n\n".join(blocks) + "\n"

    def html(self) -> str:
        """The HTML part: the same words as the text, each headline a link."""
        entries = "\n".join(_html_entry(item) for item in self.items)
        return (
            '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8">'
            f"<title>{escape(self.subject)}</title></head>\n<body>\n"
            f'<p><a href="{escape(self.site_url)}">{escape(self.site_name)}</a></p>\n'
            f"<h1>{escape(self.subject)}</h1>\n{entries}\n"
            f"<hr>\n<p>{escape(self._footer()).replace(chr(10), '<br>')}</p>\n</body>\n</html>\n"
        )

    def _footer(self) -> str:
        return (
            f"You get this because you subscribed to {self.mailing_list.title} "
            f"({self.mailing_list.address}).\nUnsubscribe: {self.mailing_list.unsubscribe}"
        )


def message_id(domain: str) -> str:
    """A new, unique Message-ID at the sender's domain."""
    # Short enough not to be folded (make_msgid's are not), unique without the host's name.
    return f"<{uuid.uuid4().hex}.noticeboard@{domain}>"


def _lines(item: Announcement) -> Iterator[str]:
    yield item.headline
    yield item.url
    if item.change_number is not None:
        yield f"Change {item.change_number}: {item.change_summary or ''}".rstrip()
        for changed in item.change_fields:
            if changed.display:
                yield f"  {changed.display}"
    if item.deadline is not None:
        yield f"{item.deadline.label}: {item.deadline.display}"
    if item.value is not None:
        yield f"Value: {item.value}"
    if item.summary:
        yield item.summary


def _html_entry(item: Announcement) -> str:
    headline, url, *rest = _lines(item)
    paragraphs = "".join(f"<p>{escape(line.strip())}</p>" for line in rest)
    return (
        f'<div lang="{escape(item.language)}"><h2><a href="{escape(url)}">{escape(headline)}</a>'
        f"</h2>{paragraphs}</div>"
    )


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
