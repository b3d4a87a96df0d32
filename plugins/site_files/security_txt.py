"""``/.well-known/security.txt`` (RFC 9116): whom to tell about a security problem."""

from __future__ import annotations

from datetime import timedelta

from plugins.notices.jsonfile import rfc3339
from plugins.notices.site import Site

PATH = ".well-known/security.txt"


def security_txt(site: Site, contact: str, expires: timedelta, policy: str | None = None) -> bytes:
    """Contact, Expires (``expires`` after the build's clock), Preferred-Languages (the
    site's language), Canonical and, when given, Policy."""
    lines = [
        f"Contact: {contact}",
        f"Expires: {rfc3339(site.clock + expires)}",
        f"Preferred-Languages: {site.default_lang}",
        f"Canonical: {site.absolute(PATH)}",
    ]
    if policy:
        lines.append(f"Policy: {policy}")
    return ("\n".join(lines) + "\n").encode("utf-8")
