"""A body's plain text is made once, by the reader beside its HTML, and kept in the store."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from plugins.notices.body import render
from plugins.notices.body_text import plain_text
from plugins.notices.bulk import read_notice, read_notices
from plugins.notices.check import notice_files
from plugins.notices.load import display_path, load_notice
from plugins.notices.store import NoticeStore
from plugins.ocds.description import description
from tests.sites import CONTENT, GOLDEN_CONTENT

BODY = """\
The council wants a caterer for its **day centres**.

## What we need

- hot meals, five days a week
- a menu in Welsh and English

| Site | Meals |
|------|-------|
| Llanafon | 40 |
| Tre-wy | 25 |

> Visits by appointment.

    code stays  as it is
"""


def test_a_body_reads_block_by_block():
    assert plain_text(render(BODY)) == (
        "The council wants a caterer for its day centres.\n\n"
        "What we need\n\n"
        "- hot meals, five days a week\n"
        "- a menu in Welsh and English\n\n"
        "Site | Meals\nLlanafon | 40\nTre-wy | 25\n\n"
        "Visits by appointment.\n\n"
        "code stays  as it is"
    )


def test_a_blank_body_has_no_text():
    assert [plain_text(render(body)) for body in ("", " ", "\n\n", " \n\t\n")] == [""] * 4


def test_the_reader_makes_the_text_ocds_would_render_for(tmp_path: Path):
    """Every sample and golden notice: the reader's text is the description rendered anew."""
    for content in (CONTENT, GOLDEN_CONTENT):
        for path in notice_files(content / "notices"):
            shown = display_path(path, content)
            loaded = load_notice(path, shown).notice
            read = read_notice(path, shown).loaded.notice
            if loaded is None:
                continue
            assert read is not None and read.body_text is not None, shown
            assert description(read) == description(loaded), shown
            assert read.body_text == (plain_text(render(loaded.body)) if loaded.body else "")


def test_the_description_is_the_readers_text_not_the_body_again():
    path = next(iter(notice_files(CONTENT / "notices")))
    notice = read_notice(path, path.name).loaded.notice
    assert notice is not None and notice.body_text
    assert description(replace(notice, body="Another body.")) == notice.body_text
    assert description(replace(notice, body_text="")) == notice.summary
    # A build's read drops the Markdown; a notice loaded without the reader keeps it.
    assert notice.body == ""
    loaded = load_notice(path, path.name).notice
    assert loaded is not None and loaded.body and loaded.body_text is None
    assert description(loaded) == plain_text(render(loaded.body)) == notice.body_text


def test_a_checks_stored_reads_are_read_again_for_a_build(tmp_path: Path):
    """``invoke check`` stores reads without HTML or text; a build does not take them."""
    files = [(path, path.name) for path in notice_files(CONTENT / "notices")]
    store = NoticeStore(tmp_path / "notices.sqlite")
    checked = read_notices(files, store=store, with_html=False, processes=1)
    assert all(r.loaded.notice is None or r.loaded.notice.body_text is None for r in checked)
    built = read_notices(files, store=store, processes=1)
    valid = [(r.html, r.loaded.notice) for r in built if r.loaded.notice is not None]
    assert valid and all(html is not None and n.body_text is not None for html, n in valid)
    assert read_notices(files, store=store, processes=1) == built
