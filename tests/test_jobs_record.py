"""What the jobs write to the ledger from the publish engine's outcomes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from publisher.ledger import Ledger
from publisher.notify import NotifyConfig
from publisher.runner import JobContext, JobOutcome, OpsPaths, Runner, StopFlag
from publisher.runner.record import Recorder, outcome_events, retire_event, verification_event
from publisher.settings import Settings
from publisher.sync.events import ProgressEvent
from publisher.sync.result import DatasetOutcome, DatasetVerification, RetireResult
from publisher.validation.report import Problem

T0 = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)


def test_each_outcome_maps_to_its_events() -> None:
    created = DatasetOutcome(name="a", organization="cge", action="created", public=True, uploaded_files=3,
                             uploaded_bytes=900, duration_s=1.5, first_public_at=T0, changes=["criado"])  # fmt: skip
    events = outcome_events(created, run_id=1, at=T0)
    assert [(e.kind, e.bytes, e.public) for e in events] == [("uploaded", 900, True), ("created", 900, True)]
    assert events[0].detail == {"files": 3} and events[1].duration_s == 1.5
    assert outcome_events(DatasetOutcome(name="s", action="skipped"), run_id=1) == []
    errors = [Problem(code="type-error", package="b", row=3, field="valor", message="linha 3: não é número"),
              Problem(code="profile-description", package="b", severity="warning", message="aviso")]  # fmt: skip
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


def test_a_recorded_run_that_raises_midway_keeps_its_events_and_first_publications(tmp_path: Path) -> None:
    settings = Settings(root=tmp_path, ckan_api_token=None)
    with Ledger.open(tmp_path / "l.sqlite") as ledger:
        runner = Runner(settings, ledger, OpsPaths.from_settings(settings), NotifyConfig(enabled=False), StopFlag())

        def work(ctx: JobContext) -> JobOutcome:
            Recorder(ctx.ledger, ctx.run_id).outcome(
                DatasetOutcome(name="a", action="created", public=True, first_public_at=T0)
            )
            raise RuntimeError("the portal went away")

        with pytest.raises(RuntimeError):
            runner.run_recorded("publish", "cli", work)
        (run,) = ledger.last_runs(5)
        assert (run.job, run.trigger, run.status) == ("publish", "cli", "failed")
        assert run.error == "Erro inesperado: the portal went away (RuntimeError)"
        assert [e.kind for e in ledger.events(run_id=run.id)] == ["created"]
        assert ledger.first_publications()["a"].published_at == T0


def test_a_second_signal_closes_the_recorded_run_as_interrupted(tmp_path: Path) -> None:
    settings = Settings(root=tmp_path, ckan_api_token=None, lang="en")
    with Ledger.open(tmp_path / "l.sqlite") as ledger:
        runner = Runner(settings, ledger, OpsPaths.from_settings(settings), NotifyConfig(enabled=False), StopFlag())

        def work(ctx: JobContext) -> JobOutcome:
            raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            runner.run_recorded("verify", "cli", work)
        (run,) = ledger.last_runs(5)
        assert (run.status, run.error) == ("interrupted", "stopped at once (second interrupt)")


def test_a_retirement_is_one_event() -> None:
    retired = retire_event(RetireResult(name="a", organization="cge", found=True, retired=True), run_id=1, at=T0)
    assert (retired.kind, retired.public, retired.detail) == ("retired", False, {"already_retired": False})
    missing = retire_event(RetireResult(name="b", error_code="not-found", error_message="não existe"), run_id=1)
    assert (missing.kind, missing.error_code, missing.message) == ("failed", "not-found", "não existe")
