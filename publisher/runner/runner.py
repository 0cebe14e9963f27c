"""Run jobs and record them: one at a time, each as a run in the ledger.

`execute` runs one job: it opens a run, calls the job, records the outcome (a job
that raises is recorded as failed, with the error, and the runner goes on), and
sends the notifications. `run_once` runs every enabled job in order and returns;
`run_forever` keeps a `schedule` loop until a stop is asked. The caller holds the
runner lock and installs the signal handlers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

import schedule

from publisher.ckan.errors import scrub
from publisher.facts import PortalLookup
from publisher.ledger import Ledger, Run, Trigger
from publisher.notify import Notification, NotifyConfig, send
from publisher.runner.config import JobSpec, ScheduleConfig
from publisher.runner.context import JobContext, JobOutcome, OpsPaths
from publisher.runner.jobs import job_function
from publisher.runner.stop import StopFlag
from publisher.settings import Settings

log = logging.getLogger("publisher.runner")


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

    def execute(self, spec: JobSpec, trigger: Trigger) -> Run:
        run_id = self.ledger.start_run(spec.name, trigger)
        log.info("%s: run %d started (%s)", spec.name, run_id, trigger)
        ctx = JobContext(
            settings=self.settings,
            ledger=self.ledger,
            paths=self.paths,
            run_id=run_id,
            trigger=trigger,
            should_stop=self.stop,
            notify=self.notify,
            options=dict(spec.options),
            portal=self.portal,
        )
        if self.now is not None:
            ctx.now = self.now
        try:
            outcome = job_function(spec.name)(ctx)
        except KeyboardInterrupt:
            # A second Ctrl-C: no time for niceties, but the ledger must not say "running".
            self.ledger.finish_run(run_id, "interrupted", error="stopped at once (second interrupt)")
            raise
        except Exception as exc:  # noqa: BLE001 - a failing job must not stop the runner
            error = scrub(f"{exc.__class__.__name__}: {exc}", self.settings.token_value())
            log.error("%s: run %d raised %s", spec.name, run_id, error)
            log.debug("%s: traceback", spec.name, exc_info=True)
            outcome = JobOutcome(status="failed", error=error, notifications=[Notification(kind="run-failed")])
        deliveries = self._notify(spec.name, run_id, outcome)
        counts: dict[str, Any] = dict(outcome.counts)
        if deliveries:
            counts["notifications"] = deliveries
        self.ledger.finish_run(run_id, outcome.status, counts, outcome.error)
        run = self.ledger.run(run_id)
        assert run is not None
        line = "%s: run %d %s" + (" (%s)" if outcome.error else "")
        args: list[object] = [spec.name, run_id, outcome.status] + ([outcome.error] if outcome.error else [])
        log.log(logging.INFO if outcome.status == "succeeded" else logging.WARNING, line, *args)
        return run

    def _notify(self, job: str, run_id: int, outcome: JobOutcome) -> list[dict[str, Any]]:
        deliveries: list[dict[str, Any]] = []
        for note in outcome.notifications:
            note.job, note.run_id, note.status, note.lang = job, run_id, outcome.status, self.settings.lang
            if note.kind in ("run-failed", "run-interrupted") and note.error is None:
                note.error = outcome.error
            for d in send(self.notify, note):
                deliveries.append({"kind": note.kind, **d.model_dump()})
        return deliveries

    def run_once(self, specs: Sequence[JobSpec], trigger: Trigger = "once") -> list[Run]:
        runs: list[Run] = []
        for spec in specs:
            if self.stop():
                log.warning("stop requested: %s and the jobs after it were not started", spec.name)
                break
            runs.append(self.execute(spec, trigger))
        return runs

    def run_forever(self, config: ScheduleConfig, *, max_sleep_s: float = 60.0) -> None:
        scheduler = schedule.Scheduler()
        for spec in config.enabled:
            config.register(spec, scheduler, lambda spec=spec: self.execute(spec, "schedule"))
        for job in scheduler.get_jobs():
            log.info("scheduled %s: next run %s", ",".join(sorted(str(t) for t in job.tags)), job.next_run)
        while not self.stop():
            scheduler.run_pending()
            idle = scheduler.idle_seconds
            self.stop.wait(max_sleep_s if idle is None else min(max(idle, 0.0), max_sleep_s))
        log.info("runner stopped (%s)", self.stop.signal_name or "requested")
