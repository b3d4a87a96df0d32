"""E-mail digests against a real SMTP server on loopback (aiosmtpd, STARTTLS and AUTH):
what each list receives, topic routing, once per announcement per list, the dry run and the
first-run guard. Fault tests are in test_publish_email_faults.py."""

from __future__ import annotations

import datetime
import email
import ipaddress
import json
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as Server
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from publish.cli import main
from publish.ledger import Ledger
from tests.publish_support import SITE, announcement, feed_items, sample_feed, write_feed

USER, PASSWORD = "noticeboard", "s3cret-smtp-Passw0rd"
SENDER = "Afonwy contracts <contracts@afonwy.gov.uk>"
ALL = "contracts-all@lists.afonwy.gov.uk"
PIPELINE = "contracts-pipeline@lists.afonwy.gov.uk"
UNSUBSCRIBE = "<mailto:leave-all@lists.afonwy.gov.uk>, <https://lists.afonwy.gov.uk/u/all>"
SITE_NAME = "Afonwy County Council contract opportunities"
LISTS = f"""
from = "{SENDER}"

[[lists]]
name = "all"
title = "every notice"
address = "{ALL}"
unsubscribe = "{UNSUBSCRIBE}"
unsubscribe_post = "List-Unsubscribe=One-Click"

[[lists]]
name = "pipeline"
title = "pipeline notices"
address = "{PIPELINE}"
unsubscribe = "<mailto:leave-pipeline@lists.afonwy.gov.uk>"
tags = ["Pipeline"]
"""


@dataclass
class Inbox:
    """What the server received; ``refuse`` (an SMTP reply) makes it refuse the message."""

    messages: list[tuple[Envelope, EmailMessage]] = field(default_factory=list)
    refuse: str | None = None
    hang_up: bool = False  # take the message, then drop the connection before answering
    logins: list[str] = field(default_factory=list)

    async def handle_DATA(self, server: Server, session: Session, envelope: Envelope) -> str:
        assert session.authenticated and session.ssl is not None
        if self.refuse:
            return self.refuse
        assert isinstance(envelope.content, bytes)
        message = email.message_from_bytes(envelope.content, policy=default)
        assert isinstance(message, EmailMessage)
        self.messages.append((envelope, message))
        if self.hang_up:
            assert server.transport is not None
            server.transport.close()
        return "250 2.0.0 queued"

    def to(self, address: str) -> list[EmailMessage]:
        return [message for envelope, message in self.messages if envelope.rcpt_tos == [address]]


@dataclass(frozen=True)
class Smtp:
    inbox: Inbox
    port: int
    ca: Path

    def env(self, password: str = PASSWORD) -> dict[str, str]:
        return {
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(self.port),
            "SMTP_USER": USER,
            "SMTP_PASSWORD": password,
        }


def certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost, and its key."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def smtp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Smtp]:
    """An SMTP server on loopback requiring STARTTLS and AUTH; its CA trusted by the client."""
    folder = tmp_path / "tls"
    folder.mkdir()
    cert, key = certificate(folder)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    inbox = Inbox()

    def authenticate(
        server: Server, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
            USER.encode(),
            PASSWORD.encode(),
        )
        inbox.logins.append(mechanism if ok else "refused")
        return AuthResult(success=ok, handled=False)  # not handled: aiosmtpd answers 535

    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=free_port(),
        tls_context=context,
        require_starttls=True,
        auth_required=True,
        authenticator=authenticate,
    )
    controller.start()
    # OpenSSL reads it when the publisher makes its default context (and child processes inherit it).
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    try:
        yield Smtp(inbox, controller.port, cert)
    finally:
        controller.stop()


