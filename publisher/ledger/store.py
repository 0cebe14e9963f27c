"""The run ledger: one SQLite file, appended to by runs, read by status, goals and reports.

Safe for two processes: WAL journal (readers never block the writer), a busy timeout
(writers wait for each other instead of failing) and short `BEGIN IMMEDIATE`
transactions. Safe for the publish engine's worker threads: one connection guarded
by a lock.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import tenacity

from publisher.ledger.identity import History, identify, marker_path
from publisher.ledger.migrations import migrate
from publisher.ledger.models import (
    CHANGE_KINDS,
    EVENT_KINDS,
    LIFECYCLE_KINDS,
    DatasetState,
    Event,
    EventKind,
    FirstPublication,
    Run,
    RunStatus,
    Trigger,
)
from publisher.messages import Lang, text

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000


class LedgerError(RuntimeError):
    """The ledger cannot be opened or written. `path` and `reason` let a caller say it in
    the user's language (`ledger.cannot_open`); the text itself is for logs."""

    def __init__(self, message: str, *, path: Path | None = None, reason: str | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.reason = reason or message


def utcnow() -> datetime:
    return datetime.now(UTC)


def _ts(value: datetime) -> str:
    # One textual format for every timestamp, so ORDER BY and MIN() on text are chronological.
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _parse_ts(text: str | None) -> datetime | None:
    if text is None:
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _lock_contention(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))


