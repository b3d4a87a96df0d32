"""Record keys: valid TIDs, the same for an announcement on every run, distinct across announcements."""

from __future__ import annotations

from atproto_client.models.string_formats import TID_RE

from publish.tid import encode, tid_for


def test_keys_are_valid_tids():
    for n in range(500):
        assert TID_RE.match(tid_for(f"ACC-2026-{n:04d}/published"))


def test_a_key_depends_only_on_the_announcement_id():
    assert tid_for("ACC-2026-0031/change/2") == tid_for("ACC-2026-0031/change/2") == "3khv5hbuq2mie"


def test_ten_thousand_announcements_have_distinct_keys():
    ids = [
        f"ACC-{year}-{n:04d}/{kind}"
        for year in (2025, 2026)
        for n in range(1000)
        for kind in ("published", "change/1", "change/2", "awarded", "closing-soon")
    ]
    assert len({tid_for(i) for i in ids}) == len(ids)


def test_encoding_matches_the_spec_examples():
    assert encode(0, 0) == "2222222222222"
    assert encode((1 << 53) - 1, 1023) == "bzzzzzzzzzzzz"
