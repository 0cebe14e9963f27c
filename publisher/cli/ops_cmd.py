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
    build_settings,
    console,
    err_console,
    exit_lock_held,
    print_json,
    tr,
)
from publisher.facts import Facts, ckan_lookup, collect
from publisher.goals import DATE_SOURCE_LABELS_PT, GoalConfigError, GoalStatus, compute, load_goals
from publisher.ledger import Ledger, LedgerError, Run
from publisher.notify import NotifyConfigError, load_notify_config
from publisher.reports import render_goal_report, write_goal_report
from publisher.reports.html import LOCAL_TZ, REASON_PT
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
    load_schedule,
    read_holder,
)
from publisher.runner.lock import is_locked
from publisher.runner.logs import configure_logging
from publisher.settings import Settings, SettingsError

GoalsFileOption = Annotated[
    Path | None,
    typer.Option(
        "--goals-file",
        help="Metas (padrão: jobs/goals.toml). / Goals file (default: jobs/goals.toml). Env: PUBLISHER_GOALS_FILE.",
    ),
]
ScheduleFileOption = Annotated[
    Path | None,
    typer.Option(
        "--schedule-file",
        help="Agenda (padrão: jobs/schedule.toml). / Schedule (default: jobs/schedule.toml). Env: PUBLISHER_SCHEDULE_FILE.",
    ),
]


_t = tr


def _settings(lang: str | None) -> Settings:
    try:
        return build_settings(lang)
    except SettingsError as exc:
        err_console.print(f"[red]{escape(str(exc))}[/]", soft_wrap=True)
        raise typer.Exit(2) from None


def _open_ledger(settings: Settings) -> Ledger:
    try:
        return Ledger.open(settings.ledger_file)
    except LedgerError as exc:
        err_console.print(f"[red]{escape(str(exc))}[/]", soft_wrap=True)
        raise typer.Exit(2) from None


def _clock(value: datetime | None, zone: str | None) -> str:
    """On the schedule's clock (`zone`, else the machine's); the ledger keeps UTC."""
    if value is None:
        return "—"
    if value.tzinfo is not None:
        value = value.astimezone(ZoneInfo(zone) if zone else None)
    return value.strftime("%Y-%m-%d %H:%M")


# -- goal ----------------------------------------------------------------------------------------


def _collect_facts(settings: Settings, ledger: Ledger, offline: bool) -> Facts:
    if offline:
        return collect(settings, ledger, None)
    with ckan_lookup(settings) as lookup:
        return collect(settings, ledger, lookup)


def _goal_json(status: GoalStatus) -> dict[str, Any]:
    return status.model_dump(mode="json")


def _render_goal(settings: Settings, s: GoalStatus, orgs: dict[str, str]) -> None:
    def t(pt: str, en: str) -> str:
        return _t(settings, pt, en)

    console.print(f"\n[bold]{escape(s.title)}[/] [dim]({s.id}, {s.start:%d/%m/%Y}–{s.end:%d/%m/%Y})[/]")
    bar_width = 30
    filled = min(bar_width, round(bar_width * s.achieved / s.target))
    console.print(
        f"  [{'green' if s.achieved >= s.target else 'cyan'}]{'█' * filled}[/]{'░' * (bar_width - filled)} "
        f"[bold]{s.achieved}[/] {t('de', 'of')} {s.target} ({s.percent:.1f}%)"
    )
    pace = "—" if s.pace_per_month is None else f"{s.pace_per_month:.2f}"
    console.print(
        f"  {t('faltam', 'remaining')}: {s.remaining} · {t('ritmo', 'pace')}: {pace}/{t('mês', 'month')} · "
        f"{t('projeção', 'projection')}: {s.projection}"
        + ("" if s.on_track else t(" (abaixo da meta)", " (below target)"))
    )
    if not s.portal_checked:
        console.print(t("  [yellow]portal não consultado[/]", "  [yellow]portal not consulted[/]")
                      + (f" [dim]({escape(s.portal_error)})[/]" if s.portal_error else ""))  # fmt: skip

    months = Table(title=t("Por mês", "By month"), title_justify="left")
    months.add_column(t("Mês", "Month"))
    months.add_column(t("Novos", "New"), justify="right")
    months.add_column(t("Acumulado", "Cumulative"), justify="right")
    for m in s.monthly:
        months.add_row(m.month, str(m.new) if m.new else "[dim]0[/]", str(m.cumulative))
    console.print(months)

    if s.by_organization:
        by_org = Table(title=t("Por órgão", "By organization"), title_justify="left")
        by_org.add_column(t("Órgão", "Organization"))
        by_org.add_column(t("Novos", "New"), justify="right")
        for org, count in s.by_organization.items():
            by_org.add_row(escape(orgs.get(org, org)), str(count))
        console.print(by_org)

    table = Table(title=t("Conjuntos que contam", "Datasets counted"), title_justify="left")
    table.add_column(t("Conjunto", "Dataset"))
    table.add_column(t("Órgão", "Org"))
    table.add_column(t("Data", "Date"))
    table.add_column(t("Origem da data", "Date source"))
    for d in s.datasets:
        table.add_row(escape(d.name), escape(d.organization or "—"), f"{d.date:%Y-%m-%d}",
                      DATE_SOURCE_LABELS_PT[d.source] if settings.lang == "pt" else d.source)  # fmt: skip
    console.print(table)
    for label_pt, label_en, items in (
        ("Retirados", "Retired", s.retired),
        ("Fora da contagem", "Not counted", s.not_counted),
    ):
        if items:
            console.print(f"[bold]{t(label_pt, label_en)}[/]: " + ", ".join(
                f"{escape(d.name)} [dim]({REASON_PT[d.reason] if settings.lang == 'pt' else d.reason}"
                f"{', ' + str(d.date) if d.date else ''})[/]" for d in items))  # fmt: skip


