"""Numbered schema migrations for the run ledger.

The database's `PRAGMA user_version` holds how many steps have been applied. A step
is never edited once released: a schema change is a new step appended to `STEPS`.
Steps run inside one `BEGIN IMMEDIATE` transaction, so two processes opening a new
ledger at the same moment cannot both apply them.
"""

from __future__ import annotations

import sqlite3
from typing import Final

# Each entry is one migration; its number is its position + 1.
STEPS: Final[tuple[str, ...]] = (
    # 1: runs, per-dataset events, first public publications.
    """
    CREATE TABLE runs (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        job         TEXT NOT NULL,
        trigger     TEXT NOT NULL CHECK (trigger IN ('schedule', 'once', 'cli')),
        started_at  TEXT NOT NULL,
        finished_at TEXT,
        status      TEXT NOT NULL DEFAULT 'running'
                    CHECK (status IN ('running', 'succeeded', 'failed', 'interrupted')),
        counts      TEXT NOT NULL DEFAULT '{}',
        error       TEXT,
        host        TEXT,
        pid         INTEGER
    );
    CREATE INDEX runs_job_started ON runs (job, started_at);

    -- A run is written when it starts and closed exactly once; after that it is history.
    CREATE TRIGGER runs_closed_once BEFORE UPDATE ON runs
    WHEN OLD.status <> 'running'
    BEGIN SELECT RAISE(ABORT, 'ledger: a finished run cannot change'); END;
    CREATE TRIGGER runs_no_delete BEFORE DELETE ON runs
    BEGIN SELECT RAISE(ABORT, 'ledger: runs are append-only'); END;

    CREATE TABLE events (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id       INTEGER REFERENCES runs (id),
        at           TEXT NOT NULL,
        dataset      TEXT NOT NULL,
        kind         TEXT NOT NULL CHECK (kind IN (
                         'validated', 'created', 'updated', 'uploaded', 'unchanged', 'verified',
                         'failed', 'invalid', 'reactivated', 'retired')),
        organization TEXT,
        public       INTEGER CHECK (public IN (0, 1)),
        error_code   TEXT,
        message      TEXT,
        bytes        INTEGER,
        duration_s   REAL,
        detail       TEXT
    );
    CREATE INDEX events_dataset_at ON events (dataset, at);
    CREATE INDEX events_run ON events (run_id);
    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'ledger: events are append-only'); END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'ledger: events are append-only'); END;

    -- Written once per dataset (INSERT OR IGNORE): the first time a run left it public.
    CREATE TABLE first_publications (
        dataset      TEXT PRIMARY KEY,
        published_at TEXT NOT NULL,
        run_id       INTEGER REFERENCES runs (id),
        organization TEXT
    );
    CREATE TRIGGER first_publications_no_update BEFORE UPDATE ON first_publications
    BEGIN SELECT RAISE(ABORT, 'ledger: a first publication is written once'); END;
    CREATE TRIGGER first_publications_no_delete BEFORE DELETE ON first_publications
    BEGIN SELECT RAISE(ABORT, 'ledger: a first publication is written once'); END;
    """,
    # 2: the ledger's identity and where its history starts (publisher.ledger.identity).
    """
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
)

LATEST: Final = len(STEPS)


class LedgerSchemaError(RuntimeError):
    """The ledger file was written by a newer version of the publisher."""


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, steps: tuple[str, ...] = STEPS) -> int:
    """Apply the missing steps; returns the schema version now in force.

    `conn` must be in autocommit mode (isolation_level=None): the transaction is ours.
    """
    if schema_version(conn) == len(steps):
        return len(steps)
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Read again under the write lock: another process may have migrated meanwhile.
        current = schema_version(conn)
        if current > len(steps):
            raise LedgerSchemaError(
                f"ledger schema version {current} is newer than this publisher knows ({len(steps)}); upgrade the publisher"
            )
        for number in range(current + 1, len(steps) + 1):
            for statement in _statements(steps[number - 1]):
                conn.execute(statement)
            # PRAGMA takes no parameters; `number` is an int we computed.
            conn.execute(f"PRAGMA user_version = {int(number)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return schema_version(conn)


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (executescript would commit our transaction)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--") and not buffer.strip():
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
