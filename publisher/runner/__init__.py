"""The scheduled jobs and their runner: publish, verify, goal-report, freshness.

`publisher schedule` (and `python -m jobs`) are thin entries over this package: they
build settings, take the runner lock, install the signal handlers and call `Runner`.
"""

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
