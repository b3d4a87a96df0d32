"""A digest as the list receives it, without a server: headers through SMTP's encoding, both
parts, words people type (Welsh, emoji) and markup kept as text."""

from __future__ import annotations

import email
from datetime import date
from email import policy
from email.message import EmailMessage
from pathlib import Path

from publish.announcements import load
from publish.digest import Digest, message_id
from publish.email_lists import MailingList
from tests.publish_support import announcement, write_feed

LIST = MailingList(
    "all",
    "all@lists.example",
    "every notice",
    "<mailto:leave@lists.example>",
    unsubscribe_post=None,
)


def content(message: EmailMessage, kind: str) -> str:
    """A part's text, with the line ends it had before SMTP's CRLF."""
    part = message.get_body((kind,))
    assert part is not None
    text: str = part.get_content()
    return text.replace("\r\n", "\n")


def received(tmp_path: Path, site_name: str, *items: dict[str, object]) -> EmailMessage:
    feed = load(
        write_feed(
            tmp_path,
            list(items),
            site={"name": site_name, "url": "https://c.example", "language": "cy"},
        )
    )
    digest = Digest(LIST, feed.items, feed.site_name, feed.site_url, date(2026, 11, 20))
    sent = digest.message("Cyngor <contracts@afonwy.gov.uk>", message_id("afonwy.gov.uk"))
    parsed = email.message_from_bytes(sent.as_bytes(policy=policy.SMTP), policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def test_a_welsh_site_name_and_emoji_survive_the_headers_and_both_parts(tmp_path: Path):
    message = received(
        tmp_path,
        "Cyfleoedd contract Cyngor Sir Afonwy, tiroedd ŵyr",
        announcement(headline="Hysbysiad tendro: Cynnal a chadw tiroedd ŵyr 🌳"),
    )
    assert message["Subject"] == (
        "Cyfleoedd contract Cyngor Sir Afonwy, tiroedd ŵyr: 1 new or changed notice, "
        "20 November 2026"
    )
    assert message["List-Unsubscribe-Post"] is None
    assert message["Auto-Submitted"] == "auto-generated"
    text, html = content(message, "plain"), content(message, "html")
    assert "Hysbysiad tendro: Cynnal a chadw tiroedd ŵyr 🌳\n" in text
    assert ">Hysbysiad tendro: Cynnal a chadw tiroedd ŵyr 🌳</a>" in html
    assert "every notice (all@lists.example)" in text


def test_markup_in_a_title_is_text_in_the_html_part(tmp_path: Path):
    message = received(
        tmp_path,
        "Afonwy",
        announcement(headline='Tender notice: <script>alert(1)</script> & "quotes"'),
    )
    html = content(message, "html")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;" in html


def test_a_change_lists_each_field_it_changed(tmp_path: Path):
    change = {
        "number": 1,
        "summary": "Deadline extended by a week.",
        "fields": [
            {
                "field": "deadlines",
                "label": "Tender deadline",
                "from": "2026-11-27T12:00:00Z",
                "to": "2026-12-04T12:00:00Z",
                "display": "Tender deadline: Friday 27 November 2026, 12:00pm (GMT) → Friday 4 December 2026, 12:00pm (GMT)",
            }
        ],
        "formal": True,
        "correction": False,
    }
    message = received(
        tmp_path, "Afonwy", announcement(), announcement(kind="changed", change=change)
    )
    assert (
        "Change 1: Deadline extended by a week.\n"
        "  Tender deadline: Friday 27 November 2026, 12:00pm (GMT) → Friday 4 December 2026, "
        "12:00pm (GMT)\n"
    ) in content(message, "plain")


def test_message_ids_are_unique_and_short_enough_not_to_fold():
    ids = {message_id("afonwy.gov.uk") for _ in range(1000)}
    assert len(ids) == 1000
    assert all(len(f"Message-ID: {each}") <= 78 for each in ids)
