"""OCDS that round-trips: ocdskit compiles each procurement's package into one record.

The compiled release (OCDS merge: the latest value of each field wins, objects in arrays
merge by id) must keep what the notices say: title, description, buyer, value, CPV codes
(main and per lot), places, deadlines, contract period, each award's suppliers and value;
and no two awards, contracts or documents may share an id while saying different things.
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest
from ocdskit.combine import merge

from plugins.notices.model import DeadlineKind, Notice
from plugins.notices.site import Site
from plugins.ocds.award_ids import award_ids
from plugins.ocds.description import description
from plugins.ocds.package import ocds_path_for, procurement_releases, release_package
from plugins.ocds.parties import party_id
from plugins.ocds.release import Release
from plugins.ocds.values import value
from tests.checks.ocds_schema import release_schema
from tests.configs import ocds_config
from tests.sites import site_from
from tests.test_ocds_awards import _second_award, _site_with

PREFIXES = {"OCDS_OCID_PREFIX": ["ocds-h6vhtk", "ocds-a1fnwy"]}
SITE = site_from()
OCIDS = sorted({item.notice.ocid for item in SITE.in_language()})


def compiled(site: Site, ocid: str) -> tuple[dict[str, Any], tuple[Release, ...]]:
    """The compiled release of one procurement, as ``ocdskit`` makes it, and its releases."""
    config = ocds_config(PREFIXES, site)
    releases = procurement_releases(site, config)[ocid]
    package = release_package(releases, ocds_path_for(ocid), site, config)
    schema = release_schema(frozenset(package.get("extensions", [])))  # no network
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a duplicate id within an array is a warning
        (record,) = merge([package], schema=schema)
    return record, releases


def _notices_in_release_order(site: Site, releases: tuple[Release, ...]) -> list[Notice]:
    """The notice behind each release, in the order OCDS merge applies them."""
    by_id = {item.notice.notice_id: item.notice for item in site.in_language()}
    ordered = sorted(releases, key=lambda r: r.date)
    return [by_id[r.id.split("-change-")[0]] for r in ordered]


def _last(notices: list[Notice], get: Callable[[Notice], Any]) -> Any:
    """What the latest notice that says something about it says (merge keeps the latest)."""
    found = [get(n) for n in notices if get(n)]
    return found[-1] if found else None


def _codes(item: dict[str, Any]) -> list[str]:
    return [
        c["id"]
        for c in [item.get("classification"), *item.get("additionalClassifications", [])]
        if c
    ]


def _ids(record: dict[str, Any], part: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(where, object) of every object with an id in the parts that hold documents."""
    tender = record.get("tender", {})
    holders = [("tender", tender), *((f"awards/{a['id']}", a) for a in record.get("awards", []))]
    holders += [(f"contracts/{c['id']}", c) for c in record.get("contracts", [])]
    if part == "documents":
        for where, holder in holders:
            for document in holder.get("documents", []):
                yield where, document
    else:
        for thing in record.get(part, []):
            yield part, thing


@pytest.mark.parametrize("ocid", OCIDS)
def test_the_compiled_record_keeps_what_the_notices_say(ocid):
    record, releases = compiled(SITE, ocid)
    notices = _notices_in_release_order(SITE, releases)
    latest = notices[-1]
    tender = record["tender"]
    assert tender["title"] == latest.title
    assert tender["description"] == description(latest)
    assert record["buyer"] == {"id": latest.buyer.id, "name": latest.buyer.name}
    buyer = next(p for p in record["parties"] if p["id"] == latest.buyer.id)
    assert f"{buyer['identifier']['scheme']}-{buyer['identifier']['id']}" == latest.buyer.id
    assert tender.get("value") == value(_last(notices, lambda n: n.value))
    _check_items(tender, notices)
    deadline = _last(notices, lambda n: n.deadline(DeadlineKind.TENDER))
    assert tender.get("tenderPeriod", {}).get("endDate") == (deadline and deadline.isoformat())
    period = _last(notices, lambda n: n.contract_period)
    assert ("contractPeriod" in tender) == bool(period)
    if period:
        assert tender["contractPeriod"]["startDate"][:10] == period.start.isoformat()
        assert tender["contractPeriod"]["endDate"][:10] == period.end.isoformat()
    _check_awards(record, notices)


