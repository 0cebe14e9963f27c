"""The new-datasets goal: how many datasets reached the portal for the first time in a
period, against a target, per organization and per month.

A dataset counts once, in the month of its first public publication, taken in this
order from: the descriptor's `issued`, the ledger's first public publication, the
portal's `metadata_created`. Updates never count. Retired datasets are listed apart.
Goals are configured in `jobs/goals.toml`; nothing here knows a dataset by name.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field, ValidationError, model_validator

from publisher.facts import DatasetFacts, Facts
from publisher.initiatives import InitiativesConfig
from publisher.messages import Lang, text
from publisher.settings import DEFAULT_TIMEZONE, explain_error, read_toml

DateSource = Literal["issued", "ledger", "portal"]
Standing = Literal["published", "private", "retired", "unpublished"]
# Why an in-scope dataset is not counted; "after-as-of": first published after the reference date.
Reason = Literal["outside-period", "after-as-of", "not-published", "private", "retired"]


class GoalConfigError(ValueError):
    """goals.toml is missing, unreadable or does not describe valid goals."""


class Goal(BaseModel):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    title: str
    description: str | None = None
    target: int = Field(gt=0)
    start: dt.date
    end: dt.date
    organizations: list[str] = Field(default_factory=list, description="Empty: every organization.")
    exclude: list[str] = Field(default_factory=list, description="Datasets outside the goal's scope.")

    @model_validator(mode="after")
    def _period(self) -> Goal:
        if self.end < self.start:
            raise ValueError(text("goals.error.period", "pt", goal=self.id, end=self.end, start=self.start))
        return self

    def in_scope(self, facts: DatasetFacts) -> bool:
        if facts.name in self.exclude:
            return False
        return not self.organizations or facts.organization in self.organizations

    def months(self) -> list[str]:
        months: list[str] = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            months.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months


class GoalsConfig(BaseModel):
    goals: list[Goal] = Field(min_length=1)
    organizations: dict[str, str] = Field(default_factory=dict, description="Organization slug -> display name.")
    initiatives: InitiativesConfig | None = Field(
        default=None, description="The plan's initiatives, for the late ones."
    )

    def goal(self, goal_id: str, lang: Lang = "pt") -> Goal:
        for g in self.goals:
            if g.id == goal_id:
                return g
        known = ", ".join(g.id for g in self.goals)
        raise GoalConfigError(text("goals.error.unknown-goal", lang, goal=goal_id, known=known))


def load_goals(path: Path, lang: Lang = "pt") -> GoalsConfig:
    data = read_toml(path, lang, GoalConfigError)
    try:
        return GoalsConfig(
            goals=data.get("goal", []), organizations=data.get("organizations", {}), initiatives=data.get("initiatives")
        )
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {explain_error(e, lang)}" for e in exc.errors())
        raise GoalConfigError(text("goals.error.invalid", lang, path=path, detail=problems)) from None


class CountedDataset(BaseModel):
    name: str
    title: str | None = None
    organization: str | None = None
    date: dt.date
    source: DateSource
    month: str


class OtherDataset(BaseModel):
    """In scope but not counted, with the reason."""

    name: str
    title: str | None = None
    organization: str | None = None
    date: dt.date | None = None
    source: DateSource | None = None
    standing: Standing
    reason: Reason


class MonthFigure(BaseModel):
    month: str
    new: int
    cumulative: int
    target_line: float = Field(description="Where a steady pace toward the target would stand at the month's end.")


class GoalStatus(BaseModel):
    id: str
    title: str
    description: str | None = None
    target: int
    start: dt.date
    end: dt.date
    as_of: dt.date
    achieved: int
    percent: float
    remaining: int
    pace_per_month: float | None = Field(description="New datasets per elapsed month of the period.")
    required_pace_per_month: float | None = Field(description="Needed per remaining month; None once the period ended.")
    projection: int = Field(description="Expected count at the period's end at the current pace.")
    on_track: bool
    period_elapsed: float = Field(description="Fraction of the period gone by, 0..1.")
    by_month: dict[str, int] = Field(description="'YYYY-MM' -> new datasets; months without any are left out.")
    by_organization: dict[str, int]
    monthly: list[MonthFigure]
    datasets: list[CountedDataset]
    retired: list[OtherDataset]
    not_counted: list[OtherDataset]
    portal_checked: bool
    portal_error: str | None = None


def local_day(moment: dt.datetime, zone: str) -> dt.date:
    """The day `moment` falls on by `zone`'s clock: a dataset published at 22:00 in Brasília
    (01:00 UTC the next day) counts on the Brasília day, the one the as-of date is on."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(ZoneInfo(zone)).date()


