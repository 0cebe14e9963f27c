"""Turn what the publish engine reports into ledger events, as it happens.

Events are written from the progress callback (so a run killed outright still leaves
the datasets it finished in the ledger), and whatever the callback did not see is
written from the final result. Thread-safe: the engine calls back from its workers.
The run itself is opened and closed by `publisher.runner.Runner.run_recorded`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import UTC, datetime

from publisher.ledger import Event, EventKind, Ledger
from publisher.messages import Lang, text
from publisher.sync.events import ProgressEvent
from publisher.sync.result import DatasetOutcome, DatasetVerification, RetireResult

_ACTION_KIND: dict[str, EventKind] = {
    "created": "created",
    "updated": "updated",
    "unchanged": "unchanged",
    "reactivated": "reactivated",
    "failed": "failed",
    "invalid": "invalid",
}


def outcome_events(outcome: DatasetOutcome, run_id: int, at: datetime | None = None, lang: Lang = "pt") -> list[Event]:
    """The ledger events for one dataset's outcome ('skipped' leaves none: nothing happened)."""
    kind = _ACTION_KIND.get(outcome.action)
    if kind is None:
        return []
    base = Event(run_id=run_id, at=at or datetime.now(UTC), dataset=outcome.name, kind=kind,
                 organization=outcome.organization)  # fmt: skip
    events: list[Event] = []
    if kind == "invalid":
        errors = outcome.validation_errors
        blocking = [e for e in errors if e.blocking]
        events.append(
            base.model_copy(
                update=dict(
                    kind="invalid",
                    error_code=outcome.error_code or (blocking[0].code if blocking else "invalid"),
                    message=outcome.error_message
                    or (text("runner.event.validation_errors", lang, count=len(blocking)) if blocking else None),
                    duration_s=outcome.duration_s,
                    detail=[e.model_dump(exclude_none=True) for e in errors] or None,
                )
            )
        )
        return events
    if outcome.uploaded_files:
        events.append(
            base.model_copy(
                update=dict(
                    kind="uploaded",
                    public=outcome.public,
                    bytes=outcome.uploaded_bytes,
                    detail={"files": outcome.uploaded_files},
                )
            )
        )
    events.append(
        base.model_copy(
            update=dict(
                public=outcome.public,
                error_code=outcome.error_code,
                message=outcome.error_message,
                bytes=outcome.uploaded_bytes or None,
                duration_s=outcome.duration_s,
                detail={"changes": outcome.changes, "write_requests": outcome.write_requests}
                if outcome.changes
                else None,
            )
        )
    )
    return events


def verification_event(v: DatasetVerification, run_id: int, at: datetime | None = None, lang: Lang = "pt") -> Event:
    return Event(
        run_id=run_id,
        at=at or datetime.now(UTC),
        dataset=v.name,
        kind="verified" if v.ok else "failed",
        error_code=None if v.ok else "verify-mismatch",
        message=None if v.ok else "; ".join(v.problems) or text("runner.event.verification_failed", lang),
        bytes=v.checked_bytes,
        detail={"files": v.checked_files, "problems": v.problems} if v.problems else {"files": v.checked_files},
    )


class Recorder:
    """A progress callback that writes ledger events; call `flush(...)` with the final result."""

    def __init__(self, ledger: Ledger, run_id: int, lang: Lang = "pt") -> None:
        self.ledger = ledger
        self.run_id = run_id
        self.lang: Lang = lang
        self._seen_outcomes: set[str] = set()
        self._seen_verifications: set[str] = set()
        self._lock = threading.Lock()

    def __call__(self, event: ProgressEvent) -> None:
        if event.kind == "validated" and event.valid:
            self.ledger.record(Event(run_id=self.run_id, at=datetime.now(UTC), dataset=event.dataset, kind="validated"))
        elif event.kind == "dataset_finished" and event.outcome is not None:
            self.outcome(event.outcome)
        elif event.kind == "dataset_finished" and event.verification is not None:
            self.verification(event.verification)

    def outcome(self, outcome: DatasetOutcome) -> None:
        with self._lock:
            if outcome.name in self._seen_outcomes:
                return
            self._seen_outcomes.add(outcome.name)
        self.ledger.record_many(outcome_events(outcome, self.run_id, lang=self.lang))
        if outcome.public and outcome.first_public_at is not None:
            self.ledger.record_first_publication(
                outcome.name, outcome.first_public_at, run_id=self.run_id, organization=outcome.organization
            )
        elif outcome.public and outcome.found_public is not None:
            self._recover_first_publication(outcome, *outcome.found_public)

    def _recover_first_publication(self, outcome: DatasetOutcome, created: datetime, modified: datetime) -> None:
        """A run killed between making a dataset public and writing it down leaves a public dataset
        with no first publication: found public now, it is written at the portal's last change
        (the moment it went public, unless changed since). Only for a dataset the portal created
        within this ledger's history: an older one's first publication is not this ledger's to know."""
        first = self.ledger.run(1)
        if first is None or created < first.started_at or outcome.name in self.ledger.first_publications():
            return
        self.ledger.record_first_publication(
            outcome.name, modified, run_id=self.run_id, organization=outcome.organization
        )

    def verification(self, v: DatasetVerification) -> None:
        with self._lock:
            if v.name in self._seen_verifications:
                return
            self._seen_verifications.add(v.name)
        self.ledger.record(verification_event(v, self.run_id, lang=self.lang))

    def flush_outcomes(self, outcomes: Iterable[DatasetOutcome]) -> None:
        for o in outcomes:
            self.outcome(o)

    def flush_verifications(self, verifications: Iterable[DatasetVerification]) -> None:
        for v in verifications:
            self.verification(v)


def retire_event(result: RetireResult, run_id: int, at: datetime | None = None) -> Event:
    """A `retired` event, or a `failed` one when the portal refused or knows no such dataset."""
    base = Event(run_id=run_id, at=at or datetime.now(UTC), dataset=result.name, kind="retired",
                 organization=result.organization)  # fmt: skip
    if result.ok:
        return base.model_copy(update=dict(public=False, detail={"already_retired": result.already_retired}))
    return base.model_copy(update=dict(kind="failed", error_code=result.error_code, message=result.error_message))
