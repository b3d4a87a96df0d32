"""The real corpus round-trips: what each real OCDS release says survives into the release we
publish for the notice imported from it, field by field, for at least 98% of the notices whose
source gives the field; our packages compile into records without colliding ids and are valid
against core and their declared extensions (docs/importing.md gives the measured table).

The corpus is imported once (as ``test_import_real`` does), the notices that pass the check
are assembled into a Site without Pelican, and ``plugins.ocds`` writes their releases."""

from __future__ import annotations

import json
import re
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from ocdskit.combine import merge  # type: ignore[import-untyped]

from plugins.importer.command import import_releases
from plugins.importer.ocds_parts import UK, moment, region_code
from plugins.importer.sources import releases_in
from plugins.ocds.package import ocds_path_for, procurement_releases, release_package
from tests.checks.ocds import package_problems
from tests.checks.ocds_schema import release_schema
from tests.configs import ocds_config
from tests.sites import site_from

CORPUS = Path(__file__).parent / "data" / "real_notices"
PREFIXES = {"OCDS_OCID_PREFIX": ["ocds-b5fd17", "ocds-r6ebe6", "ocds-kuma6s", "ocds-h6vhtk"]}
SURVIVING_AT_LEAST = 0.98
Json = dict[str, Any]
EARLIEST = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Pair:
    """A real release and the release we publish for the notice imported from it."""

    source: Json
    ours: Json


@dataclass(frozen=True)
class Corpus:
    pairs: tuple[Pair, ...]
    packages: dict[str, Json]  # ocid → our release package of that procurement
    releases: dict[str, tuple[Json, ...]]  # ocid → our releases of that procurement


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    root = tmp_path_factory.mktemp("site")
    read = [(r, str(f)) for f in sorted(CORPUS.glob("*/*.json")) for r in releases_in(f)]
    ordered = sorted(read, key=lambda pair: moment(pair[0].get("date")) or EARLIEST)
    outcomes = import_releases(ordered, root / "content", root)
    # What each notice file says now is what the last release written into it said.
    last = {o.written.path.resolve(): src for (src, _), o in zip(ordered, outcomes, strict=True)}
    passing = {o.written.path.resolve() for o in outcomes if o.passes}
    site = site_from(root / "content")
    config = ocds_config(PREFIXES, site)
    releases = procurement_releases(site, config)
    by_id = {(r.ocid, r.id): r.data for group in releases.values() for r in group}
    pairs = []
    for item in site.in_language():
        path = (root / "content" / item.notice.source_path).resolve()
        if path not in passing:
            continue
        pairs.append(Pair(last[path], by_id[(item.notice.ocid, item.notice.notice_id)]))
    packages = {
        ocid: release_package(group, ocds_path_for(ocid), site, config)
        for ocid, group in releases.items()
    }
    ours = {ocid: tuple(r.data for r in group) for ocid, group in releases.items()}
    return Corpus(tuple(pairs), packages, ours)


# -- what a release says, field by field: None when it says nothing of it ----------------------


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value else ""


def _plain(value: str) -> str:
    """Text compared without the markup and spacing a notice body may add."""
    return re.sub(r"[^0-9a-z]+", "", value.lower())


def title(release: Json) -> Any:
    return _text(release.get("tender", {}).get("title")) or None


def description(release: Json) -> Any:
    return _plain(release.get("tender", {}).get("description") or "") or None


def buyer_name(release: Json) -> Any:
    return _text(release.get("buyer", {}).get("name")) or None


SCHEME_ID = re.compile(r"^[A-Z]{2}-[A-Z0-9]+-\S+$")


def buyer_identifier(release: Json) -> Any:
    """The buyer's organisation identifier (a source's only where it has the XX-SCHEME-ID
    form; ours from the buyer party's identifier)."""
    buyer_id = release.get("buyer", {}).get("id")
    for party in release.get("parties", []):
        identifier = party.get("identifier", {})
        if party.get("id") == buyer_id and identifier.get("scheme") and identifier.get("id"):
            return f"{identifier['scheme']}-{identifier['id']}"
    return buyer_id if isinstance(buyer_id, str) and SCHEME_ID.match(buyer_id) else None


def _other_buyer_parties(release: Json) -> list[Json]:
    lead = release.get("buyer", {}).get("id")
    parties = release.get("parties", [])
    buyers = [p for p in parties if "buyer" in p.get("roles", [])]
    if lead is None and len(buyers) == 1:
        return []  # the one buyer party is the buyer (Find a Tender gives no "buyer")
    return [p for p in buyers if p.get("id") != lead]


