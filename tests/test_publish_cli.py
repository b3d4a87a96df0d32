"""The command line's dry run: what it shows per channel, the first-run guard, --compose-all."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from publish.cli import main
from publish.ledger import Entry, Ledger, Status
from tests import publish_support
from tests.publish_support import (
    CHANGE,
    SITE,
    announcement,
    dry,
    feed_items,
    sample_feed,
    write_cards,
    write_feed,
)

feed, state = publish_support.feed, publish_support.state  # shared fixtures


def test_a_dry_run_prints_each_post_per_channel_and_sends_nothing(
    feed: Path, state: Path, capsys: Any
):
    before = (state / "ledger.json").read_bytes()
    code, out = dry(capsys, "--input", feed, "--state", state)
    assert code == 0
    assert out.startswith("DRY RUN: nothing is sent (add --live to post).")
    assert "bluesky: 3 post(s) would be sent" in out and "mastodon: 3 post(s) would be sent" in out
    bluesky = out.split("mastodon: 3 post(s)")[0]
    assert (
        f"--- bluesky #2: {CHANGE} (reply to ACC-2026-9001/published, language en) · 251 of 300 graphemes, 252 of 3000 bytes\n"
        "Change to tender notice: Grounds maintenance ACC-2026-9001\n\n"
        "Change 1: Deadline extended by a week.\n\n"
        "Tender deadline: Friday 4 December 2026, 12:00pm (GMT)\n"
        "Value: £240,000\n"
        "https://contracts.afonwy.gov.uk/notices/acc-2026-9001/\n\n"
        "#Tender #AfonwyContracts\n"
        "[link card: Grounds maintenance ACC-2026-9001 · https://contracts.afonwy.gov.uk/notices/acc-2026-9001/ · thumbnail card.png, "
    ) in bluesky
    assert "ACC-2026-9002/published (new thread, language cy)" in bluesky
    assert "no thumbnail (card.png missing)" in bluesky
    assert "of 500 characters (URLs count 23)" in out
    assert (state / "ledger.json").read_bytes() == before


def test_a_dry_run_shows_the_byte_ranges_of_each_bluesky_facet(
    feed: Path, state: Path, capsys: Any
):
    _, out = dry(capsys, "--input", feed, "--state", state, "--channel", "bluesky")
    posts = out.split("\n--- bluesky #")[1:]
    assert len(posts) == 3
    for post in posts:
        parts = re.fullmatch(r"[^\n]*\n(.*)\n\[link card[^\n]*\n(\[facets.*)", post.strip(), re.S)
        assert parts is not None, post
        text, spans = parts.groups()
        facets = re.findall(r"(\S+) at (\d+)-(\d+)", spans)
        data = text.encode("utf-8")
        assert [data[int(a) : int(b)].decode() for _, a, b in facets] == [f[0] for f in facets]
        assert [f[0] for f in facets][1:] == ["#Tender", "#AfonwyContracts"]


def test_a_dry_run_needs_no_credentials_and_uses_no_network_even_if_given(
    feed: Path, state: Path, capsys: Any
):
    env = {
        "BSKY_HANDLE": "a.test",
        "BSKY_APP_PASSWORD": "xxxx-yyyy",
        "BSKY_SERVICE": "http://127.0.0.1:9",
    }
    code, out = dry(capsys, "--input", feed, "--state", state, env=env)
    assert code == 0 and "bluesky: 3 post(s) would be sent" in out


def test_max_posts_limits_each_channel(feed: Path, state: Path, capsys: Any):
    _, out = dry(
        capsys, "--input", feed, "--state", state, "--max-posts", "1", "--channel", "bluesky"
    )
    assert "bluesky: 1 post(s) would be sent; 2 left for later runs (--max-posts)" in out
    assert out.count("--- bluesky #") == 1 and "mastodon" not in out


def test_the_first_run_guard_shows_in_the_dry_run(feed: Path, tmp_path: Path, capsys: Any):
    code, out = dry(capsys, "--input", feed, "--state", tmp_path / "new-state")
    assert code == 0
    assert (
        "bluesky: first run: 3 earlier announcement(s) would be recorded as already announced, without posting"
        in out
    )
    assert "bluesky: 0 post(s) would be sent" in out
    _, out = dry(capsys, "--input", feed, "--state", tmp_path / "new-state", "--announce-backlog")
    assert "bluesky: 3 post(s) would be sent" in out
    assert not (tmp_path / "new-state").exists()


def test_closing_soon_reminders_need_the_flag(tmp_path: Path, state: Path, capsys: Any):
    soon = announcement(
        kind="closing-soon",
        replies_to="ACC-2026-9001/published",
        thread="ACC-2026-9001/published",
        headline="Closing soon: Grounds maintenance",
    )
    feed = write_feed(tmp_path / "soon", [announcement(), soon])
    assert "Closing soon" not in dry(capsys, "--input", feed, "--state", state)[1]
    assert (
        "Closing soon: Grounds maintenance"
        in dry(capsys, "--input", feed, "--state", state, "--closing-soon")[1]
    )


def test_compose_all_composes_every_announcement_for_each_channel_whatever_the_ledger(
    tmp_path: Path, capsys: Any
):
    feed = sample_feed(tmp_path / "output")
    everything = feed_items(feed)
    eligible = [item for item in everything if item["kind"] != "closing-soon"]
    ledger = Ledger.load(tmp_path / "state" / "ledger.json")
    ledger.begin("bluesky", "did:plc:me")
    ledger.record("bluesky", {eligible[0]["id"]: Entry.now(Status.POSTED, uri="at://x", cid="c")})
    args = ("--input", feed, "--state", tmp_path / "state", "--max-posts", "1", "--compose-all")
    code, out = dry(capsys, *args)
    assert code == 0
    for channel in ("bluesky", "mastodon"):
        count = len(eligible)
        assert f"{channel}: {count} of {count} announcement(s) composed, " in out
    assert "; 0 cannot be posted" in out and "---" not in out
    _, out = dry(capsys, *args, "--closing-soon", "--channel", "mastodon")
    assert f"mastodon: {len(everything)} of {len(everything)} announcement(s)" in out
    assert "bluesky" not in out.split("\n", 1)[1]


def test_compose_all_names_each_announcement_that_cannot_be_posted(tmp_path: Path, capsys: Any):
    long_url = "https://contracts.afonwy.gov.uk/notices/" + "x" * 300 + "/"
    broken = announcement("ACC-2026-9002", notice={**announcement()["notice"], "url": long_url})
    feed = write_feed(tmp_path / "out", [announcement(), broken])
    write_cards(feed)
    code, out = dry(capsys, "--input", feed, "--state", tmp_path / "s", "--compose-all")
    assert code == 0
    assert (
        "bluesky: 1 of 2 announcement(s) composed, 0 of them as replies; 1 cannot be posted" in out
    )
    assert "  ACC-2026-9002/published: cannot be posted: ACC-2026-9002/published: the URL" in out


def test_compose_all_is_only_for_a_dry_run(feed: Path, state: Path, capsys: Any):
    assert (
        main(["--input", str(feed), "--state", str(state), "--live", "--compose-all"], env={}) == 2
    )
    assert "--compose-all is for a dry run" in capsys.readouterr().err


def test_an_invalid_announcement_is_named_and_the_others_shown(
    tmp_path: Path, state: Path, capsys: Any
):
    notice = {**announcement("ACC-2026-9002")["notice"], "url": f"{SITE}/notices/tiroedd ŵyr/"}
    feed = write_feed(
        tmp_path / "out",
        [
            announcement(date="2026-11-01T09:00:00Z"),
            announcement("ACC-2026-9002", notice=notice),
            announcement("ACC-2026-9002", kind="changed"),
            announcement("ACC-2026-9003", date="2026-11-03T09:00:00Z"),
        ],
    )
    code = main(["--input", str(feed), "--state", str(state), "--channel", "bluesky"], env={})
    out, err = capsys.readouterr()
    assert code == 1
    assert "bluesky: 2 post(s) would be sent" in out
    assert "ACC-2026-9001/published" in out and "ACC-2026-9003/published" in out
    invalid = [line for line in out.splitlines() if line.startswith("invalid: ")]
    assert invalid == [
        "invalid: ACC-2026-9002/published: $.announcements[1].notice.url: "
        f"'{SITE}/notices/tiroedd ŵyr/' is not a 'uri'",
        "invalid: ACC-2026-9002/change/1: $.announcements[2].thread: 'ACC-2026-9002/published' "
        "is invalid, so this reply is not posted either; $.announcements[2].replies_to: "
        "'ACC-2026-9002/published' is invalid, so this reply is not posted either",
    ]
    assert (
        "2 invalid announcement(s) in " + str(feed) + " not posted (fix the notice and rebuild): "
        "ACC-2026-9002/published, ACC-2026-9002/change/1"
    ) in err
