"""A release's words as the format wants them: a short summary and a safe Markdown description."""

from __future__ import annotations

import re

SUMMARY_LIMIT = 300
SUMMARY_AT_LEAST = 10  # the format's shortest summary
_PARAGRAPH = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_HEADING = re.compile(r"^(\s{0,3})(#)", re.MULTILINE)
_UNDERLINE = re.compile(r"^(\s{0,3})(=+\s*)$", re.MULTILINE)


def summary(description: str) -> str:
    """The first sentences of ``description``'s first paragraph that fit in 300 characters,
    on one line. A first sentence longer than that is cut at a word and ends with '…'.
    """
    paragraphs = [p for p in _PARAGRAPH.split(description) if p.strip()]
    flat = " ".join(paragraphs[0].split()) if paragraphs else ""
    kept = ""
    for sentence in _SENTENCE_END.split(flat):
        joined = f"{kept} {sentence}".strip()
        if len(joined) > SUMMARY_LIMIT:
            break
        kept = joined
    if kept:
        return kept
    cut = flat[: SUMMARY_LIMIT - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut}…"


def markdown(description: str) -> str:
    """The description as Markdown that shows it as written: no raw HTML, no level-1 headings."""
    text = description.replace("\r\n", "\n").replace("\r", "\n").strip()
    text = _TAG_START.sub("&lt;", text)
    text = _HEADING.sub(r"\1\\\2", text)
    return _UNDERLINE.sub(r"\1\\\2", text)
