"""The facet registry: which values exist and which notices each value carries."""

from __future__ import annotations

from plugins.notices.facets import BUYER, BY_KEY, CPV, FACETS, TYPE, VALUE, values, values_of
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
    assert len(values(TYPE, (), "en")) == 5
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
