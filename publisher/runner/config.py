"""The runner's configuration: `jobs/schedule.toml` says which job runs when, in order.

    [[job]]
    name = "publish"        # publish | verify | goal-report | freshness
    every = "day"           # day | hour | minute | monday .. sunday
    at = "02:00"            # HH:MM for days and weekdays, :MM for hours (optional)
    interval = 1            # every N units (optional; not with a weekday)
    enabled = true
    [job.options]           # passed to the job (e.g. workers = 4, prune = false)

Times are the machine's local time (set TZ=America/Sao_Paulo in the service unit).
The order of the entries is the order of `publisher schedule --once`.
"""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import schedule
from pydantic import BaseModel, Field, ValidationError, model_validator

JobName = Literal["publish", "verify", "goal-report", "freshness"]
JOB_NAMES: tuple[JobName, ...] = ("publish", "verify", "goal-report", "freshness")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
Every = Literal["day", "hour", "minute", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


# every -> (Portuguese for "every <unit>", plural for "a cada N <units>").
_EVERY_PT = {
    "day": ("todo dia", "dias"),
    "hour": ("toda hora", "horas"),
    "minute": ("todo minuto", "minutos"),
    "monday": ("toda segunda-feira", ""),
    "tuesday": ("toda terça-feira", ""),
    "wednesday": ("toda quarta-feira", ""),
    "thursday": ("toda quinta-feira", ""),
    "friday": ("toda sexta-feira", ""),
    "saturday": ("todo sábado", ""),
    "sunday": ("todo domingo", ""),
}


class ScheduleConfigError(ValueError):
    """schedule.toml is missing, unreadable or describes an impossible schedule."""


class JobSpec(BaseModel):
    name: JobName
    every: Every = "day"
    at: str | None = None
    interval: int = Field(default=1, ge=1)
    enabled: bool = True
    options: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _valid_for_schedule(self) -> "JobSpec":
        if self.every in WEEKDAYS and self.interval != 1:
            raise ValueError(f"job {self.name}: a weekday job runs every week; drop interval")
        # Let the schedule library judge the combination, exactly as the runner will use it.
        try:
            self.register(schedule.Scheduler(), lambda: None)
        except (schedule.ScheduleValueError, ValueError, TypeError) as exc:
            raise ValueError(f"job {self.name}: {exc}") from None
        return self

    def describe(self, lang: str = "en") -> str:
        if lang == "pt":
            unit_pt = _EVERY_PT[self.every]
            text = f"{unit_pt[0]}" if self.interval == 1 else f"a cada {self.interval} {unit_pt[1]}"
            return text + (f" às {self.at}" if self.at else "")
        unit = self.every if self.interval == 1 else f"{self.interval} {self.every}s"
        return f"every {unit}" + (f" at {self.at}" if self.at else "")

    def register(self, scheduler: schedule.Scheduler, fn: Any) -> schedule.Job:
        job = scheduler.every(self.interval)
        job = getattr(job, self.every + ("s" if self.interval != 1 and self.every not in WEEKDAYS else ""))
        if self.at:
            job = job.at(self.at)
        registered: schedule.Job = job.do(fn).tag(self.name)
        return registered


class ScheduleConfig(BaseModel):
    jobs: list[JobSpec] = Field(min_length=1)
    source: str | None = None

    @model_validator(mode="after")
    def _unique(self) -> "ScheduleConfig":
        names = [j.name for j in self.jobs]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"jobs listed twice: {', '.join(dupes)}")
        return self

    @property
    def enabled(self) -> list[JobSpec]:
        return [j for j in self.jobs if j.enabled]

    def get(self, name: str) -> JobSpec:
        for j in self.jobs:
            if j.name == name:
                return j
        raise ScheduleConfigError(f"no job {name!r} in {self.source or 'the schedule'}; known: {', '.join(JOB_NAMES)}")

    def next_runs(self, now: datetime | None = None) -> dict[str, datetime | None]:
        """When each enabled job runs next (local time), as the runner would compute it now."""
        scheduler = schedule.Scheduler()
        result: dict[str, datetime | None] = {}
        for spec in self.jobs:
            if not spec.enabled:
                result[spec.name] = None
                continue
            job = spec.register(scheduler, lambda: None)
            result[spec.name] = job.next_run
        return result


DEFAULT = ScheduleConfig(
    jobs=[
        JobSpec(name="publish", every="day", at="02:00"),
        JobSpec(name="verify", every="day", at="03:30"),
        JobSpec(name="goal-report", every="day", at="05:00"),
        JobSpec(name="freshness", every="monday", at="07:00"),
    ],
    source="built-in defaults",
)


def load_schedule(path: Path, *, missing_ok: bool = True) -> ScheduleConfig:
    """Read schedule.toml; a missing file gives the built-in defaults (same as the committed file)."""
    if not path.is_file():
        if missing_ok:
            return DEFAULT
        raise ScheduleConfigError(f"{path} does not exist")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ScheduleConfigError(f"{path}: {exc}") from None
    try:
        return ScheduleConfig(jobs=data.get("job", []), source=str(path))
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise ScheduleConfigError(f"{path}: {problems}") from None
