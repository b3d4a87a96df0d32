"""One list's digest as an e-mail: plain text and HTML parts, built without the network.

The live run sends exactly this message, and the dry run prints its headers and text, so
what the dry run shows is what would be sent. Every announcement appears once, with its
link; a change says what it changed as the build worded it. The digest's own words (subject,
labels, footer) are in its language, from the catalogue: the list's ``language``, else the
site's default language.
"""

from __future__ import annotations

import gettext
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from functools import cached_property
from html import escape

from babel.dates import format_date

from plugins.contract.words import translator

from .announcements import Announcement, Announcements
from .compose import language_name
from .email_lists import MailingList
from .languages import PostLanguage

# Babel's locale for a language whose own code names another country's usage.
_LOCALES = {"en": "en_GB"}


@dataclass(frozen=True)
class Digest:
    """The announcements one list gets in one message, from a site, on a day."""

    mailing_list: MailingList
    items: tuple[Announcement, ...]
    site_name: str
    site_url: str
    day: date
    language: str = "en"  # of the digest's own words

    @classmethod
    def of(
        cls,
        mailing_list: MailingList,
        items: tuple[Announcement, ...],
        feed: Announcements,
        day: date,
    ) -> Digest:
        """The digest of ``items`` for ``mailing_list``: in its language, else the site's."""
        language = mailing_list.language or feed.language
        posting = PostLanguage(mailing_list.language, mailing_list.translation_links)
        site = feed.site_in(language)
        shown = tuple(posting.version(item) for item in items)
        return cls(mailing_list, shown, site.name, site.url, day, language)

    @cached_property
    def _words(self) -> gettext.NullTranslations:
        return translator(self.language)

    @property
    def subject(self) -> str:
        count = len(self.items)
        subject = self._words.ngettext(
            "{site}: {count} new or changed notice, {day}",
            "{site}: {count} new or changed notices, {day}",
            count,
        )
        return subject.format(site=self.site_name, count=count, day=self._day())

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
        blocks += ["\n".join(self._lines(item)) for item in self.items]
        blocks.append(f"-- \n{self._footer()}")
        return "\n\n".join(blocks) + "\n"

    def html(self) -> str:
        """The HTML part: the same words as the text, each headline a link."""
        entries = "\n".join(self._html_entry(item) for item in self.items)
        return (
            f'<!DOCTYPE html>\n<html lang="{escape(self.language)}">\n<head><meta charset="utf-8">'
            f"<title>{escape(self.subject)}</title></head>\n<body>\n"
            f'<p><a href="{escape(self.site_url)}">{escape(self.site_name)}</a></p>\n'
            f"<h1>{escape(self.subject)}</h1>\n{entries}\n"
            f"<hr>\n<p>{escape(self._footer()).replace(chr(10), '<br>')}</p>\n</body>\n</html>\n"
        )

    def _footer(self) -> str:
        words, listed = self._words, self.mailing_list
        why = words.gettext("You get this because you subscribed to {title} ({address}).")
        leave = words.gettext("Unsubscribe: {unsubscribe}")
        return "\n".join(
            (
                why.format(title=listed.title, address=listed.address),
                leave.format(unsubscribe=listed.unsubscribe),
            )
        )

    def _day(self) -> str:
        locale = _LOCALES.get(self.language, self.language)
        return format_date(self.day, "d MMMM y", locale=locale)

    def _lines(self, item: Announcement) -> Iterator[str]:
        words = self._words
        yield item.headline
        yield item.url
        for other in item.translations:
            yield f"{language_name(other.language)}: {other.url}"
        if item.change_number is not None:
            change = f"{words.gettext('Change')} {item.change_number}"
            yield f"{change}: {item.change_summary or ''}".rstrip()
            for changed in item.change_fields:
                if changed.display:
                    yield f"  {changed.display}"
        if item.deadline is not None:
            yield f"{item.deadline.label}: {item.deadline.display}"
        if item.value is not None:
            yield words.gettext("Value: {value}").format(value=item.value)
        if item.summary:
            yield item.summary

    def _html_entry(self, item: Announcement) -> str:
        headline, url, *rest = self._lines(item)
        others = "".join(
            f'<p><a href="{escape(other.url)}" hreflang="{escape(other.language)}" '
            f'lang="{escape(other.language)}">{escape(language_name(other.language))}</a></p>'
            for other in item.translations
        )
        paragraphs = "".join(
            f"<p>{escape(line.strip())}</p>" for line in rest[len(item.translations) :]
        )
        return (
            f'<div lang="{escape(item.language)}"><h2><a href="{escape(url)}">'
            f"{escape(headline)}</a></h2>{others}{paragraphs}</div>"
        )


def message_id(domain: str) -> str:
    """A new, unique Message-ID at the sender's domain."""
    # Short enough not to be folded (make_msgid's are not), unique without the host's name.
    return f"<{uuid.uuid4().hex}.noticeboard@{domain}>"
