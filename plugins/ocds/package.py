"""Release packages: one per procurement and one for the whole site, as JSON files."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from typing import Any

from plugins.config import OcdsConfig
from plugins.notices.jsonfile import item_text, json_chunks
from plugins.notices.output import Chunks
from plugins.notices.site import Published, Site

from .award_ids import award_ids
from .release import Context, Release, notice_releases, release_id

RELEASES_PATH = "ocds/releases.json"
OCDS_VERSION = "1.1"


def ocds_path_for(ocid: str) -> str:
    """Where the release package of one procurement is, relative to the site root."""
    return f"ocds/procurements/{ocid}.json"


def outside_prefixes(site: Site, config: OcdsConfig) -> tuple[Published, ...]:
    """Notices (as first written) whose ocid has none of the accepted prefixes."""
    return tuple(item for item in site.originals() if not config.accepts(item.notice.ocid))


def published_ocids(site: Site, config: OcdsConfig) -> tuple[str, ...]:
    """The accepted ocids of the notices, sorted."""
    return tuple(sorted({i.notice.ocid for i in site.originals() if config.accepts(i.notice.ocid)}))


def procurement_releases(site: Site, config: OcdsConfig) -> dict[str, tuple[Release, ...]]:
    """Every accepted procurement's releases, each notice as first written, oldest first."""
    return dict(each_procurement(site, config))


def each_procurement(site: Site, config: OcdsConfig) -> Iterator[tuple[str, tuple[Release, ...]]]:
    """``procurement_releases`` one procurement at a time, made as asked: 10,000 notices'
    releases as dicts at once are hundreds of megabytes."""
    grouped: dict[str, list[Published]] = defaultdict(list)
    for item in site.originals():
        if config.accepts(item.notice.ocid):
            grouped[item.notice.ocid].append(item)
    for ocid, items in sorted(grouped.items()):
        yield ocid, _procurement(site, items)


def _procurement(site: Site, items: list[Published]) -> tuple[Release, ...]:
    awarded = award_ids(item.notice for item in items)
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
            award_id=awarded.get(item.notice.notice_id),
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


def ocds_files(site: Site, config: OcdsConfig) -> Iterator[tuple[str, Chunks]]:
    """Every OCDS file of the site, one by one: (path relative to the output folder, content).

    Each release is serialised once, for its procurement's package and for the site's; only
    its bytes are kept, since 10,000 notices' releases as dicts are hundreds of megabytes.
    """
    everything: list[tuple[tuple[datetime, str, str], Release, bytes]] = []
    for ocid, releases in each_procurement(site, config):
        path = ocds_path_for(ocid)
        texts = [item_text(release.data).encode("utf-8") for release in releases]
        yield path, json_chunks(release_package(releases, path, site, config), "releases", texts)
        everything += [
            ((r.date, r.ocid, r.id), _slim(r), t) for r, t in zip(releases, texts, strict=True)
        ]
    everything.sort(key=lambda each: each[0])
    if everything:  # a package needs at least one release
        releases = tuple(release for _, release, _ in everything)
        head = release_package(releases, RELEASES_PATH, site, config)
        yield RELEASES_PATH, json_chunks(head, "releases", (text for _, _, text in everything))


def _slim(release: Release) -> Release:
    """The release without its data: what the site's package head needs."""
    return replace(release, data={})
