"""What the jobs write to the ledger from the publish engine's outcomes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from publisher.ledger import Ledger
from publisher.runner.record import Recorder, outcome_events, record_publish_result, record_retire, verification_event
from publisher.sync.events import ProgressEvent
from publisher.sync.result import DatasetOutcome, DatasetVerification, PublishResult, RetireResult
from publisher.validation.report import ValidationError

T0 = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)


def test_each_outcome_maps_to_its_events() -> None:
    created = DatasetOutcome(name="a", organization="cge", action="created", public=True, uploaded_files=3,
                             uploaded_bytes=900, duration_s=1.5, first_public_at=T0, changes=["criado"])  # fmt: skip
    events = outcome_events(created, run_id=1, at=T0)
    assert [(e.kind, e.bytes, e.public) for e in events] == [("uploaded", 900, True), ("created", 900, True)]
    assert events[0].detail == {"files": 3} and events[1].duration_s == 1.5
    assert outcome_events(DatasetOutcome(name="s", action="skipped"), run_id=1) == []
    errors = [ValidationError(code="type-error", package="b", row=3, field="valor", message="linha 3: não é número"),
              ValidationError(code="profile-description", package="b", severity="warning", message="aviso")]  # fmt: skip
    [invalid] = outcome_events(DatasetOutcome(name="b", action="invalid", validation_errors=errors), run_id=1, at=T0)
    assert (invalid.kind, invalid.error_code) == ("invalid", "type-error")
    assert isinstance(invalid.detail, list) and len(invalid.detail) == 2 and invalid.detail[0]["row"] == 3
    [failed] = outcome_events(DatasetOutcome(name="c", action="failed", error_code="portal-unavailable",
                                             error_message="503 depois de 5 tentativas"), run_id=1)  # fmt: skip
    assert (failed.kind, failed.error_code, failed.message) == (
        "failed",
        "portal-unavailable",
        "503 depois de 5 tentativas",
    )
    bad = verification_event(DatasetVerification(name="d", ok=False, problems=["x.csv: sha256 differs"]), run_id=1)
    assert (bad.kind, bad.error_code, bad.message) == ("failed", "verify-mismatch", "x.csv: sha256 differs")


def test_recorder_writes_live_once_and_keeps_first_publications(tmp_path: Path) -> None:
    with Ledger.open(tmp_path / "l.sqlite") as ledger:
        run_id = ledger.start_run("publish", "schedule")
        rec = Recorder(ledger, run_id)
        outcome = DatasetOutcome(name="a", action="created", public=True, first_public_at=T0)
        rec(ProgressEvent("validated", "a", valid=True))
        rec(ProgressEvent("validated", "z", valid=False))  # its 'invalid' outcome says it
        rec(ProgressEvent("dataset_finished", "a", outcome=outcome))
        rec.flush_outcomes([outcome])  # the final result repeats it: not written twice
        rec(
            ProgressEvent("dataset_finished", "a", verification=DatasetVerification(name="a", ok=True, checked_files=2))
        )
        assert [(e.dataset, e.kind) for e in ledger.events(run_id=run_id)] == [
            ("a", "validated"),
            ("a", "created"),
            ("a", "verified"),
        ]
        assert ledger.first_publications()["a"].published_at == T0
        # An update later does not move the first publication.
        rec2 = Recorder(ledger, ledger.start_run("publish", "schedule"))
        rec2.outcome(DatasetOutcome(name="a", action="updated", public=True, first_public_at=T0 + timedelta(days=9)))
        assert ledger.first_publications()["a"].published_at == T0


def test_cli_publish_and_retire_can_be_recorded_after_the_fact(tmp_path: Path) -> None:
    result = PublishResult(started_at=T0, finished_at=T0 + timedelta(seconds=4), failed=1,
                           datasets=[DatasetOutcome(name="a", action="created", public=True, first_public_at=T0),
                                     DatasetOutcome(name="b", action="failed", error_code="x", error_message="y")])  # fmt: skip
    with Ledger.open(tmp_path / "l.sqlite") as ledger:
        run = ledger.run(record_publish_result(ledger, result))
        assert run is not None and (run.trigger, run.status, run.started_at) == ("cli", "failed", T0)
        assert run.counts["created"] == 1 and run.counts["failed"] == 1
        retired = ledger.run(
            record_retire(ledger, RetireResult(name="a", organization="cge", found=True, retired=True))
        )
        assert retired is not None and retired.status == "succeeded"
        assert ledger.dataset_states()["a"].retired
