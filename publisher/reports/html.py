"""The goal report as one self-contained HTML page in Portuguese (inline CSS and SVG)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Final, get_args
from zoneinfo import ZoneInfo

import jinja2
from pydantic import BaseModel, Field

from publisher.goals import DateSource, GoalStatus, Reason
from publisher.initiatives import InitiativesStatus
from publisher.ledger import Event, Run
from publisher.messages import Lang, text
from publisher.reports.chart import goal_chart, month_label
from publisher.settings import DEFAULT_TIMEZONE

TEMPLATES = Path(__file__).parent / "templates"
# The report is Portuguese by design (it is published for the state's citizens); its labels
# come from the catalogue all the same.
REPORT_LANG: Final[Lang] = "pt"


def _labels(prefix: str, keys: tuple[str, ...]) -> dict[str, str]:
    return {k: text(f"{prefix}.{k}", REPORT_LANG) for k in keys}


SOURCE_LABELS = _labels("goals.source", get_args(DateSource))
REASON_LABELS = _labels("goals.reason", get_args(Reason))
RUN_STATUS_LABELS = _labels("reports.run", ("running", "succeeded", "failed", "interrupted"))
TRIGGER_LABELS = _labels("reports.trigger", ("schedule", "once", "cli"))


class RunReport(BaseModel):
    run: Run
    failures: list[Event] = Field(default_factory=list)


def _env(zone: ZoneInfo) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["month"] = month_label
    env.filters["localtime"] = lambda value: local_time(value, zone)
    env.filters["brnum"] = _brnum
    env.filters["brdate"] = lambda d: d.strftime("%d/%m/%Y") if d else "—"
    env.globals.update(
        chart=goal_chart,
        SOURCE=SOURCE_LABELS,
        RUN_STATUS=RUN_STATUS_LABELS,
        TRIGGER=TRIGGER_LABELS,
        REASON=REASON_LABELS,
        t=lambda key, **values: text(key, REPORT_LANG, **values),
    )
    return env


def local_time(value: datetime | None, zone: ZoneInfo, lang: Lang = REPORT_LANG) -> str:
    """A time on `zone`'s clock, with the zone named; naive values are UTC (the ledger's)."""
    if value is None:
        return "—"
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    shown = value.astimezone(zone).strftime(text("reports.time-format", lang))
    return text("reports.time", lang, time=shown, zone=zone.key)


def _brnum(value: float | int | None, digits: int = 1) -> str:
    """Numbers the Brazilian way: comma as the decimal mark."""
    if value is None:
        return "—"
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return f"{value:,.{digits}f}".replace(",", "X").replace(".", ",").replace("X", ".")


def render_goal_report(
    goals: list[GoalStatus],
    *,
    runs: list[RunReport] | None = None,
    organizations: dict[str, str] | None = None,
    generated_at: datetime | None = None,
    timezone: str = DEFAULT_TIMEZONE,
    late: InitiativesStatus | str | None = None,
) -> str:
    """The page; every time on `timezone`'s clock (pass `settings.timezone`), zone named.
    `late`: the initiatives late on the report's date, or why they could not be read."""
    template = _env(ZoneInfo(timezone)).get_template("goal_report.html.j2")
    return template.render(
        goals=goals,
        runs=runs or [],
        orgs=organizations or {},
        generated_at=generated_at or datetime.now(UTC),
        late=late,
        late_error=late if isinstance(late, str) else None,
    )


def write_goal_report(path: Path, html: str) -> Path:
    """Write atomically: a reader (a web server serving the folder) never sees half a page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(path)
    return path
