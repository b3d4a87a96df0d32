"""The OCDS plugin's settings: names, defaults and help, in one place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from plugins.notices.settings import Setting, merge
from plugins.notices.site import Site

OPEN_GOVERNMENT_LICENCE = (
    "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
)
FIND_A_TENDER_PREFIX = "ocds-h6vhtk"

SETTINGS = (
    Setting(
        "OCDS_PUBLISHER",
        None,
        "Who publishes the data: a dict with 'name' (required) and optionally 'scheme' and "
        "'uid' (an organisation identifier, e.g. GB-PPON and the PPON without its prefix) and "
        "'uri'. None: the site's name and address.",
    ),
    Setting(
        "OCDS_LICENSE",
        OPEN_GOVERNMENT_LICENCE,
        "URL of the licence the data is published under (default: Open Government Licence v3.0).",
    ),
    Setting(
        "OCDS_PUBLICATION_POLICY",
        None,
        "URL of the publication policy, or a path on this site such as 'about/'. "
        "None: the packages link no policy.",
    ),
    Setting(
        "OCDS_OCID_PREFIX",
        FIND_A_TENDER_PREFIX,
        "The ocid prefix, or a list of prefixes, notices may use: Find a Tender's "
        f"({FIND_A_TENDER_PREFIX}) when notices reuse its ocids, plus the council's own "
        "registered prefix. A notice whose ocid has another prefix is reported as an error "
        "and left out of the OCDS files.",
    ),
)
DEFAULTS = {setting.name: setting.default for setting in SETTINGS}


class OcdsSettingsError(ValueError):
    """An OCDS setting has a value the plugin cannot use."""


@dataclass(frozen=True)
class OcdsConfig:
    """The settings, checked and resolved against the site."""

    publisher: dict[str, str]
    license: str
    publication_policy: str | None
    ocid_prefixes: tuple[str, ...]

    def accepts(self, ocid: str) -> bool:
        """Whether an ocid starts with one of the accepted prefixes."""
        return any(ocid.startswith(f"{prefix}-") for prefix in self.ocid_prefixes)


def merged(settings: dict[str, Any]) -> dict[str, Any]:
    """The site's settings with the plugin's defaults under them."""
    return merge(DEFAULTS, settings)


def ocds_config(settings: dict[str, Any], site: Site) -> OcdsConfig:
    """Check the OCDS settings once, with messages that say how to fix them."""
    values = merged(settings)
    return OcdsConfig(
        publisher=_publisher(values["OCDS_PUBLISHER"], site),
        license=_url("OCDS_LICENSE", values["OCDS_LICENSE"]),
        publication_policy=_policy(values["OCDS_PUBLICATION_POLICY"], site),
        ocid_prefixes=ocid_prefixes(settings),
    )


def ocid_prefixes(settings: dict[str, Any]) -> tuple[str, ...]:
    """The site's accepted ocid prefixes (OCDS_OCID_PREFIX), checked."""
    return _prefixes(merged(settings)["OCDS_OCID_PREFIX"])


def _publisher(value: Any, site: Site) -> dict[str, str]:
    if value is None:
        return {"name": site.name, "uri": site.url}
    if not isinstance(value, dict) or not value.get("name"):
        raise OcdsSettingsError(
            "OCDS_PUBLISHER must be a dict with at least a 'name', e.g. "
            "{'name': 'Afonwy County Council', 'scheme': 'GB-PPON', 'uid': '...'}"
        )
    unknown = set(value) - {"name", "scheme", "uid", "uri"}
    if unknown:
        raise OcdsSettingsError(
            f"OCDS_PUBLISHER has unknown keys {sorted(unknown)}: use name, scheme, uid and uri"
        )
    return {key: str(value[key]) for key in ("name", "scheme", "uid", "uri") if value.get(key)}


def _url(name: str, value: Any) -> str:
    if not str(value or "").startswith(("https://", "http://")):
        raise OcdsSettingsError(f"{name} must be an absolute URL starting https://, not {value!r}")
    return str(value)


def _policy(value: Any, site: Site) -> str | None:
    if not value:
        return None
    text = str(value)
    return text if text.startswith(("https://", "http://")) else site.absolute(text)


def _prefixes(value: Any) -> tuple[str, ...]:
    prefixes = (value,) if isinstance(value, str) else tuple(value or ())
    bad = [p for p in prefixes if not (isinstance(p, str) and _is_prefix(p))]
    if not prefixes or bad:
        raise OcdsSettingsError(
            "OCDS_OCID_PREFIX must be an ocid prefix such as 'ocds-h6vhtk' (ocds- and six "
            f"lower-case letters or digits), or a list of them; got {value!r}"
        )
    return prefixes


def _is_prefix(text: str) -> bool:
    head, _, tail = text.partition("-")
    return (
        head == "ocds"
        and len(tail) == 6
        and tail.isascii()
        and tail.isalnum()
        and tail == tail.lower()
    )
