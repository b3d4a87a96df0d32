"""A linear screen of a Markdown body: could rendering and sanitising it give anything to report?

Rendering with Python-Markdown is most of what checking a notice costs. What the check reports
(``body_removed.py``) can only come from raw HTML or autolinks (``<``), attribute lists
(``{``), entities (``&``), images, footnotes and abbreviations, a link whose address has a
scheme other than https, http, mailto or tel, or a level-1 heading. A body with none of these
cannot give a problem, so ``invoke check`` need not render it; the build still renders every
body for its page. The screen is conservative: whatever it is unsure of is rendered.
"""

from __future__ import annotations

import re

# Raw HTML, autolinks, attribute lists, entities, images, footnotes, abbreviations.
_TRIGGERS = re.compile(r"[<{&]|!\[|\[\^|\*\[")
# '#' opening a line (after list or quote markers) but not '##'; or a setext '===' underline.
_LEVEL_ONE = re.compile(r"^[ \t>*+\-0-9.)]*#(?!#)|^[ \t>]*=+[ \t]*$", re.MULTILINE)
# What follows '](' up to the line's first ')', and what follows a reference definition's ']:'.
_INLINE_TARGET = re.compile(r"\]\(([^)\n]*)")
_REFERENCE_TARGET = re.compile(r"\]:([^\n]*)")
_SAFE_TARGET = re.compile(r"[ \t]*(?:(?:https?|mailto|tel):)?[^:]*", re.IGNORECASE)


def needs_rendering(body: str) -> bool:
    """Whether the check must render ``body`` to know what the sanitiser would remove."""
    if _TRIGGERS.search(body) or _LEVEL_ONE.search(body):
        return True
    targets = [*_INLINE_TARGET.findall(body), *_REFERENCE_TARGET.findall(body)]
    return any(not target.strip() or not _SAFE_TARGET.fullmatch(target) for target in targets)
