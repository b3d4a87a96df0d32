"""An update release whose notice is not on the site is not written as half a notice.

Find a Tender's ``tenderUpdate``, ``planningUpdate``… releases of a notice may give only
what changed. Imported after the notice they update, they become a change entry on it;
imported alone, they would make a notice that lacks what the update left out. Such a file
is taken back, and the terminal says which notice to import first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .write import Written

# Not ``contractAmendment``: that is a contract change notice (UK10) of its own, not a
# later version of one.
UPDATE_TAGS = ("Update",)


def is_update(release: dict[str, Any]) -> bool:
    """Whether the release is a later version of a notice (``tenderUpdate``, ``awardUpdate``…)."""
    tags = release.get("tag")
    return isinstance(tags, list) and any(str(tag).endswith(UPDATE_TAGS) for tag in tags)


def taken_back(written: Written, front: dict[str, Any], source: str) -> Written:
    """Delete the half notice ``written`` made and say what to import first."""
    Path(written.path).unlink(missing_ok=True)
    kind, ocid = front.get("notice_type") or "earlier", front.get("ocid")
    return Written(
        written.path,
        "not written",
        f"the release in {source} updates the {kind} notice of procurement {ocid}, which is"
        f" not on this site, and alone fails invoke check: import that notice first with"
        f" invoke import --source <its Find a Tender notice id or release file> (Find a"
        f" Tender lists it under ocid {ocid}), then this release again",
    )
