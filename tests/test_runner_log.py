"""The runner's log lines for the operator: in the run's language, times with their zone."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from publisher.ledger import Ledger
from publisher.messages import Texts
from publisher.notify import NotifyConfig
from publisher.runner import JobSpec, OpsPaths, Runner, ScheduleConfig, StopFlag
from publisher.runner.jobs.common import describe_outcome, describe_verification
from publisher.runner.lock import LockHolder
from publisher.runner.logs import ZonedFormatter
from publisher.runner.runner import schedule_clock
from publisher.settings import Settings
from publisher.sync.result import DatasetOutcome, DatasetVerification


def test_dataset_lines_speak_portuguese_by_default() -> None:
    t = Texts("pt")
    unchanged = DatasetOutcome(name="a", action="unchanged", duration_s=0.25)
    assert describe_outcome(unchanged, t) == "publish: a: sem mudanças (0,2 s)"
    created = DatasetOutcome(name="b", action="created", uploaded_files=2, uploaded_bytes=900, duration_s=1.0)
    assert describe_outcome(created, t) == "publish: b: criado, 2 arquivo(s), 900 bytes (1,0 s)"
    bad = DatasetVerification(name="c", ok=False, problems=["x.csv: sha256 difere"])
    assert describe_verification(bad, t) == "verify: c não confere com o catálogo: x.csv: sha256 difere"
    assert describe_outcome(unchanged, Texts("en")) == "publish: a: unchanged (0.2 s)"


def test_the_next_run_is_shown_on_the_schedule_clock_with_its_zone() -> None:
    # `schedule` keeps naive local times; 05:00 UTC is 02:00 in São Paulo.
    utc_five = datetime(2026, 12, 2, 5, 0, tzinfo=ZoneInfo("UTC")).astimezone().replace(tzinfo=None)
    assert schedule_clock(utc_five, "America/Sao_Paulo") == "2026-12-02 02:00 (America/Sao_Paulo)"


def test_the_foreground_scheduler_logs_next_runs_in_portuguese_with_the_zone(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(root=tmp_path, ckan_api_token=None)
    stop = StopFlag()
    stop.set("SIGTERM")  # the loop ends at once: only the start and stop lines are written
    config = ScheduleConfig(jobs=[JobSpec(name="verify", every="day", at="02:00")], timezone="America/Sao_Paulo")
    with Ledger.open(tmp_path / "l.sqlite") as ledger, caplog.at_level(logging.INFO, "publisher.runner"):
        Runner(settings, ledger, OpsPaths.from_settings(settings), NotifyConfig(enabled=False), stop).run_forever(
            config
        )
    lines = [r.getMessage() for r in caplog.records]
    assert lines[0].startswith("agendado verify: próxima execução ") and lines[0].endswith(" 02:00 (America/Sao_Paulo)")
    assert lines[-1] == "executor parado (SIGTERM)"


def test_the_lock_holder_is_described_in_the_run_language_with_the_zone() -> None:
    holder = LockHolder(pid=7, host="srv", started_at="2026-12-02T05:00:00+00:00", command="publisher schedule")
    assert holder.describe("pt", "America/Sao_Paulo") == (
        "pid 7 em srv, desde 2026-12-02 02:00 (America/Sao_Paulo) (publisher schedule)"
    )
    assert holder.describe("en") == "pid 7 on srv, since 2026-12-02T05:00:00+00:00 (publisher schedule)"


def test_plain_log_lines_carry_the_operators_clock_and_offset() -> None:
    record = logging.LogRecord("publisher.runner", logging.INFO, __file__, 1, "linha", None, None)
    record.created = datetime(2026, 12, 2, 0, 40, 37, tzinfo=UTC).timestamp()
    line = ZonedFormatter("America/Sao_Paulo").format(record)
    assert line.startswith("2026-12-01 21:40:37-03:00 INFO publisher.runner: linha")
