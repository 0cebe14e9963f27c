"""`publisher goal | status | schedule`: the goal, the run history and the job runner.

Exit codes: 0 success; 1 a job failed or was interrupted (schedule), or the last run
of some job did not succeed (status); 2 usage or configuration error; 3 another
runner holds the lock.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo

import typer
from rich.markup import escape
from rich.table import Table

from publisher.cli import app
from publisher.cli.common import (
    JsonOption,
    LangOption,
    UsageProblem,
    build_settings,
    console,
    err_console,
    exit_lock_held,
    help_text,
    print_json,
    stop_with,
)
from publisher.facts import Facts, ckan_lookup, collect
from publisher.goals import GoalConfigError, GoalsConfig, GoalStatus, compute, load_goals
from publisher.initiatives import InitiativesError, InitiativesStatus, late_initiatives
from publisher.ledger import Ledger, LedgerError, Run
from publisher.messages import Lang, Texts, number, text
from publisher.notify import NotifyConfigError, notify_config
from publisher.reports import render_goal_report, write_goal_report
from publisher.reports.runs import recent_runs
from publisher.runner import (
    JOB_NAMES,
    LockHeld,
    OpsPaths,
    Runner,
    RunnerLock,
    ScheduleConfigError,
    StopFlag,
    install_signal_handlers,
    read_holder,
)
from publisher.runner.config import JobSpec, ScheduleConfig, schedule_config
from publisher.runner.lock import LockHolder, is_locked
from publisher.runner.logs import configure_logging
from publisher.settings import Settings

GoalsFileOption = Annotated[Path | None, typer.Option("--goals-file", help=help_text("cli.help.option.goals_file"))]
ScheduleFileOption = Annotated[
    Path | None, typer.Option("--schedule-file", help=help_text("cli.help.option.schedule_file"))
]


def _settings(lang: str | None, *, schedule_file: Path | None = None, goals_file: Path | None = None) -> Settings:
    """The settings, with `--schedule-file`/`--goals-file` winning over PUBLISHER_*_FILE: one object
    says where every file is (and the schedule file may carry the time zone)."""
    settings = build_settings(lang)
    given = {k: v for k, v in (("schedule_file", schedule_file), ("goals_file", goals_file)) if v is not None}
    return build_settings(lang, jobs=settings.jobs.model_copy(update=given)) if given else settings


def _open_ledger(settings: Settings) -> Ledger:
    try:
        return Ledger.open(settings.ledger_file, settings.lang)
    except LedgerError as exc:
        err_console.print(f"[red]{escape(str(exc))}[/]", soft_wrap=True)
        raise typer.Exit(2) from None


def _history_line(t: Texts, ledger: Ledger, zone: str) -> str | None:
    """Where history starts, when an earlier ledger was lost (else the tables say it all)."""
    h = ledger.history
    if h is None or h.lost_at is None:
        return None
    return t(
        "ledger.history-starts", since=_clock(_parse_utc(h.started_at), zone), lost=_clock(_parse_utc(h.lost_at), zone)
    )


def _parse_utc(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _clock(value: datetime | None, zone: str) -> str:
    """On `zone`'s clock (the ledger keeps UTC). Only in tables whose title names the zone:
    repeating it in every cell would cut the cells on an 80-column terminal."""
    if value is None:
        return "—"
    if value.tzinfo is not None:
        value = value.astimezone(ZoneInfo(zone))
    return f"{value:%Y-%m-%d %H:%M}"


# -- goal ----------------------------------------------------------------------------------------


def _collect_facts(settings: Settings, ledger: Ledger, offline: bool) -> Facts:
    if offline:
        return collect(settings, ledger, None)
    with ckan_lookup(settings) as lookup:
        return collect(settings, ledger, lookup)


def _goal_json(status: GoalStatus) -> dict[str, Any]:
    return status.model_dump(mode="json")


def _goal_header(t: Texts, s: GoalStatus) -> None:
    console.print(f"\n[bold]{escape(s.title)}[/] [dim]({s.id}, {s.start:%d/%m/%Y}–{s.end:%d/%m/%Y})[/]")
    bar_width = 30
    filled = min(bar_width, round(bar_width * s.achieved / s.target))
    color = "green" if s.achieved >= s.target else "cyan"
    console.print(
        f"  [{color}]{'█' * filled}[/]{'░' * (bar_width - filled)} "
        f"[bold]{s.achieved}[/] {t('cli.ops.goal.of')} {s.target} ({number(s.percent, t.lang)}%)"
    )
    pace = "—" if s.pace_per_month is None else number(s.pace_per_month, t.lang, 2)
    line = t("cli.ops.goal.line", remaining=s.remaining, pace=pace, projection=s.projection)
    console.print("  " + line + ("" if s.on_track else t("cli.ops.goal.below")))
    if not s.portal_checked:
        error = f" [dim]({escape(s.portal_error)})[/]" if s.portal_error else ""
        console.print(f"  [yellow]{t('cli.ops.goal.portal-not-consulted')}[/]{error}")


def _goal_tables(t: Texts, s: GoalStatus, orgs: dict[str, str]) -> None:
    months = Table(title=t("cli.ops.goal.by-month"), title_justify="left")
    for col, justify in (("month", "left"), ("new", "right"), ("cumulative", "right")):
        months.add_column(t(f"cli.ops.goal.{col}"), justify=justify)  # type: ignore[arg-type]
    for m in s.monthly:
        months.add_row(m.month, str(m.new) if m.new else "[dim]0[/]", str(m.cumulative))
    console.print(months)
    if s.by_organization:
        by_org = Table(title=t("cli.ops.goal.by-org"), title_justify="left")
        by_org.add_column(t("cli.ops.goal.org"))
        by_org.add_column(t("cli.ops.goal.new"), justify="right")
        for org, count in s.by_organization.items():
            by_org.add_row(escape(orgs.get(org, org)), str(count))
        console.print(by_org)
    table = Table(title=t("cli.ops.goal.counted"), title_justify="left")
    for col in ("dataset", "org", "date", "date-source"):
        table.add_column(t(f"cli.ops.goal.{col}"))
    for d in s.datasets:
        source = t(f"goals.source.{d.source}")
        table.add_row(escape(d.name), escape(d.organization or "—"), f"{d.date:%Y-%m-%d}", source)
    console.print(table)


def _goal_others(t: Texts, s: GoalStatus) -> None:
    for label, items in (("cli.ops.goal.retired", s.retired), ("cli.ops.goal.not-counted", s.not_counted)):
        if items:
            listed = ", ".join(
                f"{escape(d.name)} [dim]({t(f'goals.reason.{d.reason}')}{', ' + str(d.date) if d.date else ''})[/]"
                for d in items
            )
            console.print(f"[bold]{t(label)}[/]: {listed}")


def _late(settings: Settings, config: GoalsConfig, day: date) -> InitiativesStatus | str | None:
    """The initiatives late on `day`; the reason when their table cannot be read; None when
    goals.toml names no initiatives."""
    if config.initiatives is None:
        return None
    try:
        return late_initiatives(config.initiatives, settings.catalogue_dir, day)
    except InitiativesError as exc:
        return exc.localized(settings.lang)


def _late_json(late: InitiativesStatus | str | None) -> dict[str, Any] | None:
    if isinstance(late, str):
        return {"error": late}
    return None if late is None else late.model_dump(mode="json")


def _render_late(t: Texts, late: InitiativesStatus | str | None) -> None:
    if late is None:
        return
    if isinstance(late, str):
        console.print(f"\n[yellow]{escape(late)}[/]", soft_wrap=True)
        return
    when = f"{late.as_of:%d/%m/%Y}"
    if not late.late:
        console.print("\n" + t("cli.ops.goal.late.none", date=when, without=late.without_deadline))
        return
    table = Table(title=t("cli.ops.goal.late.title", date=when, count=len(late.late)), title_justify="left")
    for col, justify in (
        ("id", "right"),
        ("initiative", "left"),
        ("deadline", "left"),
        ("status", "left"),
        ("days", "right"),
    ):
        table.add_column(t(f"cli.ops.goal.late.{col}"), justify=justify)  # type: ignore[arg-type]
    for i in late.late:
        table.add_row(i.id, escape(i.title), f"{i.deadline:%d/%m/%Y}", escape(i.status), str(i.days_late))
    console.print(table)
    console.print(t("cli.ops.goal.late.without", count=late.without_deadline))


def _render_goal(t: Texts, s: GoalStatus, orgs: dict[str, str]) -> None:
    _goal_header(t, s)
    _goal_tables(t, s, orgs)
    _goal_others(t, s)


@app.command("goal", help=help_text("cli.help.goal", "cli.help.goal.details", "cli.help.goal.exit"))
def goal(
    goal_id: Annotated[str | None, typer.Option("--goal", help=help_text("cli.help.goal.goal"))] = None,
    json_output: JsonOption = False,
    html: Annotated[Path | None, typer.Option("--html", help=help_text("cli.help.goal.html"))] = None,
    offline: Annotated[bool, typer.Option("--offline", help=help_text("cli.help.goal.offline"))] = False,
    as_of: Annotated[str | None, typer.Option("--as-of", help=help_text("cli.help.goal.as_of"))] = None,
    goals_file: GoalsFileOption = None,
    lang: LangOption = None,
) -> None:
    """Show the new-datasets goal and every dataset counted."""
    settings = _settings(lang, goals_file=goals_file)
    t = Texts(settings.lang)
    try:
        config = load_goals(settings.goals_file, settings.lang)
        goals = [config.goal(goal_id, settings.lang)] if goal_id else config.goals
    except GoalConfigError as exc:
        stop_with("goals-config", str(exc), json_output, 2)
    try:
        day = date.fromisoformat(as_of) if as_of else datetime.now(ZoneInfo(settings.timezone)).date()
    except ValueError:
        raise UsageProblem("bad-as-of", settings.lang, "cli.ops.goal.bad-as-of", value=as_of) from None

    with _open_ledger(settings) as ledger:
        facts = _collect_facts(settings, ledger, offline)
        statuses = [compute(g, facts, as_of=day, zone=settings.timezone) for g in goals]
        late = _late(settings, config, day)
        if html is not None:
            page = render_goal_report(
                statuses,
                runs=recent_runs(ledger),
                organizations=config.organizations,
                timezone=settings.timezone,
                late=late,
            )
            write_goal_report(html, page)
    if json_output:
        print_json(
            {"as_of": day.isoformat(), "goals": [_goal_json(s) for s in statuses], "late_initiatives": _late_json(late)}
        )
    else:
        for s in statuses:
            _render_goal(t, s, config.organizations)
        _render_late(t, late)
        if html is not None:
            console.print("\n" + t("cli.ops.goal.html-written", path=html))


# -- status --------------------------------------------------------------------------------------


def _run_json(run: Run, ledger: Ledger) -> dict[str, Any]:
    data = run.model_dump(mode="json")
    data["duration_s"] = run.duration_s
    data["failures"] = [e.model_dump(mode="json", exclude_none=True) for e in ledger.failures(run.id)]
    return data


def _load_schedule_or_exit(settings: Settings) -> ScheduleConfig:
    try:
        return schedule_config(settings)
    except ScheduleConfigError as exc:
        err_console.print(f"[red]{escape(str(exc))}[/]", soft_wrap=True)
        raise typer.Exit(2) from None


def _job_json(
    spec: JobSpec, config: ScheduleConfig, latest: dict[str, Run], ledger: Ledger, lang: Lang
) -> dict[str, Any]:
    next_run = config.next_runs().get(spec.name)
    return {
        "job": spec.name,
        "schedule": config.describe(spec, lang) if spec.enabled else None,
        "every": spec.every,
        "at": spec.at,
        "interval": spec.interval,
        "enabled": spec.enabled,
        "next_run": next_run.isoformat() if next_run else None,
        "last_run": _run_json(latest[spec.name], ledger) if spec.name in latest else None,
    }


def _status_json(
    settings: Settings, config: ScheduleConfig, holder: LockHolder | None, ledger: Ledger, limit: int
) -> None:
    latest = ledger.last_run_per_job()
    print_json(
        {
            "ledger": str(settings.ledger_file),
            "schedule": config.source,
            "timezone": settings.timezone,
            "runner": holder.model_dump() if holder else None,
            "jobs": [_job_json(spec, config, latest, ledger, settings.lang) for spec in config.jobs],
            "runs": [_run_json(r, ledger) for r in ledger.last_runs(limit)],
            "history": None
            if ledger.history is None
            else {"started_at": ledger.history.started_at, "earlier_ledger_lost_at": ledger.history.lost_at},
        }
    )


def _jobs_table(t: Texts, config: ScheduleConfig, latest: dict[str, Run], zone: str) -> Table:
    table = Table(title=t("cli.ops.status.jobs-title", zone=zone), title_justify="left")
    for col in ("job", "schedule", "next-run", "last", "state"):
        table.add_column(t(f"cli.ops.status.{col}"))
    next_runs = config.next_runs()
    for spec in config.jobs:
        last = latest.get(spec.name)
        table.add_row(
            spec.name,
            spec.describe(t.lang) if spec.enabled else t("cli.ops.status.disabled"),
            _clock(next_runs.get(spec.name), zone),
            _clock(last.started_at, zone) if last else "—",
            _status_cell(t, last.status) if last else t("cli.ops.status.never-ran"),
        )
    return table


def _runs_table(t: Texts, runs: list[Run], zone: str) -> Table:
    table = Table(title=t("cli.ops.status.runs-title", zone=zone), title_justify="left")
    table.add_column("#")
    for col in ("job", "trigger", "started", "duration", "state", "summary"):
        table.add_column(t(f"cli.ops.status.{col}"))
    for r in runs:
        duration = "—" if r.duration_s is None else f"{number(r.duration_s, t.lang)} s"
        trigger = t(f"cli.ops.trigger.{r.trigger}") if r.trigger in _TRIGGERS else r.trigger
        table.add_row(str(r.id), r.job, trigger, _clock(r.started_at, zone), duration,
                      _status_cell(t, r.status), escape(_summary(t, r)))  # fmt: skip
    return table


def _print_failures(t: Texts, bad: list[Run], ledger: Ledger) -> None:
    for r in bad:
        console.print(
            f"\n[bold red]{r.job}[/]: " + t("cli.ops.status.bad-run", id=r.id, status=_status_word(t, r.status))
        )
        if r.error:
            console.print(f"  {escape(r.error)}")
        for e in ledger.failures(r.id):
            code = escape(e.error_code or "")
            console.print(f"  [bold]{escape(e.dataset)}[/] [dim]{e.kind} {code}[/]: {escape(e.message or '')}")
            if e.kind == "invalid" and isinstance(e.detail, list):
                for err in e.detail:
                    if isinstance(err, dict):
                        console.print(f"    - {escape(str(err.get('message', '')))}", highlight=False)


@app.command("status", help=help_text("cli.help.status", "cli.help.status.exit"))
def status(
    json_output: JsonOption = False,
    limit: Annotated[int, typer.Option("--limit", min=1, max=500, help=help_text("cli.help.status.limit"))] = 10,
    schedule_file: ScheduleFileOption = None,
    lang: LangOption = None,
) -> None:
    """Show the last runs, what failed, and when each job runs next."""
    settings = _settings(lang, schedule_file=schedule_file)
    t = Texts(settings.lang)
    paths = OpsPaths.from_settings(settings)
    config = _load_schedule_or_exit(settings)
    holder = read_holder(paths.lock_file) if is_locked(paths.lock_file) else None
    zone = settings.timezone
    with _open_ledger(settings) as ledger:
        latest = ledger.last_run_per_job()
        bad = [r for r in latest.values() if r.status in ("failed", "interrupted")]
        if json_output:
            _status_json(settings, config, holder, ledger, limit)
        else:
            if holder:
                console.print(
                    f"[cyan]{t('cli.ops.status.runner-active')}[/] {escape(holder.describe(settings.lang, zone))}"
                )
            history = _history_line(t, ledger, zone)
            if history:
                console.print(f"[yellow]{escape(history)}[/]")
            console.print(_jobs_table(t, config, latest, zone))
            console.print(_runs_table(t, ledger.last_runs(limit), zone))
            _print_failures(t, bad, ledger)
    raise typer.Exit(1 if bad else 0)


_RUN_STATES = ("running", "succeeded", "failed", "interrupted")
_TRIGGERS = ("schedule", "once", "cli")
_COUNTED = (
    "created",
    "updated",
    "reactivated",
    "unchanged",
    "invalid",
    "failed",
    "skipped",
    "verified",
    "verify_failed",
)


def _status_word(t: Texts, status: str) -> str:
    return t(f"cli.ops.run.{status}") if status in _RUN_STATES else status


def _status_cell(t: Texts, status: str) -> str:
    color = {"succeeded": "green", "failed": "red", "interrupted": "yellow", "running": "cyan"}.get(status, "white")
    return f"[{color}]{_status_word(t, status)}[/]"


def _count(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _summary(t: Texts, run: Run) -> str:
    c = run.counts
    parts = [f"{t(f'cli.ops.count.{k}')}: {c[k]}" for k in _COUNTED if _count(c.get(k))]
    if run.job == "freshness" and isinstance(c.get("checked"), int):
        parts.append(t("cli.ops.count.overdue", overdue=c.get("overdue", 0), checked=c["checked"]))
    goals = c.get("goals")
    if isinstance(goals, dict):
        parts += [f"{g.get('achieved')}/{g.get('target')}" for g in goals.values() if isinstance(g, dict)]
    if run.error and run.status != "succeeded":
        parts.append(run.error)
    return ", ".join(parts)


# -- schedule ------------------------------------------------------------------------------------


_JOBS = ", ".join(JOB_NAMES)


@app.command(
    "schedule", help=help_text("cli.help.schedule", "cli.help.schedule.details", "cli.help.schedule.exit", jobs=_JOBS)
)
def schedule(
    once: Annotated[bool, typer.Option("--once", help=help_text("cli.help.schedule.once"))] = False,
    job: Annotated[list[str] | None, typer.Option("--job", help=help_text("cli.help.schedule.job", jobs=_JOBS))] = None,
    log_json: Annotated[bool, typer.Option("--log-json", help=help_text("cli.help.schedule.log_json"))] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help=help_text("cli.help.schedule.verbose"))] = False,
    json_output: JsonOption = False,
    schedule_file: ScheduleFileOption = None,
    goals_file: GoalsFileOption = None,
    lang: LangOption = None,
) -> None:
    """Run the scheduled jobs (or each once); one runner at a time, stopping cleanly on a signal."""
    settings = _settings(lang, schedule_file=schedule_file, goals_file=goals_file)
    paths = OpsPaths.from_settings(settings)
    try:
        config = schedule_config(settings)
        specs = [config.get(name) for name in job] if job else config.enabled
        notify = notify_config(settings)
    except (ScheduleConfigError, NotifyConfigError) as exc:
        err_console.print(f"[red]{escape(str(exc))}[/]", soft_wrap=True)
        raise typer.Exit(2) from None

    secrets = [settings.token_value()]
    warning = settings.token_file_warning()  # like publish: a token file others can read
    if warning:
        err_console.print(f"[yellow]{escape(warning)}[/]", soft_wrap=True)
    if notify.email.password is not None:
        secrets.append(notify.email.password.get_secret_value())
    if notify.webhook.url is not None:
        secrets.append(notify.webhook.url.get_secret_value())
    level = logging.DEBUG if verbose else logging.INFO
    configure_logging(json_lines=log_json, level=level, secrets=secrets, timezone=settings.timezone)
    log = logging.getLogger("publisher.runner")

    lock = RunnerLock(paths.lock_file, lang=settings.lang)
    try:
        lock.acquire()
    except LockHeld as exc:
        exit_lock_held(settings, exc, json_output, log if log_json else None)

    stop = StopFlag()
    restore = install_signal_handlers(stop, settings.lang)
    runs: list[Run] = []
    try:
        with Ledger.open(settings.ledger_file) as ledger:
            for run_id in ledger.close_abandoned_runs(settings.lang):
                log.warning("%s", text("cli.ops.log.abandoned-run", settings.lang, id=run_id))
            runner = Runner(settings, ledger, paths, notify, stop)
            if once:
                runs = runner.run_once(specs)
            else:
                if job:
                    config = config.model_copy(update={"jobs": specs})
                runner.run_forever(config)
    except KeyboardInterrupt:
        log.warning("%s", text("cli.ops.log.stopped-now", settings.lang))
        raise typer.Exit(1) from None
    except LedgerError as exc:
        log.error("%s", exc)
        raise typer.Exit(2) from None
    finally:
        restore()
        lock.release()

    if json_output:
        print_json({"runs": [r.model_dump(mode="json") for r in runs], "stopped": stop.signal_name})
    elif once:
        for r in runs:
            t = Texts(settings.lang)
            console.print(f"{_status_cell(t, r.status)} {escape(r.job)} [dim](#{r.id})[/] {escape(_summary(t, r))}")
    failed = any(r.status != "succeeded" for r in runs) or (once and stop.stopped)
    raise typer.Exit(1 if failed else 0)