@app.command()
def goal(
    goal_id: Annotated[str | None, typer.Option("--goal", help="Só esta meta (id). / Only this goal (id).")] = None,
    json_output: JsonOption = False,
    html: Annotated[
        Path | None,
        typer.Option("--html", help="Grava o relatório HTML neste arquivo. / Write the HTML report to FILE."),
    ] = None,
    offline: Annotated[
        bool, typer.Option("--offline", help="Não consulta o portal (só catálogo e registro). / Do not ask the portal.")
    ] = False,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Data de referência AAAA-MM-DD (padrão: hoje). / Reference date.")
    ] = None,
    goals_file: GoalsFileOption = None,
    lang: LangOption = None,
) -> None:
    """Mostra a meta de novos conjuntos de dados: alcançado, ritmo, por órgão e por mês.

    Shows the new-datasets goal: achieved, pace, projection, per organization and month,
    and every dataset counted with the date of its first publication and that date's source.
    Saída / exit: 0 ok; 2 uso ou configuração / usage or configuration error.
    """
    settings = _settings(lang)
    paths = OpsPaths.from_settings(settings, goals_file=goals_file)
    try:
        config = load_goals(paths.goals_file)
        goals = [config.goal(goal_id)] if goal_id else config.goals
    except GoalConfigError as exc:
        err_console.print(f"[red]{escape(str(exc))}[/]", soft_wrap=True)
        raise typer.Exit(2) from None
    try:
        day = date.fromisoformat(as_of) if as_of else datetime.now(LOCAL_TZ).date()
    except ValueError:
        raise typer.BadParameter(f"--as-of: {as_of!r} is not YYYY-MM-DD") from None

    with _open_ledger(settings) as ledger:
        facts = _collect_facts(settings, ledger, offline)
        statuses = [compute(g, facts, as_of=day) for g in goals]
        if html is not None:
            page = render_goal_report(statuses, runs=recent_runs(ledger), organizations=config.organizations)
            write_goal_report(html, page)
    if json_output:
        print_json({"as_of": day.isoformat(), "goals": [_goal_json(s) for s in statuses]})
    else:
        for s in statuses:
            _render_goal(settings, s, config.organizations)
        if html is not None:
            console.print(_t(settings, f"\nRelatório HTML: {html}", f"\nHTML report: {html}"))


# -- status --------------------------------------------------------------------------------------


def _run_json(run: Run, ledger: Ledger) -> dict[str, Any]:
    data = run.model_dump(mode="json")
    data["duration_s"] = run.duration_s
    data["failures"] = [e.model_dump(mode="json", exclude_none=True) for e in ledger.failures(run.id)]
    return data


