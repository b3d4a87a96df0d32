"""Ctrl-C and SIGTERM stop a build, whatever the command being run does with them.

invoke passes Ctrl-C on to a command only as a ``\\x03`` on its stdin (which does nothing
to a command without a terminal), then waits for it; Pelican, when interrupted, exits 0.
Left alone, an interrupted build would look like a finished one and be swapped in.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import Any

from invoke import Local, Result


@dataclass
class Interrupts:
    """Whether Ctrl-C or SIGTERM arrived while ``caught`` was in force."""

    seen: bool = False


@contextmanager
def caught() -> Iterator[Interrupts]:
    """SIGINT and SIGTERM raise KeyboardInterrupt and are remembered, until the block ends."""
    interrupts = Interrupts()
    if threading.current_thread() is not threading.main_thread():
        yield interrupts  # signal handlers can only be set in the main thread
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        interrupts.seen = True
        raise KeyboardInterrupt(signal.Signals(signum).name)

    previous = {number: signal.signal(number, interrupt) for number in _SIGNALS}
    try:
        yield interrupts
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


class InterruptibleLocal(Local):
    """invoke's local runner, except that an interrupt stops the command and then the task."""

    _interrupted = False

    def run(self, command: str, **kwargs: Any) -> Result:
        self._interrupted = False
        result = super().run(command, **kwargs)
        if self._interrupted:  # even if the command exited 0, its work is not done
            raise KeyboardInterrupt(command)
        return result

    def send_interrupt(self, interrupt: KeyboardInterrupt) -> None:
        self._interrupted = True
        if self.using_pty or self.process is None:
            super().send_interrupt(interrupt)
        else:
            self.process.send_signal(signal.SIGINT)


_SIGNALS = (signal.SIGINT, signal.SIGTERM)
