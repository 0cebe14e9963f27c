"""`publisher plan | publish | verify | retire`: the publish engine's commands.

`publish`, `verify` and `retire` run through `Runner.run_recorded`, like the scheduled
jobs: the run is opened in the ledger before the portal is touched (a ledger that cannot
be opened stops the command, exit 2, with nothing written), and every dataset's event is
written as it happens. `publish --dry-run` changes nothing and is not recorded.

Exit codes: 0 success; 1 something invalid, failed, interrupted or not verified;
2 usage or configuration error (e.g. no API token, a ledger that cannot be opened);
3 another runner holds the lock.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskID, TextColumn

from publisher.catalog import resolve_targets
from publisher.ckan.client import CkanClient
from publisher.cli import app
from publisher.cli.common import (
    JsonOption,
    LangOption,
    PathsArgument,
    UsageProblem,
    build_settings,
    console,
    err_console,
    exclusive,
    help_text,
    portal_answers,
    print_json,
)
from publisher.ledger import Ledger, LedgerError, LedgerSchemaError
from publisher.messages import Texts, text
from publisher.notify import NotifyConfig
from publisher.runner.context import JobOutcome, OpsPaths
from publisher.runner.jobs.publish import PublishOutcome, publish_and_verify
from publisher.runner.jobs.retire import RetireOutcome, retire_dataset
from publisher.runner.jobs.verify import VerifyOutcome, verify_catalogue
from publisher.runner.runner import Recorded, Runner
from publisher.runner.stop import stopping_on_signals
from publisher.settings import Settings
from publisher.sync.apply import MissingToken, publish, undo_retire
from publisher.sync.events import ProgressCallback, ProgressEvent
from publisher.sync.plan import DatasetPlan, PlanAction, plan_catalogue
from publisher.sync.result import DatasetOutcome, PublishResult
from publisher.sync.retired import retired_file

PruneOption = Annotated[bool, typer.Option("--prune", help=help_text("cli.help.option.prune"))]
WorkersOption = Annotated[int, typer.Option("--workers", min=1, max=32, help=help_text("cli.help.option.workers"))]
AllowMoveOption = Annotated[
    list[str] | None, typer.Option("--allow-move", metavar="NAME", help=help_text("cli.help.option.allow_move"))
]
AdoptOption = Annotated[
    list[str] | None, typer.Option("--adopt", metavar="NAME", help=help_text("cli.help.option.adopt"))
]
StrictOption = Annotated[bool, typer.Option("--strict", help=help_text("cli.help.option.strict"))]


OutcomeT = TypeVar("OutcomeT", bound=JobOutcome)


def _size(n: int | None) -> str:
    value = float(n or 0)
    for unit in ("B", "kB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{n} B"


def _short(value: Any, width: int = 70) -> str:
    text = "∅" if value is None else str(value)
    text = text.replace("\n", "⏎")
    return text if len(text) <= width else text[: width - 1] + "…"


def _portal_settings(lang: str | None, strict: bool) -> Settings:
    """Settings of a command that talks to the portal with the token: a token file others can
    read is a warning, or under --strict a SettingsError (exit 2) before anything is done."""
    settings = build_settings(lang, **({"token_file_strict": True} if strict else {}))
    settings.token_value()
    warning = settings.token_file_warning()
    if warning:
        err_console.print(f"[yellow]{escape(warning)}[/]", soft_wrap=True)
    return settings


def _check_paths(settings: Settings, paths: list[Any] | None) -> None:
    """Usage errors (exit 2): a path that does not exist, or nothing to work on."""
    missing = [p for p in (paths or []) if not p.exists()]
    if missing:
        raise UsageProblem(
            "path-missing", settings.lang, "cli.publish.path_missing", paths=", ".join(map(str, missing))
        )
    if not resolve_targets(list(paths or []), settings.catalogue_dir):
        where = ", ".join(map(str, paths)) if paths else str(settings.catalogue_dir)
        raise UsageProblem("no-package", settings.lang, "cli.publish.no_package", where=where)


# -- plan --------------------------------------------------------------------------------------


def _state(t: Texts, state: str | None) -> str:
    """CKAN's dataset state in the reader's words."""
    return t(f"cli.publish.state.{state}") if state in ("active", "deleted", "draft") else state or ""


def _action_line(t: Texts, a: PlanAction) -> str:
    if a.kind == "create_organization":
        return f"[green]+[/] {escape(t('cli.publish.plan.create_organization', name=a.new))}"
    if a.kind == "create_dataset":
        return f"[green]+[/] {t('cli.publish.plan.create_dataset')}"
    if a.kind == "reactivate":
        return f"[green]↺[/] {escape(t('cli.publish.plan.reactivate', state=_state(t, str(a.old))))}"
    if a.kind == "update_field":
        return (
            f"[yellow]~[/] {escape(str(a.field))}: [red]{escape(_short(a.old))}[/] → [green]{escape(_short(a.new))}[/]"
        )
    if a.kind == "upload_resource":
        why = t("cli.publish.plan.new") if a.reason == "new" else t("cli.publish.plan.changed")
        return f"[green]↑[/] {escape(t('cli.publish.plan.upload', resource=a.resource, why=why, size=_size(a.size)))}"
    if a.kind == "update_resource":
        return f"[yellow]~[/] {escape(str(a.resource))}.{escape(str(a.field))}: [red]{escape(_short(a.old, 40))}[/] → [green]{escape(_short(a.new, 40))}[/]"
    if a.kind == "delete_resource":
        return f"[red]-[/] {escape(t('cli.publish.plan.delete_resource', resource=a.resource))}"
    if a.kind == "reorder_resources":
        return f"[yellow]~[/] {t('cli.publish.plan.reorder')}"
    return f"[green]◉[/] {t('cli.publish.plan.make_public')}"


def _dataset_state(t: Texts, p: DatasetPlan) -> str:
    if not p.exists:
        return t("cli.publish.plan.state_new")
    return _state(t, p.state) + (t("cli.publish.plan.private") if p.private else "")


def _render_plan(settings: Settings, p: DatasetPlan) -> None:
    t = Texts(settings.lang)
    org = f" ({escape(p.organization)})" if p.organization else ""
    if p.status == "invalid":
        n = sum(e.blocking for e in p.validation_errors)
        console.print(f"[red]✘ {escape(p.name)}[/]: {escape(t('cli.publish.plan.invalid', count=n))}", highlight=False)
        return
    if p.status == "failed":
        console.print(f"[red]✘ {escape(p.name)}[/]{org}: {escape(p.error_message or '')}", highlight=False)
        return
    if p.status == "retired":
        console.print(f"[dim]⊘ {escape(p.name)}{org}: {escape(p.error_message or '')}[/]", highlight=False)
        return
    if p.nothing_to_do:
        console.print(f"[dim]= {escape(p.name)}{org}: {t('cli.publish.plan.nothing')}[/]", highlight=False)
    else:
        console.print(f"[bold]{escape(p.name)}[/]{org} [dim]{escape(_dataset_state(t, p))}[/]", highlight=False)
        for a in p.actions:
            console.print("    " + _action_line(t, a), highlight=False)
    for a in p.held:
        console.print(f"    [dim]- {escape(t('cli.publish.plan.held', resource=a.resource))}[/]", highlight=False)


@app.command("plan", help=help_text("cli.help.plan", "cli.help.plan.exit"))
def plan_command(
    paths: PathsArgument = None,
    prune: PruneOption = False,
    allow_move: AllowMoveOption = None,
    adopt: AdoptOption = None,
    strict: StrictOption = False,
    json_output: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Show what publishing would change on the portal, writing nothing."""
    settings = _portal_settings(lang, strict)
    _check_paths(settings, paths)
    with portal_answers(settings, json_output):
        result = plan_catalogue(
            settings, paths, prune=prune, progress=None if json_output else lambda p: _render_plan(settings, p),
            allow_move=allow_move or (), adopt=adopt or (),
        )  # fmt: skip
    if json_output:
        print_json(result.model_dump(mode="json"))
    else:
        changing = sum(1 for d in result.datasets if d.status == "planned" and not d.nothing_to_do)
        summary = text("cli.publish.plan.summary", settings.lang, total=len(result.datasets), changing=changing)
        console.print(summary, highlight=False)
    raise typer.Exit(0 if result.ok else 1)


