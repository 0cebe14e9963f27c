"""Turn what the publish engine reports into ledger events, as it happens.

Events are written from the progress callback (so a run killed outright still leaves
the datasets it finished in the ledger), and whatever the callback did not see is
written from the final result. Thread-safe: the engine calls back from its workers.

A no-op over a large catalogue reports every dataset "validated" and "unchanged": one
transaction each was a large part of its time. Those two kinds are held and written
`HOLD` at a time (and at the end, also when the run raises), so a run killed outright
loses at most `HOLD` of them; every other event (a dataset created, updated or failed)
and every first publication is written at once, as before, after the events held until then. What the recovery of first
publications needs from the ledger is read once per run, not once per dataset.
The run itself is opened and closed by `publisher.runner.Runner.run_recorded`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Final

from publisher.ledger import Event, EventKind, Ledger
from publisher.messages import Lang, text
from publisher.sync.events import ProgressEvent
from publisher.sync.result import DatasetOutcome, DatasetVerification, RetireResult

# Events that say nothing happened to a dataset: written in batches of HOLD.
HELD_KINDS: Final = frozenset({"validated", "unchanged"})
HOLD: Final = 500

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
        self._held: list[Event] = []
        # Read on first need: when this ledger's history began, and which datasets have a first
        # publication (kept up to date by this recorder; the runner lock keeps other runs out).
        self._history_start: datetime | None = None
        self._first_known: set[str] | None = None

    def _write(self, events: list[Event]) -> None:
        if not events:
            return
        with self._lock:
            self._held += events
            # A dataset's change goes out at once, with what was held before it (in order).
            now = len(self._held) >= HOLD or any(e.kind not in HELD_KINDS for e in events)
            batch, self._held = (self._held, []) if now else ([], self._held)
        if batch:
            self.ledger.record_many(batch)

    def flush_held(self) -> None:
        """Write the events held so far (call at the end of the run, also when it raises)."""
        with self._lock:
            batch, self._held = self._held, []
        if batch:
            self.ledger.record_many(batch)

    def __call__(self, event: ProgressEvent) -> None:
        if event.kind == "validated" and event.valid:
            self._write([Event(run_id=self.run_id, at=datetime.now(UTC), dataset=event.dataset, kind="validated")])
        elif event.kind == "dataset_finished" and event.outcome is not None:
            self.outcome(event.outcome)
        elif event.kind == "dataset_finished" and event.verification is not None:
            self.verification(event.verification)

    def outcome(self, outcome: DatasetOutcome) -> None:
        with self._lock:
            if outcome.name in self._seen_outcomes:
                return
            self._seen_outcomes.add(outcome.name)
        self._write(outcome_events(outcome, self.run_id, lang=self.lang))
        if outcome.public and outcome.first_public_at is not None:
            self._first_publication(outcome, outcome.first_public_at)
        elif outcome.public and outcome.found_public is not None:
            self._recover_first_publication(outcome, *outcome.found_public)

    def _recover_first_publication(self, outcome: DatasetOutcome, created: datetime, modified: datetime) -> None:
        """A run killed between making a dataset public and writing it down leaves a public dataset
        with no first publication: found public now, it is written at the portal's last change
        (the moment it went public, unless changed since). Only for a dataset the portal created
        within this ledger's history: an older one's first publication is not this ledger's to know."""
        with self._lock:
            if self._first_known is None:
                first = self.ledger.run(1)
                self._history_start = first.started_at if first is not None else None
                self._first_known = set(self.ledger.first_publications())
            start, known = self._history_start, outcome.name in self._first_known
        if start is None or created < start or known:
            return
        self._first_publication(outcome, modified)

    def _first_publication(self, outcome: DatasetOutcome, at: datetime) -> None:
        self.ledger.record_first_publication(outcome.name, at, run_id=self.run_id, organization=outcome.organization)
        with self._lock:
            if self._first_known is not None:
                self._first_known.add(outcome.name)

    def verification(self, v: DatasetVerification) -> None:
        with self._lock:
            if v.name in self._seen_verifications:
                return
            self._seen_verifications.add(v.name)
        self.ledger.record(verification_event(v, self.run_id, lang=self.lang))

    def flush_outcomes(self, outcomes: Iterable[DatasetOutcome]) -> None:
        for o in outcomes:
            self.outcome(o)
        self.flush_held()

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
