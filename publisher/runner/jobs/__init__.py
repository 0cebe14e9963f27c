"""The scheduled jobs, by name. Each takes a `JobContext` and returns a `JobOutcome`;
the runner records the run and sends the notifications."""

from __future__ import annotations

from collections.abc import Callable

from publisher.runner.context import JobContext, JobOutcome


def _load(name: str) -> Callable[[JobContext], JobOutcome]:
    # Imported on demand: `publisher status` must not pull in the publish engine.
    if name == "publish":
        from publisher.runner.jobs import publish as module
    elif name == "verify":
        from publisher.runner.jobs import verify as module  # type: ignore[no-redef]
    elif name == "goal-report":
        from publisher.runner.jobs import goal_report as module  # type: ignore[no-redef]
    elif name == "freshness":
        from publisher.runner.jobs import freshness as module  # type: ignore[no-redef]
    else:
        raise KeyError(name)
    return module.run


def job_function(name: str) -> Callable[[JobContext], JobOutcome]:
    return _load(name)
