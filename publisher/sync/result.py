"""What a publish or verify run did, as data: read by the CLI, the jobs and the ledger.

Counts come from the CKAN client's request counters, so `write_requests == 0` on a
second publish of an unchanged catalogue is a measured fact, not an assumption.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from publisher.validation.report import Problem

OutcomeAction = Literal["created", "updated", "unchanged", "reactivated", "failed", "invalid", "skipped"]


class DatasetOutcome(BaseModel):
    name: str
    organization: str | None = None
    action: OutcomeAction
    public: bool = Field(default=False, description="Public on the portal when the run left it.")
    uploaded_bytes: int = 0
    uploaded_files: int = 0
    write_requests: int = 0
    duration_s: float = 0.0
    error_code: str | None = None
    error_message: str | None = Field(default=None, description="In the run's language; never holds the token.")
    validation_errors: list[Problem] = Field(default_factory=list)
    first_public_at: datetime | None = Field(
        default=None, description="Set when this run made the dataset public (it was new or private before)."
    )
    found_public: tuple[datetime, datetime] | None = Field(
        default=None,
        description="When this run found the dataset public already: when the portal created it and when "
        "it last changed (a run killed after making it public could not record its first publication).",
    )
    # Human-readable summary of what was (or, in a dry run, would be) changed.
    changes: list[str] = Field(default_factory=list)
    # DataStore: what the operator should read though nothing failed (a table skipped as too big),
    # and the tables whose load failed (the files are published; the next run retries).
    notes: list[str] = Field(default_factory=list)
    datastore_errors: list[str] = Field(default_factory=list)


class PublishResult(BaseModel):
    started_at: datetime
    finished_at: datetime
    datasets: list[DatasetOutcome] = Field(default_factory=list)
    requests: int = 0
    write_requests: int = 0
    uploaded_bytes: int = 0
    failed: int = 0
    invalid: int = 0
    interrupted: bool = Field(default=False, description="should_stop() asked the run to stop before the end.")
    dry_run: bool = False
    datastore_failed: int = Field(default=0, description="Tables whose DataStore load failed (files published).")

    @property
    def ok(self) -> bool:
        # A failed DataStore load is not in: the files are published and right (see `datastore_failed`).
        return self.failed == 0 and self.invalid == 0 and not self.interrupted


class DatasetVerification(BaseModel):
    name: str
    ok: bool
    problems: list[str] = Field(default_factory=list)
    checked_files: int = 0
    checked_bytes: int = 0


class VerifyResult(BaseModel):
    datasets: list[DatasetVerification] = Field(default_factory=list)
    ok: bool = True
    interrupted: bool = Field(default=False, description="Stopped on request before every dataset was checked.")
    retired: list[str] = Field(default_factory=list, description="Retired datasets, left unchecked.")


class RetireResult(BaseModel):
    name: str
    organization: str | None = None
    found: bool = False
    retired: bool = Field(default=False, description="This call soft-deleted the dataset.")
    already_retired: bool = False
    write_requests: int = 0
    error_code: str | None = None
    error_message: str | None = None

    @property
    def ok(self) -> bool:
        return self.retired or self.already_retired
