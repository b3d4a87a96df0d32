"""Posts in the channel's language: a Welsh notice posted in Welsh with ``langs: ["cy"]``,
within Bluesky's limits and with facets on the right bytes; a post linking the notice's
page in its other language (``Cymraeg: <url>``) when there is room; the channel settings."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from plugins.notices.site import Site
from plugins.opendata.announcements import announcements
from publish import graphemes
from publish.announcements import Announcement, Announcements, load
from publish.compose import BLUESKY, compose, language_name, mastodon
from publish.errors import ConfigError
from publish.languages import PostLanguage, from_env
from publish.posts import bluesky_record, facets, mastodon_status
from tests.pds.server import Account, Pds
from tests.publish_support import (
    SITE,
    announcement,
    bsky_env,
    clean_env,
    publish,
    write_cards,
    write_feed,
)
from tests.publish_support import posts as pds_posts
from tests.sites import site_from

WELSH_NAME = "Cyfleoedd contract Cyngor Sir Afonwy"
LIBRARY = "ACC-2026-0039/published"  # in English and Welsh
HIGHWAYS_CHANGE = "ACC-2026-0031/change/1"  # in English only
# English words a post may hold, as the build and the publisher write them.
ENGLISH = ("Tender notice", "Tender deadline", "Value:", "Change ", "Closing soon", "Buyer")


def bilingual(site: Site) -> Site:
    """The sample site with its Welsh pages: SITE_LANGUAGES = ("en", "cy")."""
    return replace(site, languages=("en", "cy"), names=(("cy", WELSH_NAME),))


@pytest.fixture(scope="module")
def feed(tmp_path_factory: pytest.TempPathFactory) -> Announcements:
    """The bilingual sample site's announcements, as the publisher reads them."""
    folder = tmp_path_factory.mktemp("output")
    path = folder / "announcements.json"
    path.write_bytes(announcements(bilingual(site_from())))
    return load(path)


def item_of(feed: Announcements, item_id: str) -> Announcement:
    return feed.by_id()[item_id]


def sliced(record: dict[str, Any]) -> list[str]:
    """The text each facet's byte range slices out of the post."""
    data = record["text"].encode("utf-8")
    return [
        data[f["index"]["byteStart"] : f["index"]["byteEnd"]].decode("utf-8")
        for f in record["facets"]
    ]


def linked(record: dict[str, Any]) -> list[tuple[str, str]]:
    """Each link facet's words and where they go."""
    uris = [f["features"][0].get("uri") for f in record["facets"]]
    return [(text, uri) for text, uri in zip(sliced(record), uris, strict=True) if uri]


def test_a_welsh_channel_posts_the_welsh_translation_in_welsh(feed: Announcements):
    item = PostLanguage("cy").version(item_of(feed, LIBRARY))
    composed = compose(item, BLUESKY)
    english_page = f"{SITE}/notices/library-stock-supply/"
    welsh_page = f"{SITE}/cy/notices/library-stock-supply/"
    assert composed.text.startswith("Hysbysiad tendro: Cyflenwi llyfrau llyfrgell")
    assert "Terfyn amser tendro: Dydd Gwener 11 Rhagfyr 2026, 12:00 (GMT)\n" in composed.text
    assert "Gwerth: £1,600,000\n" in composed.text
    assert f"{welsh_page}\nEnglish\n\n#Tender #SME" in composed.text
    assert not [word for word in ENGLISH if word in composed.text]
    assert graphemes.count(composed.text) <= 300
    record = bluesky_record(item, composed, None, None)
    assert record["langs"] == ["cy"]
    assert sliced(record) == [welsh_page, "English", "#Tender", "#SME"]
    assert linked(record) == [(welsh_page, welsh_page), ("English", english_page)]
    assert record["embed"]["external"]["title"].startswith("Cyflenwi llyfrau")
    toot = compose(item, mastodon())
    assert f"{welsh_page}\nEnglish: {english_page}\n\n#" in toot.text
    assert mastodon_status(item, toot, None)["language"] == "cy"
    assert item.card.image.parts[-4:] == ("cy", "notices", "library-stock-supply", "card.png")


def test_an_english_post_links_the_welsh_page(feed: Announcements):
    item = PostLanguage().version(item_of(feed, LIBRARY))
    composed = compose(item, BLUESKY)
    welsh_page = f"{SITE}/cy/notices/library-stock-supply/"
    assert "/notices/library-stock-supply/\nCymraeg\n\n#Tender" in composed.text
    assert "Value: £1,600,000\n" in composed.text
    record = bluesky_record(item, composed, None, None)
    assert record["langs"] == ["en"]
    assert ("Cymraeg", welsh_page) in linked(record)
    assert f"\nCymraeg: {welsh_page}\n" in compose(item, mastodon()).text


