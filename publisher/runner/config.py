"""The runner's configuration: `jobs/schedule.toml` says which job runs when, in order.

    timezone = "America/Sao_Paulo"   # the clock of every `at` (optional: the machine's)

    [[job]]
    name = "publish"        # publish | verify | goal-report | freshness
    every = "day"           # day | hour | minute | monday .. sunday
    at = "02:00"            # HH:MM for days and weekdays, :MM for hours (optional)
    interval = 1            # every N units (optional; not with a weekday)
    enabled = true
    [job.options]           # passed to the job (e.g. workers = 4, prune = false)

`at` times are in `timezone` when it is given, so a portal's nightly job keeps its hour
on a server that runs in UTC; without it they are the machine's local time.
The order of the entries is the order of `publisher schedule --once`.
"""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

import pytz
import schedule
from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

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
    def _valid_for_schedule(self) -> JobSpec:
        if self.every in WEEKDAYS and self.interval != 1:
            raise ValueError(f"job {self.name}: a weekday job runs every week; drop interval")
        # Let the schedule library judge the combination, exactly as the runner will use it.
        try:
            self.register(schedule.Scheduler(), lambda: None)
        except (schedule.ScheduleValueError, ValueError, TypeError) as exc:
            raise ValueError(f"job {self.name}: {exc}") from None
        return self

    def describe(self, lang: str = "en", timezone: str | None = None) -> str:
        zone = f" ({timezone})" if self.at and timezone else ""
        if lang == "pt":
            unit_pt = _EVERY_PT[self.every]
            text = f"{unit_pt[0]}" if self.interval == 1 else f"a cada {self.interval} {unit_pt[1]}"
            return text + (f" às {self.at}" if self.at else "") + zone
        unit = self.every if self.interval == 1 else f"{self.interval} {self.every}s"
        return f"every {unit}" + (f" at {self.at}" if self.at else "") + zone

    def register(self, scheduler: schedule.Scheduler, fn: Any, timezone: str | None = None) -> schedule.Job:
        job = scheduler.every(self.interval)
        job = getattr(job, self.every + ("s" if self.interval != 1 and self.every not in WEEKDAYS else ""))
        if self.at:
            job = job.at(self.at, timezone)
        registered: schedule.Job = job.do(fn).tag(self.name)
        return registered


class ScheduleConfig(BaseModel):
    jobs: list[JobSpec] = Field(min_length=1)
    timezone: str | None = None
    source: str | None = None

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is not None and value not in pytz.all_timezones_set:
            raise ValueError(f"unknown time zone {value!r} (an IANA name such as America/Sao_Paulo)")
        return value

    def register(self, spec: JobSpec, scheduler: schedule.Scheduler, fn: Any) -> schedule.Job:
        """Schedule `spec` on `scheduler` with this configuration's clock."""
        return spec.register(scheduler, fn, self.timezone)

    @model_validator(mode="after")
    def _unique(self) -> ScheduleConfig:
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

    def next_runs(self) -> dict[str, datetime | None]:
        """When each enabled job runs next, as the runner would compute it now: aware, in the
        configured zone (else the machine's; schedule's own next_run is naive local time)."""
        zone = ZoneInfo(self.timezone) if self.timezone else None
        scheduler = schedule.Scheduler()
        result: dict[str, datetime | None] = {}
        for spec in self.jobs:
            if not spec.enabled:
                result[spec.name] = None
                continue
            job = self.register(spec, scheduler, lambda: None)
            result[spec.name] = job.next_run.astimezone(zone) if job.next_run else None
        return result

    def describe(self, spec: JobSpec, lang: str = "en") -> str:
        return spec.describe(lang, self.timezone)


DEFAULT = ScheduleConfig(
    jobs=[
        JobSpec(name="publish", every="day", at="02:00"),
        JobSpec(name="verify", every="day", at="03:30"),
        JobSpec(name="goal-report", every="day", at="05:00"),
        JobSpec(name="freshness", every="monday", at="07:00"),
    ],
    timezone="America/Sao_Paulo",
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
        return ScheduleConfig(jobs=data.get("job", []), timezone=data.get("timezone"), source=str(path))
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise ScheduleConfigError(f"{path}: {problems}") from None
