"""Request counters and a request-rate limiter, shared safely between worker threads.

Every HTTP request sent to the portal is counted (retries included: they load the
portal too), so a run can report exactly how many writes and bytes it cost.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass


@dataclass(frozen=True)
class StatsSnapshot:
    requests: int = 0
    write_requests: int = 0
    uploaded_bytes: int = 0
    uploaded_files: int = 0


class RequestStats:
    """Thread-safe counters; an increment also reaches `parent` (a run's totals)."""

    def __init__(self, parent: RequestStats | None = None) -> None:
        self._lock = threading.Lock()
        self._parent = parent
        self._requests = 0
        self._writes = 0
        self._bytes = 0
        self._files = 0

    def count_request(self, *, write: bool) -> None:
        with self._lock:
            self._requests += 1
            self._writes += int(write)
        if self._parent is not None:
            self._parent.count_request(write=write)

    def count_upload(self, nbytes: int) -> None:
        with self._lock:
            self._bytes += nbytes
            self._files += 1
        if self._parent is not None:
            self._parent.count_upload(nbytes)

    def snapshot(self) -> StatsSnapshot:
        with self._lock:
            return StatsSnapshot(self._requests, self._writes, self._bytes, self._files)


class RateLimiter:
    """At most `per_second` (rounded down) request starts in any one-second window, across
    all threads (0 = unlimited; below 1 per second, one start per 1/per_second seconds).

    A sliding window rather than even spacing: spacing made every request wait its
    1/per_second slot even when the run as a whole was far below the limit (a no-op
    publish of 20 datasets, 21 quick reads, took 0.42 s instead of 0.23 s at 50/s;
    bench/publish_catalogue.py). A short run goes at the portal's own pace; a sustained
    stream is held to the limit; the portal never sees more than `per_second` in a second.
    """

    def __init__(self, per_second: float) -> None:
        self._burst = max(1, int(per_second)) if per_second > 0 else 0
        self._window = max(1.0, 1.0 / per_second) if per_second > 0 else 0.0
        self._lock = threading.Lock()
        # Start times reserved by the last `burst` requests (never decreasing).
        self._starts: deque[float] = deque(maxlen=self._burst or 1)

    def acquire(self) -> None:
        if not self._burst:
            return
        with self._lock:
            now = time.monotonic()
            full = len(self._starts) == self._burst
            slot = max(now, self._starts[0] + self._window) if full else now
            self._starts.append(slot)
        delay = slot - now
        if delay > 0:
            time.sleep(delay)
