"""``notices.json``: every published notice with its derived facets, for data users."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from plugins.notices.derive import closing_deadline, main_value
from plugins.notices.formatting import notice_label
from plugins.notices.jsonfile import item_text, json_chunks, rfc3339
from plugins.notices.model import Money
from plugins.notices.record import change_json
from plugins.notices.site import Published, Site

PATH = "notices.json"
VERSION = 1


def notices_index(site: Site) -> bytes:
    """The index as JSON: notices in all languages, oldest first."""
    return b"".join(notices_index_chunks(site))


def notices_index_chunks(site: Site) -> Iterator[bytes]:
    """``notices_index`` in pieces, a notice at a time."""
    head = {
        "version": VERSION,
        "generated": rfc3339(site.clock),
        "site": {"name": site.name, "url": site.url, "language": site.default_lang},
        "notices": None,
    }
    return json_chunks(head, "notices", (item_text(_entry(i, site)) for i in site.notices))


def _entry(item: Published, site: Site) -> dict[str, Any]:
    notice, facets = item.notice, item.facets
    closing = closing_deadline(notice)
    return {
        "id": notice.notice_id,
        "language": notice.lang,
        "ocid": notice.ocid,
        "type": notice.notice_type.value,
        "type_label": notice_label(notice, notice.lang),
        "group": notice.notice_type.group.value,
        "title": notice.title,
        "summary": notice.summary,
        "url": site.absolute(item.path),
        "published": rfc3339(notice.published),
        "updated": rfc3339(notice.updated),
        "buyer": {
            "name": notice.buyer.name,
            "id": notice.buyer.id,
            "slug": facets.buyer_slug,
            "central_purchasing_body": notice.buyer.central_purchasing_body,
        },
        "joint_buyers": [{"name": other.name, "id": other.id} for other in notice.joint_buyers],
        "status": facets.status.value,
        "value": money_json(main_value(notice)),
        "value_band": facets.value_band.value,
        "cpv": [{"code": cpv.code, "label": cpv.label} for cpv in notice.cpv],
        "cpv_divisions": list(facets.cpv_divisions),
        "regions": [{"code": region.code, "name": region.name} for region in notice.regions],
        "itl1_regions": list(facets.itl1_regions),
        "deadlines": [
            {"kind": deadline.kind.value, "at": rfc3339(deadline.at)}
            for deadline in notice.deadlines
        ],
        "closing_deadline": rfc3339(closing.at) if closing else None,
        "changes": len(notice.changes),
        "translations": [
            {"language": lang, "url": site.absolute(path)} for lang, path in item.translations
        ],
        "record": {
            "facts": {name: json.loads(text) for name, text in notice.facts},
            "changes": [change_json(change) for change in notice.changes],
        },
    }


def money_json(money: Money | None) -> dict[str, str] | None:
    """Amount excluding VAT as a decimal string (no float rounding), with its currency."""
    if money is None:
        return None
    return {"amount": str(money.amount), "currency": money.currency}
