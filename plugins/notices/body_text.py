"""A notice body as plain text, read from its HTML as the page shows it (OCDS's description).

One paragraph, heading or quotation a block, blank lines between blocks, list items one a
line after "- ", table rows one a line with " | " between cells. The reader makes it in its
worker processes, beside the page's HTML (``bulk.read_notice``), so no output renders a
body again; the store keeps it, and the code version covers this module and lxml.
"""

from __future__ import annotations

from lxml.html import HtmlElement, fragment_fromstring

_LINES = ("li", "tr")
_BLOCKS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote", "dt", "dd", "tr")


def plain_text(html: str) -> str:
    """The text of a rendered body, block by block."""
    lines: list[str] = []
    previous = ""
    for block in fragment_fromstring(html, create_parent="div").iterdescendants(*_BLOCKS):
        if next(block.iterdescendants(*_BLOCKS), None) is not None:
            continue  # its inner blocks are read on their own
        name, line = str(block.tag), _text(block)
        if not line:
            continue
        # List items and table rows follow each other; any other block is a paragraph.
        if lines and not (name in _LINES and previous == name):
            lines.append("")
        lines.append(f"- {line}" if name == "li" else line)
        previous = name
    return "\n".join(lines)


def _text(block: HtmlElement) -> str:
    if block.tag == "pre":
        return "".join(block.itertext()).strip("\n")
    if block.tag == "tr":
        return " | ".join(_words(cell) for cell in block.iterdescendants("th", "td"))
    return _words(block)


def _words(element: HtmlElement) -> str:
    """The element's text with every run of white space one space."""
    return " ".join("".join(element.itertext()).split())
