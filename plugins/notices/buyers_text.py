"""Who buys, in a line: the buyer and, in a joint procurement, the buyers it buys with or,
for a central purchasing body, those it buys on behalf of (as Find a Tender and Sell2Wales
word them), for listings, feeds, calendars and posts."""

from __future__ import annotations

from .formatting import N_, text
from .model import Notice

JOINTLY = N_("{buyer}, jointly with {others}")
ON_BEHALF = N_("{buyer} (central purchasing body), on behalf of {others}")
CENTRAL = N_("{buyer} (central purchasing body)")
SEPARATOR = ", "  # between the other buyers' names, in every language (no mutation)


def buyers_text(notice: Notice, lang: str) -> str:
    """The buyer's name alone when it buys alone, else the line naming the others."""
    buyer = notice.buyer
    others = other_buyers_text(notice)
    if buyer.central_purchasing_body:
        message = ON_BEHALF if others else CENTRAL
    elif others:
        message = JOINTLY
    else:
        return buyer.name
    return text(message, lang).format(buyer=buyer.name, others=others)


def other_buyers_text(notice: Notice) -> str:
    """The other buyers' names, as ``buyers_text`` lists them ('' when it buys alone)."""
    return SEPARATOR.join(other.name for other in notice.joint_buyers)
