"""Run jobs and record them: one at a time, each as a run in the ledger.

`run_recorded` is the one way a run gets into the ledger, whoever starts it (the
scheduler, `publisher schedule --once`, or the CLI's `publish`, `verify` and `retire`):
it opens the run before the work touches the portal, the work writes its events as
they happen, and the run is closed with the outcome; work that raises is closed as
failed (a second signal's KeyboardInterrupt: interrupted) and the exception goes on
to the caller. `execute` runs one scheduled job that way and goes on after a failure;
`run_once` runs every enabled job in order; `run_forever` keeps a `schedule` loop
until a stop is asked. The caller holds the runner lock and installs the signal handlers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

import schedule

from publisher.facts import PortalLookup
from publisher.ledger import Ledger, Run, Trigger
from publisher.messages import Texts
from publisher.notify import Notification, NotifyConfig, send
from publisher.runner.config import JobSpec, ScheduleConfig
from publisher.runner.context import JobContext, JobOutcome, OpsPaths
from publisher.runner.jobs import job_function
from publisher.runner.stop import StopFlag
from publisher.settings import Settings
from publisher.sync.messages import describe

log = logging.getLogger("publisher.runner")

OutcomeT = TypeVar("OutcomeT", bound=JobOutcome)
Work = Callable[[JobContext], OutcomeT]


@dataclass(frozen=True)
class Recorded(Generic[OutcomeT]):
    """A finished run as the ledger holds it, and what the work handed back."""

    run: Run
    outcome: OutcomeT


class Runner:
    def __init__(
        self,
        settings: Settings,
        ledger: Ledger,
        paths: OpsPaths,
        notify: NotifyConfig,
        stop: StopFlag,
        *,
        portal: Callable[[Settings], PortalLookup | None] | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self.settings = settings
        self.ledger = ledger
        self.paths = paths
        self.notify = notify
        self.stop = stop
        self.portal = portal
        self.now = now
        self.t = Texts(settings.lang)

    # --- the recorded run -----------------------------------------------------------------

    def run_recorded(
        self, job: str, trigger: Trigger, work: Work[OutcomeT], options: Mapping[str, Any] | None = None
    ) -> Recorded[OutcomeT]:
        """Open a run of `job`, do `work` in it, close it with the outcome (see the module)."""
        run_id = self._open(job, trigger)
        return self._work_in(run_id, job, trigger, work, options)

    def _open(self, job: str, trigger: Trigger) -> int:
        run_id = self.ledger.start_run(job, trigger)
        log.info(
            "%s", self.t("runner.log.run_started", job=job, run_id=run_id, trigger=self.t(f"runner.trigger.{trigger}"))
        )
        return run_id

    def _context(self, run_id: int, trigger: Trigger, options: Mapping[str, Any] | None) -> JobContext:
        ctx = JobContext(
            settings=self.settings,
            ledger=self.ledger,
            paths=self.paths,
            run_id=run_id,
            trigger=trigger,
            should_stop=self.stop,
            notify=self.notify,
            options=dict(options or {}),
            portal=self.portal,
        )
        if self.now is not None:
            ctx.now = self.now
        return ctx

    def _work_in(
        self, run_id: int, job: str, trigger: Trigger, work: Work[OutcomeT], options: Mapping[str, Any] | None
    ) -> Recorded[OutcomeT]:
        try:
            outcome = work(self._context(run_id, trigger, options))
        except KeyboardInterrupt:
            # A second signal: no time for niceties, but the ledger must not say "running".
            self.ledger.finish_run(run_id, "interrupted", error=self.t("runner.stop.at_once"))
            raise
        except Exception as exc:
            # The engine's own errors (a dead token, a portal that stopped answering) are worded in
            # the run's language; anything else keeps its class name for the operator to search.
            code, error = describe(exc, self.settings.lang, self.settings.token_value())
            if code == "unexpected":
                error = f"{error} ({type(exc).__name__})"
            log.error("%s", self.t("runner.log.run_raised", job=job, run_id=run_id, error=error))
            log.debug("%s: traceback", job, exc_info=True)
            self._finish(
                job, run_id, JobOutcome(status="failed", error=error, notifications=[Notification(kind="run-failed")])
            )
            raise
        return Recorded(run=self._finish(job, run_id, outcome), outcome=outcome)

    def _finish(self, job: str, run_id: int, outcome: JobOutcome) -> Run:
        deliveries = self._notify(job, run_id, outcome)
        counts: dict[str, Any] = dict(outcome.counts)
        if deliveries:
            counts["notifications"] = deliveries
        self.ledger.finish_run(run_id, outcome.status, counts, outcome.error)
        run = self.ledger.run(run_id)
        assert run is not None
        self._log_finished(job, run_id, outcome)
        return run

    def _log_finished(self, job: str, run_id: int, outcome: JobOutcome) -> None:
        status = self.t(f"runner.status.{outcome.status}")
        if outcome.error:
            line = self.t("runner.log.run_finished_error", job=job, run_id=run_id, status=status, error=outcome.error)
        else:
            line = self.t("runner.log.run_finished", job=job, run_id=run_id, status=status)
        log.log(logging.INFO if outcome.status == "succeeded" else logging.WARNING, "%s", line)

    def _notify(self, job: str, run_id: int, outcome: JobOutcome) -> list[dict[str, Any]]:
        deliveries: list[dict[str, Any]] = []
        for note in outcome.notifications:
            note.job, note.run_id, note.status, note.lang = job, run_id, outcome.status, self.settings.lang
            if note.kind in ("run-failed", "run-interrupted") and note.error is None:
                note.error = outcome.error
            for d in send(self.notify, note):
                deliveries.append({"kind": note.kind, **d.model_dump()})
        return deliveries

    # --- scheduled jobs -------------------------------------------------------------------

    def execute(self, spec: JobSpec, trigger: Trigger) -> Run:
        """Run one scheduled job, recorded; a job that raises is recorded as failed and the runner goes on."""
        run_id = self._open(spec.name, trigger)
        try:
            return self._work_in(run_id, spec.name, trigger, job_function(spec.name), spec.options).run
        except Exception:  # noqa: BLE001 - recorded as failed by _work_in; a failing job must not stop the runner
            run = self.ledger.run(run_id)
            assert run is not None
            return run

    def run_once(self, specs: Sequence[JobSpec], trigger: Trigger = "once") -> list[Run]:
        runs: list[Run] = []
        for spec in specs:
            if self.stop():
                log.warning("%s", self.t("runner.log.not_started", job=spec.name))
                break
            runs.append(self.execute(spec, trigger))
        return runs

    def run_forever(self, config: ScheduleConfig, *, max_sleep_s: float = 60.0) -> None:
        scheduler = schedule.Scheduler()
        for spec in config.enabled:
            config.register(spec, scheduler, lambda spec=spec: self.execute(spec, "schedule"))
        zone = config.timezone or self.settings.timezone
        for job in scheduler.get_jobs():
            names = ",".join(sorted(str(t) for t in job.tags))
            log.info("%s", self.t("runner.log.next_run", job=names, at=schedule_clock(job.next_run, zone)))
        while not self.stop():
            scheduler.run_pending()
            idle = scheduler.idle_seconds
            self.stop.wait(max_sleep_s if idle is None else min(max(idle, 0.0), max_sleep_s))
        reason = self.stop.signal_name or self.t("runner.log.stop_requested")
        log.info("%s", self.t("runner.log.stopped", reason=reason))


def schedule_clock(next_run: datetime | None, zone: str) -> str:
    """`schedule`'s next run (naive, the machine's local time) on the schedule's clock, with its zone."""
    if next_run is None:
        return "—"
    return f"{next_run.astimezone(ZoneInfo(zone)):%Y-%m-%d %H:%M} ({zone})"