def other_buyers(release: Json) -> Any:
    """The buyers besides the lead (a joint procurement's), each by name and organisation
    identifier (XX-SCHEME-ID, or None when the party has none), in order."""
    found = [
        (_text(party.get("name")), buyer_identifier({"buyer": party, "parties": [party]}))
        for party in _other_buyer_parties(release)
    ]
    return found or None


def central_purchasing_body(release: Json) -> Any:
    """Whether the buyer is a central purchasing body (its party's role), when it is."""
    lead = release.get("buyer", {}).get("id")
    parties = release.get("parties", [])
    roles = [role for p in parties if p.get("id") == lead for role in p.get("roles", [])]
    return "centralPurchasingBody" in roles or None


def value(release: Json) -> Any:
    found = release.get("tender", {}).get("value", {})
    return (found["amount"], found.get("currency")) if "amount" in found else None


def _codes(item: Json) -> list[str]:
    found = [item.get("classification"), *item.get("additionalClassifications", [])]
    return [c["id"][:8] for c in found if c and c.get("scheme", "CPV") == "CPV" and c.get("id")]


def main_cpv(release: Json) -> Any:
    """The notice's main CPV code: tender.classification where a portal gives it, else the
    first item's first code."""
    tender = release.get("tender", {})
    classification = tender.get("classification") or {}
    if classification.get("scheme", "CPV") == "CPV" and classification.get("id"):
        return classification["id"][:8]
    codes = [code for item in tender.get("items", []) for code in _codes(item)]
    return codes[0] if codes else None


def lot_cpv(release: Json) -> Any:
    """Each lot's CPV codes (its items' codes), lots in their order."""
    tender = release.get("tender", {})
    lots = [lot["id"] for lot in tender.get("lots", [])]
    if not lots:
        return None
    codes: dict[str, set[str]] = {lot: set() for lot in lots}
    for item in tender.get("items", []):
        if item.get("relatedLot") in codes:
            codes[item["relatedLot"]].update(_codes(item))
    found = [codes[lot] for lot in lots]
    return found if any(found) else None


WHOLE_UK = {"uk", "united kingdom", "gb-uk"}


def _region(name: str) -> str:
    """A region as one spelling: a NUTS code (UKM82) as the ITL code of the same area (TLM82),
    an ITL1 region's name (West Midlands) as its code, the whole UK as UK."""
    if name.strip().lower() in WHOLE_UK:
        return "UK"
    code = region_code(name) or name
    return f"TL{code[2:]}" if re.fullmatch(r"UK[C-N][0-9A-Z]*", code) else code


def places(release: Json) -> Any:
    """Every delivery place the items give: region codes or names, postcodes, text."""
    return _places(release.get("tender", {}).get("items", [])) or None


def _places(items: list[Json]) -> set[str]:
    found: set[str] = set()
    for item in items:
        for address in item.get("deliveryAddresses", []):
            found |= {_region(address[k]) for k in ("region", "postalCode") if address.get(k)}
            if address.get("countryName") and not (
                address.get("region") or address.get("postalCode")
            ):
                found.add(_region(address["countryName"]))
        locations = [item.get("deliveryLocation") or {}, *item.get("deliveryLocations", [])]
        for location in locations:
            if location.get("description"):
                found.add(_text(location["description"]))
            found |= set(location.get("gazetteer", {}).get("identifiers", []))
    return found


def _lots(release: Json) -> list[Json]:
    return release.get("tender", {}).get("lots", [])


def lot_places(release: Json) -> Any:
    """Each lot's delivery places (its items'), lots in their order."""
    items = release.get("tender", {}).get("items", [])
    found = [
        _places([i for i in items if i.get("relatedLot") == lot["id"]]) for lot in _lots(release)
    ]
    return found if any(found) else None


def lot_criteria(release: Json) -> Any:
    """Each lot's award criteria: the names, descriptions and numbers of its criteria."""
    found = []
    for lot in _lots(release):
        criteria = lot.get("awardCriteria", {}).get("criteria", [])
        said = {_text(c.get(key)) for c in criteria for key in ("name", "description")}
        numbers = {f"{n['number']:g}" for c in criteria for n in c.get("numbers", [])}
        found.append((said | numbers) - {""})
    return found if any(found) else None


def our_lot_criteria(release: Json) -> Any:
    """Each lot's award criteria in words: its own, else the tender's."""
    shared = release.get("tender", {}).get("awardCriteriaDetails", "")
    found = []
    for lot in _lots(release):
        criteria = lot.get("awardCriteria", {}).get("criteria", [])
        found.append(" ".join(c["description"] for c in criteria) or shared)
    return found


def lot_values(release: Json) -> Any:
    """Each lot's value and its lowest estimate (minValue), lots in their order."""
    found = [
        (lot.get("value", {}).get("amount"), lot.get("minValue", {}).get("amount"))
        for lot in _lots(release)
    ]
    return found if any(value != (None, None) for value in found) else None