# SQLite answers SQLITE_BUSY at once, without waiting out busy_timeout, when waiting could
# deadlock: two processes opening a new ledger together both hold a shared lock and both ask
# to switch it to WAL. One of them must step back and try again (measured: 50 of 300 rounds
# of four processes opening one new file failed before this retry).
@tenacity.retry(
    retry=tenacity.retry_if_exception(_lock_contention),
    wait=tenacity.wait_random_exponential(multiplier=0.01, max=0.5),
    stop=tenacity.stop_after_delay(BUSY_TIMEOUT_MS / 1000),
    reraise=True,
)
def _prepare(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    migrate(conn)


# What SQLite and the OS say when the ledger cannot be used, as a person reads it.
_REASONS = (
    (("disk is full", "No space left"), "ledger.reason.disk-full"),
    (("not a database", "malformed", "corrupt", "integrity"), "ledger.reason.corrupt"),
    (("readonly", "read-only", "Read-only", "Permission denied"), "ledger.reason.read-only"),
)


def _unusable(path: Path, exc: BaseException, lang: Lang) -> LedgerError:
    said = str(exc)
    key = next((k for needles, k in _REASONS if any(n in said for n in needles)), None)
    reason = text(key, lang) if key else said
    return LedgerError(f"cannot use the ledger {path}: {said}", path=path, reason=reason)


def _check_intact(conn: sqlite3.Connection) -> None:
    # A damaged page may open fine and fail mid-run: look at every page once, before the portal.
    row = conn.execute("PRAGMA quick_check(1)").fetchone()
    if not row or row[0] != "ok":
        raise sqlite3.DatabaseError(f"integrity check failed: {row[0] if row else '?'}")


class Ledger:
    """Open with `Ledger.open(path)`; close with `.close()` or use as a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self._lock = threading.RLock()
        self.path = path
        self.history: History | None = None

    # --- lifecycle -----------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, lang: Lang = "pt") -> Ledger:
        """Open, migrate, check and prove writable (a real write) the ledger at `path`: a
        corrupt file, a full disk or a read-only folder is a `LedgerError` here, before any
        caller touches the portal. A lost earlier ledger is a warning in `lang` (see identity)."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                path,
                isolation_level=None,  # autocommit; transactions are explicit
                check_same_thread=False,  # publish reports progress from worker threads
                timeout=BUSY_TIMEOUT_MS / 1000,
            )
        except (OSError, sqlite3.Error) as exc:
            raise _unusable(path, exc, lang) from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _prepare(conn)
            _check_intact(conn)
            history = identify(conn, path)
        except (OSError, sqlite3.Error) as exc:
            conn.close()
            raise _unusable(path, exc, lang) from exc
        except BaseException:
            conn.close()
            raise
        if history.just_lost:
            log.warning("%s", text("ledger.history-lost", lang, path=path, marker=marker_path(path)))
        ledger = cls(conn, path)
        ledger.history = history
        return ledger

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _read(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            cursor = self._conn.execute(sql, tuple(params))
            cursor.row_factory = sqlite3.Row
            return list(cursor.fetchall())

    # --- runs ------------------------------------------------------------------------------

    def start_run(self, job: str, trigger: Trigger, *, at: datetime | None = None) -> int:
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT INTO runs (job, trigger, started_at, status, host, pid) VALUES (?, ?, ?, 'running', ?, ?)",
                (job, trigger, _ts(at or utcnow()), socket.gethostname(), os.getpid()),
            )
            run_id = int(cursor.lastrowid or 0)
        log.debug("run %d started: job=%s trigger=%s", run_id, job, trigger)
        return run_id

    def finish_run(
        self,
        run_id: int,
        status: RunStatus,
        counts: dict[str, Any] | None = None,
        error: str | None = None,
        *,
        at: datetime | None = None,
    ) -> None:
        if status == "running":
            raise ValueError("a run is finished as succeeded, failed or interrupted")
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE runs SET finished_at = ?, status = ?, counts = ?, error = ? WHERE id = ? AND status = 'running'",
                (_ts(at or utcnow()), status, json.dumps(counts or {}, sort_keys=True), error, run_id),
            )
            if cursor.rowcount != 1:
                raise LedgerError(f"run {run_id} is not running")
        log.debug("run %d finished: %s", run_id, status)

    def close_abandoned_runs(self, lang: Lang = "pt") -> list[int]:
        """Mark as interrupted the runs left 'running' by a process of this host that is gone
        (killed with SIGKILL, a power cut), saying so in `lang`. Runs of other hosts are left
        alone: their pid cannot be checked from here."""
        this_host = socket.gethostname()
        closed: list[int] = []
        for row in self._read("SELECT id, host, pid FROM runs WHERE status = 'running'"):
            pid = row["pid"]
            if row["host"] != this_host or pid is None or int(pid) == os.getpid() or _pid_alive(int(pid)):
                continue
            try:
                self.finish_run(int(row["id"]), "interrupted", error=text("ledger.abandoned", lang))
            except LedgerError:
                continue  # closed meanwhile by its owner
            closed.append(int(row["id"]))
        return closed

    def run(self, run_id: int) -> Run | None:
        rows = self._read("SELECT * FROM runs WHERE id = ?", (run_id,))
        return _run(rows[0]) if rows else None

    def last_runs(self, limit: int = 20, job: str | None = None) -> list[Run]:
        if job is None:
            rows = self._read("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,))
        else:
            rows = self._read("SELECT * FROM runs WHERE job = ? ORDER BY id DESC LIMIT ?", (job, limit))
        return [_run(r) for r in rows]

    def last_run_per_job(self) -> dict[str, Run]:
        rows = self._read("SELECT * FROM runs WHERE id IN (SELECT MAX(id) FROM runs GROUP BY job) ORDER BY job")
        return {str(r["job"]): _run(r) for r in rows}

    # --- events ----------------------------------------------------------------------------

    def record(self, event: Event) -> int:
        return self.record_many([event])[0]

    def record_many(self, events: Iterable[Event]) -> list[int]:
        ids: list[int] = []
        with self._write() as conn:
            for e in events:
                if e.kind not in EVENT_KINDS:  # pydantic checks too; this guards model_construct
                    raise ValueError(f"unknown event kind {e.kind!r}")
                cursor = conn.execute(
                    """INSERT INTO events (run_id, at, dataset, kind, organization, public, error_code,
                                           message, bytes, duration_s, detail)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (
                        e.run_id,
                        _ts(e.at),
                        e.dataset,
                        e.kind,
                        e.organization,
                        None if e.public is None else int(e.public),
                        e.error_code,
                        e.message,
                        e.bytes,
                        e.duration_s,
                        None if e.detail is None else json.dumps(e.detail, ensure_ascii=False, default=str),
                    ),
                )
                ids.append(int(cursor.lastrowid or 0))
        return ids

    def record_first_publication(
        self, dataset: str, at: datetime, *, run_id: int | None = None, organization: str | None = None
    ) -> bool:
        """Write the dataset's first public publication unless one is already known; True if written."""
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO first_publications (dataset, published_at, run_id, organization) VALUES (?, ?, ?, ?)",
                (dataset, _ts(at), run_id, organization),
            )
            return cursor.rowcount == 1

    def events(
        self, *, run_id: int | None = None, dataset: str | None = None, kinds: Iterable[EventKind] | None = None
    ) -> list[Event]:
        where: list[str] = []
        params: list[Any] = []
        if run_id is not None:
            where.append("run_id = ?")
            params.append(run_id)
        if dataset is not None:
            where.append("dataset = ?")
            params.append(dataset)
        if kinds is not None:
            wanted = list(kinds)
            where.append(f"kind IN ({', '.join('?' * len(wanted))})")
            params.extend(wanted)
        sql = "SELECT * FROM events" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id"
        return [_event(r) for r in self._read(sql, params)]

    def failures(self, run_id: int) -> list[Event]:
        return self.events(run_id=run_id, kinds=("failed", "invalid"))

    # --- queries for goals, freshness and status ---------------------------------------------

    def first_publications(self) -> dict[str, FirstPublication]:
        """Each dataset's first public publication: the table written once, or else the
        earliest event that shows it public (for events written by other tools)."""
        rows = self._read(
            """SELECT dataset, MIN(published_at) AS published_at, run_id, organization FROM (
                   SELECT dataset, published_at, run_id, organization FROM first_publications
                   UNION ALL
                   SELECT dataset, at, run_id, organization FROM events
                   WHERE public = 1 AND kind = 'created'
                     AND dataset NOT IN (SELECT dataset FROM first_publications)
               ) GROUP BY dataset"""
        )
        return {
            str(r["dataset"]): FirstPublication(
                dataset=str(r["dataset"]),
                published_at=_parse_ts(r["published_at"]) or utcnow(),
                run_id=r["run_id"],
                organization=r["organization"],
            )
            for r in rows
        }

    def dataset_states(self) -> dict[str, DatasetState]:
        """Where each dataset stands: its last lifecycle event and its last change."""
        kinds = ", ".join(f"'{k}'" for k in LIFECYCLE_KINDS)
        changes = ", ".join(f"'{k}'" for k in CHANGE_KINDS)
        # One pass per aggregate (grouped scans), joined by dataset: linear in the events.
        rows = self._read(
            f"""WITH last AS MATERIALIZED (SELECT dataset, MAX(id) AS id FROM events WHERE kind IN ({kinds}) GROUP BY dataset),
                     changes AS MATERIALIZED (SELECT dataset, MAX(at) AS last_change FROM events
                                 WHERE kind IN ({changes}) GROUP BY dataset),
                     orgs AS MATERIALIZED (SELECT dataset, MAX(id) AS id FROM events WHERE organization IS NOT NULL GROUP BY dataset)
                SELECT e.dataset, e.kind, e.at, e.public, o.organization, c.last_change
                FROM last JOIN events e ON e.id = last.id
                LEFT JOIN changes c ON c.dataset = last.dataset
                LEFT JOIN orgs oi ON oi.dataset = last.dataset
                LEFT JOIN events o ON o.id = oi.id
                ORDER BY e.dataset"""
        )
        return {
            str(r["dataset"]): DatasetState(
                dataset=str(r["dataset"]),
                organization=r["organization"],
                last_kind=r["kind"],
                last_at=_parse_ts(r["at"]) or utcnow(),
                last_change_at=_parse_ts(r["last_change"]),
                public=None if r["public"] is None else bool(r["public"]),
            )
            for r in rows
        }

    def last_change(self, dataset: str) -> datetime | None:
        changes = ", ".join("?" * len(CHANGE_KINDS))
        rows = self._read(
            f"SELECT MAX(at) AS at FROM events WHERE dataset = ? AND kind IN ({changes})", (dataset, *CHANGE_KINDS)
        )
        return _parse_ts(rows[0]["at"]) if rows else None


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _run(row: sqlite3.Row) -> Run:
    return Run(
        id=row["id"],
        job=row["job"],
        trigger=row["trigger"],
        started_at=_parse_ts(row["started_at"]) or utcnow(),
        finished_at=_parse_ts(row["finished_at"]),
        status=row["status"],
        counts=json.loads(row["counts"] or "{}"),
        error=row["error"],
        host=row["host"],
        pid=row["pid"],
    )


def _event(row: sqlite3.Row) -> Event:
    return Event(
        id=row["id"],
        run_id=row["run_id"],
        at=_parse_ts(row["at"]) or utcnow(),
        dataset=row["dataset"],
        kind=row["kind"],
        organization=row["organization"],
        public=None if row["public"] is None else bool(row["public"]),
        error_code=row["error_code"],
        message=row["message"],
        bytes=row["bytes"],
        duration_s=row["duration_s"],
        detail=None if row["detail"] is None else json.loads(row["detail"]),
    )