def test_without_translation_links_the_post_is_as_before(feed: Announcements):
    item = item_of(feed, LIBRARY)
    plain = PostLanguage(translation_links=False).version(item)
    assert "Cymraeg" not in compose(plain, BLUESKY).text
    assert compose(plain, BLUESKY).text == compose(replace(item, translations=()), BLUESKY).text


def test_a_notice_only_in_english_is_posted_in_welsh_words_around_its_english_text(
    feed: Announcements,
):
    item = PostLanguage("cy").version(item_of(feed, HIGHWAYS_CHANGE))
    composed = compose(item, BLUESKY)
    assert composed.text.startswith("Newid i hysbysiad tendro: Highway resurfacing")
    assert "Newid 1: " in composed.text
    toot = compose(item, mastodon()).text
    assert "\nCwestiynau eglurhau erbyn: Dydd Gwener 20 Tachwedd 2026, 17:00 (GMT) → " in toot
    assert f"{SITE}/cy/notices/highway-resurfacing-framework/\n\n#" in composed.text
    assert not [word for word in ENGLISH if word in composed.text]
    assert bluesky_record(item, composed, None, None)["langs"] == ["cy", "en"]


def test_every_welsh_post_of_the_sample_site_fits_with_its_url_and_tags_whole(
    feed: Announcements,
):
    for item in PostLanguage("cy").feed(feed).items:
        composed = compose(item, BLUESKY)
        assert graphemes.count(composed.text) <= 300 and len(composed.text.encode()) <= 3000
        record = bluesky_record(item, composed, None, None)
        assert sliced(record)[0] == item.url, item.id
        assert sliced(record)[-len(item.tags) :] == [f"#{tag}" for tag in item.tags], item.id


WELSH_HEADLINE = "Hysbysiad tendro: Cynnal a chadw tiroedd ŵyr, llwybrau'r ŷd a gerddi " * 3


def welsh_item(
    tmp_path: Path, headline: str = "Hysbysiad tendro: Tiroedd ŵyr ac ŷd"
) -> Announcement:
    """A Welsh announcement with an English translation, Welsh letters of two bytes and more."""
    notice = {
        **announcement()["notice"],
        "language": "cy",
        "summary": "Torri gwair, gwrychoedd a phlannu ym mharciau'r sir — ŵyn ac ŷd.",
        "translations": [{"language": "en", "url": f"{SITE}/notices/grounds-maintenance/"}],
    }
    facts = announcement()["facts"]
    facts["deadline"] = {
        **facts["deadline"],
        "label": "Terfyn amser tendro",
        "display": "Dydd Gwener 4 Rhagfyr 2026, 12:00 (GMT)",
    }
    item = announcement(headline=headline, notice=notice, facts=facts, tags=["Tendr", "Cymraeg"])
    return load(write_feed(tmp_path, [item])).items[0]


def test_welsh_letters_take_their_bytes_and_facets_slice_exactly(tmp_path: Path):
    item = welsh_item(tmp_path)
    composed = compose(item, BLUESKY)
    assert "ŵ" in composed.text and "ŷ" in composed.text
    assert len(composed.text.encode()) > len(composed.text)
    record = bluesky_record(item, composed, None, None)
    assert sliced(record) == [item.url, "English", "#Tendr", "#Cymraeg"]
    assert linked(record)[1] == ("English", f"{SITE}/notices/grounds-maintenance/")
    assert "\nEnglish\n\n" in composed.text
    assert "Gwerth: £240,000" in composed.text
    assert record["langs"] == ["cy"] and facets(composed) == record["facets"]


def test_the_other_language_link_is_dropped_before_anything_essential(tmp_path: Path):
    item = welsh_item(tmp_path, headline=WELSH_HEADLINE)
    composed = compose(item, BLUESKY)
    assert graphemes.count(composed.text) <= 300
    assert "English" not in composed.text
    assert item.url in composed.text and composed.text.endswith("#Tendr #Cymraeg")
    assert "Terfyn amser tendro: Dydd Gwener 4 Rhagfyr 2026, 12:00 (GMT)" in composed.text
    assert sliced(bluesky_record(item, composed, None, None))[0] == item.url


def test_the_link_stays_while_the_summary_makes_room(tmp_path: Path):
    headline = WELSH_HEADLINE[:130].rstrip()
    composed = compose(welsh_item(tmp_path, headline=headline), BLUESKY)
    assert composed.text.startswith(headline + "\n\n")
    assert "Torri gwair, gwrychoedd a phlannu ym mharciau'r sir — ŵyn ac ŷd." not in composed.text
    assert "Gwerth: £240,000\n" in composed.text and "\nEnglish\n" in composed.text
    assert graphemes.count(composed.text) <= 300


