"""Read ``announcements.json``, the publisher's only input, into typed announcements.

The format, its typed announcements and its reader are the build's contract with the
publisher (:mod:`plugins.contract`); here a problem with the file as a whole becomes the
publisher's :class:`InputError`.
"""

from __future__ import annotations

from pathlib import Path

from plugins import contract
from plugins.contract import (
    Announcement,
    Announcements,
    Card,
    Deadline,
    Held,
    Invalid,
    SiteLanguage,
    Translation,
)

from .errors import InputError

__all__ = [
    "Announcement",
    "Announcements",
    "Card",
    "Deadline",
    "Held",
    "Invalid",
    "SiteLanguage",
    "Translation",
    "load",
]


def load(path: Path) -> Announcements:
    """Read, check and type the announcements file at ``path``.

    A problem in the file as a whole raises :class:`InputError`; an invalid announcement or
    held notice is left out and listed in :attr:`Announcements.invalid`.
    """
    try:
        return contract.load(path)
    except contract.ContractError as error:
        raise InputError(str(error)) from None