# -- the recorded run ----------------------------------------------------------------------------


def _announce(message: str) -> None:
    err_console.print(f"[yellow]{escape(message)}[/]", highlight=False)


def _open_ledger(settings: Settings, json_output: bool) -> Ledger:
    """The ledger, opened before anything touches the portal; if it cannot be, exit 2."""
    try:
        return Ledger.open(settings.ledger_file, settings.lang)
    except (LedgerError, LedgerSchemaError) as exc:
        reason = exc.reason if isinstance(exc, LedgerError) else str(exc)
        message = text("ledger.cannot_open", settings.lang, path=settings.ledger_file, reason=reason)
        err_console.print(f"[red]{escape(message)}[/]", soft_wrap=True)
        if json_output:
            print_json({"ok": False, "error": {"code": "ledger-unavailable", "message": message}})
        raise typer.Exit(2) from None


@contextmanager
def _operator_log_quiet() -> Iterator[None]:
    # The runner's log lines are for `schedule`'s log; the commands print their own lines.
    # A NullHandler only keeps logging's last-resort stderr output away: handlers set up
    # by an embedding application still get the lines.
    quiet = logging.NullHandler()
    logger = logging.getLogger("publisher")
    logger.addHandler(quiet)
    try:
        yield
    finally:
        logger.removeHandler(quiet)


