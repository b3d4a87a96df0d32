"""Read a notice's YAML front matter within hard limits: plain YAML types only, bounded size.

The YAML is read with YAML 1.2-like rules: only ``true``/``false`` are booleans, nothing
becomes a date (dates stay text for the schema to check), numbers with a fraction become
``Decimal`` and codes with leading zeros stay text.

Before anything is built from the parsed tree, one walk over it records the line of every
field and refuses what a notice never needs and an attacker would use: aliases (a few
hundred bytes can expand to gigabytes), tags (``!!binary``, ``!!set``, ``!!python/…``),
deep nesting, huge lists, huge texts and numbers, control characters written as escapes.
The limits are documented in docs/notice-format.md#limits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import yaml

from .problems import Problem

MAX_DEPTH = 10
"""Levels of nesting (the format itself needs four)."""
MAX_ITEMS = 500
"""Items in one list, or fields in one group."""
MAX_NODES = 20_000
"""Fields, list items and values in one front matter."""
MAX_TEXT = 20_000
"""Characters in one value."""
MAX_DIGITS = 18
"""Digits in one number."""
MAX_EXPONENT = 15
"""Every number is below 10 to this power (a quadrillion pounds)."""
MAX_DECIMAL_PLACES = 6

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")

FieldPath = tuple[str | int, ...]

_STR, _INT, _FLOAT, _MAP, _SEQ = (
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "map", "seq")
)
_Child = tuple[yaml.Node, FieldPath, int]  # a node, its field path and its line (0-based)


class _NoticeLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core scalars: no yes/no booleans, no dates, no octal."""


# libyaml's parser is ~10x faster; the pure-Python one words its errors better, so it is used
# only to explain a file that libyaml rejected.
_FastNoticeLoader: type[yaml.CSafeLoader] | type[_NoticeLoader]
if hasattr(yaml, "CSafeLoader"):

    class _CNoticeLoader(yaml.CSafeLoader):
        """libyaml's SafeLoader, given _NoticeLoader's scalars below."""

    _FastNoticeLoader = _CNoticeLoader
else:

    class _PyNoticeLoader(_NoticeLoader):
        """Without libyaml: a copy of _NoticeLoader, so that each is configured once."""

    _FastNoticeLoader = _PyNoticeLoader
_LOADERS: tuple[type[yaml.CSafeLoader] | type[_NoticeLoader], ...] = (
    _NoticeLoader,
    _FastNoticeLoader,
)

for _loader in _LOADERS:
    _loader.yaml_implicit_resolvers = {}
_RESOLVERS = {
    "tag:yaml.org,2002:bool": re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    "tag:yaml.org,2002:null": re.compile(r"^(?:~|null|Null|NULL|)$"),
    _INT: re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"),
    _FLOAT: re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
}
_FIRST_CHARACTERS = {
    "tag:yaml.org,2002:bool": "tTfF",
    "tag:yaml.org,2002:null": ["~", "n", "N", ""],
    _INT: "-+0123456789",
    _FLOAT: "-+0123456789.",
}
for _tag, _pattern in _RESOLVERS.items():
    for _loader in _LOADERS:
        _loader.add_implicit_resolver(_tag, _pattern, list(_FIRST_CHARACTERS[_tag]))


def _decimal(loader: yaml.SafeLoader | yaml.CSafeLoader, node: yaml.ScalarNode) -> Decimal:
    return Decimal(loader.construct_scalar(node))


for _loader in _LOADERS:
    _loader.add_constructor(_FLOAT, _decimal)


