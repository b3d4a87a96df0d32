"""What the body check reports: what the sanitiser removed from the rendered body, and
bodies too costly to render, each with the source line it came from.

The rendered HTML is compared with the sanitised HTML element by element; anything that
did not survive is a problem. Python-Markdown slows down with the square of some inputs
(thousands of links in one paragraph, HTML tags that never close), so the costs below are
estimated first, in linear time, and a body over them is refused instead of rendered.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import accumulate

from .problems import Problem

MAX_BODY_CHARS = 100_000  # Python-Markdown takes up to ~20 µs a character on hostile text
# Each budget is one to 1.5 seconds of Python-Markdown's time (measured in tests/test_body.py).
TAG_BUDGET = 16_000_000  # '<' tags by characters: html.parser rescans a tag that never ends
BLOCK_BUDGET = 10_000_000  # lines by characters per block: block parsers rescan the block
INLINE_BUDGET = 900_000_000  # marks by characters per paragraph: inline parsing rescans it
LINK_WEIGHT = 300  # a link costs ~300 times another mark (Markdown rescans its brackets)
LINK_COST = 120_000  # and ~200 µs even in a short paragraph
MOST_REPORTED = 50

_TAG_START = re.compile(r"</?[A-Za-z]")
# Quote and list markers opening a line: each level of nesting reparses the block.
_NESTING = re.compile(r"[ \t]*(?:(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]*)*")
_MARKER = re.compile(r">|[-+*]|\d+[.)]")
_FENCE = re.compile(r"(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`+")
_MARKS = "`*_\\&<!"
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


class TooComplex(Exception):
    """A paragraph whose inline Markdown would take too long to render."""

    def __init__(self, text: str, marks: int) -> None:
        super().__init__(text[:60])
        self.text = text
        self.marks = marks

    def problem(self, body: str, first_line: int, path: str) -> Problem:
        first = self.text.strip().split("\n", 1)[0][:60].lower()
        line = _Lines(body, first_line).find([re.escape(first)]) if first else None
        return Problem(
            path,
            line or first_line,
            "body",
            "the description has too many links or Markdown marks to render in good time "
            f"(this paragraph has {self.marks:,} in {len(self.text):,} characters)",
            "use fewer links, and split long paragraphs into shorter ones or a list",
        )


def inline_cost(root: etree.Element) -> None:
    """Raise TooComplex when the text left for inline Markdown would take too long."""
    total = 0
    for element in root.iter():
        for text in (element.text, element.tail):
            if not text:
                continue
            links = text.count("[")
            marks = links + sum(text.count(mark) for mark in _MARKS)
            total += len(text) * (links * LINK_WEIGHT + marks) + links * LINK_COST
            if total > INLINE_BUDGET:
                raise TooComplex(text, marks)


def limit_problems(body: str, first_line: int, path: str) -> list[Problem]:
    """A body too long, or whose HTML tags or blocks would take Markdown too long to parse."""
    if len(body) > MAX_BODY_CHARS:
        return [_size_problem(len(body), first_line, path)]
    return [*_tag_problem(body, first_line, path), *_block_problem(body, first_line, path)]


def _size_problem(chars: int, first_line: int, path: str) -> Problem:
    return Problem(
        path,
        first_line,
        "body",
        f"the description is {chars:,} characters, over the {MAX_BODY_CHARS:,}-character limit",
        "shorten it, and link to a document for the full text",
    )


def _tag_problem(body: str, first_line: int, path: str) -> Iterator[Problem]:
    starts = [match.start() for match in _TAG_START.finditer(body)]
    if len(starts) * len(body) <= TAG_BUDGET:
        return
    line = first_line + body.count("\n", 0, starts[0])
    yield Problem(
        path,
        line,
        "body",
        f"{len(starts):,} HTML tags (or '<' before a letter) in {len(body):,} characters "
        "are too costly to check",
        "write the description in Markdown, or '&lt;' for a '<' that is not a tag",
    )


def _block_problem(body: str, first_line: int, path: str) -> Iterator[Problem]:
    total, worst = 0, (0, 0, 0, 0)  # (cost, index of its first line, lines, depth)
    start, chars, depth = 0, 0, 0
    lines = _normalised(body).split("\n")
    for index, line in enumerate([*lines, ""]):
        if line.strip():
            chars += len(line) + 1
            depth = max(depth, _depth(line))
            continue
        cost = chars * (index - start + depth)
        total += cost
        worst = max(worst, (cost, start, index - start, depth))
        start, chars, depth = index + 1, 0, 0
    if total > BLOCK_BUDGET:
        _, line, count, deepest = worst
        message = (
            f"quotes or lists nested {deepest:,} deep are too costly to render"
            if deepest > count
            else f"a block of {count:,} lines with no blank line between them is too costly "
            "to render"
        )
        fix = "put blank lines between paragraphs, and nest quotes and lists less deeply"
        yield Problem(path, first_line + line, "body", message, fix)


def _depth(line: str) -> int:
    """How many quotes and lists the line opens."""
    opening = _NESTING.match(line)
    return len(_MARKER.findall(opening.group())) if opening else 0


def nesting_problem(first_line: int, path: str) -> Problem:
    """Python-Markdown ran out of stack: the limits above should make this unreachable."""
    return Problem(
        path,
        first_line,
        "body",
        "the description is nested too deeply to render",
        "use fewer levels of quotes and lists",
    )


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
    lines = _Lines(body, first_line)
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


def _normalised(body: str) -> str:
    """The body as Markdown reads it: one kind of line end, tabs as spaces."""
    return body.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4)


class _Lines:
    """Find source lines by pattern, each pattern resuming after its last match."""

    def __init__(self, body: str, first_line: int) -> None:
        lowered = _mask_code([line.lower() for line in _normalised(body).split("\n")])
        self.text = "\n".join(lowered)
        self.starts = list(accumulate((len(line) + 1 for line in lowered[:-1]), initial=0))
        self.first_line = first_line
        self.resume: dict[str, int] = {}

    def find(self, patterns: Iterable[str]) -> int | None:
        """The line of the first pattern found, after that pattern's last match or else anywhere."""
        for pattern in patterns:
            compiled = re.compile(pattern)
            match = compiled.search(self.text, self.resume.get(pattern, 0)) or compiled.search(
                self.text
            )
            if match:
                self.resume[pattern] = match.end()
                last = max(match.start(), match.end() - 1)
                return self.first_line + bisect_right(self.starts, last) - 1
        return None


def _mask_code(lines: list[str]) -> list[str]:
    """The lines with code blocks and code spans blanked: what is in them is shown as text."""
    masked, opening = list(lines), None
    for index, line in enumerate(lines):
        fence = _FENCE.match(line)
        if opening is None:
            opening = (index, fence.group(1)) if fence else None
            masked[index] = " " * len(line) if fence else _mask_spans(line)
        elif fence and line.rstrip() == opening[1]:
            masked[opening[0] : index + 1] = [
                " " * len(each) for each in lines[opening[0] : index + 1]
            ]
            opening = None
    if opening is not None:  # a fence never closed is not a code block
        masked[opening[0] :] = [_mask_spans(each) for each in lines[opening[0] :]]
    return masked


def _mask_spans(line: str) -> str:
    """The line with `code spans` blanked (a run of backticks closes at the next equal run)."""
    if "`" not in line:
        return line
    chars, opening = list(line), None
    for run in _BACKTICKS.finditer(line):
        if opening is None:
            opening = run
        elif len(run.group()) == len(opening.group()):
            chars[opening.start() : run.end()] = " " * (run.end() - opening.start())
            opening = None
    return "".join(chars)
