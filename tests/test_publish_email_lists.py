"""The mailing lists file: topics matched on what an announcement carries, every mistake named."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from publish.announcements import load
from publish.email_lists import MailingList
from publish.email_lists import load as load_lists
from publish.errors import ConfigError
from tests.publish_support import announcement, write_feed

HEAD = 'from = "Afonwy contracts <contracts@afonwy.gov.uk>"\n'


def a_list(**topic: frozenset[str]) -> MailingList:
    return MailingList("t", "t@lists.example", "t", "<mailto:leave@lists.example>", **topic)


def test_a_topic_matches_on_tags_kinds_and_languages(tmp_path: Path):
    feed = load(
        write_feed(
            tmp_path,
            [
                announcement("ACC-2026-9001", tags=["Tender", "SME"]),
                announcement(
                    "ACC-2026-9002",
                    notice={**announcement("ACC-2026-9002")["notice"], "language": "cy"},
                ),
                announcement("ACC-2026-9003", kind="awarded", tags=["Award"]),
            ],
        )
    )
    ids = {
        name: [item.id.split("/")[0][-4:] for item in feed.items if each.matches(item)]
        for name, each in {
            "site-wide": a_list(),
            "sme": a_list(tags=frozenset({"SME", "Pipeline"})),
            "welsh": a_list(languages=frozenset({"cy"})),
            "awards": a_list(kinds=frozenset({"awarded"})),
            "welsh awards": a_list(kinds=frozenset({"awarded"}), languages=frozenset({"cy"})),
        }.items()
    }
    assert ids == {
        "site-wide": ["9001", "9002", "9003"],
        "sme": ["9001"],
        "welsh": ["9002"],
        "awards": ["9003"],
        "welsh awards": [],
    }


def test_a_topic_matches_on_cpv_divisions_and_regions_within_areas(tmp_path: Path):
    def facts(cpv: str, region: str) -> dict[str, object]:
        base = announcement("x")["facts"]
        return {
            **base,
            "cpv": [{"code": cpv, "label": "x"}],
            "regions": [{"code": region, "name": "x"}],
        }

    feed = load(
        write_feed(
            tmp_path,
            [
                announcement("ACC-2026-9001", facts=facts("45233142-6", "TLL14")),
                announcement("ACC-2026-9002", facts=facts("77310000-6", "TLL23")),
                announcement("ACC-2026-9003", facts=facts("45000000-7", "TLK")),
            ],
        )
    )
    ids = {
        name: [item.id.split("/")[0][-4:] for item in feed.items if each.matches(item)]
        for name, each in {
            "construction": a_list(cpv_divisions=frozenset({"45"})),
            "wales": a_list(regions=frozenset({"TLL"})),
            "south west wales": a_list(regions=frozenset({"TLL14"})),
            "construction in wales": a_list(
                cpv_divisions=frozenset({"45"}), regions=frozenset({"TLL"})
            ),
        }.items()
    }
    assert ids == {
        "construction": ["9001", "9003"],
        "wales": ["9001", "9002"],
        "south west wales": ["9001"],
        "construction in wales": ["9001"],
    }


def test_no_file_means_no_lists(tmp_path: Path):
    assert load_lists(tmp_path / "email-lists.toml") is None


def test_every_mistake_is_named_at_once(tmp_path: Path):
    path = tmp_path / "email-lists.toml"
    path.write_text(
        'from = "nobody"\n'
        "[[lists]]\n"
        'name = "All"\naddress = "a@example.org\\nBcc: x@evil.example"\n'
        'unsubscribe = "https://example.org/u"\ntags = "Tender"\n'
        "[[lists]]\n"
        'name = "two"\naddress = "b@example.org"\nunsubscribe = "<mailto:u@example.org>"\n'
        'unsubscribe_post = "List-Unsubscribe=One-Click"\n'
        "[[lists]]\n"
        'name = "two"\naddress = "c@example.org"\nunsubscribe = "<https://example.org/u>"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_lists(path)
    lines = str(caught.value).splitlines()
    assert lines[0] == "7 problem(s) in the e-mail lists:"
    assert [line.removeprefix(f"{path}: ").split(":")[0:2] for line in lines[1:]] == [
        [
            "from",
            " the sender, such as 'Afonwy contracts <contracts@afonwy.gov.uk>', is missing or not an address",
        ],
        ["lists #1", " name"],
        ["lists #1", " address"],  # a header smuggled in is not an address
        ["lists #1", " unsubscribe"],
        ["lists #1", " tags"],
        ["lists #2", " unsubscribe_post"],
        ["lists #3", " name"],
    ]
    assert "'two' is used twice" in lines[-1]


def test_a_good_file_is_read(tmp_path: Path):
    path = tmp_path / "email-lists.toml"
    path.write_text(
        HEAD + '[[lists]]\nname = "sme"\naddress = "sme@lists.example"\n'
        'unsubscribe = "<mailto:leave@lists.example>,<https://lists.example/u>"\n'
        'unsubscribe_post = "List-Unsubscribe=One-Click"\ntags = ["SME"]\n',
        encoding="utf-8",
    )
    lists = load_lists(path)
    assert lists is not None and lists.domain == "afonwy.gov.uk"
    [sme] = lists.lists
    assert (sme.channel, sme.title, sme.tags) == ("email/sme", "sme", frozenset({"SME"}))


def test_the_example_in_the_publishing_guide_is_a_good_file(tmp_path: Path):
    guide = (Path(__file__).parent.parent / "docs" / "publishing.md").read_text("utf-8")
    [example] = re.findall(r"^```toml\n(.*?)^```$", guide, re.M | re.S)
    path = tmp_path / "email-lists.toml"
    path.write_text(example, encoding="utf-8")
    lists = load_lists(path)
    assert lists is not None
    assert [each.name for each in lists.lists] == ["all", "tenders-sme", "cymraeg"]
    assert lists.lists[2].language == "cy"


def test_a_list_in_welsh_and_its_mistakes(tmp_path: Path):
    path = tmp_path / "email-lists.toml"
    entry = '[[lists]]\nname = "{name}"\naddress = "{name}@lists.example"\n'
    entry += 'unsubscribe = "<mailto:leave@lists.example>"\n'
    path.write_text(
        HEAD
        + entry.format(name="cymraeg")
        + 'language = "cy"\ntranslation_links = false\n'
        + entry.format(name="welsh-notices")
        + 'languages = ["cy"]\n'
        + entry.format(name="both")
        + 'languages = ["cy", "en"]\n',
        encoding="utf-8",
    )
    lists = load_lists(path)
    assert lists is not None
    assert [(each.language, each.translation_links) for each in lists.lists] == [
        ("cy", False),
        ("cy", True),  # a list of one language's notices reads that language
        (None, True),  # the site's language
    ]
    path.write_text(
        HEAD + entry.format(name="x") + 'language = "Cymraeg"\ntranslation_links = "no"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_lists(path)
    said = str(caught.value)
    assert "lists #1: language: 'Cymraeg' is not a language code such as 'cy' or 'en'" in said
    assert "lists #1: translation_links: 'no' is not true or false" in said


def test_a_language_topic_takes_a_notice_translated_into_it(tmp_path: Path):
    notice = announcement()["notice"]
    translated = {**notice, "translations": [{"language": "cy", "url": notice["url"] + "cy/"}]}
    feed = load(
        write_feed(
            tmp_path,
            [announcement("A"), announcement("B", notice={**translated, "id": "B"})],
        )
    )
    welsh = a_list(languages=frozenset({"cy"}))
    assert [item.id for item in feed.items if welsh.matches(item)] == ["B/published"]
