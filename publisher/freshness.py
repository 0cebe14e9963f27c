"""Which datasets are overdue for an update, by their declared update frequency.

Last update: the later of the ledger's last change (created, updated, uploaded,
reactivated) and the portal's `metadata_modified`. A dataset updated "por evento"
is never overdue; one never published has no last update and is listed apart.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final, Literal

from pydantic import BaseModel

from publisher.facts import Facts

# Days allowed between updates, by the portal's frequency vocabulary (None: never overdue).
FREQUENCY_DAYS: Final[dict[str, int | None]] = {
    "diária": 1,
    "semanal": 7,
    "quinzenal": 15,
    "mensal": 31,
    "bimestral": 62,
    "trimestral": 92,
    "anual": 366,
    "por evento": None,
}

FreshnessState = Literal["ok", "overdue", "never-published", "no-frequency", "event-driven"]


class Freshness(BaseModel):
    name: str
    organization: str | None = None
    frequency: str | None = None
    max_age_days: int | None = None
    last_update: datetime | None = None
    source: Literal["ledger", "portal"] | None = None
    age_days: float | None = None
    due_at: datetime | None = None
    state: FreshnessState

    @property
    def overdue(self) -> bool:
        return self.state == "overdue"


def assess(facts: Facts, now: datetime) -> list[Freshness]:
    """One verdict per catalogue dataset."""
    verdicts: list[Freshness] = []
    for f in facts.datasets:
        if not f.in_catalogue:
            continue
        candidates: list[tuple[datetime, Literal["ledger", "portal"]]] = []
        if f.ledger_last_change is not None:
            candidates.append((f.ledger_last_change, "ledger"))
        if f.portal is not None and f.portal.metadata_modified is not None and f.portal.state == "active":
            candidates.append((f.portal.metadata_modified, "portal"))
        last, source = max(candidates, key=lambda c: c[0]) if candidates else (None, None)
        base = Freshness(
            name=f.name, organization=f.organization, frequency=f.frequency, last_update=last, source=source, state="ok"
        )
        if last is not None:
            base.age_days = round((now - last).total_seconds() / 86400, 2)
        if f.frequency is None or f.frequency not in FREQUENCY_DAYS:
            base.state = "no-frequency"
        elif FREQUENCY_DAYS[f.frequency] is None:
            base.state = "event-driven"
        elif last is None:
            base.state = "never-published"
            base.max_age_days = FREQUENCY_DAYS[f.frequency]
        else:
            days = FREQUENCY_DAYS[f.frequency]
            assert days is not None
            base.max_age_days = days
            base.due_at = last + timedelta(days=days)
            base.state = "overdue" if now > base.due_at else "ok"
        verdicts.append(base)
    return verdicts