def items() -> list[dict[str, Any]]:
    """9001 published and changed, 9002 in Welsh, 9003 a pipeline notice."""
    return [
        announcement(date="2026-11-01T09:00:00Z"),
        announcement(kind="changed", date="2026-11-02T09:00:00Z"),
        announcement(
            "ACC-2026-9002",
            date="2026-11-03T09:00:00Z",
            notice={**announcement("ACC-2026-9002")["notice"], "language": "cy"},
            headline="Hysbysiad tendro: Cynnal a chadw tiroedd ŵyr 🌳",
        ),
        announcement(
            "ACC-2026-9003",
            date="2026-11-04T09:00:00Z",
            tags=["Pipeline", "AfonwyContracts"],
            headline="Pipeline notice: Grounds maintenance ACC-2026-9003",
        ),
    ]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """The announcements file and the e-mail lists beside it; returns the folder."""
    write_feed(tmp_path / "out", items())
    (tmp_path / "email-lists.toml").write_text(LISTS, encoding="utf-8")
    return tmp_path


def run(
    site: Path,
    *args: str,
    env: dict[str, str] | None = None,
    capsys: pytest.CaptureFixture[str],
    verbose: bool = False,
) -> tuple[int, str, str]:
    """The publisher in this process on ``site``; its status, stdout and stderr."""
    base = ["--input", str(site / "out" / "announcements.json"), "--state", str(site / "state")]
    base += ["--email-lists", str(site / "email-lists.toml")]
    code = main([*base, *args, *(["-v"] if verbose else [])], env=env or {})
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def ledger(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / "state" / "ledger.json").read_text("utf-8"))
    return data["channels"]


def today() -> str:
    day = datetime.datetime.now(datetime.UTC).date()
    return f"{day.day} {day:%B %Y}"


def test_a_digest_reaches_each_list_with_its_headers_both_parts_and_each_notice_once(
    site: Path, smtp: Smtp, capsys: pytest.CaptureFixture[str]
):
    code, out, err = run(site, "--live", "--announce-backlog", env=smtp.env(), capsys=capsys)
    assert code == 0, out + err
    [message] = smtp.inbox.to(ALL)
    assert message["From"] == SENDER
    assert message["To"] == ALL
    assert message["Subject"] == f"{SITE_NAME}: 4 new or changed notices, {today()}"
    assert message["List-Unsubscribe"].strip() == UNSUBSCRIBE  # folded after the colon
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    sent_as = message["Message-ID"]
    assert sent_as.startswith("<") and sent_as.endswith("@afonwy.gov.uk>")
    assert smtp.inbox.logins and "refused" not in smtp.inbox.logins
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and html is not None
    plain, markup = text.get_content(), html.get_content()
    for item in items():
        assert plain.count(item["headline"]) == 1, item["id"]
        assert markup.count(f">{item['headline']}</a>") == 1, item["id"]
    assert plain.count(f"{SITE}/notices/acc-2026-9001/") == 2  # published, then its change
    assert plain.count(f"{SITE}/notices/acc-2026-9003/") == 1
    assert f'<a href="{SITE}/notices/acc-2026-9002/">' in markup
    assert "Change 1: Deadline extended by a week." in plain
    assert "Tender deadline: Friday 4 December 2026, 12:00pm (GMT)" in plain
    assert f"email/all: 4 sent in one digest {sent_as}" in out
    entries = ledger(site)["email/all"]["announcements"]
    assert {entry["message_id"] for entry in entries.values()} == {sent_as}
    assert {entry["status"] for entry in entries.values()} == {"posted"}
    assert PASSWORD not in out + err


def test_a_topic_list_gets_only_its_notices(
    site: Path, smtp: Smtp, capsys: pytest.CaptureFixture[str]
):
    code, _, _ = run(site, "--live", "--announce-backlog", env=smtp.env(), capsys=capsys)
    assert code == 0
    [message] = smtp.inbox.to(PIPELINE)
    assert message["Subject"] == f"{SITE_NAME}: 1 new or changed notice, {today()}"
    assert message["List-Unsubscribe"] == "<mailto:leave-pipeline@lists.afonwy.gov.uk>"
    assert message["List-Unsubscribe-Post"] is None
    body = message.get_body(("plain",))
    assert body is not None
    assert "ACC-2026-9003" in body.get_content() and "ACC-2026-9001" not in body.get_content()
    assert list(ledger(site)["email/pipeline"]["announcements"]) == ["ACC-2026-9003/published"]


