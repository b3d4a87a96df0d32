"""The notice body: Markdown rendered to HTML and sanitised with nh3 (Ammonia).

Allowed HTML is the list below; anything else is stripped from the page, and the check
reports what the sanitiser removed (``body_removed.py``). Headings start at level 2: the
notice title is the page's only level-1 heading.
"""

from __future__ import annotations

import html
import threading
import xml.etree.ElementTree as etree

import nh3
from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .body_limits import TooComplex, inline_cost, limit_problems, nesting_problem
from .body_removed import removal_problems
from .problems import Problem

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "strong",
        "em",
        "b",
        "i",
        "a",
        "abbr",
        "code",
        "pre",
        "blockquote",
        "table",
        "caption",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "sup",
        "sub",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    **{f"h{level}": {"id"} for level in range(2, 7)},
}
URL_SCHEMES = frozenset({"https", "http", "mailto", "tel"})

_MARKDOWN_EXTENSIONS = [
    "markdown.extensions.extra",
    "markdown.extensions.sane_lists",
    "markdown.extensions.toc",
]
# '##' in the source sits under the page's "Description" heading, so it becomes <h3>.
_MARKDOWN_CONFIG = {"markdown.extensions.toc": {"baselevel": 2}}


class _Inspect(Treeprocessor):
    """Before inline Markdown: note level-1 headings and refuse text too costly to parse."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.level_one: list[str] = []

    def run(self, root: etree.Element) -> None:
        self.level_one = [heading.text or "" for heading in root.iter("h1")]
        inline_cost(root)


class _InspectExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Above 'inline' (20): headings still hold their source text, before toc (5)
        # moves them down a level.
        md.treeprocessors.register(_Inspect(md), "notices_inspect", 25)


_local = threading.local()


def _markdown() -> tuple[Markdown, _Inspect]:
    """This thread's Markdown converter with the page's settings (made once: ~1 ms)."""
    if not hasattr(_local, "markdown"):
        markdown = Markdown(
            extensions=[*_MARKDOWN_EXTENSIONS, _InspectExtension()],
            extension_configs=_MARKDOWN_CONFIG,
            output_format="html",
        )
        _local.markdown = (markdown, markdown.treeprocessors["notices_inspect"])
    converter: tuple[Markdown, _Inspect] = _local.markdown  # threading.local() is untyped
    return converter


def _convert(body: str) -> tuple[str, list[str]]:
    """Markdown → HTML before sanitising, and the source text of each level-1 heading."""
    markdown, inspect = _markdown()
    markdown.reset()
    try:
        converted = markdown.convert(body)
    finally:
        markdown.reset()
    # Header cells of Markdown tables head their columns; say so for screen readers.
    return converted.replace("<th>", '<th scope="col">'), inspect.level_one


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
    )


def render(body: str) -> str:
    """Markdown body → sanitised HTML (a body too costly to render is shown as plain text)."""
    if limit_problems(body, 1, ""):
        return _as_text(body)
    try:
        return sanitise(_convert(body)[0])
    except (TooComplex, RecursionError):
        return _as_text(body)


def checked_render(body: str, first_line: int, path: str) -> tuple[str, list[Problem]]:
    """The page's HTML for the body, and what the sanitiser removed from it, with lines."""
    limits = limit_problems(body, first_line, path)
    if limits:
        return _as_text(body), limits
    try:
        before, level_one = _convert(body)
    except TooComplex as error:
        return _as_text(body), [error.problem(body, first_line, path)]
    except RecursionError:
        return _as_text(body), [nesting_problem(first_line, path)]
    after = sanitise(before)
    policy = (ALLOWED_TAGS, ALLOWED_ATTRIBUTES)
    return after, removal_problems(body, first_line, path, (before, after, level_one), policy)


def body_problems(body: str, first_line: int, path: str) -> list[Problem]:
    """What the sanitiser removes from the page, and level-1 headings, with their lines."""
    return checked_render(body, first_line, path)[1]


def _as_text(body: str) -> str:
    return f"<pre>{html.escape(body)}</pre>"