def deadline(release: Json) -> Any:
    return moment(release.get("tender", {}).get("tenderPeriod", {}).get("endDate"))


AWARD_TAGS = {"award", "awardUpdate", "contract", "contractUpdate"}


def _awarding(release: Json) -> bool:
    return bool(AWARD_TAGS & set(release.get("tag", [])))


def tender_deadline(release: Json) -> Any:
    """The deadline of a release before award (ours of any release)."""
    return None if _awarding(release) else deadline(release)


def award_deadline(release: Json) -> Any:
    """The tender deadline an award release recalls."""
    return deadline(release) if _awarding(release) else None


def _period(period: Json) -> Any:
    found = {}
    for key in ("startDate", "endDate"):
        when = moment(period.get(key))
        if when:
            found[key] = when.astimezone(UK).date()
    if period.get("durationInDays"):
        found["durationInDays"] = period["durationInDays"]
    return found or None


def contract_period(release: Json) -> Any:
    """The tender's contract period and each lot's, in order."""
    tender = release.get("tender", {})
    found = [_period(tender.get("contractPeriod", {}))]
    found += [_period(lot.get("contractPeriod", {})) for lot in tender.get("lots", [])]
    return found if any(found) else None


def suppliers(release: Json) -> Any:
    awards = release.get("awards", [])
    names = {_text(s.get("name")) for a in awards for s in a.get("suppliers", [])}
    return names - {""} or None


def award_values(release: Json) -> Any:
    """The award's value, for a release of one award (the format's one award decision)."""
    return _award_values(release) if len(release.get("awards", [])) == 1 else None


def several_award_values(release: Json) -> Any:
    """The awards' values, for a release of several (a contract award notice per lot)."""
    return _award_values(release) if len(release.get("awards", [])) > 1 else None


def _award_values(release: Json) -> Any:
    found = {
        (a["value"]["amount"], a["value"].get("currency"))
        for a in release.get("awards", [])
        if "amount" in a.get("value", {})
    }
    return found or None


def _same(source: Any, ours: Any) -> bool:
    return bool(ours) and source == ours


def _within(source: Any, ours: Any) -> bool:
    return bool(ours) and source <= ours


def _described(source: str, ours: str | None) -> bool:
    return bool(ours) and source in str(ours)


def our_lot_cpv(release: Json) -> Any:
    """Each lot's CPV codes; a release without lots is one lot, holding every code (a
    notice of one lot is written as the whole procurement)."""
    codes = lot_cpv(release)
    if codes is None and not release.get("tender", {}).get("lots"):
        items = release.get("tender", {}).get("items", [])
        codes = [{code for item in items for code in _codes(item)}]
    return codes


def _lots_kept(source: list[set[str]], ours: Any) -> bool:
    return (
        bool(ours)
        and len(ours) == len(source)
        and all(s <= o for s, o in zip(source, ours, strict=True))
    )


def _criteria_kept(source: list[set[str]], ours: Any) -> bool:
    """Every name, description and number of each lot's criteria is in its criteria's words."""
    return (
        bool(ours)
        and len(ours) == len(source)
        and all(all(piece in o for piece in s) for s, o in zip(source, ours, strict=True))
    )


def _periods_kept(source: list[Any], ours: Any) -> bool:
    """Every date and length the source gives, on the tender and on each lot (in order).
    A lot's period the tender also gives may stand once, on the tender."""
    if not ours:
        return False
    ours = ours + [None] * (len(source) - len(ours))
    for said, kept in zip(source, ours, strict=False):
        if not said or (kept and said.items() <= kept.items()):
            continue
        if not (ours[0] and said.items() <= ours[0].items()):
            return False
    return True


Getter = Callable[[Json], Any]
FIELDS: dict[str, tuple[Getter, Callable[[Any, Any], bool]]] = {
    "title": (title, _same),
    "description": (description, _described),
    "buyer name": (buyer_name, _same),
    "buyer identifier": (buyer_identifier, _same),
    "other buyers": (other_buyers, _same),
    "central purchasing": (central_purchasing_body, _same),
    "value and currency": (value, _same),
    "main CPV": (main_cpv, lambda s, o: bool(o) and s == o),
    "lot CPV": (lot_cpv, _lots_kept),  # ours by our_lot_cpv (OURS)
    "places": (places, _within),
    "lot places": (lot_places, _lots_kept),
    "lot award criteria": (lot_criteria, _criteria_kept),  # ours by our_lot_criteria (OURS)
    "lot values": (lot_values, _same),
    "tender deadline": (tender_deadline, _same),
    "deadline, awards": (award_deadline, _same),
    "contract period": (contract_period, _periods_kept),
    "award suppliers": (suppliers, _within),
    "award values": (award_values, _within),
    "award values, several awards": (several_award_values, _within),
}
# A contract award notice giving several awards (one per lot or supplier, as Find a
# Tender's UK6s often do) is a notice of several award decisions (``awards``), each an
# award of ours; an award naming no supplier (Find a Tender's ``-1`` for lots it did not
# award) is left out, so ours may be one award holding every value the source gives (OURS).


