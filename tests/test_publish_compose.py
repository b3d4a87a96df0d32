"""Post text within each channel's limits: graphemes, bytes, URLs as 23, and exact facets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from publish import graphemes
from publish.announcements import Announcement, load
from publish.compose import BLUESKY, compose, mastodon
from publish.errors import ComposeError
from publish.posts import bluesky_record
from tests.publish_support import SITE, announcement, write_feed

WELSH_FLAG = (
    "\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f"  # 1 grapheme, 28 bytes
)
FAMILY = "\U0001f469\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # 1 grapheme, 25 bytes
W_CIRCUMFLEX = "w\u0302"  # ŵ typed as two code points: still one grapheme
STACKED = "e" + "\u0301" * 30  # one grapheme of 61 bytes


def load_one(tmp_path: Path, **changes: Any) -> Announcement:
    """The announcement as the publisher reads it (a change comes after its notice)."""
    item = announcement(**changes)
    before = [announcement()] if item["replies_to"] else []
    return load(write_feed(tmp_path, [*before, item])).items[-1]


def with_notice(**notice: Any) -> dict[str, Any]:
    return {**announcement()["notice"], **notice}


def facets_text(record: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Each facet's feature and the text its byte range slices out of the post."""
    data = record["text"].encode("utf-8")
    return [
        (data[f["index"]["byteStart"] : f["index"]["byteEnd"]].decode("utf-8"), f["features"][0])
        for f in record["facets"]
    ]


def assert_facets_exact(record: dict[str, Any], url: str, tags: list[str]) -> None:
    sliced = facets_text(record)
    assert sliced[0] == (url, {"$type": "app.bsky.richtext.facet#link", "uri": url})
    assert sliced[1:] == [
        (f"#{tag}", {"$type": "app.bsky.richtext.facet#tag", "tag": tag}) for tag in tags
    ]


def test_a_typical_post_keeps_every_part(tmp_path: Path):
    item = load_one(tmp_path)
    text = compose(item, BLUESKY).text
    assert text == (
        "Tender notice: Grounds maintenance ACC-2026-9001\n\n"
        "Mowing, hedges and planting in parks and cemeteries across the county.\n\n"
        "Tender deadline: Friday 4 December 2026, 12:00pm (GMT)\n"
        "Value: £240,000\n"
        f"{SITE}/notices/acc-2026-9001/\n\n"
        "#Tender #AfonwyContracts"
    )


def test_a_300_grapheme_title_is_shortened_and_nothing_essential_is_cut(tmp_path: Path):
    title = "Highway resurfacing " + "and drainage works " * 20
    item = load_one(tmp_path, headline=f"Tender notice: {title}")
    composed = compose(item, BLUESKY)
    text = composed.text
    assert composed.length <= 300 and len(text.encode()) <= 3000
    headline = text.split("\n\n")[0]
    assert headline.endswith("…") and title.startswith(
        headline.removeprefix("Tender notice: ")[:-1]
    )
    assert "Tender deadline: Friday 4 December 2026, 12:00pm (GMT)\n" in text
    assert f"{SITE}/notices/acc-2026-9001/\n\n#Tender #AfonwyContracts" in text
    assert_facets_exact(
        bluesky_record(item, composed, None, None), item.url, ["Tender", "AfonwyContracts"]
    )


def test_emoji_and_welsh_count_as_one_grapheme_each_and_facets_land_on_bytes(tmp_path: Path):
    title = f"Ysgol Bro Afonwy {WELSH_FLAG} estyniad: to {W_CIRCUMFLEX}yrdd, caffi ŷd 🚧👍🏽"
    item = load_one(
        tmp_path,
        headline=f"Hysbysiad tendr: {title}",
        notice=with_notice(
            language="cy", summary=f"Adeiladu {FAMILY} ystafelloedd dosbarth newydd."
        ),
        tags=["Tendr", "Cymraeg"],
    )
    composed = compose(item, BLUESKY)
    assert graphemes.count(WELSH_FLAG + FAMILY + W_CIRCUMFLEX + "👍🏽") == 4
    record = bluesky_record(item, composed, None, None)
    assert record["langs"] == ["cy"]
    assert "Gwerth: £240,000" in record["text"]
    assert_facets_exact(record, item.url, ["Tendr", "Cymraeg"])


def test_heavy_emoji_is_cut_to_3000_bytes_as_well_as_300_graphemes(tmp_path: Path):
    # 100 graphemes of 61 bytes each: within 300 graphemes, over 3,000 bytes.
    item = load_one(tmp_path, notice=with_notice(summary=STACKED * 100))
    composed = compose(item, BLUESKY)
    size = len(composed.text.encode())
    assert 3000 - 61 < size <= 3000
    assert composed.length <= 300
    assert_facets_exact(
        bluesky_record(item, composed, None, None), item.url, ["Tender", "AfonwyContracts"]
    )


def test_a_very_long_url_is_kept_whole_and_linked_exactly(tmp_path: Path):
    url = f"{SITE}/notices/" + "very-long-notice-slug-" * 5 + "caf%C3%A9/?lang=cy#details"
    item = load_one(tmp_path, notice=with_notice(url=url))
    composed = compose(item, BLUESKY)
    assert composed.length <= 300
    assert url in composed.text
    assert_facets_exact(
        bluesky_record(item, composed, None, None), url, ["Tender", "AfonwyContracts"]
    )


