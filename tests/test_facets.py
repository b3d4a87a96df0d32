"""The facet registry: which values exist and which notices each value carries."""

from __future__ import annotations

import dataclasses

from plugins.notices.facets import (
    BUYER,
    BY_KEY,
    CPV,
    FACETS,
    REGION,
    TYPE,
    VALUE,
    site_regions,
    site_values,
    site_values_of,
    values,
    values_of,
)
from plugins.notices.site import Site


def test_facets_in_browse_order() -> None:
    assert [facet.key for facet in FACETS] == ["type", "status", "cpv", "region", "buyer", "value"]
    assert set(BY_KEY) == {facet.key for facet in FACETS}


def test_code_list_facets_show_only_the_values_present(sample_site: Site) -> None:
    notices = sample_site.in_language()
    divisions = [value.value for value in values(CPV, notices, "en")]
    assert divisions == sorted({d for item in notices for d in item.facets.cpv_divisions})
    assert all(value.slug == f"cpv/{value.value}" for value in values(CPV, notices, "en"))


def test_type_and_value_facets_show_every_value(sample_site: Site) -> None:
    assert len(values(TYPE, (), "en")) == 7
    assert values(VALUE, (), "en")[-1].name == "Value not given"


def test_a_value_carries_the_notices_filed_under_it(sample_site: Site) -> None:
    for item in sample_site.notices:
        for facet in FACETS:
            for value in values_of(facet, item, "en"):
                assert facet.matches(value.value)(item), (item.path, value.slug)


def test_buyer_values_are_named_by_the_notices(sample_site: Site) -> None:
    item = sample_site.notices[0]
    (value,) = values_of(BUYER, item, "en")
    assert (value.value, value.name) == (item.facets.buyer_slug, item.notice.buyer.name)


def test_the_site_offers_every_division_and_every_area_of_its_regions(sample_site: Site) -> None:
    divisions = site_values(CPV, sample_site)
    assert len(divisions) == 45
    assert (divisions[0].value, divisions[0].name) == (
        "03",
        "Agricultural, farming, fishing, forestry and related products",
    )
    areas = {value.value: value.name for value in site_values(REGION, sample_site)}
    assert areas["TLL"] == "Wales"
    assert areas["TLL1"] == "West Wales and The Valleys"
    assert areas["TLL14"] == "South West Wales"
    assert len(areas) == 15
    assert site_regions(sample_site) == ("TLL",)


def test_the_regions_setting_offers_areas_with_no_notices(sample_site: Site) -> None:
    site = dataclasses.replace(sample_site, regions=("TLL", "TLM"), region_levels=(1, 2))
    areas = [value.value for value in site_values(REGION, site)]
    assert areas[:4] == ["TLL", "TLL1", "TLL2", "TLM"]
    assert all(len(code) <= 4 for code in areas)


def test_a_notice_is_filed_under_every_level_of_its_area(sample_site: Site) -> None:
    item = next(i for i in sample_site.notices if i.notice.notice_id == "ACC-2026-0031")
    assert [v.value for v in values_of(REGION, item, "en")] == ["TLL", "TLL1", "TLL14"]
    site = dataclasses.replace(sample_site, region_levels=(1, 3))
    assert [v.value for v in site_values_of(REGION, item, site)] == ["TLL", "TLL14"]
