"""What the sanitiser removed from the rendered body, each with the source line it came from.

The rendered HTML is compared with the sanitised HTML element by element; anything that
did not survive is a problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

from .body_lines import SourceLines
from .problems import Problem

MOST_REPORTED = 50

_SCRIPT_SCHEMES = frozenset({"javascript", "data", "vbscript"})
# html5ever (nh3's parser) reads the content of these as text, not as tags.
_RAW_TEXT = frozenset(
    {"iframe", "noembed", "noframes", "xmp", "textarea", "title", "noscript", "plaintext"}
)
_HTML_FIX = "remove it and use Markdown; allowed HTML is listed in docs/notice-format.md"
_SAID = {  # kind: (message, fix)
    "tag": ("HTML <{tag}> is not allowed in a notice", _HTML_FIX),
    "handler": (
        "HTML event handler attributes (on...=) are not allowed",
        "remove the attribute: notices cannot run scripts",
    ),
    "attribute": ("the attribute {name}= on <{tag}> is not allowed", _HTML_FIX),
    "url": ("{url}", "link to an https:// address instead"),
    "heading": (
        "a level-1 heading in the description",
        "start headings at '##': the notice title is the page's main heading",
    ),
}

Element = tuple[str, tuple[tuple[str, str], ...]]
Policy = tuple[frozenset[str], Mapping[str, set[str]]]


@dataclass(frozen=True)
class _Removed:
    """One thing the sanitiser removed: a tag, an attribute, or a link's address."""

    kind: str  # "tag", "handler", "attribute", "url" or "heading"
    tag: str
    name: str = ""
    value: str = ""

    def patterns(self) -> list[str]:
        """Regular expressions, best first, for its source in the lower-cased body."""
        name, value = re.escape(self.name), re.escape(self.value.lower())
        if self.kind == "tag":
            return [rf"<\s*{re.escape(self.tag)}(?![\w-])", *([r"!\["] * (self.tag == "img"))]
        if self.kind == "url":
            scheme = re.escape(_scheme(self.value))
            return [value, *([rf"{scheme}\s*:"] * bool(scheme)), rf"(?<![\w-]){name}\s*="]
        if self.kind == "heading":
            return [rf"#[ \t]*{value}", rf"{value}[ \t]*\n[ \t>]*=", r"<\s*h1(?![\w-])"]
        return [rf"(?<![\w-]){name}\s*=", rf"(?<![\w-]){name}(?![\w-])"]

    def problem(self, line: int, path: str) -> Problem:
        message, fix = _SAID[self.kind]
        if self.tag == "img" and self.kind == "tag":
            fix = "notices do not show images: link to the image instead"
        url = _url_message(self.value) if self.kind == "url" else ""
        return Problem(
            path, line, "body", message.format(tag=self.tag, name=self.name, url=url), fix
        )


def removal_problems(
    body: str,
    first_line: int,
    path: str,
    rendered: tuple[str, str, Sequence[str]],
    policy: Policy,
) -> list[Problem]:
    """Problems for what the sanitised HTML lost against the rendered HTML, and h1s."""
    before, after, level_one = rendered
    removed = [
        *_removed(before, after, policy),
        *(_Removed("heading", "h1", "", t) for t in level_one),
    ]
    if not removed:
        return []
    lines = SourceLines(body, first_line)
    problems = sorted(
        {
            thing.problem(lines.find(thing.patterns()) or first_line, path)
            for thing in removed[:MOST_REPORTED]
        }
    )
    if len(removed) > MOST_REPORTED:
        problems.append(_more(len(removed) - MOST_REPORTED, first_line, path))
    return problems


def _more(count: int, first_line: int, path: str) -> Problem:
    return Problem(
        path,
        first_line,
        "body",
        f"and {count:,} more things the sanitiser removes",
        "fix those listed and run the check again",
    )


def _removed(before: str, after: str, policy: Policy) -> Iterator[_Removed]:
    allowed_tags, allowed_attributes = policy
    kept = _elements(after)
    kept_tags = {tag for tag, _ in kept}
    kept_attributes = {(tag, name, value) for tag, attributes in kept for name, value in attributes}
    for tag, attributes in _elements(before):
        if tag not in kept_tags:
            if tag not in allowed_tags and not _markdown_wrapper(tag, attributes):
                yield _Removed("tag", tag)
            continue
        for name, value in attributes:
            if (tag, name, value) in kept_attributes or _markdown_own(tag, name, value):
                continue
            if name in allowed_attributes.get(tag, ()):
                if name == "href":  # kept, but not its address
                    yield _Removed("url", tag, name, value)
            else:
                yield _Removed("handler" if name.startswith("on") else "attribute", tag, name)


def _markdown_wrapper(tag: str, attributes: Iterable[tuple[str, str]]) -> bool:
    """A <div> Markdown wraps footnotes or a [TOC] in: the page keeps what is inside."""
    classes = {value for name, value in attributes if name == "class"}
    return tag == "div" and bool(classes & {"footnote", "toc"})


_MARKDOWN_OWN = {
    ("code", "class"): "language-",  # a fenced code block's language
    ("th", "style"): "text-align:",  # a table column's alignment
    ("td", "style"): "text-align:",
    ("sup", "id"): "fnref",  # footnotes
    ("li", "id"): "fn:",
    ("a", "class"): "footnote-",
}


def _markdown_own(tag: str, name: str, value: str) -> bool:
    """An attribute Markdown writes itself, which the page drops harmlessly."""
    prefix = _MARKDOWN_OWN.get((tag, name))
    return prefix is not None and value.startswith(prefix)


def _scheme(url: str) -> str:
    compact = "".join(char for char in url if char > " ")
    return compact.split(":", 1)[0].lower() if ":" in compact else ""


def _url_message(url: str) -> str:
    scheme = _scheme(url)
    if scheme in _SCRIPT_SCHEMES or not scheme:
        return "a link to a javascript:, data: or vbscript: address"
    return f"a link to a {scheme}: address, which notices do not allow"


class _Elements(HTMLParser):
    """Start tags and their attributes, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, tuple((name, value or "") for name, value in attrs)))
        if tag in _RAW_TEXT:
            self.set_cdata_mode(tag)


def _elements(html: str) -> list[Element]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.found