@dataclass
class FrontMatter:
    """The front matter as data, the line of each field, and what stopped it being read."""

    data: Any = None
    lines: dict[FieldPath, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def read_front_matter(text: str, path: str, offset: int) -> FrontMatter:
    """Parse ``text`` (the lines between the fences; its first line is line ``offset``)."""
    result = FrontMatter(lines={(): offset})
    loader = _FastNoticeLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _Walk(path, offset, result).run(node)
        if node is not None and not result.problems:
            result.data = loader.construct_document(node)
    except yaml.YAMLError as error:
        result.problems.append(_yaml_problem(_explained(text, error), path, offset))
    finally:
        loader.dispose()
    return result


def _explained(text: str, error: yaml.YAMLError) -> yaml.YAMLError:
    """The pure-Python parser's wording of the same error, when it can give one."""
    try:
        _NoticeLoader(text).get_single_node()
    except yaml.YAMLError as explained:
        return explained
    except (RecursionError, MemoryError, ValueError):
        pass
    return error


def _yaml_problem(error: yaml.YAMLError, path: str, offset: int) -> Problem:
    mark = getattr(error, "problem_mark", None)
    line = mark.line + offset if mark is not None else offset
    what = getattr(error, "problem", None) or str(error)
    if "maximum nesting depth" in what:
        return Problem(
            path, line, "front matter", f"the YAML is nested too deeply ({what})", _FLATTER
        )
    return Problem(
        path,
        line,
        "front matter",
        f"the YAML cannot be read ({what})",
        "check the indentation, and put quotes around values containing ': ' or starting with '#'",
    )


_FLATTER = f"a notice needs at most {MAX_DEPTH} levels of fields within fields: flatten it"


class _Walk:
    """One iterative pass over the node tree: lines, duplicates and limits."""

    def __init__(self, path: str, offset: int, result: FrontMatter) -> None:
        self.path, self.offset, self.result = path, offset, result
        self.seen: set[int] = set()
        self.alias_found = False  # said once: every later use would say it again

    def run(self, root: yaml.Node) -> None:
        if not isinstance(root, yaml.MappingNode):
            self._problem((), 0, "the front matter is not a list of 'field: value' lines", _ONE)
            return
        stack: list[_Child] = [(root, (), root.start_mark.line)]
        while stack and not self.alias_found:
            if len(self.seen) >= MAX_NODES:
                self._problem((), 0, f"the front matter has over {MAX_NODES:,} values", _LESS)
                return
            stack.extend(reversed(self._children(*stack.pop())))

    def _children(self, node: yaml.Node, at: FieldPath, line: int) -> list[_Child]:
        if id(node) in self.seen:
            self._problem(at, line, "YAML aliases (*name) are not allowed", _ALIAS_FIX)
            self.alias_found = True
            return []
        self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            self._scalar(node, at, line)
            return []
        if node.tag not in (_MAP, _SEQ):
            self._problem(at, line, f"the YAML tag {_tag_name(node.tag)} is not allowed", _TAG_FIX)
            return []
        if len(at) >= MAX_DEPTH:
            self._problem(at, line, "fields are nested too deeply", _FLATTER)
            return []
        if len(node.value) > MAX_ITEMS:
            self._problem(at, line, f"this has over {MAX_ITEMS} items", _LESS)
            return []
        if isinstance(node, yaml.SequenceNode):
            items = [(item, (*at, i), self._line(item, line)) for i, item in enumerate(node.value)]
            for _, child, item_line in items:
                self.result.lines[child] = item_line + self.offset
            return items
        assert isinstance(node, yaml.MappingNode), "scalars and sequences are handled above"
        return self._fields(node, at)

    def _line(self, item: yaml.Node, parent_line: int) -> int:
        """An item's line; for an alias (a node met before), its parent's line."""
        return parent_line if id(item) in self.seen else item.start_mark.line

    def _fields(self, node: yaml.MappingNode, at: FieldPath) -> list[_Child]:
        children: list[_Child] = []
        for key, value in node.value:
            line = key.start_mark.line
            if not (isinstance(key, yaml.ScalarNode) and key.tag == _STR):
                self._problem(at, line, "a field name must be a word", _KEY_FIX)
                continue
            child = (*at, key.value)
            if child in self.result.lines:
                self._problem(child, line, "this field is given twice", _ONCE)
                continue
            self.result.lines[child] = line + self.offset
            children.append((value, child, line))
        return children

    def _scalar(self, node: yaml.ScalarNode, at: FieldPath, line: int) -> None:
        if node.tag != _STR and not _written_plainly(node):
            self._problem(at, line, f"the YAML tag {_tag_name(node.tag)} is not allowed", _TAG_FIX)
        elif len(node.value) > MAX_TEXT:
            self._problem(at, line, f"this is over {MAX_TEXT:,} characters long", _SHORTER)
        elif node.tag in (_INT, _FLOAT):
            self._number(node.value, at, line)
        else:
            self._characters(node.value, at, line)

    def _number(self, text: str, at: FieldPath, line: int) -> None:
        mantissa = re.split("[eE]", text)[0]
        number = Decimal(text) if sum(c.isdigit() for c in mantissa) <= MAX_DIGITS else None
        if (
            number is None
            or (number and number.adjusted() >= MAX_EXPONENT)
            or -int(number.as_tuple().exponent) > MAX_DECIMAL_PLACES
        ):
            self._problem(at, line, f"the number {text[:40]} is out of range", _NUMBER_FIX)

    def _characters(self, text: str, at: FieldPath, line: int) -> None:
        found = CONTROL_CHARACTERS.search(text) or _SURROGATES.search(text)
        if found:
            self._problem(
                at,
                line,
                f"invisible control character U+{ord(found.group()):04X} in the text",
                "delete it (an escape such as \\0 or \\e in quotes writes one)",
            )

    def _problem(self, at: FieldPath, line: int, message: str, fix: str) -> None:
        shown = dotted(at) or "front matter"
        self.result.problems.append(Problem(self.path, line + self.offset, shown, message, fix))


def _written_plainly(node: yaml.ScalarNode) -> bool:
    """Whether the node's type comes from how its value is written, not from a '!!' tag."""
    pattern = _RESOLVERS.get(node.tag)
    return not node.style and pattern is not None and pattern.match(node.value) is not None


def _tag_name(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


_ONE = "write one 'field: value' per line between the '---' lines"
_ONCE = "keep one of the two (the file must say each thing once)"
_ALIAS_FIX = "write the value out in full instead of '&name' and '*name'"
_TAG_FIX = "remove the '!…' before the value (write plain text, numbers, true or false)"
_KEY_FIX = "start each field with its name in words, e.g. 'title:'"
_LESS = "this is far more than any notice needs: split the notice or link to a document"
_SHORTER = "shorten it: put long text in the description below the front matter"
_NUMBER_FIX = (
    f"write a number below {10**MAX_EXPONENT:,} with at most {MAX_DECIMAL_PLACES} decimal places, "
    "e.g. 250000 or 1250.50"
)


def dotted(at: FieldPath) -> str:
    """``("lots", 0, "value")`` → ``lots[0].value``."""
    text = ""
    for part in at:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