def _check_items(tender: dict[str, Any], notices: list[Notice]) -> None:
    items = {item["id"]: item for item in tender.get("items", [])}
    cpv = _last(notices, lambda n: n.cpv)
    if cpv:
        assert _codes(items["1"])[0] == cpv[0].code[:8]  # the main code
        assert {c.code[:8] for c in cpv} <= set(_codes(items["1"]))
    lots = _last(notices, lambda n: n.lots)
    for lot in lots or ():
        assert items[f"lot-{lot.id}"]["relatedLot"] == lot.id
        assert {c.code[:8] for c in lot.cpv} <= set(_codes(items[f"lot-{lot.id}"]))
        assert {lot_["id"] for lot_ in tender["lots"]} >= {lot.id}
    regions = _last(notices, lambda n: n.regions)
    for item in items.values() if regions else ():
        (location,) = item["deliveryLocations"]
        assert location["gazetteer"]["identifiers"] == [r.code for r in regions]


def _check_awards(record: dict[str, Any], notices: list[Notice]) -> None:
    ids = award_ids(notices)
    awards = {award["id"]: award for award in record.get("awards", [])}
    for notice in notices:
        if notice.notice_id not in ids or (notice.award is None and not notice.suppliers):
            continue
        award_id = ids[notice.notice_id]
        if notice.notice_type.value in ("UK10", "UK11"):
            continue  # a contract's award, named by its contract
        award = awards[award_id]
        suppliers = {s["id"] for s in award["suppliers"]}
        assert suppliers == {party_id(s) for s in notice.suppliers}, notice.notice_id
        if notice.award and notice.award.value:
            said = _last(
                [n for n in notices if ids.get(n.notice_id) == award_id],
                lambda n: n.award and n.award.value,
            )
            assert award["value"] == value(said)


@pytest.mark.parametrize("ocid", OCIDS)
def test_no_two_awards_contracts_or_documents_collide(ocid):
    _, releases = compiled(SITE, ocid)
    assert _collisions(releases) == []


def _collisions(releases: tuple[Release, ...]) -> list[str]:
    """Ids given to objects that say different things in different releases."""
    said: dict[tuple[str, str], set[str]] = defaultdict(set)
    for release in releases:
        data = release.data
        for award in data.get("awards", []):
            said[("award", award["id"])].add(
                repr(sorted(s["id"] for s in award.get("suppliers", [])))
            )
            said[("award value", award["id"])].add(repr(award.get("value")))
        for contract in data.get("contracts", []):
            said[("contract", contract["id"])].add(contract["awardID"])
        for where, document in _ids(data, "documents"):
            said[("document", document["id"])].add(document.get("url", ""))
            said[("document place", document["id"])].add(where)
    # A UK7 may leave the award's value out (it gives the contract's): only values that differ.
    return sorted(
        f"{kind} {object_id!r}: {sorted(values)}"
        for (kind, object_id), values in said.items()
        if len(values - {"None"}) > 1
    )


def test_two_award_notices_compile_into_two_awards(sample_site):
    site = _site_with(sample_site, _second_award(sample_site))
    record, releases = compiled(site, "ocds-h6vhtk-1b2e40")
    values = {award["id"]: award["value"]["amount"] for award in record["awards"]}
    assert values == {"ACC-2026-0004": 23412000, "ACC-2026-0005": 188000}
    assert _collisions(releases) == []


def test_the_collision_check_sees_two_awards_sharing_an_id(sample_site):
    site = _site_with(sample_site, _second_award(sample_site))
    _, releases = compiled(site, "ocds-h6vhtk-1b2e40")
    same = tuple(
        replace(
            r, data={**r.data, "awards": [{**a, "id": "ACC-2026-0004"} for a in r.data["awards"]]}
        )
        if r.id == "ACC-2026-0005"
        else r
        for r in releases
    )
    assert any(problem.startswith("award 'ACC-2026-0004'") for problem in _collisions(same))


def test_the_site_package_compiles_into_one_record_per_procurement():
    config = ocds_config(PREFIXES, SITE)
    everything = tuple(
        sorted(
            (r for group in procurement_releases(SITE, config).values() for r in group),
            key=lambda r: (r.date, r.ocid, r.id),
        )
    )
    package = release_package(everything, "ocds/releases.json", SITE, config)
    schema = release_schema(frozenset(package["extensions"]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        records = list(merge([package], schema=schema))
    assert sorted(record["ocid"] for record in records) == OCIDS
