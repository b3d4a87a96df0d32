"""Retries: backoff on transient errors, the server's wait honoured, patience bounded."""

from __future__ import annotations

import pytest

from publish.errors import PermanentError, RateLimitedError, TransientError
from publish.retry import Backoff, with_retries


class Flaky:
    """Fails with the given errors, then returns "done"."""

    def __init__(self, *errors: Exception) -> None:
        self.errors, self.calls = list(errors), 0

    def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "done"


def test_transient_errors_are_retried_with_growing_waits():
    waits: list[float] = []
    call = Flaky(TransientError("timeout"), TransientError("502"), TransientError("reset"))
    assert with_retries(call, Backoff(base=1.0), waits.append) == "done"
    assert call.calls == 4
    assert 0.5 <= waits[0] <= 1.0 and 1.0 <= waits[1] <= 2.0 and 2.0 <= waits[2] <= 4.0


def test_a_rate_limit_waits_exactly_as_long_as_the_server_says():
    waits: list[float] = []
    call = Flaky(RateLimitedError("429", retry_after=17.0))
    assert with_retries(call, Backoff(), waits.append) == "done"
    assert waits == [17.0]


def test_a_rate_limit_longer_than_the_runs_patience_stops_without_waiting():
    waits: list[float] = []
    call = Flaky(RateLimitedError("bluesky: post: rate limited", retry_after=3563.0))
    with pytest.raises(
        RateLimitedError,
        match="bluesky: post: rate limited: the server asks to wait 3563s, longer than this run waits",
    ) as caught:
        with_retries(call, Backoff(max_wait=300), waits.append)
    assert waits == [] and call.calls == 1
    assert caught.value.retry_after == 3563.0


def test_giving_up_after_the_last_attempt():
    call = Flaky(*(TransientError("down") for _ in range(3)))
    with pytest.raises(TransientError, match="down"):
        with_retries(call, Backoff(attempts=3), lambda _: None)
    assert call.calls == 3


def test_permanent_errors_are_not_retried():
    call = Flaky(PermanentError("400 invalid record"))
    with pytest.raises(PermanentError):
        with_retries(call, Backoff(), lambda _: None)
    assert call.calls == 1


def test_a_rate_limit_whose_reset_is_past_waits_a_moment_and_more_each_time():
    waits: list[float] = []
    call = Flaky(*(RateLimitedError("429", retry_after=0.0) for _ in range(4)))
    assert with_retries(call, Backoff(), waits.append) == "done"
    assert waits == [1.0, 2.0, 4.0, 5.0]


def test_a_short_server_wait_is_kept_when_longer_than_the_moment():
    waits: list[float] = []
    call = Flaky(RateLimitedError("429", retry_after=0.2), RateLimitedError("429", retry_after=3.5))
    assert with_retries(call, Backoff(), waits.append) == "done"
    assert waits == [1.0, 3.5]