@contextmanager
def _recording_runner(settings: Settings, json_output: bool) -> Iterator[Runner]:
    """A runner over an open ledger, stopping on signals like `publisher schedule`."""
    with stopping_on_signals(settings.lang, _announce) as stop, _open_ledger(settings, json_output) as ledger:
        runner = Runner(settings, ledger, OpsPaths.from_settings(settings), NotifyConfig(enabled=False), stop)
        try:
            with _operator_log_quiet():
                yield runner
        except KeyboardInterrupt:  # a second signal: the run is already recorded as interrupted
            err_console.print(f"[red]{escape(text('cli.publish.stopped_at_once', settings.lang))}[/]")
            raise typer.Exit(1) from None


@contextmanager
def _token_required() -> Iterator[None]:
    try:
        yield
    except MissingToken as exc:
        err_console.print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(2) from None


def _run(runner: Runner, job: str, work: Callable[[Any], OutcomeT], options: dict[str, Any] | None = None) -> OutcomeT:
    recorded: Recorded[OutcomeT] = runner.run_recorded(job, "cli", work, options)
    return recorded.outcome


# -- publish -----------------------------------------------------------------------------------


_STYLES = {
    "created": "green",
    "updated": "green",
    "reactivated": "green",
    "unchanged": "dim",
    "failed": "red",
    "invalid": "red",
    "skipped": "yellow",
}


def _outcome_line(t: Texts, o: DatasetOutcome, dry_run: bool = False) -> str:
    line = f"{escape(o.name)}: [{_STYLES[o.action]}]{t(f'runner.action.{o.action}')}[/]"
    if o.action not in ("invalid", "skipped"):
        visibility = t("cli.publish.public") if o.public else t("cli.publish.private")
        details = t("cli.publish.outcome.details", visibility=visibility, files=o.uploaded_files,
                    size=_size(o.uploaded_bytes), writes=o.write_requests)  # fmt: skip
        line += f" [dim]({escape(details)})[/]"
    if o.error_message:
        line += f"\n    [red]{escape(o.error_message)}[/]"
    line += "".join(f"\n    [yellow]{escape(n)}[/]" for n in o.notes)
    line += "".join(f"\n    [red]{escape(e)}[/]" for e in o.datastore_errors)
    if dry_run:
        line += "".join(f"\n    [dim]{escape(c)}[/]" for c in o.changes)
    return line


def _summary(t: Texts, r: PublishResult) -> str:
    counts: dict[str, int] = {}
    for o in r.datasets:
        counts[o.action] = counts.get(o.action, 0) + 1
    parts = ", ".join(f"{t(f'runner.action.{k}')}: {v}" for k, v in sorted(counts.items()))
    head = t("cli.publish.summary.dry_run") if r.dry_run else t("cli.publish.summary.publish")
    if r.interrupted:
        head = t("cli.publish.summary.interrupted", head=head)
    summary = t("cli.publish.summary", head=head, parts=parts, requests=r.requests, writes=r.write_requests,
                size=_size(r.uploaded_bytes))  # fmt: skip
    if r.datastore_failed:
        summary += "\n" + t("datastore.summary.failed", count=r.datastore_failed)
    return summary


