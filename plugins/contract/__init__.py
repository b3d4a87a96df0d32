"""The contract between build and publisher: ``announcements.json``.

The build (plugins/opendata/announcements.py) writes the file in this format; the publisher
(publish/) reads it with :func:`load`. Both import it from here: the file's name, format
version and schema, the typed announcements and the reader that checks them. Like the rest
of plugins/ but the adapter, it imports no Pelican, and nothing of the build either.
"""

from __future__ import annotations

from .model import (
    Announcement,
    Announcements,
    Card,
    ChangedField,
    Deadline,
    Held,
    Invalid,
    SiteLanguage,
    Translation,
    Version,
)
from .reader import ContractError, load
from .schema import PATH, SCHEMA, VERSION, schema

__all__ = [
    "PATH",
    "SCHEMA",
    "VERSION",
    "Announcement",
    "Announcements",
    "Card",
    "ChangedField",
    "ContractError",
    "Deadline",
    "Held",
    "Invalid",
    "SiteLanguage",
    "Translation",
    "Version",
    "load",
    "schema",
]
