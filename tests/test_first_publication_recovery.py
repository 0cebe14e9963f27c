"""A run killed between making a dataset public and writing it down: the next run finds it
public and the ledger recovers its first publication, for a dataset born within the ledger's
history only (the kill suite shows the case against the real portal)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from publisher.ledger import Ledger
from publisher.runner.record import Recorder
from publisher.sync.result import DatasetOutcome


def test_a_public_dataset_missing_from_the_ledger_gets_its_first_publication_back(tmp_path: Path) -> None:
    with Ledger.open(tmp_path / "ledger.sqlite") as ledger:
        now = datetime.now(UTC)
        run_id = ledger.start_run("publish", "cli", at=now - timedelta(minutes=1))  # the killed run
        recorder = Recorder(ledger, run_id)
        went_public = now - timedelta(seconds=5)
        recorder.outcome(DatasetOutcome(name="novo", action="unchanged", public=True,
                                        found_public=(now - timedelta(seconds=6), went_public)))  # fmt: skip
        recorder.outcome(DatasetOutcome(name="antigo", action="unchanged", public=True,
                                        found_public=(now - timedelta(days=400), now - timedelta(days=3))))  # fmt: skip
        known = ledger.first_publications()
    assert abs(known["novo"].published_at - went_public) < timedelta(seconds=1)
    assert "antigo" not in known  # born before this ledger's history: not its to know