def test_a_url_too_long_to_fit_fails_rather_than_being_cut(tmp_path: Path):
    url = f"{SITE}/notices/" + "x" * 260 + "/"
    item = load_one(tmp_path, notice=with_notice(url=url))
    with pytest.raises(ComposeError, match="URL, deadline and tags alone take"):
        compose(item, BLUESKY)


def test_mastodon_counts_a_url_as_23_characters(tmp_path: Path):
    url = f"{SITE}/notices/" + "a" * 150 + "/"
    item = load_one(tmp_path, notice=with_notice(url=url, summary="Word " * 120))
    composed = compose(item, mastodon(500, 23))
    counted = graphemes.count(composed.text.replace(url, "x" * 23))
    assert composed.length == counted and 480 <= counted <= 500
    assert len(composed.text) > 500  # a raw count would wrongly say it is too long
    assert url in composed.text


def test_a_change_keeps_its_number_and_is_shortened_not_dropped(tmp_path: Path):
    item = load_one(
        tmp_path,
        kind="changed",
        change={"number": 2, "summary": "Lot 3 revised. " * 40, "fields": ["lots"]},
    )
    text = compose(item, BLUESKY).text
    detail = text.split("\n\n")[1]
    assert detail.startswith("Change 2: Lot 3 revised.") and detail.endswith("…")


def test_an_award_has_no_deadline_line(tmp_path: Path):
    item = load_one(tmp_path, kind="awarded", headline="Contract award notice: Grounds maintenance")
    assert "deadline" not in compose(item, BLUESKY).text.lower()


def test_the_value_goes_before_the_summary_when_space_is_short(tmp_path: Path):
    item = load_one(tmp_path, headline="Tender notice: " + "Long title words " * 13)
    text = compose(item, BLUESKY).text
    assert "Value: £240,000" in text and "Mowing" not in text


def _moved(field: str, label: str, old: str, new: str) -> dict[str, Any]:
    display = f"{label}: {old} → {new}"
    return {"field": field, "label": label, "from": old, "to": new, "display": display}


DEADLINE_MOVED = _moved(
    "deadlines.tender",
    "Tender deadline",
    "Wednesday 20 January 2027, 12:00pm (GMT)",
    "Wednesday 27 January 2027, 12:00pm (GMT)",
)


@pytest.mark.parametrize("limits", [BLUESKY, mastodon()], ids=["bluesky", "mastodon"])
def test_a_change_post_shortens_the_title_never_the_old_and_new_values(tmp_path: Path, limits):
    item = load_one(
        tmp_path,
        kind="changed",
        headline="Change to tender notice: " + "Highway resurfacing framework words " * 12,
        change={
            "number": 1,
            "summary": "Tender deadline moved from 20 to 27 January 2027 after supplier questions.",
            "fields": [DEADLINE_MOVED],
        },
    )
    composed = compose(item, limits)
    lines = composed.text.split("\n")
    assert DEADLINE_MOVED["display"] in lines  # both dates whole, on a line of their own
    assert lines[0].startswith("Change to tender notice: Highway") and lines[0].endswith("…")
    # The changed deadline's line gives its new value: no second, stale deadline line.
    assert not any(line.startswith("Tender deadline: Friday") for line in lines)
    assert composed.length <= limits.graphemes
    assert_facets_exact(
        bluesky_record(item, composed, None, None), item.url, ["Tender", "AfonwyContracts"]
    )


def test_changed_fields_that_cannot_all_fit_are_left_out_whole_from_the_last(tmp_path: Path):
    moved = [
        _moved(f"lots.{n}.value.amount", f"Estimated value (lot {n})", "£1,550,000", "£1,800,000")
        for n in range(1, 9)
    ]
    item = load_one(
        tmp_path,
        kind="changed",
        change={"number": 1, "summary": "Lot values revised.", "fields": [DEADLINE_MOVED, *moved]},
    )
    composed = compose(item, BLUESKY)
    shown = [field["display"] for field in [DEADLINE_MOVED, *moved]]
    kept = [line for line in composed.text.split("\n") if "→" in line]
    assert kept == shown[: len(kept)] and 1 <= len(kept) < len(shown)
    assert composed.length <= 300


def test_a_change_named_by_field_alone_still_posts_its_reason(tmp_path: Path):
    item = load_one(
        tmp_path,
        kind="changed",
        change={"number": 3, "summary": "Documents updated.", "fields": ["documents"]},
    )
    text = compose(item, BLUESKY).text
    assert "Change 3: Documents updated." in text and "→" not in text
    assert "Tender deadline: Friday 4 December 2026, 12:00pm (GMT)" in text


JOINTLY = "Afonwy County Council, jointly with Cyngor Sir Penfro, Bwrdd Iechyd Afonwy"


def with_buyers(buyers: str | None) -> dict[str, Any]:
    return {**announcement()["facts"], "buyers": buyers}


def test_a_joint_procurements_post_names_its_buyers_when_there_is_room(tmp_path: Path):
    item = load_one(tmp_path, facts=with_buyers(JOINTLY))
    text = compose(item, mastodon()).text
    assert f"cemeteries across the county.\n\nBuyer: {JOINTLY}\nTender deadline:" in text
    assert compose(item, mastodon()).length <= 500


def test_without_room_the_buyers_go_before_anything_else(tmp_path: Path):
    item = load_one(tmp_path, facts=with_buyers(JOINTLY))
    alone = load_one(tmp_path)
    assert compose(item, BLUESKY).text == compose(alone, BLUESKY).text
    assert "Buyer:" not in compose(item, BLUESKY).text