def first_publication(facts: DatasetFacts, zone: str = DEFAULT_TIMEZONE) -> tuple[dt.date, DateSource] | None:
    """The first-publication date (on `zone`'s clock) and where it came from, by the goal's
    order of sources."""
    if facts.issued is not None:
        return facts.issued, "issued"
    if facts.ledger_first_public is not None:
        return local_day(facts.ledger_first_public, zone), "ledger"
    portal = facts.portal
    if portal is not None and portal.metadata_created is not None and not portal.private and portal.state == "active":
        return local_day(portal.metadata_created, zone), "portal"
    return None


def standing(facts: DatasetFacts, portal_checked: bool) -> Standing:
    """Where the dataset is now. The portal decides when it was consulted; else the ledger."""
    if portal_checked:
        p = facts.portal
        if p is None:
            return "retired" if facts.ledger_last_kind == "retired" else "unpublished"
        if p.state == "deleted":
            return "retired"
        if p.private or p.state != "active":
            return "private"
        return "published"
    if facts.ledger_last_kind == "retired":
        return "retired"
    if facts.ledger_first_public is not None or facts.ledger_public:
        return "published" if facts.ledger_public is not False else "private"
    return "unpublished"


def compute(goal: Goal, facts: Facts, *, as_of: dt.date, zone: str = DEFAULT_TIMEZONE) -> GoalStatus:
    """The goal's figures as of `as_of`, a day on `zone`'s clock (the settings' time zone)."""
    counted: list[CountedDataset] = []
    retired: list[OtherDataset] = []
    others: list[OtherDataset] = []
    for f in facts.datasets:
        if not goal.in_scope(f):
            continue
        when = first_publication(f, zone)
        where = standing(f, facts.portal_checked)
        day, source = when if when else (None, None)
        if where == "retired":
            retired.append(_other(f, day, source, where, "retired"))
        elif where != "published":
            others.append(_other(f, day, source, where, "private" if where == "private" else "not-published"))
        elif day is None or source is None or not (goal.start <= day <= goal.end):
            others.append(_other(f, day, source, where, "outside-period"))
        elif day > as_of:
            # Looking back: a dataset first published after the reference date did not exist yet.
            others.append(_other(f, day, source, where, "after-as-of"))
        else:
            counted.append(
                CountedDataset(
                    name=f.name,
                    title=f.title,
                    organization=f.organization,
                    date=day,
                    source=source,
                    month=f"{day:%Y-%m}",
                )
            )
    counted.sort(key=lambda c: (c.date, c.name))

    by_month = Counter(c.month for c in counted)
    by_org = Counter(c.organization or "?" for c in counted)
    achieved = len(counted)

    months = goal.months()
    monthly: list[MonthFigure] = []
    running = 0
    for i, month in enumerate(months, start=1):
        running += by_month.get(month, 0)
        monthly.append(
            MonthFigure(
                month=month,
                new=by_month.get(month, 0),
                cumulative=running,
                target_line=round(goal.target * i / len(months), 2),
            )
        )

    total_days = (goal.end - goal.start).days + 1
    elapsed_days = min(max((as_of - goal.start).days + 1, 0), total_days)
    elapsed = elapsed_days / total_days
    elapsed_months = elapsed * len(months)
    pace = achieved / elapsed_months if elapsed_months > 0 else None
    remaining = max(goal.target - achieved, 0)
    months_left = len(months) - elapsed_months
    ended = as_of > goal.end
    projection = achieved if ended or pace is None else math.floor(achieved + pace * months_left)
    return GoalStatus(
        id=goal.id,
        title=goal.title,
        description=goal.description,
        target=goal.target,
        start=goal.start,
        end=goal.end,
        as_of=as_of,
        achieved=achieved,
        percent=round(100 * achieved / goal.target, 1),
        remaining=remaining,
        pace_per_month=None if pace is None else round(pace, 2),
        required_pace_per_month=None if ended or months_left <= 0 else round(remaining / months_left, 2),
        projection=projection,
        on_track=projection >= goal.target,
        period_elapsed=round(elapsed, 4),
        by_month={m: by_month[m] for m in sorted(by_month)},
        by_organization=dict(sorted(by_org.items(), key=lambda kv: (-kv[1], kv[0]))),
        monthly=monthly,
        datasets=counted,
        retired=retired,
        not_counted=others,
        portal_checked=facts.portal_checked,
        portal_error=facts.portal_error,
    )


def _other(
    f: DatasetFacts,
    day: dt.date | None,
    source: DateSource | None,
    where: Standing,
    reason: Reason,
) -> OtherDataset:
    return OtherDataset(
        name=f.name, title=f.title, organization=f.organization, date=day, source=source, standing=where, reason=reason
    )
