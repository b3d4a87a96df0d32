"""OCDS settings: defaults, checks with messages that say how to fix them, and their docs."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugins.ocds.settings import (
    OPEN_GOVERNMENT_LICENCE,
    SETTINGS,
    OcdsSettingsError,
    merged,
    ocds_config,
)

DOCS = Path(__file__).parent.parent / "docs" / "open-data.md"


def test_defaults_name_the_site_and_the_open_government_licence(sample_site):
    config = ocds_config({}, sample_site)
    assert config.publisher == {
        "name": "Afonwy County Council contract opportunities",
        "uri": "https://contracts.afonwy.gov.uk",
    }
    assert config.license == OPEN_GOVERNMENT_LICENCE
    assert config.publication_policy is None
    assert config.ocid_prefixes == ("ocds-h6vhtk",)


def test_site_settings_override_defaults_and_others_are_ignored():
    values = merged({"OCDS_LICENSE": "https://example.org/licence", "SITENAME": "x"})
    assert values["OCDS_LICENSE"] == "https://example.org/licence"
    assert "SITENAME" not in values
    assert set(values) == {setting.name for setting in SETTINGS}


def test_a_publisher_keeps_only_the_keys_it_gives(sample_site):
    publisher = {"name": "Afonwy County Council", "scheme": "GB-PPON", "uid": "PQRT-4821-WXYZ"}
    assert ocds_config({"OCDS_PUBLISHER": publisher}, sample_site).publisher == publisher


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ("about/", "https://contracts.afonwy.gov.uk/about/"),
        ("https://www.afonwy.gov.uk/open-data", "https://www.afonwy.gov.uk/open-data"),
        (None, None),
    ],
)
def test_the_publication_policy_may_be_a_path_on_the_site(sample_site, policy, expected):
    config = ocds_config({"OCDS_PUBLICATION_POLICY": policy}, sample_site)
    assert config.publication_policy == expected


def test_several_ocid_prefixes_may_be_accepted(sample_site):
    config = ocds_config({"OCDS_OCID_PREFIX": ["ocds-h6vhtk", "ocds-a1fnwy"]}, sample_site)
    assert config.accepts("ocds-h6vhtk-0a31c7")
    assert config.accepts("ocds-a1fnwy-ACC-2026-0047")
    assert not config.accepts("ocds-b5fd17-0a31c7")
    assert not config.accepts("ocds-h6vhtkx-1")  # a prefix ends at its hyphen


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"OCDS_PUBLISHER": {"scheme": "GB-PPON"}}, "OCDS_PUBLISHER must be a dict with"),
        ({"OCDS_PUBLISHER": {"name": "A", "id": "1"}}, "unknown keys ['id']"),
        ({"OCDS_LICENSE": "OGL v3"}, "OCDS_LICENSE must be an absolute URL"),
        ({"OCDS_OCID_PREFIX": "h6vhtk"}, "OCDS_OCID_PREFIX must be an ocid prefix"),
        ({"OCDS_OCID_PREFIX": "ocds-H6VHTK"}, "OCDS_OCID_PREFIX must be an ocid prefix"),
        ({"OCDS_OCID_PREFIX": []}, "OCDS_OCID_PREFIX must be an ocid prefix"),
    ],
)
def test_unusable_settings_say_how_to_fix_them(sample_site, settings, message):
    with pytest.raises(OcdsSettingsError, match=message.replace("[", r"\[").replace("]", r"\]")):
        ocds_config(settings, sample_site)


def test_every_setting_is_documented():
    section = DOCS.read_text(encoding="utf-8").split("## OCDS", 1)[1]
    for setting in SETTINGS:
        assert f"`{setting.name}`" in section, setting.name
