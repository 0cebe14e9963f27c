"""The run ledger: SQLite, append-only runs and per-dataset events, first publications.

Goal figures, freshness and `publisher status` are queries over it, never counters.
"""

from publisher.ledger.migrations import LATEST as SCHEMA_VERSION
from publisher.ledger.migrations import LedgerSchemaError
from publisher.ledger.models import (
    CHANGE_KINDS,
    EVENT_KINDS,
    DatasetState,
    Event,
    EventKind,
    FirstPublication,
    Run,
    RunStatus,
    Trigger,
)
from publisher.ledger.store import Ledger, LedgerError, utcnow

__all__ = [
    "CHANGE_KINDS",
    "EVENT_KINDS",
    "SCHEMA_VERSION",
    "DatasetState",
    "Event",
    "EventKind",
    "FirstPublication",
    "Ledger",
    "LedgerError",
    "LedgerSchemaError",
    "Run",
    "RunStatus",
    "Trigger",
    "utcnow",
]