@app.command()
def status(
    json_output: JsonOption = False,
    limit: Annotated[
        int, typer.Option("--limit", min=1, max=500, help="Quantas execuções mostrar. / How many runs to show.")
    ] = 10,
    schedule_file: ScheduleFileOption = None,
    lang: LangOption = None,
) -> None:
    """Mostra as últimas execuções, o que falhou e por quê, e quando cada job roda de novo.

    Shows the last runs, what failed and why, and when each job runs next (jobs/schedule.toml).
    Saída / exit: 0 a última execução de cada job deu certo / every job's last run succeeded;
    1 alguma falhou ou foi interrompida / one failed or was interrupted; 2 configuração / configuration error.
    """
    settings = _settings(lang)
    paths = OpsPaths.from_settings(settings, schedule_file=schedule_file)
    try:
        config = load_schedule(paths.schedule_file)
    except ScheduleConfigError as exc:
        err_console.print(f"[red]{escape(str(exc))}[/]", soft_wrap=True)
        raise typer.Exit(2) from None
    next_runs = config.next_runs()
    holder = read_holder(paths.lock_file) if is_locked(paths.lock_file) else None

    with _open_ledger(settings) as ledger:
        runs = ledger.last_runs(limit)
        latest = ledger.last_run_per_job()
        bad = [r for r in latest.values() if r.status in ("failed", "interrupted")]
        jobs_view = [
            {
                "job": spec.name,
                "schedule": config.describe(spec, settings.lang) if spec.enabled else None,
                "every": spec.every,
                "at": spec.at,
                "interval": spec.interval,
                "enabled": spec.enabled,
                "next_run": next_runs.get(spec.name).isoformat() if next_runs.get(spec.name) else None,  # type: ignore[union-attr]
                "last_run": _run_json(latest[spec.name], ledger) if spec.name in latest else None,
            }
            for spec in config.jobs
        ]
        if json_output:
            print_json(
                {
                    "ledger": str(settings.ledger_file),
                    "schedule": config.source,
                    "timezone": config.timezone,
                    "runner": holder.model_dump() if holder else None,
                    "jobs": jobs_view,
                    "runs": [_run_json(r, ledger) for r in runs],
                }
            )
            raise typer.Exit(1 if bad else 0)

        def t(pt: str, en: str) -> str:
            return _t(settings, pt, en)

        if holder:
            console.print(t(f"[cyan]Executor em andamento:[/] {escape(holder.describe())}",
                            f"[cyan]Runner active:[/] {escape(holder.describe())}"))  # fmt: skip
        zone = f" ({config.timezone})" if config.timezone else ""
        jobs_table = Table(title=t(f"Jobs: horários{zone}", f"Jobs: times{zone}"), title_justify="left")
        for col in (
            t("Job", "Job"),
            t("Agenda", "Schedule"),
            t("Próxima execução", "Next run"),
            t("Última", "Last"),
            t("Situação", "Status"),
        ):
            jobs_table.add_column(col)
        for _view, spec in zip(jobs_view, config.jobs, strict=True):
            last = latest.get(spec.name)
            jobs_table.add_row(
                spec.name,
                spec.describe(settings.lang) if spec.enabled else t("desativado", "disabled"),
                _clock(next_runs.get(spec.name), config.timezone),
                _clock(last.started_at, config.timezone) if last else "—",
                _status_cell(settings, last.status) if last else t("nunca rodou", "never ran"),
            )
        console.print(jobs_table)

        runs_table = Table(title=t("Últimas execuções", "Last runs"), title_justify="left")
        for col in (
            "#",
            "Job",
            t("Gatilho", "Trigger"),
            t("Início", "Started"),
            t("Duração", "Duration"),
            t("Situação", "Status"),
            t("Resumo", "Summary"),
        ):
            runs_table.add_column(col)
        for r in runs:
            runs_table.add_row(
                str(r.id), r.job, _TRIGGER[settings.lang].get(r.trigger, r.trigger), _clock(r.started_at, config.timezone),
                "—" if r.duration_s is None else f"{r.duration_s:.1f} s",
                _status_cell(settings, r.status), escape(_summary(r)),
            )  # fmt: skip
        console.print(runs_table)

        for r in bad:
            console.print(t(f"\n[bold red]{r.job}[/]: execução {r.id} {_status_word(settings, r.status)}",
                            f"\n[bold red]{r.job}[/]: run {r.id} {_status_word(settings, r.status)}"))  # fmt: skip
            if r.error:
                console.print(f"  {escape(r.error)}")
            for e in ledger.failures(r.id):
                console.print(
                    f"  [bold]{escape(e.dataset)}[/] [dim]{e.kind} {escape(e.error_code or '')}[/]: {escape(e.message or '')}"
                )
                if e.kind == "invalid" and isinstance(e.detail, list):
                    for err in e.detail:
                        if isinstance(err, dict):
                            console.print(f"    - {escape(str(err.get('message', '')))}", highlight=False)
    raise typer.Exit(1 if bad else 0)


def _status_word(settings: Settings, status: str) -> str:
    words = {
        "pt": {"running": "em andamento", "succeeded": "concluída", "failed": "falhou", "interrupted": "interrompida"},
        "en": {"running": "running", "succeeded": "succeeded", "failed": "failed", "interrupted": "interrupted"},
    }
    return words[settings.lang].get(status, status)