@contextmanager
def _screen_progress(
    settings: Settings, paths: Sequence[Path] | None, json_output: bool, interactive: bool, dry_run: bool
) -> Iterator[ProgressCallback | None]:
    """What the person sees while the run goes: bars on a terminal, a line per dataset
    otherwise, nothing with --json."""
    if json_output:
        yield None
    elif interactive:
        with _bars(settings, paths) as on_event:
            yield on_event
    else:
        t = Texts(settings.lang)

        def plain(event: ProgressEvent) -> None:
            if event.kind == "dataset_finished" and event.outcome is not None:
                console.print(_outcome_line(t, event.outcome, dry_run), highlight=False)

        yield plain


@app.command("publish", help=help_text("cli.help.publish", "cli.help.publish.details", "cli.help.publish.exit"))
def publish_command(
    paths: PathsArgument = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=help_text("cli.help.publish.dry_run"))] = False,
    workers: WorkersOption = 4,
    prune: PruneOption = False,
    allow_move: AllowMoveOption = None,
    adopt: AdoptOption = None,
    strict: StrictOption = False,
    json_output: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Validate and publish what changed; a dry run is not recorded."""
    settings = _portal_settings(lang, strict)
    _check_paths(settings, paths)
    interactive = not json_output and err_console.is_terminal
    options: dict[str, Any] = {"workers": workers, "prune": prune, "allow_move": sorted(set(allow_move or ())),
                               "adopt": sorted(set(adopt or ()))}  # fmt: skip
    with exclusive(settings, json_output):
        if dry_run:
            result = _dry_run(settings, paths, options, json_output, interactive)
        else:
            result = _recorded_publish(settings, paths, options, json_output, interactive)
    if json_output:
        print_json(result.model_dump(mode="json"))
    else:
        t = Texts(settings.lang)
        if interactive:
            for o in result.datasets:
                console.print(_outcome_line(t, o, dry_run), highlight=False)
        console.print(_summary(t, result), highlight=False)
    raise typer.Exit(0 if result.ok else 1)


def _dry_run(
    settings: Settings, paths: Sequence[Path] | None, options: dict[str, Any], json_output: bool, interactive: bool
) -> PublishResult:
    """A simulation changes nothing, so it is not recorded."""
    with (
        stopping_on_signals(settings.lang, _announce) as stop,
        portal_answers(settings, json_output),
        _token_required(),
        _screen_progress(settings, paths, json_output, interactive, True) as progress,
    ):
        return publish(settings, paths, dry_run=True, progress=progress, should_stop=stop, **options)


def _recorded_publish(
    settings: Settings, paths: Sequence[Path] | None, options: dict[str, Any], json_output: bool, interactive: bool
) -> PublishResult:
    options = {**options, "verify": False}  # `publisher verify` is its own run
    with (
        _recording_runner(settings, json_output) as runner,
        portal_answers(settings, json_output),
        _token_required(),
        _screen_progress(settings, paths, json_output, interactive, False) as progress,
    ):
        outcome: PublishOutcome = _run(
            runner, "publish", lambda ctx: publish_and_verify(ctx, paths, "publish", progress), options
        )
    assert outcome.result is not None
    return outcome.result


@contextmanager
def _bars(settings: Settings, paths: Sequence[Path] | None) -> Iterator[ProgressCallback]:
    """Rich bars on stderr: one for the run (datasets done), one per dataset in hand (bytes)."""
    t = Texts(settings.lang)
    total = len(resolve_targets(list(paths or []), settings.catalogue_dir))
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[info]}"),
        console=err_console,
        transient=True,
    ) as bars:
        tasks: dict[str, TaskID] = {}
        sent: dict[str, int] = {}
        lock = threading.Lock()
        overall = bars.add_task(t("cli.publish.bar.datasets"), total=total, info=f"0/{total}")
        done = 0

        def on_event(e: ProgressEvent) -> None:
            nonlocal done
            with lock:
                if e.kind == "validated":
                    bars.update(overall, description=escape(t("cli.publish.bar.validated", dataset=e.dataset)))
                elif e.kind == "dataset_started":
                    sent[e.dataset] = 0
                    tasks[e.dataset] = bars.add_task(
                        f"  {escape(e.dataset)}", total=max(e.total_bytes, 1), info=f"0/{_size(e.total_bytes)}"
                    )
                elif e.kind == "bytes_sent" and e.dataset in tasks:
                    sent[e.dataset] += e.bytes
                    bars.update(tasks[e.dataset], advance=e.bytes, info=f"{_size(sent[e.dataset])}")
                elif e.kind == "dataset_finished":
                    done += 1
                    bars.update(overall, advance=1, info=f"{done}/{total}")
                    if e.dataset in tasks:
                        bars.remove_task(tasks.pop(e.dataset))

        yield on_event


# -- verify and retire -------------------------------------------------------------------------


@app.command("verify", help=help_text("cli.help.verify", "cli.help.verify.details", "cli.help.verify.exit"))
def verify_command(
    paths: PathsArgument = None, strict: StrictOption = False, json_output: JsonOption = False, lang: LangOption = None
) -> None:
    """Download every file back from the portal and compare it with the local one."""
    settings = _portal_settings(lang, strict)
    _check_paths(settings, paths)
    with portal_answers(settings, json_output), CkanClient(settings) as client:
        # Verify reads private datasets with the token: one CKAN does not take would make them
        # look missing, so it stops here, before the run, with one message.
        client.ensure_reachable()
        client.check_token()
    with _recording_runner(settings, json_output) as runner, portal_answers(settings, json_output):
        outcome: VerifyOutcome = _run(runner, "verify", lambda ctx: verify_catalogue(ctx, paths))
    result = outcome.result
    assert result is not None
    if json_output:
        print_json(result.model_dump(mode="json"))
    else:
        t = Texts(settings.lang)
        for d in result.datasets:
            mark = "[green]✔[/]" if d.ok else "[red]✘[/]"
            files = t("cli.publish.verify.files", files=d.checked_files, size=_size(d.checked_bytes))
            console.print(f"{mark} {escape(d.name)} [dim]({escape(files)})[/]", highlight=False)
            for problem in d.problems:
                console.print(f"    [red]{escape(problem)}[/]", highlight=False)
        bad = sum(not d.ok for d in result.datasets)
        for name in result.retired:
            console.print(f"[dim]⊘ {escape(t('cli.publish.verify.retired', name=name))}[/]", highlight=False)
        console.print(t("cli.publish.verify.summary", count=len(result.datasets), bad=bad), highlight=False)
    raise typer.Exit(0 if result.ok else 1)


@app.command("retire", help=help_text("cli.help.retire", "cli.help.retire.details", "cli.help.retire.exit"))
def retire_command(
    name: Annotated[str, typer.Argument(help=help_text("cli.help.retire.name"))],
    json_output: JsonOption = False,
    lang: LangOption = None,
    undo: Annotated[bool, typer.Option("--undo", help=help_text("cli.help.retire.undo"))] = False,
    reason: Annotated[str | None, typer.Option("--reason", help=help_text("cli.help.retire.reason"))] = None,
    strict: StrictOption = False,
) -> None:
    """Soft-delete a dataset and list it in datapackages/retired.json (or undo that)."""
    settings = _portal_settings(lang, strict) if not undo else build_settings(lang)
    if undo:
        _undo_retire(settings, name, json_output)
    with exclusive(settings, json_output), _recording_runner(settings, json_output) as runner, _token_required():
        outcome: RetireOutcome = _run(runner, "retire", lambda ctx: retire_dataset(ctx, name, reason))
    result = outcome.result
    assert result is not None
    t = Texts(settings.lang)
    if json_output:
        print_json(result.model_dump(mode="json"))
    elif result.retired:
        console.print(escape(t("cli.publish.retire.retired", name=name)))
    elif result.already_retired:
        console.print(escape(t("cli.publish.retire.already", name=name)))
    else:
        err_console.print(f"[red]{escape(result.error_message or '')}[/]")
    raise typer.Exit(0 if result.ok else 1)


def _undo_retire(settings: Settings, name: str, json_output: bool) -> None:
    undone = undo_retire(settings, name)
    if json_output:
        print_json({"name": name, "undone": undone})
    elif undone:
        console.print(text("sync.retire.undone", settings.lang, name=name), highlight=False)
    else:
        path = retired_file(settings)
        err_console.print(text("sync.retire.not-retired", settings.lang, name=name, path=path), highlight=False)
    raise typer.Exit(0 if undone else 1)
