"""Interface words of one language found where a reader of the other language reads.

The words come from the translation catalogues (``plugins/notices/locale``): the English
message ids and their Welsh translations. A page, feed or calendar in Welsh must hold no
English interface word outside text marked as English (``lang="en"``, ``xml:lang="en"``, or
a notice's own English words), and the reverse. Placeholders split a message into its
literal pieces; a piece is looked for when it is distinctive: not spelt the same in the
other language, and at least one word of four letters or more.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po
from bs4 import BeautifulSoup, Tag
from bs4.element import Comment, NavigableString, ProcessingInstruction

from plugins.contract import words

# Attributes whose words a reader meets (read out by a screen reader, or shown on hover).
_READ_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([^)]*\)[sd]|%[sd]")
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Leak:
    where: str  # file, and the element or field
    phrase: str  # the interface words of the other language
    text: str  # the text they were found in

    def __str__(self) -> str:
        return f"{self.where}: {self.phrase!r} in {self.text[:120]!r}"


@cache
def phrases(lang: str) -> tuple[re.Pattern[str], ...]:
    """The distinctive pieces of interface text in ``lang`` ("en": the message ids, "cy":
    the Welsh translations), each as a whole-word pattern."""
    english, welsh = _pieces()
    mine, theirs = (english, welsh) if lang == "en" else (welsh, english)
    chosen = sorted(mine - theirs, key=len, reverse=True)
    return tuple(re.compile(rf"(?<![\w-]){re.escape(piece)}(?![\w-])") for piece in chosen)


@cache
def _pieces() -> tuple[frozenset[str], frozenset[str]]:
    english: set[str] = set()
    welsh: set[str] = set()
    for path in sorted(words.LOCALE_DIR.glob("cy/LC_MESSAGES/*.po")):
        with path.open("rb") as source:
            catalogue = read_po(source, locale="cy")
        for message in catalogue:
            if not message.id or message.fuzzy:
                continue
            ids = [message.id] if isinstance(message.id, str) else [str(i) for i in message.id]
            strings = (
                message.string if isinstance(message.string, tuple | list) else (message.string,)
            )
            english.update(_distinctive(ids))
            welsh.update(_distinctive(s for s in strings if s))
    return frozenset(english), frozenset(welsh)


def _distinctive(texts: Iterable[str]) -> Iterator[str]:
    for text in texts:
        for piece in _PLACEHOLDER.split(text):
            piece = piece.strip(" .,:;()\u2013-\n")
            if _LONG_WORD.search(piece):
                yield piece


def leaks_in(text: str, lang: str, where: str, own: str = "") -> list[Leak]:
    """The other language's interface phrases in ``text`` read by a reader of ``lang``.

    ``own`` is the buyers' own writing (every notice and page source, whitespace folded): a
    phrase that is there with the word before or after it, as in ``text``, is theirs, not the
    interface's (a supplier called "Meter Services Cymru Ltd" in an English notice); a
    phrase with no word beside it (a label) is always the interface's."""
    other = "cy" if lang == "en" else "en"
    folded = _fold(_ADDRESS.sub(" ", text))
    return [
        Leak(where, _plain(pattern), text)
        for pattern in phrases(other)
        if any(not _theirs(folded, match, own) for match in pattern.finditer(folded))
    ]


_ADDRESS = re.compile(r"(https?|mailto|tel):\S+|\S+@\S+")
_WORD_BEFORE = re.compile(r"\w+\W*$")
_WORD_AFTER = re.compile(r"^\W*\w+")


def _theirs(text: str, match: re.Match[str], own: str) -> bool:
    """Whether the phrase is the buyers' writing: there, with the word before or after it."""
    if not own:
        return False
    before = _WORD_BEFORE.search(text[: match.start()])
    after = _WORD_AFTER.search(text[match.end() :])
    return bool(
        (before and before.group() + match.group() in own)
        or (after and match.group() + after.group() in own)
    )


def own_words(sources: Iterable[Path]) -> str:
    """The buyers' own text: every source file's, whitespace folded, one per line."""
    return "\n".join(_fold(path.read_text(encoding="utf-8")) for path in sources)


def _fold(text: str) -> str:
    return " ".join(text.split())


def _plain(pattern: re.Pattern[str]) -> str:
    return re.sub(
        r"\\(.)", r"\1", pattern.pattern.removeprefix(r"(?<![\w-])").removesuffix(r"(?![\w-])")
    )


def html_leaks(path: Path, root: Path, own: str = "") -> list[Leak]:
    """Leaks on one HTML page, judged in the language of its ``<html lang>``."""
    soup = BeautifulSoup(path.read_bytes(), "html.parser")
    html = soup.find("html")
    if not isinstance(html, Tag):
        return []
    page_lang = str(html.get("lang", "en"))[:2]
    name = str(path.relative_to(root))
    found: list[Leak] = []
    for text, where in _read_text(html, page_lang):
        found.extend(leaks_in(text, page_lang, f"{name} {where}", own))
    return found


def _read_text(element: Tag, page_lang: str) -> Iterator[tuple[str, str]]:
    """The text a reader of ``page_lang`` meets in ``element``, skipping anything marked as
    another language, scripts and styles."""
    for node in element.children:
        if isinstance(node, Comment | ProcessingInstruction):
            continue
        if isinstance(node, NavigableString):
            if node.strip():
                yield str(node), element.name
            continue
        if not isinstance(node, Tag) or node.name in ("script", "style", "template"):
            continue
        lang = node.get("lang")
        if lang is not None and str(lang)[:2] != page_lang:
            continue
        for attribute in _READ_ATTRIBUTES:
            if value := node.get(attribute):
                yield str(value), f"{node.name}[{attribute}]"
        if node.name == "meta" and node.get("name") == "description":
            yield str(node.get("content", "")), "meta description"
        yield from _read_text(node, page_lang)


# Feed and OPML elements and attributes a reader sees (not ids, addresses, dates or codes).
_XML_TEXT = {"title", "subtitle", "summary", "content", "description", "category", "rights"}
_XML_ATTRIBUTES = ("label", "title", "text")


def xml_texts(path: Path, lang: str, own_words: Iterable[str] = ()) -> Iterator[tuple[str, str]]:
    """Texts a reader of ``lang`` sees in an Atom, RSS or OPML file: elements marked as
    another language with xml:lang are skipped, and so are parts of HTML content marked
    with ``lang``; ``own_words`` (exact strings) are taken out first."""
    from xml.etree import ElementTree

    tree = ElementTree.parse(path)
    own = sorted({word for word in own_words if word}, key=len, reverse=True)

    def walk(node: ElementTree.Element, inherited: str) -> Iterator[tuple[str, str]]:
        here = (node.get(_XML_LANG) or inherited)[:2]
        if here != lang:
            return
        tag = node.tag.rsplit("}", 1)[-1]
        for attribute in _XML_ATTRIBUTES:
            if value := node.get(attribute):
                yield _without(value, own), f"{tag}[{attribute}]"
        if tag in _XML_TEXT and node.text and node.text.strip():
            if node.get("type") in ("html", "xhtml") or tag == "description":
                soup = BeautifulSoup(f"<div>{node.text}</div>", "html.parser")
                for text, where in _read_text(soup, lang):
                    yield _without(text, own), f"{tag} {where}"
            else:
                yield _without(node.text, own), tag
        for child in node:
            yield from walk(child, here)

    root = tree.getroot()
    yield from walk(root, root.get(_XML_LANG) or lang)


def _without(text: str, own: list[str]) -> str:
    for word in own:
        text = text.replace(word, " ")
    return text