def test_a_second_run_sends_nothing_and_a_new_notice_goes_in_the_next_days_digest(
    site: Path, smtp: Smtp, capsys: pytest.CaptureFixture[str]
):
    run(site, "--live", "--announce-backlog", env=smtp.env(), capsys=capsys)
    assert len(smtp.inbox.messages) == 2
    code, out, _ = run(site, "--live", env=smtp.env(), capsys=capsys)
    assert code == 0 and len(smtp.inbox.messages) == 2
    assert "email/all: 0 sent" in out
    write_feed(site / "out", [*items(), announcement("ACC-2026-9004", date="2026-11-05T09:00:00Z")])
    code, out, _ = run(site, "--live", env=smtp.env(), capsys=capsys)
    assert code == 0 and len(smtp.inbox.messages) == 2  # one digest a day
    assert "email/all: 0 sent, 1 waiting for the next digest" in out
    _as_if_yesterday(site)
    code, out, _ = run(site, "--live", env=smtp.env(), capsys=capsys)
    assert code == 0
    [_, message] = smtp.inbox.to(ALL)
    body = message.get_body(("plain",))
    assert body is not None and "ACC-2026-9004" in body.get_content()
    assert "ACC-2026-9001" not in body.get_content()
    assert len(smtp.inbox.to(PIPELINE)) == 1


def _as_if_yesterday(site: Path) -> None:
    """Move every entry of the ledger a day back, as if the digests were sent yesterday."""
    path = site / "state" / "ledger.json"
    data = json.loads(path.read_text("utf-8"))
    for section in data["channels"].values():
        for entry in section["announcements"].values():
            at = datetime.datetime.fromisoformat(entry["at"]) - datetime.timedelta(days=1)
            entry["at"] = at.isoformat()
    path.write_text(json.dumps(data), encoding="utf-8")


def test_the_first_live_run_records_the_backlog_without_sending(
    site: Path, smtp: Smtp, capsys: pytest.CaptureFixture[str]
):
    code, out, err = run(site, "--live", env=smtp.env(), capsys=capsys)
    assert code == 0, out + err
    assert smtp.inbox.messages == []
    assert "email/all: 0 sent, 4 recorded as backlog" in out
    assert "first run: recording 4 earlier announcement(s)" in err
    statuses = {e["status"] for e in ledger(site)["email/all"]["announcements"].values()}
    assert statuses == {"backlog"}
    assert ledger(site)["email/all"]["account"] == ALL
    write_feed(site / "out", [*items(), announcement("ACC-2026-9004", date="2026-11-05T09:00:00Z")])
    code, out, _ = run(site, "--live", env=smtp.env(), capsys=capsys)
    assert code == 0
    [message] = smtp.inbox.to(ALL)
    body = message.get_body(("plain",))
    assert body is not None and "ACC-2026-9004" in body.get_content()
    assert "ACC-2026-9001" not in body.get_content()


def test_a_dry_run_prints_the_digest_sends_nothing_and_needs_no_credentials(
    site: Path, smtp: Smtp, capsys: pytest.CaptureFixture[str]
):
    Ledger.load(site / "state" / "ledger.json").begin("email/all", ALL)
    code, out, _ = run(site, "--channel", "email", capsys=capsys)
    assert code == 0
    assert smtp.inbox.messages == [] and smtp.inbox.logins == []
    assert f"email/all: a digest of 4 announcement(s) would be sent to {ALL}" in out
    assert f"Subject: {SITE_NAME}: 4 new or changed notices, {today()}" in out
    assert f"List-Unsubscribe: {UNSUBSCRIBE}" in out
    assert "Hysbysiad tendro: Cynnal a chadw tiroedd ŵyr 🌳" in out
    assert "email/pipeline: first run: 1 earlier announcement(s) would be recorded" in out
    assert "ACC-2026-9003/published · Pipeline notice" in out
    assert "email/pipeline: a digest of 0 announcement(s)" in out
    assert not (site / "state" / "publish.lock").exists()


