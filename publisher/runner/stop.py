"""Stopping a run on a signal, the same way for `publisher publish|verify|retire` and
`publisher schedule`.

First SIGINT or SIGTERM: the flag is set; the engines poll `should_stop` between datasets,
and the publish engine's CKAN client before each request (`StopRequested`): the request in
flight finishes, no other is sent, and the run is recorded as interrupted with what it did.
Second signal, of either kind: KeyboardInterrupt at once; the recorded run path closes the
run as interrupted all the same.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

from publisher.messages import Lang, text

log = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class StopFlag:
    def __init__(self) -> None:
        self._event = threading.Event()
        self.signal_name: str | None = None

    def set(self, reason: str | None = None) -> None:
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


def _log_warning(message: str) -> None:
    log.warning("%s", message)


def install_signal_handlers(
    stop: StopFlag, lang: Lang = "pt", announce: Callable[[str], None] = _log_warning
) -> Callable[[], None]:
    """Route SIGTERM and SIGINT to `stop` (see the module); returns a function restoring the
    previous handlers. `announce` says what happens, in `lang` (a log line by default).

    Must be called from the main thread (Python delivers signals there).
    """

    def handler(signum: int, frame: FrameType | None) -> None:
        name = signal.Signals(signum).name
        if stop.stopped:
            announce(text("runner.stop.now", lang, signal=name))
            raise KeyboardInterrupt
        announce(text("runner.stop.first", lang, signal=name))
        stop.set(name)

    previous = {s: signal.signal(s, handler) for s in STOP_SIGNALS}

    def restore() -> None:
        for s, h in previous.items():
            signal.signal(s, h)

    return restore


@contextmanager
def stopping_on_signals(lang: Lang = "pt", announce: Callable[[str], None] = _log_warning) -> Iterator[StopFlag]:
    """A StopFlag wired to the signals for the duration of the block (a CLI command's run).
    Off the main thread (an embedding application) signals cannot be caught: the flag is
    only set by hand."""
    stop = StopFlag()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return
    restore = install_signal_handlers(stop, lang, announce)
    try:
        yield stop
    finally:
        restore()
