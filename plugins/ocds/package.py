"""Release packages: one per procurement and one for the whole site, as JSON files."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from plugins.notices.jsonfile import json_bytes as dumps
from plugins.notices.site import Published, Site

from .release import AWARD_TYPES, Context, Release, notice_releases, release_id
from .settings import OcdsConfig

RELEASES_PATH = "ocds/releases.json"
OCDS_VERSION = "1.1"


def ocds_path_for(ocid: str) -> str:
    """Where the release package of one procurement is, relative to the site root."""
    return f"ocds/procurements/{ocid}.json"


def outside_prefixes(site: Site, config: OcdsConfig) -> tuple[Published, ...]:
    """Default-language notices whose ocid has none of the accepted prefixes."""
    return tuple(item for item in site.in_language() if not config.accepts(item.notice.ocid))


def published_ocids(site: Site, config: OcdsConfig) -> tuple[str, ...]:
    """The accepted ocids that have notices in the default language, sorted."""
    return tuple(
        sorted({i.notice.ocid for i in site.in_language() if config.accepts(i.notice.ocid)})
    )


def procurement_releases(site: Site, config: OcdsConfig) -> dict[str, tuple[Release, ...]]:
    """Every accepted procurement's releases in the default language, oldest first."""
    grouped: dict[str, list[Published]] = defaultdict(list)
    for item in site.in_language():
        if config.accepts(item.notice.ocid):
            grouped[item.notice.ocid].append(item)
    return {ocid: _procurement(site, items) for ocid, items in sorted(grouped.items())}


def _procurement(site: Site, items: list[Published]) -> tuple[Release, ...]:
    # One award per procurement: the first award notice's (a UK7 confirms a UK5 or UK6).
    award_id = next(
        (i.notice.notice_id for i in items if i.notice.notice_type in AWARD_TYPES), None
    )
    dated = sorted(
        (at, this_id)
        for item in items
        for at, this_id in [
            (item.notice.published, release_id(item.notice.notice_id)),
            *((c.date, release_id(item.notice.notice_id, c.number)) for c in item.notice.changes),
        ]
    )
    releases: list[Release] = []
    for item in items:
        before = [this_id for at, this_id in dated if at < item.notice.published]
        context = Context(
            site=site,
            award_id=award_id,
            previous_release=before[-1] if before else None,
            translations=_translations(site, item),
        )
        releases.extend(notice_releases(item, context))
    return tuple(sorted(releases, key=lambda r: (r.date, r.id)))


def _translations(site: Site, item: Published) -> tuple[Published, ...]:
    notice = item.notice
    return tuple(
        other
        for lang, _ in item.translations
        for other in site.procurement(notice.ocid, lang)
        if other.notice.notice_id == notice.notice_id
    )


def release_package(
    releases: tuple[Release, ...], path: str, site: Site, config: OcdsConfig
) -> dict[str, Any]:
    """A release package published at ``path``; its date is its latest release or edit."""
    published: datetime = max(max(r.date, r.modified) for r in releases)
    extensions = sorted(set().union(*(r.extensions for r in releases)))
    package = {
        "uri": site.absolute(path),
        "version": OCDS_VERSION,
        "extensions": extensions,
        "publishedDate": published.isoformat(),
        "publisher": config.publisher,
        "license": config.license,
        "publicationPolicy": config.publication_policy,
        "releases": [release.data for release in releases],
    }
    return {key: value for key, value in package.items() if value not in (None, [])}


def ocds_files(site: Site, config: OcdsConfig) -> dict[str, bytes]:
    """Every OCDS file of the site: {path relative to the output folder: content}."""
    procurements = procurement_releases(site, config)
    files = {
        ocds_path_for(ocid): dumps(release_package(releases, ocds_path_for(ocid), site, config))
        for ocid, releases in procurements.items()
    }
    everything = tuple(
        sorted(
            (r for releases in procurements.values() for r in releases),
            key=lambda r: (r.date, r.ocid, r.id),
        )
    )
    if everything:  # a package needs at least one release
        files[RELEASES_PATH] = dumps(release_package(everything, RELEASES_PATH, site, config))
    return files
