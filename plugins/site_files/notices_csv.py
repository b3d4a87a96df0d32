"""``notices.csv``: the notices of ``notices.json`` as one flat row each, for spreadsheets."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence

from plugins.notices.derive import closing_deadline, main_value
from plugins.notices.formatting import notice_label
from plugins.notices.jsonfile import rfc3339
from plugins.notices.model import JointBuyer
from plugins.notices.site import Published, Site
from plugins.opendata.notices_index import money_json

PATH = "notices.csv"
COLUMNS = (
    "id",
    "language",
    "ocid",
    "type",
    "type_label",
    "title",
    "summary",
    "url",
    "published",
    "updated",
    "buyer",
    "status",
    "value_amount",
    "value_currency",
    "value_band",
    "cpv_codes",
    "regions",
    "closing_deadline",
    "buyer_central_purchasing_body",
    "joint_buyers",
)
SEPARATOR = "; "  # between the codes in one cell
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # so Excel reads the file as UTF-8, Welsh letters and all


def notices_csv(site: Site) -> bytes:
    """The CSV file whole: notices in all languages, oldest first, as in notices.json."""
    return b"".join(notices_csv_chunks(site))


def notices_csv_chunks(site: Site) -> Iterator[bytes]:
    """``notices_csv`` a row at a time."""
    yield (BOM + _line(COLUMNS)).encode("utf-8")
    for item in site.notices:
        yield _line(row(item, site)).encode("utf-8")


def row(item: Published, site: Site) -> tuple[str, ...]:
    """One notice's cells, in the order of ``COLUMNS``, guarded against formulas."""
    notice, facets = item.notice, item.facets
    closing = closing_deadline(notice)
    value = money_json(main_value(notice)) or {"amount": "", "currency": ""}
    cells = (
        notice.notice_id,
        notice.lang,
        notice.ocid,
        notice.notice_type.value,
        notice_label(notice, notice.lang),
        notice.title,
        notice.summary,
        site.absolute(item.path),
        rfc3339(notice.published),
        rfc3339(notice.updated),
        notice.buyer.name,
        facets.status.value,
        value["amount"],
        value["currency"],
        facets.value_band.value,
        SEPARATOR.join(cpv.code for cpv in notice.cpv),
        SEPARATOR.join(region.code for region in notice.regions),
        rfc3339(closing.at) if closing else "",
        "true" if notice.buyer.central_purchasing_body else "false",
        SEPARATOR.join(joint_buyer_cell(other) for other in notice.joint_buyers),
    )
    return tuple(guarded(cell) for cell in cells)


def joint_buyer_cell(buyer: JointBuyer) -> str:
    """Another buyer as its name, with its organisation id in brackets when it has one."""
    return f"{buyer.name} ({buyer.id})" if buyer.id else buyer.name


def guarded(cell: str) -> str:
    """The cell with a ``'`` in front when a spreadsheet would take it for a formula."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def _line(cells: Sequence[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(cells)  # RFC 4180: quoted where needed, CRLF line ends
    return buffer.getvalue()
