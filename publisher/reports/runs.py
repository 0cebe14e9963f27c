"""The last runs and their failures, as the reports show them."""

from __future__ import annotations

from publisher.ledger import Ledger
from publisher.reports.html import RunReport


def recent_runs(ledger: Ledger, limit: int = 20) -> list[RunReport]:
    return [RunReport(run=r, failures=ledger.failures(r.id)) for r in ledger.last_runs(limit)]
