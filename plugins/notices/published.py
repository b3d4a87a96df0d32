"""Where the published record comes from: a git revision of the site, or its ``notices.json``.

``invoke check --against origin/main`` reads the notices of that revision (only the files
that differ from the working tree: unchanged files cannot break the record);
``--against https://…/notices.json`` or a saved copy reads what the deployed site published.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from . import find_a_tender_first
from .facts import canonical
from .files import is_notice_file, slug_for
from .find_a_tender_first import Mode
from .load import read_text
from .parse import build_notice
from .record import PublishedNotice, published_from

MAX_INDEX_BYTES = 512 * 1024 * 1024
TIMEOUT_SECONDS = 20


class RecordUnavailable(Exception):
    """The published record cannot be read: the message says why, in one line."""


@dataclass(frozen=True)
class Record:
    """The published notices to compare with, and the files known to be as published."""

    notices: tuple[PublishedNotice, ...]
    unchanged: frozenset[str] = frozenset()  # display paths identical to the published file
    source: str = ""


def read_record(against: str, root: Path, notices_dir: Path, mode: Mode, clock: datetime) -> Record:
    """The record ``against`` names: a URL or a ``.json`` file, else a git revision."""
    if against.startswith(("http://", "https://")):
        return from_index(_download(against), against)
    if against.endswith(".json"):
        try:
            return from_index(Path(against).read_bytes(), against)
        except OSError as error:
            raise RecordUnavailable(f"cannot read {against}: {error.strerror}") from None
    return from_git(root, against, notices_dir, mode, clock)


def default_revision(root: Path, environ: Mapping[str, str] = os.environ) -> str | None:
    """The branch a pull request goes into (GitHub's GITHUB_BASE_REF), else ``origin/main``,
    when the repository has it."""
    base = environ.get("GITHUB_BASE_REF")
    revision = f"origin/{base}" if base else "origin/main"
    found = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", check=False)
    return revision if found.returncode == 0 else None


def from_git(root: Path, revision: str, notices_dir: Path, mode: Mode, clock: datetime) -> Record:
    """The notices published from ``revision``: valid, not held, and dated by ``clock``."""
    if _git(
        root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", check=False
    ).returncode:
        raise RecordUnavailable(f"{revision} is not a git revision of {root}")
    top = Path(_git(root, "rev-parse", "--show-toplevel").stdout.strip())
    folder = notices_dir.resolve().relative_to(top.resolve()).as_posix()
    listing = _git(top, "ls-tree", "-r", "-z", revision, "--", folder).stdout
    wanted: dict[str, str] = {}  # blob → path, of the files that differ from the tree
    unchanged: set[str] = set()
    for entry in filter(None, listing.split("\0")):
        meta, path = entry.split("\t", 1)
        _, kind, blob = meta.split()
        if kind != "blob" or not is_notice_file(Path(path)):
            continue
        shown_path = (top / path).resolve().relative_to(root.resolve()).as_posix()
        if _blob_of(top / path) == blob:
            unchanged.add(shown_path)
        else:
            wanted[blob] = shown_path
    published = [
        record
        for blob, text in _blobs(top, list(wanted))
        if (record := _published(text, wanted[blob], mode, clock)) is not None
    ]
    return Record(tuple(published), frozenset(unchanged), revision)


def from_index(data: bytes, where: str) -> Record:
    """The notices a site's ``notices.json`` lists with their record."""
    try:
        index = json.loads(data)
        entries = index["notices"]
        notices = tuple(_from_entry(entry) for entry in entries if "record" in entry)
    except (ValueError, KeyError, TypeError) as error:
        raise RecordUnavailable(f"{where} is not a notices.json ({error})") from None
    if entries and not notices:
        raise RecordUnavailable(f"{where} has no record of facts (built by an older version)")
    return Record(notices, source=where)


def _from_entry(entry: dict[str, Any]) -> PublishedNotice:
    record = entry["record"]
    return PublishedNotice(
        identity={
            "notice_id": str(entry["id"]),
            "ocid": str(entry["ocid"]),
            "notice_type": str(entry["type"]),
            "lang": str(entry["language"]),
        },
        facts={name: canonical(value) for name, value in record["facts"].items()},
        changes=tuple(canonical(change) for change in record["changes"]),
    )


def _published(text: str, path: str, mode: Mode, clock: datetime) -> PublishedNotice | None:
    """The record of a notice file as it was, if it could be and was published."""
    source, _ = read_text(text.removeprefix("\ufeff"), path)
    if source is None:
        return None
    notice = build_notice(source.data, path, slug_for(Path(path)))
    off_site = mode in (Mode.HOLD_NOTICE, Mode.ERROR)  # held notices were never on the site
    waiting = off_site and find_a_tender_first.waiting(notice)
    if waiting or notice.published > clock:
        return None
    return published_from(notice, path)


def _blob_of(path: Path) -> str | None:
    """The id git gives the file's content (None when there is no file)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def _blobs(top: Path, blobs: list[str]) -> list[tuple[str, str]]:
    """Each blob's text, read in one ``git cat-file --batch``."""
    if not blobs:
        return []
    batch = subprocess.run(
        ["git", "-C", str(top), "cat-file", "--batch"],
        input="".join(f"{blob}\n" for blob in blobs).encode(),
        capture_output=True,
        check=True,
    ).stdout
    found, at = [], 0
    for blob in blobs:
        header_end = batch.index(b"\n", at)
        size = int(batch[at:header_end].split()[2])
        body = batch[header_end + 1 : header_end + 1 + size]
        found.append((blob, body.decode("utf-8", errors="replace")))
        at = header_end + 1 + size + 1
    return found


def _download(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:
            data: bytes = response.read(MAX_INDEX_BYTES + 1)
    except OSError as error:
        raise RecordUnavailable(f"cannot fetch {url}: {error}") from None
    if len(data) > MAX_INDEX_BYTES:
        raise RecordUnavailable(f"{url} is larger than {MAX_INDEX_BYTES} bytes")
    return data


def _git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, check=check
        )
    except (OSError, subprocess.CalledProcessError) as error:
        raise RecordUnavailable(f"git {args[0]} failed in {root}: {error}") from None
