"""The notice body: Markdown rendered to HTML and sanitised with nh3 (Ammonia).

Allowed HTML is the list below; anything else written as raw HTML is reported by the
check and stripped from the page. Headings start at level 2: the notice title is the
page's only level-1 heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import nh3
from markdown import Markdown

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

_RAW_TAG = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)")
_EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
_SCRIPT_URL = re.compile(
    r"\]\(\s*(?:javascript|data|vbscript):|href\s*=\s*[\"']?\s*javascript:", re.IGNORECASE
)
_LEVEL_ONE = re.compile(r"^#(?!#)\s|^=+\s*$")
_MARKDOWN_EXTENSIONS = [
    "markdown.extensions.extra",
    "markdown.extensions.sane_lists",
    "markdown.extensions.toc",
]
# '##' in the source sits under the page's "Description" heading, so it becomes <h3>.
_MARKDOWN_CONFIG = {"markdown.extensions.toc": {"baselevel": 2}}


def render(body: str) -> str:
    """Markdown body → sanitised HTML."""
    markdown = Markdown(
        extensions=_MARKDOWN_EXTENSIONS, extension_configs=_MARKDOWN_CONFIG, output_format="html"
    )
    html = markdown.convert(body)
    # Header cells of Markdown tables head their columns; say so for screen readers.
    return sanitise(html.replace("<th>", '<th scope="col">'))


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
    )


def body_problems(body: str, first_line: int, path: str) -> list[Problem]:
    """Raw HTML or links the sanitiser would remove, and level-1 headings, with their lines."""
    return list(_scan(body, first_line, path))


def _scan(body: str, first_line: int, path: str) -> Iterator[Problem]:
    in_code = False
    for offset, line in enumerate(body.splitlines()):
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        if in_code:
            continue
        number = first_line + offset
        yield from _scan_line(line, number, path)


def _scan_line(line: str, number: int, path: str) -> Iterator[Problem]:
    for tag in {match.group(1).lower() for match in _RAW_TAG.finditer(line)} - ALLOWED_TAGS:
        yield Problem(
            path,
            number,
            "body",
            f"HTML <{tag}> is not allowed in a notice",
            "remove it and use Markdown; allowed HTML is listed in docs/notice-format.md",
        )
    if _EVENT_HANDLER.search(line):
        yield Problem(
            path,
            number,
            "body",
            "HTML event handler attributes (on...=) are not allowed",
            "remove the attribute: notices cannot run scripts",
        )
    if _SCRIPT_URL.search(line):
        yield Problem(
            path,
            number,
            "body",
            "a link to a javascript:, data: or vbscript: address",
            "link to an https:// address instead",
        )
    if _LEVEL_ONE.match(line):
        yield Problem(
            path,
            number,
            "body",
            "a level-1 heading in the description",
            "start headings at '##': the notice title is the page's main heading",
        )
