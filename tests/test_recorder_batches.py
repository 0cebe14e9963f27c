"""The ledger of a large no-op run: "validated" and "unchanged" events are written in batches
(a run killed outright loses at most a batch of them), everything else at once, and the
recovery of first publications reads the ledger once per run, not once per dataset."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from publisher.ledger import Ledger
from publisher.runner import record
from publisher.runner.record import Recorder
from publisher.sync.events import ProgressEvent
from publisher.sync.result import DatasetOutcome


def kinds(ledger: Ledger, run_id: int) -> list[tuple[str, str]]:
    return [(e.dataset or "", e.kind) for e in ledger.events(run_id=run_id)]


def test_nothing_happened_events_are_held_and_the_rest_written_at_once(tmp_path: Path) -> None:
    with Ledger.open(tmp_path / "ledger.sqlite") as ledger:
        run_id = ledger.start_run("publish", "cli")
        recorder = Recorder(ledger, run_id)
        recorder(ProgressEvent("validated", "igual", valid=True))
        recorder.outcome(DatasetOutcome(name="igual", action="unchanged"))
        assert kinds(ledger, run_id) == []
        published = datetime.now(UTC)
        recorder.outcome(DatasetOutcome(name="novo", action="created", public=True, first_public_at=published))
        # A publication is never held: a kill now still finds it, and its first publication.
        assert kinds(ledger, run_id) == [("igual", "validated"), ("igual", "unchanged"), ("novo", "created")]
        assert "novo" in ledger.first_publications()
        recorder(ProgressEvent("validated", "outro", valid=True))
        recorder.flush_outcomes([])
        assert kinds(ledger, run_id)[-1] == ("outro", "validated")


def test_held_events_are_written_a_batch_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(record, "HOLD", 3)
    with Ledger.open(tmp_path / "ledger.sqlite") as ledger:
        run_id = ledger.start_run("publish", "cli")
        recorder = Recorder(ledger, run_id)
        for name in ("a", "b", "c", "d"):
            recorder(ProgressEvent("validated", name, valid=True))
        assert kinds(ledger, run_id) == [("a", "validated"), ("b", "validated"), ("c", "validated")]
        recorder.flush_held()
        assert len(kinds(ledger, run_id)) == 4


def test_first_publications_are_read_once_per_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Ledger.open(tmp_path / "ledger.sqlite") as ledger:
        now = datetime.now(UTC)
        run_id = ledger.start_run("publish", "cli", at=now - timedelta(minutes=1))
        reads: list[int] = []
        real = ledger.first_publications

        def counted() -> dict[str, object]:
            reads.append(1)
            return dict(real())

        monkeypatch.setattr(ledger, "first_publications", counted)
        recorder = Recorder(ledger, run_id)
        went_public = now - timedelta(seconds=5)
        for name in ("um", "dois", "tres", "um"):
            recorder.outcome(DatasetOutcome(name=name, action="unchanged", public=True,
                                            found_public=(now - timedelta(seconds=6), went_public)))  # fmt: skip
        recorder.flush_held()
        assert len(reads) == 1
        assert sorted(real()) == ["dois", "tres", "um"]
