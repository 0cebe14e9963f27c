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
on a server that runs in UTC; without it they are the machine's local time. Through
`schedule_config(settings)` the clock is the settings' `timezone` (PUBLISHER_TIMEZONE,
else this file's `timezone`), the one status and the reports show times on.
The order of the entries is the order of `publisher schedule --once`.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

import pytz
import schedule
from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator
from pydantic_core import ErrorDetails

from publisher.messages import Lang, text
from publisher.settings import DEFAULT_TIMEZONE, SettingProblem, Settings, SettingsError, explain_error, read_toml

JobName = Literal["publish", "verify", "goal-report", "freshness"]
JOB_NAMES: tuple[JobName, ...] = ("publish", "verify", "goal-report", "freshness")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
Every = Literal["day", "hour", "minute", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class ScheduleConfigError(SettingsError):
    """schedule.toml is missing, unreadable or describes an impossible schedule; the text
    names the file and what to change."""


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
            raise SettingProblem("runner.config.weekday_interval", job=self.name)
        # Let the schedule library judge the combination, exactly as the runner will use it.
        try:
            self.register(schedule.Scheduler(), lambda: None)
        except (schedule.ScheduleValueError, ValueError, TypeError):
            # The library's text is English and names its own internals: say what the file can change.
            raise SettingProblem("runner.config.bad_at", job=self.name, at=self.at, every=self.every) from None
        return self

    def describe(self, lang: Lang = "pt", timezone: str | None = None) -> str:
        """When the job runs, in words: "toda segunda-feira às 07:00 (America/Sao_Paulo)"."""
        if self.interval == 1:
            when = text(f"runner.config.every.{self.every}", lang)
        else:
            when = text(f"runner.config.every_n.{self.every}", lang, n=self.interval)
        if self.at:
            when += " " + text("runner.config.at", lang, at=self.at)
            if timezone:
                when += f" ({timezone})"
        return when

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
    lang: Lang = Field(default="pt", description="The language of this configuration's errors and descriptions.")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        # pytz's list: the schedule library reads zones through pytz.
        if value is not None and value not in pytz.all_timezones_set:
            raise SettingProblem("settings.timezone.unknown", value=value)
        return value

    def register(self, spec: JobSpec, scheduler: schedule.Scheduler, fn: Any) -> schedule.Job:
        """Schedule `spec` on `scheduler` with this configuration's clock."""
        return spec.register(scheduler, fn, self.timezone)

    @model_validator(mode="after")
    def _unique(self) -> ScheduleConfig:
        names = [j.name for j in self.jobs]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise SettingProblem("runner.config.duplicate", names=", ".join(dupes))
        return self

    @property
    def enabled(self) -> list[JobSpec]:
        return [j for j in self.jobs if j.enabled]

    def get(self, name: str) -> JobSpec:
        for j in self.jobs:
            if j.name == name:
                return j
        source = self.source or text("runner.config.default_source", self.lang)
        raise ScheduleConfigError(
            text("runner.config.no_job", self.lang, name=name, source=source, known=", ".join(JOB_NAMES))
        )

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

    def describe(self, spec: JobSpec, lang: Lang | None = None) -> str:
        return spec.describe(lang or self.lang, self.timezone)


DEFAULT = ScheduleConfig(
    jobs=[
        JobSpec(name="publish", every="day", at="02:00"),
        JobSpec(name="verify", every="day", at="03:30"),
        JobSpec(name="goal-report", every="day", at="05:00"),
        JobSpec(name="freshness", every="monday", at="07:00"),
    ],
    timezone=DEFAULT_TIMEZONE,
    source="built-in defaults",
)


def load_schedule(path: Path, *, missing_ok: bool = True, lang: Lang = "pt") -> ScheduleConfig:
    """Read schedule.toml; a missing file gives the built-in defaults (same as the committed file)."""
    if not path.is_file():
        if missing_ok:
            return DEFAULT.model_copy(update={"lang": lang})
        raise ScheduleConfigError(text("runner.config.missing", lang, path=path))
    data = read_toml(path, lang, ScheduleConfigError)
    try:
        return ScheduleConfig(jobs=data.get("job", []), timezone=data.get("timezone"), source=str(path), lang=lang)
    except ValidationError as exc:
        problems = "; ".join(_explain(e, lang) for e in exc.errors())
        raise ScheduleConfigError(text("runner.config.invalid", lang, path=path, problems=problems)) from None


def schedule_config(settings: Settings) -> ScheduleConfig:
    """The schedule the settings point at, on the settings' clock (PUBLISHER_TIMEZONE, else the
    file's `timezone`), so the scheduler, `status` and the reports read one time zone."""
    config = load_schedule(settings.schedule_file, lang=settings.lang)
    return config.model_copy(update={"timezone": settings.timezone})


def _explain(error: ErrorDetails, lang: Lang) -> str:
    """Where in the file (job 1, name) and what is wrong there."""
    loc = error["loc"]
    if len(loc) > 2 and loc[0] == "jobs" and isinstance(loc[1], int):
        where = text("runner.config.where.job_field", lang, n=loc[1] + 1, field=".".join(str(p) for p in loc[2:]))
    elif len(loc) == 2 and loc[0] == "jobs" and isinstance(loc[1], int):
        where = text("runner.config.where.job", lang, n=loc[1] + 1)
    elif loc == ("jobs",):
        where = "[[job]]"
    else:
        where = ".".join(str(p) for p in loc) or text("runner.config.where.file", lang)
    return f"{where}: {explain_error(error, lang)}"
