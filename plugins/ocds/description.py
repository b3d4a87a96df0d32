"""A notice's full description for OCDS: its body as plain text, paragraph by paragraph.

The reader makes the text beside the page's HTML (``Notice.body_text``,
``plugins/notices/body_text.py``); a notice built without the reader (a script, a test) has
its body rendered here. A notice without a body is described by its summary.
"""

from __future__ import annotations

from plugins.notices.body import render
from plugins.notices.body_text import plain_text
from plugins.notices.model import Notice


def description(notice: Notice) -> str:
    """The body as plain text, or the summary when there is no body."""
    return _body_text(notice) or notice.summary


def _body_text(notice: Notice) -> str:
    if notice.body_text is not None:
        return notice.body_text
    return plain_text(render(notice.body)) if notice.body.strip() else ""
