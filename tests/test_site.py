"""The published site as plain data: paths, translations, procurements."""

from __future__ import annotations

from plugins.notices.derive import Status
from plugins.notices.site import Site


def test_sample_site_holds_every_published_notice_oldest_first(sample_site: Site):
    published = [item.notice.published for item in sample_site.notices]
    assert published == sorted(published)
    assert len(sample_site.in_language("en")) == 35
    assert len(sample_site.in_language("cy")) == 1


def test_welsh_and_english_versions_point_at_each_other(sample_site: Site):
    (welsh,) = sample_site.in_language("cy")
    english = next(
        item
        for item in sample_site.in_language("en")
        if item.notice.notice_id == welsh.notice.notice_id
    )
    assert welsh.path == f"cy/notices/{welsh.notice.slug}/"
    assert welsh.translations == (("en", english.path),)
    assert english.translations == (("cy", welsh.path),)


def test_a_procurement_is_its_notices_in_order(sample_site: Site):
    chain = sample_site.procurement("ocds-h6vhtk-1b2e40")
    assert [item.notice.notice_type.value for item in chain] == [
        "UK2",
        "UK3",
        "UK4",
        "UK6",
        "UK7",
        "UK10",
    ]
    tender = chain[2]
    assert tender.facets.status is Status.AWARDED


def test_absolute_links_use_the_canonical_address(sample_site: Site):
    assert sample_site.absolute("notices/x/") == "https://contracts.afonwy.gov.uk/notices/x/"
    assert sample_site.host == "contracts.afonwy.gov.uk"