def test_without_a_lists_file_there_are_no_digests(site: Path, capsys: pytest.CaptureFixture[str]):
    (site / "email-lists.toml").unlink()
    code, out, _ = run(site, capsys=capsys)
    assert code == 0 and "email/" not in out
    code, _, err = run(site, "--channel", "email", capsys=capsys)
    assert code == 2 and "email-lists.toml not found" in err


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ('regions = ["Wales"]', "regions: 'Wales' — write each as an ITL code"),
        ('cpv_divisions = ["4500"]', "cpv_divisions: '4500' — write each as a CPV division's"),
        ('unsubscribe_post = "yes"', "unsubscribe_post: 'yes' must be"),
        ('colour = "red"', "colour: not a setting of a list"),
    ],
)
def test_a_list_setting_at_fault_is_named(
    site: Path, capsys: pytest.CaptureFixture[str], change: str, problem: str
):
    path = site / "email-lists.toml"
    path.write_text(path.read_text("utf-8") + change + "\n", encoding="utf-8")
    code, _, err = run(site, capsys=capsys)
    assert code == 2
    assert f"email-lists.toml: lists #2: {problem}" in err


def test_the_sample_sites_announcements_go_in_one_digest_each_once(
    tmp_path: Path, smtp: Smtp, capsys: pytest.CaptureFixture[str]
):
    feed = sample_feed(tmp_path / "out")
    (tmp_path / "email-lists.toml").write_text(LISTS, encoding="utf-8")
    code, out, err = run(tmp_path, "--live", "--announce-backlog", env=smtp.env(), capsys=capsys)
    assert code == 0, out + err
    [message] = smtp.inbox.to(ALL)
    body = message.get_body(("plain",))
    assert body is not None
    text = body.get_content().replace("\r\n", "\n")  # as written, before SMTP's line ends
    eligible = [i for i in feed_items(feed) if i["kind"] != "closing-soon"]
    assert f": {len(eligible)} new or changed notices, " in message["Subject"]
    for item in eligible:
        entry = f"{item['headline']}\n{item['notice']['url']}\n"
        if item["change"]:
            entry += f"Change {item['change']['number']}: "
        assert text.count(entry) == 1, item["id"]
    assert len(ledger(tmp_path)["email/all"]["announcements"]) == len(eligible)


WELSH_NAME = "Cyfleoedd contract Cyngor Sir Afonwy"
CYMRAEG = "contractau-cymraeg@lists.afonwy.gov.uk"
WELSH_ONLY = "hysbysiadau-cymraeg@lists.afonwy.gov.uk"
WELSH_LISTS = f"""{LISTS}
[[lists]]
name = "cymraeg"
title = "pob hysbysiad"
address = "{CYMRAEG}"
unsubscribe = "<mailto:gadael@lists.afonwy.gov.uk>"
language = "cy"

[[lists]]
name = "cymraeg-yn-unig"
title = "hysbysiadau yn Gymraeg"
address = "{WELSH_ONLY}"
unsubscribe = "<mailto:gadael-cy@lists.afonwy.gov.uk>"
languages = ["cy"]
"""
# The digest's own English words, and the build's around a notice.
DIGEST_ENGLISH = (
    "new or changed",
    "You get this",
    "subscribed",
    "Unsubscribe",
    "Value:",
    "Change ",
    "Tender deadline",
    "Tender notice:",
    "Closing soon",
    "December",
    "Friday",
)


def welsh_today() -> str:
    from babel.dates import format_date

    return format_date(datetime.datetime.now(datetime.UTC).date(), "d MMMM y", locale="cy")


@pytest.fixture
def bilingual_site(tmp_path: Path) -> Path:
    """The sample site with its Welsh pages (SITE_LANGUAGES = ("en", "cy")) and the lists."""
    from dataclasses import replace

    from plugins.opendata.announcements import announcements
    from tests.publish_support import write_cards
    from tests.sites import site_from

    site = replace(site_from(), languages=("en", "cy"), names=(("cy", WELSH_NAME),))
    path = tmp_path / "out" / "announcements.json"
    path.parent.mkdir()
    path.write_bytes(announcements(site))
    write_cards(path)
    (tmp_path / "email-lists.toml").write_text(WELSH_LISTS, encoding="utf-8")
    return tmp_path


