"""Search filters: what a notice page tells Pagefind, and the search page's choices."""

from __future__ import annotations

from dataclasses import replace

from plugins.notices.facets import FACETS
from plugins.notices.site import Site
from plugins.site_pages.plan import plan
from plugins.site_pages.search import LANGUAGE, facts_of, filters_of


def test_a_notice_is_filtered_by_every_facet_value_and_its_language(sample_site: Site) -> None:
    for item in sample_site.notices:
        filters = filters_of(item)
        assert filters[-1] == (LANGUAGE, item.lang)
        for facet in FACETS:
            assert [v for k, v in filters if k == facet.key] == list(facet.of(item)), item.path


def test_filter_values_are_codes_a_pagefind_attribute_can_hold(sample_site: Site) -> None:
    for item in sample_site.notices:
        for key, value in filters_of(item):
            assert value and not set(value) & set(",:\"'<>& "), (key, value)


def test_only_notice_pages_have_filters(sample_site: Site) -> None:
    site_plan = plan(sample_site)
    item = sample_site.notices[0]
    assert site_plan.search_filters(item.path) == filters_of(item)
    assert site_plan.search_filters("about/") == ()


def test_the_search_page_offers_every_value_of_the_notices_with_its_listing(
    sample_site: Site,
) -> None:
    site_plan = plan(sample_site)
    offered = {f.key: f for f in site_plan.search_facets("Language")}
    # Every notice of the sample is in English, so an English reader reads them all in it.
    assert list(offered) == [facet.key for facet in FACETS]
    for item in sample_site.in_language():
        for key, value in filters_of(item)[:-1]:
            assert value in {c.value for c in offered[key].choices}, (key, value)
    listings = {listing.path for listing in site_plan.listings}
    for facet in offered.values():
        assert facet.heading
        for choice in facet.choices:
            assert choice.listing is None or choice.listing in listings, choice
    status = {c.value: c.listing for c in offered["status"].choices}
    assert status["open"] == "" and status["awarded"] == "status/awarded/"


def test_the_welsh_search_page_offers_welsh_filters_and_the_languages_of_its_notices(
    sample_site: Site,
) -> None:
    welsh = plan(sample_site, "cy")
    offered = {f.key: f for f in welsh.search_facets("Iaith")}
    assert list(offered) == [*(facet.key for facet in FACETS), LANGUAGE]
    assert offered["status"].heading == "Statws"
    # Welsh text first: the Welsh notices, then those a Welsh reader finds in English.
    assert [c.value for c in offered[LANGUAGE].choices] == ["cy", "en"]
    assert [c.name for c in offered[LANGUAGE].choices] == ["Cymraeg", "English"]
    # Each language's listings hold every notice a reader finds: none is one language's.
    assert [c.listing for c in offered[LANGUAGE].choices] == [None, None]
    listings = {listing.path for listing in welsh.listings}
    for facet in offered.values():
        for choice in facet.choices:
            assert choice.listing is None or choice.listing in listings, choice
    status = {c.value: c.listing for c in offered["status"].choices}
    assert status["open"] == "cy/" and status["awarded"] == "cy/status/awarded/"


def test_a_notice_page_is_filtered_by_the_language_of_its_text(sample_site: Site) -> None:
    bilingual = replace(sample_site, languages=("en", "cy"))
    welsh = plan(bilingual, "cy")
    for item in bilingual.for_reader("cy"):
        page = bilingual.page_of(item, "cy")
        assert page.startswith("cy/")
        assert welsh.search_filters(page)[-1] == (LANGUAGE, item.lang), page


def test_a_translation_is_filtered_by_its_originals_facts(sample_site: Site) -> None:
    bilingual = replace(sample_site, languages=("en", "cy"))
    welsh = [item for item in bilingual.notices if item.lang == "cy"]
    assert welsh
    for item in welsh:
        original = facts_of(bilingual, item)
        assert original.lang == "en" and original.notice.notice_id == item.notice.notice_id
        filters = plan(bilingual, "cy").search_filters(item.path)
        assert filters == (*filters_of(original)[:-1], (LANGUAGE, "cy"))
        # So the Welsh page's buyer filter, named from the originals, finds it.
        offered = {f.key: f for f in plan(bilingual, "cy").search_facets("Iaith")}
        for key, value in filters[:-1]:
            assert value in {c.value for c in offered[key].choices}, (key, value)