def _status_cell(settings: Settings, status: str) -> str:
    color = {"succeeded": "green", "failed": "red", "interrupted": "yellow", "running": "cyan"}.get(status, "white")
    return f"[{color}]{_status_word(settings, status)}[/]"


def _summary(run: Run) -> str:
    c = run.counts
    keys = (
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
    parts = [f"{k}={c[k]}" for k in keys if isinstance(c.get(k), int) and not isinstance(c.get(k), bool) and c[k]]
    if run.job == "freshness" and isinstance(c.get("checked"), int):
        parts.append(f"overdue={c.get('overdue', 0)}/{c['checked']}")
    goals = c.get("goals")
    if isinstance(goals, dict):
        parts += [f"{g.get('achieved')}/{g.get('target')}" for g in goals.values() if isinstance(g, dict)]
    if run.error and run.status != "succeeded":
        parts.append(run.error)
    return ", ".join(parts)


_TRIGGER = {
    "pt": {"schedule": "agendada", "once": "única", "cli": "comando"},
    "en": {"schedule": "schedule", "once": "once", "cli": "cli"},
}


# -- schedule ------------------------------------------------------------------------------------


@app.command()
def schedule(
    once: Annotated[
        bool,
        typer.Option(
            "--once", help="Roda cada job uma vez e sai (cron, systemd, Kubernetes). / Run every job once and exit."
        ),
    ] = False,
    job: Annotated[
        list[str] | None, typer.Option("--job", help=f"Só estes jobs ({', '.join(JOB_NAMES)}). / Only these jobs.")
    ] = None,
    log_json: Annotated[
        bool, typer.Option("--log-json", help="Logs em JSON, um objeto por linha. / JSON log lines.")
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Logs de depuração. / Debug logs.")] = False,
    json_output: JsonOption = False,
    schedule_file: ScheduleFileOption = None,
    goals_file: GoalsFileOption = None,
    lang: LangOption = None,
) -> None:
    """Executa os jobs agendados (publish, verify, goal-report, freshness) conforme jobs/schedule.toml.

    Runs the scheduled jobs in the foreground, or each once with --once. Only one runner at a
    time (lock file .publisher/runner.lock). SIGTERM/SIGINT: finish the dataset in hand, record
    the run as interrupted, exit. Logs go to stderr; with --json a summary of the runs goes to stdout.
    Saída / exit: 0 tudo certo / all succeeded; 1 algum job falhou ou foi interrompido / a job failed
    or was interrupted; 2 configuração / configuration error; 3 outro executor ativo / another runner holds the lock.
    """
    settings = _settings(lang)
    paths = OpsPaths.from_settings(settings, schedule_file=schedule_file, goals_file=goals_file)
    try:
        config = load_schedule(paths.schedule_file)
        specs = [config.get(name) for name in job] if job else config.enabled
        notify = load_notify_config(paths.notify_file)
    except (ScheduleConfigError, NotifyConfigError) as exc:
        err_console.print(f"[red]{escape(str(exc))}[/]", soft_wrap=True)
        raise typer.Exit(2) from None

    secrets = [settings.token_value()]
    if notify.email.password is not None:
        secrets.append(notify.email.password.get_secret_value())
    if notify.webhook.url is not None:
        secrets.append(notify.webhook.url.get_secret_value())
    configure_logging(json_lines=log_json, level=logging.DEBUG if verbose else logging.INFO, secrets=secrets)
    log = logging.getLogger("publisher.runner")

    lock = RunnerLock(paths.lock_file)
    try:
        lock.acquire()
    except LockHeld as exc:
        exit_lock_held(settings, exc, json_output, log if log_json else None)

    stop = StopFlag()
    restore = install_signal_handlers(stop)
    runs: list[Run] = []
    try:
        with Ledger.open(settings.ledger_file) as ledger:
            for run_id in ledger.close_abandoned_runs():
                log.warning("run %d was left running by a process that is gone: recorded as interrupted", run_id)
            runner = Runner(settings, ledger, paths, notify, stop)
            if once:
                runs = runner.run_once(specs)
            else:
                if job:
                    config = config.model_copy(update={"jobs": specs})
                runner.run_forever(config)
    except KeyboardInterrupt:
        log.warning("stopped at once")
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
            console.print(f"{_status_cell(settings, r.status)} {escape(r.job)} [dim](#{r.id})[/] {escape(_summary(r))}")
    failed = any(r.status != "succeeded" for r in runs) or (once and stop.stopped)
    raise typer.Exit(1 if failed else 0)