def test_channel_settings_come_from_the_environment():
    assert from_env({}, "BSKY") == PostLanguage(None, True)
    env = {"BSKY_LANGUAGE": "cy", "BSKY_TRANSLATION_LINKS": "no"}
    assert from_env(env, "BSKY") == PostLanguage("cy", False)
    assert from_env(env, "MASTODON") == PostLanguage(None, True)
    with pytest.raises(ConfigError, match="BSKY_LANGUAGE: 'welsh' is not a language code"):
        from_env({"BSKY_LANGUAGE": "Welsh"}, "BSKY")
    with pytest.raises(ConfigError, match="MASTODON_TRANSLATION_LINKS: 'maybe'"):
        from_env({"MASTODON_TRANSLATION_LINKS": "maybe"}, "MASTODON")


def test_languages_are_named_in_themselves():
    assert (language_name("cy"), language_name("en"), language_name("xx")) == (
        "Cymraeg",
        "English",
        "xx",
    )


def test_a_welsh_first_site_announces_its_welsh_notices_in_welsh(tmp_path: Path):
    site = replace(
        site_from(), default_lang="cy", languages=("cy", "en"), names=(("cy", WELSH_NAME),)
    )
    path = tmp_path / "announcements.json"
    path.write_bytes(announcements(site))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["site"]["languages"][0] == {
        "language": "cy",
        "name": WELSH_NAME,
        "url": f"{SITE}/",
    }
    item = load(path).by_id()[LIBRARY]
    assert item.language == "cy" and [v.language for v in item.versions] == ["en"]
    composed = compose(item, BLUESKY)
    assert composed.text.startswith("Hysbysiad tendro: Cyflenwi llyfrau")
    assert "\nEnglish\n\n#" in composed.text
    assert not [word for word in ENGLISH if word in composed.text]
    assert bluesky_record(item, composed, None, None)["langs"] == ["cy"]


def test_the_dry_run_shows_each_channel_in_its_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    from publish.cli import main

    path = tmp_path / "out" / "announcements.json"
    path.parent.mkdir()
    path.write_bytes(announcements(bilingual(site_from())))
    args = ["--input", str(path), "--state", str(tmp_path / "state"), "--announce-backlog"]
    code = main([*args, "--max-posts", "1000"], env={"BSKY_LANGUAGE": "cy"})
    out = capsys.readouterr().out
    assert code == 0
    bluesky, mastodon_part = out.split("\nmastodon: ", 1)
    assert "Hysbysiad tendro: Cyflenwi llyfrau" in bluesky
    assert "ACC-2026-0039/published (new thread, language cy) · " in bluesky
    assert "ACC-2026-0031/change/1 (reply to ACC-2026-0031/published, language cy, en) · " in (
        bluesky
    )
    assert "Tender notice: Supply of library books" not in bluesky
    assert "Tender notice: Supply of library books" in mastodon_part
    assert "Cymraeg: https://contracts.afonwy.gov.uk/cy/notices/library-stock-supply/" in (
        mastodon_part
    )


def test_a_welsh_channel_on_a_real_pds(tmp_path: Path, pds: Pds, bsky_account: Account):
    output = tmp_path / "output"
    output.mkdir()
    data = json.loads(announcements(bilingual(site_from())))
    kept: set[str] = set()
    for item in data["announcements"]:
        if item["id"].split("/")[0] in {"ACC-2026-0039", "ACC-2026-0031"} and (
            item["thread"] in kept or item["thread"] == item["id"]
        ):
            kept.add(item["id"])
    data["announcements"] = [item for item in data["announcements"] if item["id"] in kept]
    path = output / "announcements.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    write_cards(path)
    env = clean_env(**bsky_env(pds, bsky_account), BSKY_LANGUAGE="cy")
    result = publish(
        *("--input", path, "--state", tmp_path / "state", "--live", "--channel", "bluesky"),
        "--announce-backlog",
        env=env,
    )
    assert result.returncode == 0, result.stderr
    posted = [record["value"] for record in pds_posts(pds, bsky_account.did)]
    assert len(posted) == len(kept) >= 3
    library = next(post for post in posted if "Cyflenwi llyfrau" in post["text"])
    assert library["langs"] == ["cy"]
    assert linked(library) == [
        (f"{SITE}/cy/notices/library-stock-supply/", f"{SITE}/cy/notices/library-stock-supply/"),
        ("English", f"{SITE}/notices/library-stock-supply/"),
    ]
    for post in posted:
        assert not [word for word in ENGLISH if word in post["text"]], post["text"]
        assert graphemes.count(post["text"]) <= 300
