"""What the ledger holds, as typed records."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final, Literal, get_args

from pydantic import BaseModel, Field

Trigger = Literal["schedule", "once", "cli"]
RunStatus = Literal["running", "succeeded", "failed", "interrupted"]
EventKind = Literal[
    "validated",
    "created",
    "updated",
    "uploaded",
    "unchanged",
    "verified",
    "failed",
    "invalid",
    "reactivated",
    "retired",
]
EVENT_KINDS: Final = frozenset(get_args(EventKind))

# Events that mean "the dataset's content or metadata changed on the portal":
# the freshness job reads the last of these as the dataset's last update.
CHANGE_KINDS: Final = ("created", "updated", "uploaded", "reactivated")
# Events that say where a dataset stands in its life on the portal.
LIFECYCLE_KINDS: Final = ("created", "updated", "unchanged", "reactivated", "verified", "retired")


class Run(BaseModel):
    id: int
    job: str
    trigger: Trigger
    started_at: datetime
    finished_at: datetime | None = None
    status: RunStatus
    counts: dict[str, Any] = Field(default_factory=dict)
    error: str | None = None
    host: str | None = None
    pid: int | None = None

    @property
    def duration_s(self) -> float | None:
        if self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()


class Event(BaseModel):
    id: int = 0
    run_id: int | None = None
    at: datetime
    dataset: str
    kind: EventKind
    organization: str | None = None
    public: bool | None = None
    error_code: str | None = None
    message: str | None = None
    bytes: int | None = None
    duration_s: float | None = None
    detail: dict[str, Any] | list[Any] | None = None


class FirstPublication(BaseModel):
    dataset: str
    published_at: datetime
    run_id: int | None = None
    organization: str | None = None


class DatasetState(BaseModel):
    """A dataset as the ledger last saw it."""

    dataset: str
    organization: str | None = None
    last_kind: EventKind
    last_at: datetime
    last_change_at: datetime | None = None
    public: bool | None = None

    @property
    def retired(self) -> bool:
        return self.last_kind == "retired"
