"""Graceful stop: SIGTERM or SIGINT asks the run to stop after the dataset in hand.

The flag is what the publish engine's `should_stop` reads between datasets. A second
SIGINT (Ctrl-C twice) stops at once with KeyboardInterrupt; the run is then recorded
as interrupted all the same.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from types import FrameType

log = logging.getLogger(__name__)


class StopFlag:
    def __init__(self) -> None:
        self._event = threading.Event()
        self.signal_name: str | None = None

    def set(self, reason: str = "requested") -> None:
        self.signal_name = self.signal_name or reason
        self._event.set()

    def __call__(self) -> bool:
        return self._event.is_set()

    @property
    def stopped(self) -> bool:
        return self._event.is_set()

    def wait(self, timeout: float) -> bool:
        """Sleep up to `timeout` seconds, waking early when a stop is asked; True if stopped."""
        return self._event.wait(timeout)


def install_signal_handlers(stop: StopFlag) -> Callable[[], None]:
    """Route SIGTERM and SIGINT to `stop`; returns a function restoring the previous handlers.

    Must be called from the main thread (Python delivers signals there).
    """

    def handler(signum: int, frame: FrameType | None) -> None:
        name = signal.Signals(signum).name
        if stop.stopped and signum == signal.SIGINT:
            raise KeyboardInterrupt
        log.warning("%s received: finishing the dataset in hand, then stopping", name)
        stop.set(name)

    previous = {s: signal.signal(s, handler) for s in (signal.SIGTERM, signal.SIGINT)}

    def restore() -> None:
        for s, h in previous.items():
            signal.signal(s, h)

    return restore
