"""The mailing lists e-mail digests go to, and the topic each one follows.

They are read from a TOML file (``email-lists.toml`` by default, see docs/publishing.md):
who is subscribed is the list server's business, so the file holds no secrets, only the
list addresses, the sender and the ``List-Unsubscribe`` the list server asks for. Every
problem in it is reported at once, as one :class:`ConfigError`.

A topic matches on what an announcement carries (:class:`plugins.contract.Announcement`):
its tags (the notice type group, ``SME``, the site's hashtags), its kind, its languages (the
notice's and its translations'), its CPV divisions (the first two digits of its codes) and its regions (an ITL code covers the
areas within it: ``TLL`` takes a notice in ``TLL14``).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from email.headerregistry import Address
from email.utils import getaddresses
from pathlib import Path
from typing import Any

from .announcements import Announcement
from .errors import ConfigError

LEDGER_PREFIX = "email/"
ONE_CLICK = "List-Unsubscribe=One-Click"
_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")
_UNSUBSCRIBE = re.compile(r"<(mailto:[^<>\s]+|https://[^<>\s]+)>")
_TOPIC_KEYS = ("tags", "kinds", "languages", "cpv_divisions", "regions")
_CODES = {
    "cpv_divisions": (re.compile(r"\d{2}"), "a CPV division's two digits, e.g. '45'"),
    "regions": (re.compile(r"TL[C-N][0-9A-Z]{0,2}"), "an ITL code, e.g. 'TLL' or 'TLL14'"),
}
_LANGUAGE = re.compile(r"[a-z]{2,3}")
_LIST_KEYS = {
    "name",
    "address",
    "title",
    "unsubscribe",
    "unsubscribe_post",
    "language",
    "translation_links",
    *_TOPIC_KEYS,
}


@dataclass(frozen=True)
class MailingList:
    """One list address and its topic: an announcement goes in its digest when it matches."""

    name: str
    address: str
    title: str
    unsubscribe: str
    unsubscribe_post: str | None = None
    tags: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    cpv_divisions: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    # The digest's language (None: the site's) and whether it links translations.
    language: str | None = None
    translation_links: bool = True

    @property
    def channel(self) -> str:
        """This list's name in the ledger."""
        return LEDGER_PREFIX + self.name

    def matches(self, item: Announcement) -> bool:
        """Whether ``item`` is on this list's topic (no condition: every announcement)."""
        return (
            (not self.tags or not self.tags.isdisjoint(item.tags))
            and (not self.kinds or item.kind in self.kinds)
            and (not self.languages or not self.languages.isdisjoint(_languages(item)))
            and (not self.cpv_divisions or any(c[:2] in self.cpv_divisions for c in item.cpv))
            and (not self.regions or any(r.startswith(tuple(self.regions)) for r in item.regions))
        )


def _languages(item: Announcement) -> set[str]:
    """The languages the notice is written in: its own and its translations'."""
    return {item.language, *(each.language for each in item.translations)}


@dataclass(frozen=True)
class EmailLists:
    """The sender and the lists, as configured."""

    sender: str
    lists: tuple[MailingList, ...]

    @property
    def domain(self) -> str:
        """The sender's domain, for Message-IDs."""
        return getaddresses([self.sender])[0][1].rpartition("@")[2]


def load(path: Path) -> EmailLists | None:
    """The configuration at ``path``, or None when there is no such file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    if problems := list(_problems(data)):
        listed = "\n".join(f"{path}: {problem}" for problem in problems)
        raise ConfigError(f"{len(problems)} problem(s) in the e-mail lists:\n{listed}")
    lists = tuple(_mailing_list(entry) for entry in data["lists"])
    return EmailLists(data["from"], lists)


def _mailing_list(entry: Mapping[str, Any]) -> MailingList:
    return MailingList(
        name=entry["name"],
        address=entry["address"],
        title=entry.get("title", entry["name"]),
        unsubscribe=entry["unsubscribe"],
        unsubscribe_post=entry.get("unsubscribe_post"),
        **{key: frozenset(entry.get(key, ())) for key in _TOPIC_KEYS},
        language=entry.get("language") or _only(entry.get("languages")),
        translation_links=entry.get("translation_links", True),
    )


def _only(languages: list[str] | None) -> str | None:
    """A list that follows one language's notices reads its digest in that language."""
    return languages[0] if languages and len(languages) == 1 else None


