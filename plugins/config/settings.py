"""Every Noticeboard setting: its name, default, kind and help, in one place.

The README's settings table is generated from this list (``python -m plugins.config.readme``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from plugins.notices.find_a_tender_first import Mode
from plugins.notices.placeholder_mode import PlaceholderMode

from .kinds import (
    COLOUR,
    DAYS,
    FLAG,
    HASHTAGS,
    ITL1_REGIONS,
    ITL_LEVELS,
    LANGUAGES,
    MOMENT,
    NAMES_BY_LANGUAGE,
    OCID_PREFIXES,
    PUBLISHER,
    TEXT,
    URL,
    ZONE,
    Kind,
    choice,
    duration,
    optional,
    pattern,
    whole,
)

OPEN_GOVERNMENT_LICENCE = (
    "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
)
FIND_A_TENDER_PREFIX = "ocds-h6vhtk"


@dataclass(frozen=True)
class Setting:
    """One setting: ``help`` is Markdown, shown in the README's table."""

    name: str
    default: Any
    kind: Kind
    help: str

    def value(self, settings: Mapping[str, Any]) -> Any:
        """The site's value (or the default), checked; raises SettingsError naming it."""
        return self.kind.check(self.name, settings.get(self.name, self.default))


NOTICES = (
    Setting(
        "NOTICES_PATH", "notices", TEXT, "folder under the content path that holds notice files"
    ),
    Setting(
        "NOTICES_CLOCK",
        None,
        optional(MOMENT),
        'the build\'s "now"; `None` means `SOURCE_DATE_EPOCH` if set, else the current time. '
        "Statuses and scheduled publication use it. The sample `pelicanconf.py` pins it to "
        "2026-11-20 12:00 UTC so the sample deadlines make sense (`invoke new` then dates new "
        "notices at it too); delete that line for a real site",
    ),
    Setting(
        "NOTICES_TIMEZONE",
        "Europe/London",
        ZONE,
        "time zone in which dates and times are shown on pages, in calendars and in OCDS dates",
    ),
    Setting(
        "NOTICES_SITE_URL",
        None,
        optional(URL),
        "the site's canonical public address, e.g. `https://contracts.example.gov.uk`, used for "
        "absolute links in feeds, calendars, open data and link cards; `None`: `SITEURL`, which "
        "must then be absolute",
    ),
    Setting(
        "NOTICES_CACHE",
        "notices.sqlite",
        optional(TEXT),
        "file under `CACHE_PATH` that keeps each notice as read (as plain JSON, with a "
        "checksum), keyed by the file's bytes and the code's version, so an unchanged notice "
        "is not parsed again (by the build or `invoke check`). A damaged entry is read again, "
        "an unreadable file rebuilt, each with a warning. `None`: no cache",
    ),
    Setting(
        "NOTICES_OUTPUT_CACHE",
        "outputs",
        optional(TEXT),
        "folder under `CACHE_PATH` that keeps each feed, calendar and open data file as last "
        "written, with a manifest of the key it was made from (a digest of exactly what it "
        "shows, the settings and the code's version) and its SHA-256, and each feed entry and "
        "calendar event serialised once: a file whose key is unchanged and whose kept copy is "
        "intact is linked from there instead of made again. `None`: every file made every build",
    ),
    Setting(
        "NOTICES_PROCESSES",
        0,
        whole(0),
        "processes that read notices when there are many (64 or more) to read; `0`: one per "
        "core, `1`: read in the build's own process",
    ),
    Setting(
        "NOTICES_FIND_A_TENDER_FIRST",
        Mode.HOLD_NOTICE.value,
        choice(mode.value for mode in Mode),
        "what happens to a regulated notice (`legal_basis` PA2023; notices under earlier or "
        "devolved rules are never held) without its `find_a_tender` link, since the law has it on Find a Tender "
        'first: `"hold-notice"` keeps it off the site and unannounced until the link is added; '
        '`"hold-announcements"` builds its page and feeds but holds its announcements; '
        '`"error"` fails `invoke check` and the build; `"off"` publishes it as any other. Held '
        "notices are warnings in `invoke check` and listed in `announcements.json` and the "
        "publisher's report (see [docs/notice-format.md](docs/notice-format.md#find-a-tender-first))",
    ),
    Setting(
        "NOTICES_PLACEHOLDERS",
        PlaceholderMode.ERROR_ON_MAIN.value,
        choice(mode.value for mode in PlaceholderMode),
        "what a value `invoke new` made up and nobody replaced is (its example texts, `NEW-` "
        'ids and ocids, lines marked `# placeholder`): `"error-on-main"` fails `invoke check` '
        "and the build on the `main` branch (a pull request into it, or a push to it, in GitHub "
        "Actions) and in `invoke build --production`, and warns on any other branch; "
        '`"error"` always fails them; `"warning"` only warns (see '
        "[docs/notice-format.md](docs/notice-format.md#placeholders))",
    ),
)
FEEDS = (
    Setting(
        "FEEDS_MAX_ENTRIES",
        100,
        whole(1),
        "entries per feed document; a longer feed is split into RFC 5005 pages, the "
        "subscription document holding every notice open now, then the newest others (see "
        "[docs/feeds.md](docs/feeds.md))",
    ),
    Setting(
        "FEEDS_ID_DATE",
        "2026",
        pattern(
            "date `YYYY[-MM[-DD]]`", r"\d{4}(-\d{2}(-\d{2})?)?", "a date such as 2026 or 2026-04-01"
        ),
        "the date in every feed and entry `tag:` id (RFC 4151), e.g. `2026` or `2026-04-01`: a "
        "day on which the council held the site's domain. Never change it once feeds are "
        "published, or every reader sees every entry again",
    ),
    Setting(
        "FEEDS_REGIONS",
        None,
        optional(ITL1_REGIONS),
        "the ITL1 regions the site serves, e.g. `('TLL',)` for Wales: each of them, and every "
        "area within them at `FEEDS_REGION_LEVELS`, has a feed, a calendar and a listing from "
        "day one, even before its first notice; `None`: the ITL1 regions of the site's notices",
    ),
    Setting(
        "FEEDS_REGION_LEVELS",
        (1, 2, 3),
        ITL_LEVELS,
        "the ITL levels that have region feeds, calendars and listings: `1` (nations and "
        "English regions), `2` and `3` (smaller areas); a notice in `TLL14` is in the `TLL`, "
        "`TLL1` and `TLL14` ones (see [docs/feeds.md](docs/feeds.md))",
    ),
)
CALENDARS = (
    Setting(
        "CALENDARS_ALARM",
        "P1D",
        optional(duration(positive=True)),
        'how long before each deadline event starts a reminder (`VALARM`) fires, e.g. `"PT2H"`; '
        "`None`: no reminders. Apple Calendar keeps it unless the subscriber removes alerts; "
        "Google Calendar and Outlook generally ignore reminders in subscribed calendars",
    ),
    Setting(
        "CALENDARS_EVENT_LENGTH",
        "PT30M",
        duration(positive=False),
        "length of the block that ends at each deadline, so the deadline shows as the end of a "
        'visible slot; `"PT0S"`: a point in time (no `DTEND`)',
    ),
    Setting(
        "CALENDARS_PAST_DAYS",
        365,
        optional(DAYS),
        "site-wide and facet calendars leave out deadlines that passed more than this many days "
        "before the build's clock, so subscriptions stay small; `None`: keep every deadline. A "
        "notice's own calendar always keeps all of its deadlines",
    ),
    Setting(
        "CALENDARS_REFRESH",
        "PT12H",
        duration(positive=True),
        "how often calendar apps are asked to fetch a subscription again (`REFRESH-INTERVAL` "
        "and `X-PUBLISHED-TTL`)",
    ),
)
OCDS = (
    Setting(
        "OCDS_PUBLISHER",
        None,
        optional(PUBLISHER),
        "who publishes the data: a dict with `name` (required) and optionally `scheme` and "
        "`uid` (an organisation identifier, e.g. `GB-PPON` and the PPON without its prefix) and "
        "`uri`; `None`: the site's name and address",
    ),
    Setting(
        "OCDS_LICENSE",
        OPEN_GOVERNMENT_LICENCE,
        URL,
        "URL of the licence the data is published under (default: Open Government Licence v3.0)",
    ),
    Setting(
        "OCDS_PUBLICATION_POLICY",
        None,
        optional(TEXT),
        "URL of the publication policy, or a path on this site such as `about/`; `None`: the "
        "packages link no policy",
    ),
    Setting(
        "OCDS_OCID_PREFIX",
        FIND_A_TENDER_PREFIX,
        OCID_PREFIXES,
        f"the ocid prefix, or a list of prefixes, notices may use: Find a Tender's "
        f"(`{FIND_A_TENDER_PREFIX}`) when notices reuse its ocids, plus the council's own "
        "registered prefix. A notice whose ocid has another prefix is an error in `invoke check` "
        "and the build",
    ),
)
ANNOUNCEMENTS = (
    Setting(
        "ANNOUNCEMENTS_HASHTAGS",
        (),
        HASHTAGS,
        'hashtags (without `#`) added to every announcement, e.g. `("AfonwyContracts",)`; a '
        "lone string is refused at start-up, since it would be read letter by letter",
    ),
    Setting(
        "ANNOUNCEMENTS_CLOSING_SOON",
        True,
        FLAG,
        "include a `closing-soon` announcement for open notices whose deadline is within 7 "
        "days; the publisher posts them only when asked to",
    ),
)
SITE_PAGES = (
    Setting(
        "SITE_PAGES_PER_PAGE",
        None,
        optional(whole(1)),
        "notices on each page of a listing; `None`: `DEFAULT_PAGINATION`, else 20",
    ),
)
CARDS = (
    Setting(
        "CARDS_BRAND_COLOUR",
        "#0b3d4a",
        COLOUR,
        "background of the link card's header band (white text on it: keep contrast at least "
        "4.5:1)",
    ),
    Setting(
        "CARDS_ACCENT_COLOUR",
        "#1d70b8",
        COLOUR,
        "colour of the thin bars under the header band and at the foot of the card",
    ),
    Setting(
        "CARDS_CACHE_PATH",
        "cards",
        optional(TEXT),
        "folder (under `CACHE_PATH` when relative) in which to keep drawn cards between builds, "
        "keyed by everything a card shows, so an unchanged card is copied instead of drawn "
        "again; a kept card that is not a sound 1200 by 630 PNG is drawn again, with a warning. "
        "`None`: no cache",
    ),
    Setting(
        "CARDS_PROCESSES",
        2,
        whole(1),
        "processes that draw cards when there are many (200 or more); `1` draws in the build",
    ),
    Setting(
        "CARDS_RECENT_DAYS",
        365,
        optional(DAYS),
        "a notice has a link card of its own while it is planned or open, or was published or "
        "changed within this many days before the build's clock; older ones show the site's "
        "card (`card.png`, `cy/card.png`), drawn once. `None`: every notice has its own card",
    ),
)
SITE_FILES = (
    Setting(
        "SITE_FILES_SECURITY_CONTACT",
        None,
        optional(
            pattern(
                "`mailto:`, `https://` or `tel:` address",
                r"(mailto:|https://|tel:)\S+",
                "an address such as 'mailto:security@example.gov.uk'",
            )
        ),
        "where to report a security problem with the site, e.g. "
        '`"mailto:security@afonwy.gov.uk"`, published as `/.well-known/security.txt` '
        "(RFC 9116); `None`: no `security.txt`",
    ),
    Setting(
        "SITE_FILES_SECURITY_EXPIRES",
        "P180D",
        duration(positive=True),
        "how long after the build's clock `security.txt` says it is valid (`Expires`); keep it "
        "under a year (RFC 9116) and build at least that often",
    ),
    Setting(
        "SITE_FILES_SECURITY_POLICY",
        None,
        optional(URL),
        "URL of the council's vulnerability disclosure policy, given as `Policy` in "
        "`security.txt`; `None`: none given",
    ),
    Setting(
        "SITE_FILES_SHORT_NAME",
        None,
        optional(TEXT),
        "the site's name where space is short (a phone's home screen), for the web manifest, "
        'e.g. `"Afonwy contracts"`; `None`: `SITENAME`',
    ),
)
SEARCH = (
    Setting(
        "SEARCH_NOTICES_PER_BUNDLE",
        500,
        whole(1),
        "notices in each bundle of the search index: `invoke build` runs Pagefind on one "
        "bundle at a time (in publication order, the oldest first) and the search page merges "
        "them, so a bigger bundle needs more memory to build (about 0.2 MB a notice page) and "
        "a smaller one more files for a reader's browser to fetch",
    ),
    Setting(
        "SEARCH_CACHE",
        "search",
        optional(TEXT),
        "folder under `CACHE_PATH` that keeps each search bundle as last made, keyed by the "
        "exact bytes of its notice pages and Pagefind's version: a bundle whose pages are "
        "unchanged and whose kept copy is intact is linked from there instead of indexed "
        "again. `None`: every bundle indexed every build",
    ),
)
LANGUAGE = (
    Setting(
        "SITE_LANGUAGES",
        None,
        LANGUAGES,
        "the languages the whole site is in, in the order the language switch offers them, "
        'e.g. `("en", "cy")`: `DEFAULT_LANG`\'s pages are at the site\'s root, each other '
        "language's under `/<code>/` (home, listings, feeds, calendars, search, notices); "
        "`None`: `DEFAULT_LANG` only, with no language switch (a notice's translation still "
        "has its page)",
    ),
    Setting(
        "SITE_NAMES",
        {},
        NAMES_BY_LANGUAGE,
        'the site\'s name in each language, e.g. `{"cy": "Cyfleoedd contract Cyngor Sir '
        'Afonwy"}`; a language not named uses `SITENAME`',
    ),
)
SETTINGS = (
    LANGUAGE
    + NOTICES
    + FEEDS
    + CALENDARS
    + OCDS
    + ANNOUNCEMENTS
    + SITE_PAGES
    + CARDS
    + SITE_FILES
    + SEARCH
)
BY_NAME = {setting.name: setting for setting in SETTINGS}
# A setting starting with one of these that is not in SETTINGS is a mistake (a typo, or an
# old name): it would be silently ignored.
PREFIXES = (
    "NOTICES_",
    "FEEDS_",
    "CALENDARS_",
    "OCDS_",
    "ANNOUNCEMENTS_",
    "SITE_PAGES_",
    "CARDS_",
    "SITE_FILES_",
    "SEARCH_",
)
