"""The request-rate limiter, on a fake clock: no more than N starts in any one-second window."""

from __future__ import annotations

import pytest

from publisher.ckan.meter import RateLimiter


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.starts: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr("publisher.ckan.meter.time.monotonic", fake.monotonic)
    monkeypatch.setattr("publisher.ckan.meter.time.sleep", fake.sleep)
    return fake


def _starts(limiter: RateLimiter, clock: FakeClock, n: int) -> list[float]:
    out = []
    for _ in range(n):
        limiter.acquire()
        out.append(clock.now)
    return out


def test_a_short_burst_under_the_limit_never_waits(clock: FakeClock) -> None:
    assert _starts(RateLimiter(50), clock, 21) == [100.0] * 21


def test_a_sustained_stream_is_held_to_the_limit_in_every_window(clock: FakeClock) -> None:
    starts = _starts(RateLimiter(10), clock, 35)
    for i, t in enumerate(starts):
        in_window = [s for s in starts if t <= s < t + 1.0]
        assert len(in_window) <= 10, (i, in_window)
    assert starts[-1] - starts[0] >= 3.0  # 35 starts at 10 per second span at least 3 windows


def test_below_one_per_second_spaces_the_starts(clock: FakeClock) -> None:
    assert _starts(RateLimiter(0.5), clock, 3) == [100.0, 102.0, 104.0]


def test_zero_means_no_limit(clock: FakeClock) -> None:
    assert _starts(RateLimiter(0), clock, 1000)[-1] == 100.0
