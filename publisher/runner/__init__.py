"""The scheduled jobs and their runner: publish, verify, goal-report, freshness.

`publisher schedule` (and `python -m jobs`) are thin entries over this package: they
build settings, take the runner lock, install the signal handlers and call `Runner`.
"""

from typing import TYPE_CHECKING

from publisher.lazy import lazy_exports

if TYPE_CHECKING:
    from publisher.runner.config import JOB_NAMES, JobSpec, ScheduleConfig, ScheduleConfigError, load_schedule
    from publisher.runner.context import JobContext, JobOutcome, OpsPaths
    from publisher.runner.lock import LockHeld, LockHolder, RunnerLock, read_holder
    from publisher.runner.runner import Runner
    from publisher.runner.stop import StopFlag, install_signal_handlers

__all__ = [
    "JOB_NAMES",
    "JobContext",
    "JobOutcome",
    "JobSpec",
    "LockHeld",
    "LockHolder",
    "OpsPaths",
    "Runner",
    "RunnerLock",
    "ScheduleConfig",
    "ScheduleConfigError",
    "StopFlag",
    "install_signal_handlers",
    "load_schedule",
    "read_holder",
]

# Every command imports a part of this package (its paths, its lock): the runner and the jobs'
# configuration load only when asked for.
__getattr__ = lazy_exports(
    __name__,
    {
        **dict.fromkeys(
            ["JOB_NAMES", "JobSpec", "ScheduleConfig", "ScheduleConfigError", "load_schedule"],
            "publisher.runner.config",
        ),
        **dict.fromkeys(["JobContext", "JobOutcome", "OpsPaths"], "publisher.runner.context"),
        **dict.fromkeys(["LockHeld", "LockHolder", "RunnerLock", "read_holder"], "publisher.runner.lock"),
        "Runner": "publisher.runner.runner",
        **dict.fromkeys(["StopFlag", "install_signal_handlers"], "publisher.runner.stop"),
    },
)