def parts(message: EmailMessage) -> tuple[str, str]:
    text, html = message.get_body(("plain",)), message.get_body(("html",))
    assert text is not None and html is not None
    return text.get_content().replace("\r\n", "\n"), html.get_content()


def test_a_welsh_list_gets_its_digest_in_welsh(
    bilingual_site: Path, smtp: Smtp, capsys: pytest.CaptureFixture[str]
):
    code, out, err = run(
        bilingual_site, "--live", "--announce-backlog", env=smtp.env(), capsys=capsys
    )
    assert code == 0, out + err
    [message] = smtp.inbox.to(CYMRAEG)
    count = len(ledger(bilingual_site)["email/cymraeg"]["announcements"])
    assert count > 20
    subject = f"{WELSH_NAME}: {count} hysbysiad newydd neu ddiwygiedig, {welsh_today()}"
    assert message["Subject"] == subject
    plain, html = parts(message)
    assert plain.startswith(f"{WELSH_NAME}\n{subject}\n")
    assert '<html lang="cy">' in html
    assert f'<a href="{SITE}/cy/">{WELSH_NAME}</a>' in html
    assert (
        "Hysbysiad tendro: Cyflenwi llyfrau llyfrgell, llyfrau llafar a stoc Gymraeg 2027\u20132030\n"
        f"{SITE}/cy/notices/library-stock-supply/\n"
        f"English: {SITE}/notices/library-stock-supply/\n"
    ) in plain
    assert (
        f'<a href="{SITE}/notices/library-stock-supply/" hreflang="en" lang="en">English</a>'
        in (html)
    )
    assert "\nNewid 1: " in plain and "Gwerth: £" in plain and "Terfyn amser tendro: Dydd" in plain
    assert plain.endswith(
        "Rydych chi'n cael hwn am eich bod wedi tanysgrifio i pob hysbysiad "
        f"({CYMRAEG}).\nDad-danysgrifio: <mailto:gadael@lists.afonwy.gov.uk>\n"
    )
    # The English is the notices' own text (titles and summaries of notices only in English).
    words = plain
    for item in feed_items(bilingual_site / "out" / "announcements.json"):
        words = words.replace(item["notice"]["title"], "").replace(item["notice"]["summary"], "")
        if item["change"]:
            words = words.replace(item["change"]["summary"], "")
    assert [word for word in DIGEST_ENGLISH if word in words] == []


def test_a_list_of_welsh_notices_reads_welsh_and_english_lists_are_unchanged(
    bilingual_site: Path, smtp: Smtp, capsys: pytest.CaptureFixture[str]
):
    code, out, err = run(
        bilingual_site, "--live", "--announce-backlog", env=smtp.env(), capsys=capsys
    )
    assert code == 0, out + err
    [welsh] = smtp.inbox.to(WELSH_ONLY)
    assert welsh["Subject"] == (
        f"{WELSH_NAME}: 1 hysbysiad newydd neu ddiwygiedig, {welsh_today()}"
    )
    assert list(ledger(bilingual_site)["email/cymraeg-yn-unig"]["announcements"]) == [
        "ACC-2026-0039/published"
    ]
    [english] = smtp.inbox.to(ALL)
    plain, html = parts(english)
    assert english["Subject"].startswith(f"{SITE_NAME}: ")
    assert " new or changed notices, " in english["Subject"]
    assert '<html lang="en">' in html
    assert (
        "Tender notice: Supply of library books, audiobooks and Welsh-language stock 2027\u20132030\n"
        f"{SITE}/notices/library-stock-supply/\n"
        f"Cymraeg: {SITE}/cy/notices/library-stock-supply/\n"
    ) in plain
    assert "You get this because you subscribed to every notice" in plain
    assert "Hysbysiad" not in plain and "Gwerth" not in plain
