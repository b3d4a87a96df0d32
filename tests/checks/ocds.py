"""Checks of every OCDS file in a built output folder against the official 1.1.5 schemas.

Each file under ``ocds/`` is validated as a release package with ``jsonschema``'s
Draft4Validator, against the core schemas with the extensions the package declares merged
in (``ocds_schema.py``). The package schema refers to the release schema by its absolute
``id``, so both are registered under their ids in a ``referencing`` registry and resolve
from the copies in ``plugins/ocds/data/``, never from the network. Date-times are checked only
if ``rfc3339-validator`` is installed, so its absence is itself a problem. On top of the
schema: release ids are unique per ocid, a procurement's file holds only that ocid, the
package ``uri`` names the file, open code lists use known codes, and references between
parts of a release (buyer, suppliers, lots) point at something.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator, FormatChecker, ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from plugins.ocds.extensions import extensions_used
from tests.checks.ocds_schema import core_schema, release_schema, unknown_extensions

DATA = Path(__file__).parent.parent.parent / "plugins" / "ocds" / "data"
PROCUREMENTS = "ocds/procurements/"
# Open code lists whose codes Noticeboard takes from the OCDS lists: field → code list.
OPEN_CODELISTS = {
    "documentType": "documentType.csv",
    "roles": "partyRole.csv",
    "scheme": "itemClassificationScheme.csv",
    "submissionMethod": "submissionMethod.csv",
}
# Codes Noticeboard adds to an open code list: a central purchasing body's party role, as
# OCDS 1.2 adds it to partyRole (open-contracting/standard#1225, from the EU profile).
ADDED_CODES = {"partyRole.csv": frozenset({"centralPurchasingBody"})}


@cache
def package_validator(declared: frozenset[str] = frozenset()) -> Draft4Validator:
    """A validator for release packages declaring ``declared`` extensions, from disk."""
    release, package = release_schema(declared), core_schema("release-package-schema.json")
    registry = Registry().with_resources(
        (schema["id"], Resource.from_contents(schema, default_specification=DRAFT4))
        for schema in (release, package)
    )
    return Draft4Validator(package, registry=registry, format_checker=FormatChecker())


@cache
def codes(codelist: str) -> frozenset[str]:
    """The code list's codes, with those Noticeboard adds and those an extension we copy
    adds (its ``codelists/+<name>``, as the UK extension's implementationNotice)."""
    listed = _listed(DATA / "codelists" / codelist)
    for added in sorted((DATA / "extensions").glob(f"*/codelists/+{codelist}")):
        listed |= _listed(added)
    return listed | ADDED_CODES.get(codelist, frozenset())


def _listed(path: Path) -> frozenset[str]:
    with path.open(encoding="utf-8", newline="") as file:
        return frozenset(row["Code"] for row in csv.DictReader(file))


def ocds_problems(output: Path) -> list[str]:
    """Every problem of every JSON file under ``output/ocds``, each prefixed with its path."""
    files = sorted((output / "ocds").rglob("*.json"))
    if not files:
        return ["ocds/: no OCDS files"]
    return [
        f"{path.relative_to(output).as_posix()}: {problem}"
        for path in files
        for problem in package_problems(path.relative_to(output).as_posix(), path.read_bytes())
    ]


def package_problems(path: str, content: bytes) -> list[str]:
    """Everything wrong with one release package published at ``path`` (from the site root)."""
    problems = format_checker_problems()
    try:
        package = json.loads(content.decode("utf-8"))
    except ValueError as error:
        return [*problems, f"not UTF-8 JSON: {error}"]
    problems += schema_problems(package)
    if not isinstance(package, dict) or not isinstance(package.get("releases"), list):
        return problems
    releases = [r for r in package["releases"] if isinstance(r, dict)]
    problems += identity_problems(path, package, releases)
    problems += undeclared_problems(package, releases)
    for index, release in enumerate(releases):
        problems += [f"releases/{index}: {p}" for p in release_problems(release)]
    return problems


def format_checker_problems() -> list[str]:
    if "date-time" in FormatChecker().checkers:
        return []
    return ["date-times are not checked: install rfc3339-validator (pip install -e '.[dev]')"]


def schema_problems(package: Any) -> list[str]:
    declared = package.get("extensions", []) if isinstance(package, dict) else []
    declared = declared if isinstance(declared, list) else []
    named = frozenset(url for url in declared if isinstance(url, str))
    errors = package_validator(named).iter_errors(package)
    return unknown_extensions(declared) + sorted(
        f"{'/'.join(map(str, error.absolute_path)) or '(package)'}: {_message(error)}"
        for error in errors
    )


def _message(error: ValidationError) -> str:
    # The currency list has 303 codes: name the value, not the whole list.
    if error.validator == "enum" and len(error.validator_value) > 20:
        return f"{error.instance!r} is not in the schema's code list"
    return error.message


def identity_problems(path: str, package: dict[str, Any], releases: list[dict]) -> list[str]:
    """Unique release ids per ocid; a procurement file holds its own ocid; uri names the file."""
    problems = [
        f"release id {release_id!r} appears {count} times for ocid {ocid}"
        for (ocid, release_id), count in sorted(
            Counter((r.get("ocid"), r.get("id")) for r in releases).items(), key=str
        )
        if count > 1
    ]
    if path.startswith(PROCUREMENTS):
        ocid = path.removeprefix(PROCUREMENTS).removesuffix(".json")
        problems += [
            f"releases/{i}: ocid {r.get('ocid')!r} in the file of procurement {ocid}"
            for i, r in enumerate(releases)
            if r.get("ocid") != ocid
        ]
    uri = package.get("uri")
    if not (
        isinstance(uri, str)
        and uri.startswith(("https://", "http://"))
        and uri.endswith(f"/{path}")
    ):
        problems.append(f"uri {uri!r} is not the absolute address of {path}")
    return problems


def undeclared_problems(package: dict[str, Any], releases: list[dict]) -> list[str]:
    """Fields of an extension the package does not declare (they went unvalidated)."""
    declared = set(package.get("extensions") or [])
    return [
        f"releases/{index}: uses {url} without declaring it in the package's extensions"
        for index, release in enumerate(releases)
        for url in sorted(extensions_used(release) - declared)
    ]


def release_problems(release: dict[str, Any]) -> list[str]:
    """Codes from open code lists, and references inside one release."""
    return [*_codelist_problems(release), *_reference_problems(release)]


def _codelist_problems(release: dict[str, Any]) -> Iterator[str]:
    for where, key, value in _walk(release):
        codelist = OPEN_CODELISTS.get(key)
        if codelist is None or (key == "scheme" and "classification" not in where.lower()):
            continue
        for code in value if isinstance(value, list) else [value]:
            if code not in codes(codelist):
                yield f"{where}/{key}: {code!r} is not in the OCDS code list {codelist}"


def _walk(value: Any, where: str = "") -> Iterator[tuple[str, str, Any]]:
    """(path of the parent, key, value) of every member of every object, depth first."""
    if isinstance(value, dict):
        for key, member in value.items():
            yield where, key, member
            yield from _walk(member, f"{where}/{key}" if where else key)
    elif isinstance(value, list):
        for index, member in enumerate(value):
            yield from _walk(member, f"{where}/{index}")


def _reference_problems(release: dict[str, Any]) -> Iterator[str]:
    parties = {party.get("id") for party in release.get("parties", [])}
    buyer = release.get("buyer", {}).get("id")
    if buyer is not None and buyer not in parties:
        yield f"buyer/id: {buyer!r} is not the id of a party"
    for a, award in enumerate(release.get("awards", [])):
        for s, supplier in enumerate(award.get("suppliers", [])):
            if supplier.get("id") not in parties:
                yield f"awards/{a}/suppliers/{s}/id: {supplier.get('id')!r} is not a party"
    lots = {lot.get("id") for lot in release.get("tender", {}).get("lots", [])}
    for where, key, value in _walk(release):
        if key == "relatedLot" and value not in lots:
            yield f"{where}/relatedLot: {value!r} is not a lot of the tender"
