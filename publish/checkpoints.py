"""Named steps of a post at which a fault test can kill the publisher.

Setting ``PUBLISH_CRASH_AT=<step>`` (or ``<step>@<n>`` for the n-th time the step is
reached) makes the process SIGKILL itself there, so tests can prove that a run dying at any
point loses nothing and duplicates nothing. Unset, a checkpoint does nothing.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

ENV = "PUBLISH_CRASH_AT"
# A channel's run: connected (session saved), then what the channel shows read back.
CONNECTED = "connected"
RECONCILED = "reconciled"
FIRST_RUN_RECORDED = "first-run-recorded"  # the channel and its backlog are in the ledger
BEFORE_SEND = "before-send"  # the intent is in the ledger, nothing sent yet
AFTER_SEND = "after-send"  # the channel has the post, the ledger does not know yet
AFTER_RECORD = "after-record"  # the ledger says posted
STEPS = (CONNECTED, RECONCILED, FIRST_RUN_RECORDED, BEFORE_SEND, AFTER_SEND, AFTER_RECORD)

_reached: Counter[str] = Counter()


def checkpoint(step: str) -> None:
    """Die here if a fault test asked for this step (this time)."""
    wanted, _, nth = os.environ.get(ENV, "").partition("@")
    if wanted != step:
        return
    _reached[step] += 1
    if _reached[step] == int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)