# Where our release is read differently from the source.
OURS: dict[str, Getter] = {
    "lot CPV": our_lot_cpv,
    "deadline, awards": deadline,
    "lot award criteria": our_lot_criteria,
    "award values, several awards": _award_values,
}


def survival(corpus: Corpus) -> Iterator[tuple[str, int, list[str]]]:
    """(field, notices whose source gives it, the ocids of those where it was lost)."""
    for name, (get, kept) in FIELDS.items():
        said = [(pair, get(pair.source)) for pair in corpus.pairs]
        said = [(pair, found) for pair, found in said if found]
        ours = OURS.get(name, get)
        lost = [pair.source["ocid"] for pair, found in said if not kept(found, ours(pair.ours))]
        yield name, len(said), lost


def test_every_field_survives_for_almost_every_notice(corpus: Corpus) -> None:
    assert len(corpus.pairs) >= 350
    rows = list(survival(corpus))
    print(f"\n{len(corpus.pairs)} notices passing the check\n")
    print(f"{'field':20} {'source has':>10} {'survives':>8} {'share':>7}")
    for name, count, lost in rows:
        share = (count - len(lost)) / count if count else 1.0
        print(f"{name:20} {count:10} {count - len(lost):8} {share:7.1%}  {' '.join(lost[:3])}")
    assert [
        (name, lost) for name, count, lost in rows if len(lost) > count * (1 - SURVIVING_AT_LEAST)
    ] == []


def test_every_package_is_valid_against_core_and_its_extensions(corpus: Corpus) -> None:
    problems = [
        f"{ocid}: {problem}"
        for ocid, package in corpus.packages.items()
        for problem in package_problems(
            ocds_path_for(ocid), json.dumps(package, default=str).encode()
        )
    ]
    assert problems == []


def test_the_packages_compile_into_records_without_colliding_ids(corpus: Corpus) -> None:
    collisions = []
    for ocid, package in corpus.packages.items():
        package = json.loads(json.dumps(package, default=str))
        schema = release_schema(frozenset(package.get("extensions", [])))
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # ocdskit warns of a duplicate id within an array
            (record,) = merge([package], schema=schema)
        collisions += [f"{ocid}: {problem}" for problem in _collisions(record)]
        collisions += [f"{ocid}: {p}" for p in _said_twice(corpus.releases[ocid])]
    assert collisions == []


def _collisions(record: Json) -> list[str]:
    """Ids two awards, contracts or documents of one compiled record share."""
    seen: dict[str, list[str]] = defaultdict(list)
    for award in record.get("awards", []):
        seen[f"award {award['id']}"].append("award")
        for document in award.get("documents", []):
            seen[f"document {document['id']}"].append(f"award {award['id']}")
    for contract in record.get("contracts", []):
        seen[f"contract {contract['id']}"].append("contract")
        for document in contract.get("documents", []):
            seen[f"document {document['id']}"].append(f"contract {contract['id']}")
    for document in record.get("tender", {}).get("documents", []):
        seen[f"document {document['id']}"].append("tender")
    return sorted(f"{key} ({', '.join(where)})" for key, where in seen.items() if len(where) > 1)


def _said_twice(releases: tuple[Json, ...]) -> list[str]:
    """Ids that releases of one procurement give to objects saying different things (merge
    would make them one object)."""
    said: dict[str, set[str]] = defaultdict(set)
    for data in releases:
        for award in data.get("awards", []):
            named = sorted(s["id"] for s in award.get("suppliers", []))
            said[f"award {award['id']}"].add(repr(named))
            if award.get("value"):
                said[f"award value {award['id']}"].add(repr(award["value"]))
        for contract in data.get("contracts", []):
            said[f"contract {contract['id']}"].add(contract["awardID"])
        holders = [("tender", data.get("tender", {}))]
        holders += [(f"award {a['id']}", a) for a in data.get("awards", [])]
        holders += [(f"contract {c['id']}", c) for c in data.get("contracts", [])]
        for where, holder in holders:
            for document in holder.get("documents", []):
                said[f"document {document['id']}"].add(f"{where} {document.get('url')}")
    return sorted(f"{key}: {sorted(found)}" for key, found in said.items() if len(found) > 1)