def _problems(data: Mapping[str, Any]) -> Iterator[str]:
    if not _is_address(data.get("from")):
        yield "from: the sender, such as 'Afonwy contracts <contracts@afonwy.gov.uk>', is missing or not an address"
    unknown = sorted(set(data) - {"from", "lists"})
    if unknown:
        yield f"{unknown[0]}: not a setting of the e-mail lists (only 'from' and [[lists]])"
    lists = data.get("lists")
    if not isinstance(lists, list) or not lists:
        yield "lists: no [[lists]] — add one per mailing list"
        return
    names: set[str] = set()
    for number, entry in enumerate(lists, 1):
        yield from (f"lists #{number}: {problem}" for problem in _list_problems(entry, names))


def _list_problems(entry: Any, names: set[str]) -> Iterator[str]:
    if not isinstance(entry, dict):
        yield "not a table"
        return
    name = entry.get("name")
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        yield f"name: {name!r} is not a name of lower-case letters, digits and '-' (it keys the ledger)"
    elif name in names:
        yield f"name: {name!r} is used twice — each list needs its own"
    names.add(str(name))
    if not _is_address(entry.get("address")):
        yield f"address: {entry.get('address')!r} is not an e-mail address"
    for key in sorted(set(entry) - _LIST_KEYS):
        yield _unknown_key(key)
    yield from _unsubscribe_problems(entry.get("unsubscribe"), entry.get("unsubscribe_post"))
    if not isinstance(entry.get("title", ""), str):
        yield f"title: {entry['title']!r} is not text"
    language = entry.get("language", "cy")
    if not isinstance(language, str) or not _LANGUAGE.fullmatch(language):
        yield f"language: {language!r} is not a language code such as 'cy' or 'en'"
    if not isinstance(entry.get("translation_links", True), bool):
        yield f"translation_links: {entry['translation_links']!r} is not true or false"
    for key in _TOPIC_KEYS:
        value = entry.get(key, [])
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            yield f"{key}: {value!r} is not a list of text"
        elif key in _CODES:
            pattern, example = _CODES[key]
            wrong = [code for code in value if not pattern.fullmatch(code)]
            if wrong:
                yield f"{key}: {', '.join(map(repr, wrong))} — write each as {example}"


def _unknown_key(key: str) -> str:
    return (
        f"{key}: not a setting of a list (name, address, title, unsubscribe, unsubscribe_post, "
        "language, translation_links, tags, kinds, languages, cpv_divisions, regions)"
    )


def _unsubscribe_problems(unsubscribe: Any, post: Any) -> Iterator[str]:
    uris = _UNSUBSCRIBE.findall(unsubscribe) if isinstance(unsubscribe, str) else []
    rebuilt = ", ".join(f"<{uri}>" for uri in uris)
    if (
        not uris
        or not isinstance(unsubscribe, str)
        or rebuilt != re.sub(r"\s*,\s*", ", ", unsubscribe.strip())
    ):
        yield (
            f"unsubscribe: {unsubscribe!r} is not what a List-Unsubscribe header holds: "
            "'<mailto:…>' and/or '<https://…>', comma-separated, as the list server gives them"
        )
    if post is not None and post != ONE_CLICK:
        yield f"unsubscribe_post: {post!r} must be {ONE_CLICK!r} (RFC 8058) or left out"
    elif post is not None and not any(uri.startswith("https://") for uri in uris):
        yield "unsubscribe_post: one-click unsubscribe needs an https:// address in unsubscribe"


def _is_address(value: Any) -> bool:
    if not isinstance(value, str) or "\n" in value or "\r" in value:
        return False
    parsed = getaddresses([value])
    if len(parsed) != 1 or "@" not in parsed[0][1]:
        return False
    try:
        Address(addr_spec=parsed[0][1])
    except (ValueError, IndexError):
        return False
    return True
