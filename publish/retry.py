"""Retrying transient failures with exponential backoff, honouring the server's wait."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from .errors import TransientError

logger = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class Backoff:
    """How often and how long to retry.

    ``max_wait`` is the longest single wait the run accepts: a rate limit that resets later
    than that ends the channel's run instead (the next run carries on).
    """

    attempts: int = 5
    base: float = 1.0
    cap: float = 60.0
    max_wait: float = 300.0
    # A rate limit whose reset is already past (clocks apart, or a reset the server has not
    # applied yet) means "wait a moment": 1, 2, 4, 5 s, not four retries in a blink.
    moment: float = 1.0
    moment_cap: float = 5.0

    def delay(self, attempt: int, error: TransientError) -> float:
        """Seconds to wait before retry number ``attempt`` (1 for the first retry)."""
        if error.retry_after is not None:
            moment = min(self.moment_cap, self.moment * 2.0 ** (attempt - 1))
            return max(error.retry_after, moment)
        # Full jitter keeps several clients from retrying in step.
        return random.uniform(0.5, 1.0) * min(self.cap, self.base * 2.0 ** (attempt - 1))


def with_retries(
    call: Callable[[], T], backoff: Backoff, sleep: Callable[[float], None] = time.sleep
) -> T:
    """``call()``, retried on :class:`TransientError` as ``backoff`` says.

    The errors say what failed (channel and step), so the log lines here need not.
    """
    for attempt in range(1, backoff.attempts + 1):
        try:
            return call()
        except TransientError as error:
            wait = backoff.delay(attempt, error)
            if wait > backoff.max_wait:
                raise type(error)(
                    f"{error}: the server asks to wait {wait:.0f}s, longer than this "
                    f"run waits ({backoff.max_wait:.0f}s) — stopping; the next run carries on",
                    wait,
                ) from error
            if attempt == backoff.attempts:
                raise
            logger.warning(
                "%s — retrying in %.1fs (attempt %d of %d)",
                error,
                wait,
                attempt + 1,
                backoff.attempts,
            )
            sleep(wait)
    raise AssertionError("unreachable")  # pragma: no cover
