"""Request counters and a request-rate limiter, shared safely between worker threads.

Every HTTP request sent to the portal is counted (retries included: they load the
portal too), so a run can report exactly how many writes and bytes it cost.
"""

from __future__ import annotations

import threading
import time
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
    """At most `per_second` request starts per second across all threads (0 = unlimited).

    A simple spacing limiter: each request reserves the next free slot, so bursts from
    several workers are spread out instead of hitting the portal together.
    """

    def __init__(self, per_second: float) -> None:
        self._interval = 1.0 / per_second if per_second > 0 else 0.0
        self._lock = threading.Lock()
        self._next = 0.0

    def acquire(self) -> None:
        if not self._interval:
            return
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next)
            self._next = slot + self._interval
        delay = slot - now
        if delay > 0:
            time.sleep(delay)
