"""The goal report as one self-contained HTML page in Portuguese (inline CSS and SVG)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import jinja2
from pydantic import BaseModel, Field

from publisher.goals import DATE_SOURCE_LABELS_PT, GoalStatus
from publisher.ledger import Event, Run
from publisher.reports.chart import goal_chart, month_label

TEMPLATES = Path(__file__).parent / "templates"
# The state's time zone: operators read times the way the portal's users live them.
LOCAL_TZ = ZoneInfo("America/Sao_Paulo")

RUN_STATUS_PT = {"running": "em andamento", "succeeded": "concluída", "failed": "falhou", "interrupted": "interrompida"}
TRIGGER_PT = {"schedule": "agendada", "once": "execução única", "cli": "linha de comando"}
REASON_PT = {
    "outside-period": "primeira publicação fora do período",
    "not-published": "ainda não publicado no portal",
    "private": "privado no portal",
    "retired": "retirado",
}


class RunReport(BaseModel):
    run: Run
    failures: list[Event] = Field(default_factory=list)


def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["month"] = month_label
    env.filters["localtime"] = _localtime
    env.filters["brnum"] = _brnum
    env.filters["brdate"] = lambda d: d.strftime("%d/%m/%Y") if d else "—"
    env.globals.update(
        chart=goal_chart,
        SOURCE=DATE_SOURCE_LABELS_PT,
        RUN_STATUS=RUN_STATUS_PT,
        TRIGGER=TRIGGER_PT,
        REASON=REASON_PT,
    )
    return env


def _localtime(value: datetime | None) -> str:
    if value is None:
        return "—"
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(LOCAL_TZ).strftime("%d/%m/%Y %H:%M")


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
) -> str:
    template = _env().get_template("goal_report.html.j2")
    return template.render(
        goals=goals,
        runs=runs or [],
        orgs=organizations or {},
        generated_at=generated_at or datetime.now(UTC),
    )


def write_goal_report(path: Path, html: str) -> Path:
    """Write atomically: a reader (a web server serving the folder) never sees half a page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(path)
    return path
