"""Which ledger this is, and whether an earlier one was lost.

Each ledger gets an id when it is created (in its `meta` table), and the state folder keeps
a marker file beside it naming that id. A ledger that opens with no id of its own (deleted,
or truncated to 0 bytes, so SQLite starts an empty one) or with another id than the marker
means the history written before is gone: that is said loudly once, and kept in `meta` so
`publisher status` can say where history starts. The marker is written with a rename, so a
crash leaves the old marker or the new one, never half of one.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from publisher.atomic_file import write_text_atomic


@dataclass(frozen=True)
class History:
    """Where this ledger's history starts; `lost_at` is set when an earlier ledger was lost."""

    ledger_id: str
    started_at: str
    lost_at: str | None = None
    # True only on the open that found the loss: that one says it loudly.
    just_lost: bool = False


def marker_path(ledger: Path) -> Path:
    return ledger.with_name(f"{ledger.stem}.id")


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _read_marker(path: Path) -> str | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return ""  # a marker was there: a ledger existed, whatever its id
    return str(data.get("id") or "") if isinstance(data, dict) else ""


def _write_marker(path: Path, history: History) -> None:
    write_text_atomic(path, json.dumps({"id": history.ledger_id, "created_at": history.started_at}) + "\n")


def _meta(conn: sqlite3.Connection) -> dict[str, str]:
    return {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM meta").fetchall()}


def _first_run(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT MIN(started_at) FROM runs").fetchone()
    return str(row[0]) if row and row[0] else None


def identify(conn: sqlite3.Connection, ledger: Path) -> History:
    """Give the ledger an id if it has none, compare it with the marker, record a loss, and
    write `opened_at`: the real write that proves the ledger writable before the portal is
    touched. Raises sqlite3.Error or OSError (the caller says it as a `LedgerError`)."""
    marker = marker_path(ledger)
    # Under the write lock: processes opening one ledger together read and write the marker in turn.
    conn.execute("BEGIN IMMEDIATE")
    try:
        known = _read_marker(marker)
        meta = _meta(conn)
        just_lost = False
        if "id" not in meta:
            # A ledger older than ids keeps its history: it starts at its first run.
            meta = {"id": uuid.uuid4().hex, "created_at": _first_run(conn) or _now()}
        if known is not None and known != meta["id"] and "history_lost_at" not in meta:
            meta["history_lost_at"], just_lost = _now(), True
        meta["opened_at"] = _now()
        conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", meta.items())
        history = History(meta["id"], meta["created_at"], meta.get("history_lost_at"), just_lost)
        if known != history.ledger_id:
            _write_marker(marker, history)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return history
