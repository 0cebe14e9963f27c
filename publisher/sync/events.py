"""Progress events of publish and verify runs. The library never prints: callers pass
a callback and draw bars (CLI) or write log lines (jobs).

Callbacks may be called from worker threads, concurrently: keep them quick and
thread-safe. An exception raised by a callback fails the dataset in hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from publisher.sync.result import DatasetOutcome, DatasetVerification

EventKind = Literal[
    "validated",  # a package went through validation (valid or not)
    "dataset_started",  # total_bytes = bytes this dataset will upload (or download, for verify)
    "bytes_sent",  # bytes = newly sent (or downloaded) bytes
    "dataset_finished",  # outcome / verification set
]


@dataclass(frozen=True)
class ProgressEvent:
    kind: EventKind
    dataset: str
    bytes: int = 0
    total_bytes: int = 0
    valid: bool | None = None
    outcome: DatasetOutcome | None = None
    verification: DatasetVerification | None = None


ProgressCallback = Callable[[ProgressEvent], None]
StopCheck = Callable[[], bool]
