"""The run ledger: migrations, append-only records, first publications, two writers."""

from __future__ import annotations

import multiprocessing
import os
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from publisher.ledger import SCHEMA_VERSION, Event, Ledger, LedgerError, LedgerSchemaError
from publisher.ledger.migrations import migrate

T0 = datetime(2022, 4, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    with Ledger.open(tmp_path / "state" / "ledger.sqlite") as led:
        yield led


def test_new_ledger_is_migrated_to_the_latest_version_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "ledger.sqlite"
    Ledger.open(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 1
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"runs", "events", "first_publications"} <= tables
    conn.close()
    # Opening again applies nothing and loses nothing.
    with Ledger.open(path) as led:
        run_id = led.start_run("publish", "cli")
    with Ledger.open(path) as led:
        assert led.run(run_id) is not None


def test_migrations_apply_only_the_missing_steps_in_order(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "x.sqlite", isolation_level=None)
    steps = ("CREATE TABLE a (x INTEGER);", "ALTER TABLE a ADD COLUMN y TEXT;")
    assert migrate(conn, steps[:1]) == 1
    conn.execute("INSERT INTO a (x) VALUES (1)")
    assert migrate(conn, steps) == 2
    assert conn.execute("SELECT x, y FROM a").fetchall() == [(1, None)]
    assert migrate(conn, steps) == 2  # nothing left to do


def test_a_ledger_from_a_newer_publisher_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    Ledger.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(LedgerSchemaError, match="newer"):
        Ledger.open(path)


def test_runs_are_closed_once_and_never_deleted(ledger: Ledger) -> None:
    run_id = ledger.start_run("publish", "schedule")
    running = ledger.run(run_id)
    assert running is not None and running.status == "running" and running.finished_at is None
    assert running.pid == os.getpid()
    ledger.finish_run(run_id, "succeeded", {"created": 2})
    done = ledger.run(run_id)
    assert done is not None and done.status == "succeeded" and done.counts == {"created": 2}
    assert done.duration_s is not None and done.duration_s >= 0
    with pytest.raises(LedgerError):
        ledger.finish_run(run_id, "failed")
    raw = sqlite3.connect(ledger.path)
    with pytest.raises(sqlite3.IntegrityError, match="cannot change"):
        raw.execute("UPDATE runs SET status = 'failed' WHERE id = ?", (run_id,))
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        raw.execute("DELETE FROM runs")
    raw.close()


def test_events_are_append_only_and_checked(ledger: Ledger) -> None:
    run_id = ledger.start_run("publish", "cli")
    ledger.record(Event(run_id=run_id, at=T0, dataset="a", kind="created", public=True, bytes=10, duration_s=0.5))
    raw = sqlite3.connect(ledger.path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        raw.execute("UPDATE events SET dataset = 'b'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        raw.execute("DELETE FROM events")
    with pytest.raises(sqlite3.IntegrityError):
        raw.execute("INSERT INTO events (at, dataset, kind) VALUES ('x', 'a', 'exploded')")
    raw.close()
    [event] = ledger.events(run_id=run_id)
    assert (event.dataset, event.kind, event.public, event.bytes, event.at) == ("a", "created", True, 10, T0)


def test_failures_carry_code_message_and_detail(ledger: Ledger) -> None:
    run_id = ledger.start_run("publish", "once")
    ledger.record_many(
        [
            Event(run_id=run_id, at=T0, dataset="ok", kind="unchanged"),
            Event(run_id=run_id, at=T0, dataset="bad", kind="invalid", error_code="type-error",
                  message="linha 3", detail=[{"code": "type-error", "row": 3}]),
            Event(run_id=run_id, at=T0, dataset="down", kind="failed", error_code="portal-unavailable", message="503"),
        ]
    )  # fmt: skip
    failures = ledger.failures(run_id)
    assert [(f.dataset, f.error_code) for f in failures] == [("bad", "type-error"), ("down", "portal-unavailable")]
    assert failures[0].detail == [{"code": "type-error", "row": 3}]


def test_first_publication_is_written_once(ledger: Ledger) -> None:
    assert ledger.record_first_publication("a", T0, organization="fhemig") is True
    assert ledger.record_first_publication("a", T0 + timedelta(days=30)) is False
    first = ledger.first_publications()
    assert first["a"].published_at == T0 and first["a"].organization == "fhemig"


def test_first_publication_falls_back_to_the_first_public_creation_event(ledger: Ledger) -> None:
    run_id = ledger.start_run("publish", "cli")
    ledger.record_many(
        [
            Event(run_id=run_id, at=T0, dataset="b", kind="created", public=False),  # private: not a publication
            Event(run_id=run_id, at=T0 + timedelta(days=3), dataset="b", kind="created", public=True),
            Event(run_id=run_id, at=T0 + timedelta(days=9), dataset="b", kind="updated", public=True),
        ]
    )
    assert ledger.first_publications()["b"].published_at == T0 + timedelta(days=3)


def test_dataset_states_give_last_lifecycle_event_and_last_change(ledger: Ledger) -> None:
    run_id = ledger.start_run("publish", "cli")
    ledger.record_many(
        [
            Event(run_id=run_id, at=T0, dataset="a", kind="created", organization="cge", public=True),
            Event(run_id=run_id, at=T0 + timedelta(days=1), dataset="a", kind="unchanged", public=True),
            Event(run_id=run_id, at=T0 + timedelta(days=2), dataset="a", kind="verified"),
            Event(run_id=run_id, at=T0, dataset="r", kind="created", public=True),
            Event(run_id=run_id, at=T0 + timedelta(days=5), dataset="r", kind="retired"),
        ]
    )
    states = ledger.dataset_states()
    assert states["a"].last_kind == "verified" and states["a"].last_change_at == T0
    assert states["a"].organization == "cge" and not states["a"].retired
    assert states["r"].retired
    assert ledger.last_change("a") == T0


def test_abandoned_runs_of_dead_processes_are_closed_as_interrupted(ledger: Ledger) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    dead_pid = int(dead.stdout)
    mine = ledger.start_run("verify", "cli")
    raw = sqlite3.connect(ledger.path)
    # A run written by a process of this host that has exited since (as after a SIGKILL).
    cursor = raw.execute(
        "INSERT INTO runs (job, trigger, started_at, status, host, pid) VALUES ('publish', 'schedule', ?, 'running', ?, ?)",
        ("2026-01-01T00:00:00.000000Z", socket.gethostname(), dead_pid),
    )
    orphan = int(cursor.lastrowid or 0)
    raw.commit()
    raw.close()
    assert ledger.close_abandoned_runs("en") == [orphan]
    closed = ledger.run(orphan)
    # One language, the run's: not a pt/en pair glued together.
    assert closed is not None and closed.status == "interrupted"
    assert closed.error == "abandoned: its process ended without closing it"
    still = ledger.run(mine)
    assert still is not None and still.status == "running"


def _open_at_once(path: str, barrier: Any, failures: Any) -> None:
    barrier.wait()
    try:
        Ledger.open(Path(path)).close()
    except LedgerError as exc:
        failures.put(str(exc))


def test_processes_opening_a_new_ledger_together_all_get_it(tmp_path: Path) -> None:
    # Without stepping back on SQLite's immediate "database is locked", about one round in
    # six had a process refused while another switched the new file to WAL.
    ctx = multiprocessing.get_context("forkserver")
    failures = ctx.Queue()
    for round_number in range(30):
        path = str(tmp_path / f"ledger-{round_number}.sqlite")
        barrier = ctx.Barrier(4)
        procs = [ctx.Process(target=_open_at_once, args=(path, barrier, failures)) for _ in range(4)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(timeout=60)
            assert p.exitcode == 0
    messages = []
    while not failures.empty():
        messages.append(failures.get())
    assert messages == []


def _writer(path: str, worker: int, count: int) -> None:
    with Ledger.open(Path(path)) as led:
        run_id = led.start_run(f"job-{worker}", "cli")
        for i in range(count):
            led.record(Event(run_id=run_id, at=datetime.now(UTC), dataset=f"w{worker}-{i}", kind="validated"))
        led.finish_run(run_id, "succeeded", {"n": count})


def test_two_processes_write_at_the_same_time_without_losing_anything(tmp_path: Path) -> None:
    path = str(tmp_path / "ledger.sqlite")
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(path, w, 150)) for w in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
        assert p.exitcode == 0
    with Ledger.open(Path(path)) as led:
        assert len(led.events()) == 300
        assert sorted(r.status for r in led.last_runs()) == ["succeeded", "succeeded"]
        assert len({e.dataset for e in led.events()}) == 300
