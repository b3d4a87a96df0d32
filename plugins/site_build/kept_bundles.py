"""Search bundles kept between builds, by key: an unchanged bundle is not indexed again.

Under the cache folder, ``<key>/`` holds a bundle's files as Pagefind wrote them and
``<key>.json`` the SHA-256 of each (written last, so a bundle half kept has none). A kept
bundle is used only when every file still has its recorded hash: a damaged or crafted
cache costs a Pagefind run, never a wrong index. Bundles no build asked for are deleted.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
from pathlib import Path

from plugins.notices.keyed import place
from plugins.notices.output import write_whole

logger = logging.getLogger(__name__)

_KEY = re.compile(r"^[0-9a-f]{64}$")


class KeptBundles:
    """The kept bundles in ``folder``, for one build: ``finish`` deletes those not used."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._used: set[str] = set()

    def place(self, key: str, target: Path) -> bool:
        """Link (or copy) the kept bundle of ``key`` into ``target`` if it is intact."""
        self._used.add(key)
        files = self._intact(key)
        if files is None:
            return False
        for name in files:
            link_or_copy(self.folder / key / name, target / name)
        return True

    def keep(self, key: str, bundle: Path) -> None:
        """Keep a copy of the bundle made in ``bundle`` under ``key``."""
        self._used.add(key)
        copy = self.folder / key
        shutil.rmtree(copy, ignore_errors=True)
        hashes = {}
        for file in sorted(path for path in bundle.rglob("*") if path.is_file()):
            name = file.relative_to(bundle).as_posix()
            link_or_copy(file, copy / name)
            hashes[name] = _sha256(file)
        write_whole(self.folder / f"{key}.json", json.dumps(hashes, sort_keys=True).encode())

    def finish(self) -> None:
        """Delete the kept bundles this build did not use."""
        if not self.folder.is_dir():
            return
        for path in sorted(self.folder.iterdir()):
            if path.name.removesuffix(".json") not in self._used:
                _remove(path)

    def _intact(self, key: str) -> list[str] | None:
        """The kept bundle's file names if every file has its recorded hash, else None."""
        if not _KEY.match(key):
            return None
        try:
            hashes = json.loads((self.folder / f"{key}.json").read_bytes())
            sound = all(
                _safe(name) and _sha256(self.folder / key / name) == sha
                for name, sha in hashes.items()
            )
        except (OSError, ValueError, AttributeError, TypeError):
            return None
        if not sound:
            logger.warning("%s: a kept search bundle is damaged; it is made again", key)
            return None
        return sorted(hashes)


def _safe(name: object) -> bool:
    """A relative path inside the bundle (a crafted manifest cannot name files elsewhere)."""
    return isinstance(name, str) and not name.startswith("/") and ".." not in name.split("/")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def link_or_copy(source: Path, target: Path) -> None:
    """``target`` (its folder made) as a hard link to ``source``, or a copy, as keyed outputs."""
    target.parent.mkdir(parents=True, exist_ok=True)
    place(source, target)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
