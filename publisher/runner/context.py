"""What a job gets to work with, and what it hands back to the runner."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from publisher.facts import PortalLookup
from publisher.ledger import Ledger, Trigger
from publisher.notify import Notification, NotifyConfig
from publisher.settings import Settings


@dataclass(frozen=True)
class OpsPaths:
    """Where the jobs' configuration and output live. Configuration is committed under
    ROOT/jobs/; output goes beside the ledger (ROOT/.publisher/ by default), never into
    the catalogue."""

    schedule_file: Path
    goals_file: Path
    notify_file: Path
    state_dir: Path

    @classmethod
    def from_settings(cls, settings: Settings) -> OpsPaths:
        # The files come from the one settings object (PUBLISHER_*_FILE, else ROOT/jobs/;
        # the CLI's --schedule-file/--goals-file are set there too).
        return cls(
            schedule_file=settings.schedule_file,
            goals_file=settings.goals_file,
            notify_file=settings.notify_file,
            state_dir=settings.ledger_file.parent,
        )

    @property
    def lock_file(self) -> Path:
        return self.state_dir / "runner.lock"

    @property
    def reports_dir(self) -> Path:
        return self.state_dir / "reports"

    @property
    def goal_report_file(self) -> Path:
        return self.reports_dir / "metas.html"

    @property
    def freshness_file(self) -> Path:
        return self.reports_dir / "atualizacao.json"

    @property
    def generated_dir(self) -> Path:
        return self.state_dir / "generated"


@dataclass
class JobContext:
    settings: Settings
    ledger: Ledger
    paths: OpsPaths
    run_id: int
    trigger: Trigger
    should_stop: Callable[[], bool]
    notify: NotifyConfig
    options: dict[str, Any] = field(default_factory=dict)
    # Injected so tests can ask "what if it were March 2022" and run offline.
    portal: Callable[[Settings], PortalLookup | None] | None = None
    now: Callable[[], datetime] = lambda: datetime.now(UTC)


RunOutcomeStatus = Literal["succeeded", "failed", "interrupted"]


@dataclass
class JobOutcome:
    status: RunOutcomeStatus
    counts: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    notifications: list[Notification] = field(default_factory=list)
