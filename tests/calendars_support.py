"""Helpers for the calendar tests: the sample's deadlines read with plain YAML, calendars parsed."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from icalendar import Calendar

import pelicanconf
from plugins.calendars.ics import render
from plugins.config import CalendarOptions as Options
from plugins.notices.output import in_memory
from plugins.notices.site import Site
from tests.sites import CONTENT, SAMPLE_CLOCK

HOST = "contracts.afonwy.gov.uk"
HIGHWAY = "notices/highway-resurfacing-framework/deadlines.ics"


@cache
def front_matters(content: Path = CONTENT) -> tuple[dict[str, Any], ...]:
    """The published notices' front matter, read with plain YAML: not through our model.

    ``_slug`` is the file name without ``.md`` and a language suffix.
    """
    found = []
    for path in sorted((content / "notices").rglob("*.md")):
        data = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        slug = path.name.removesuffix(".md").removesuffix(f".{lang(data)}")
        if data["published"] <= SAMPLE_CLOCK:
            found.append({**data, "_slug": slug})
    return tuple(found)


def lang(data: dict[str, Any]) -> str:
    return data.get("lang", "en")


def parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def events_by_uid(data: bytes) -> dict[str, Any]:
    return {str(event["UID"]): event for event in parse(data).walk("VEVENT")}


def at(event: Any, name: str) -> datetime:
    return event.decoded(name)


@pytest.fixture(scope="module")
def files(sample_site: Site) -> dict[str, bytes]:
    """Every calendar file of the sample site with the default options, by path."""
    return in_memory(render(sample_site, Options()))


def as_built(site: Site) -> Site:
    """The sample site in the languages the sample build has (pelicanconf.py): English at
    the root, Welsh under cy/, with the site's Welsh name."""
    return dataclasses.replace(
        site,
        languages=tuple(pelicanconf.SITE_LANGUAGES),
        names=tuple(sorted(pelicanconf.SITE_NAMES.items())),
    )
