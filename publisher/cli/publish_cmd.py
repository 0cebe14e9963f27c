"""`publisher plan | publish | verify | retire`: the publish engine's commands.

Exit codes: 0 success; 1 something invalid, failed, interrupted or not verified;
2 usage or configuration error (e.g. no API token).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskID, TextColumn

from publisher.catalog import resolve_targets
from publisher.cli import app
from publisher.cli.common import (
    JsonOption,
    LangOption,
    PathsArgument,
    build_settings,
    console,
    err_console,
    exclusive,
    portal_answers,
    print_json,
    tr,
)
from publisher.ledger import Ledger
from publisher.messages import text
from publisher.runner.record import record_publish_result, record_retire
from publisher.settings import Settings
from publisher.sync.apply import MissingToken, publish, retire, undo_retire
from publisher.sync.events import ProgressEvent
from publisher.sync.plan import DatasetPlan, PlanAction, plan_catalogue
from publisher.sync.result import DatasetOutcome, PublishResult, VerifyResult
from publisher.sync.retired import retired_file
from publisher.sync.verify import verify

PruneOption = Annotated[
    bool,
    typer.Option(
        "--prune",
        help="Apaga do portal recursos que não existem mais no pacote. / Delete portal resources gone locally.",
    ),
]
WorkersOption = Annotated[
    int, typer.Option("--workers", min=1, max=32, help="Conjuntos em paralelo. / Datasets in parallel.")
]


_t = tr


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


def _check_paths(settings: Settings, paths: list[Any] | None) -> None:
    """Usage errors (exit 2): a path that does not exist, or nothing to work on."""
    missing = [p for p in (paths or []) if not p.exists()]
    if missing:
        raise typer.BadParameter(", ".join(map(str, missing)) + _t(settings, ": não existe", ": does not exist"))
    if not resolve_targets(list(paths or []), settings.catalogue_dir):
        where = ", ".join(map(str, paths)) if paths else str(settings.catalogue_dir)
        err_console.print(
            _t(settings, f"[red]Nenhum pacote encontrado em {where}.[/]", f"[red]No package found in {where}.[/]")
        )
        raise typer.Exit(2)


# -- plan --------------------------------------------------------------------------------------


def _action_line(settings: Settings, a: PlanAction) -> str:
    def t(pt: str, en: str) -> str:
        return _t(settings, pt, en)

    if a.kind == "create_organization":
        return f"[green]+[/] {t('criar organização', 'create organization')} {escape(str(a.new))}"
    if a.kind == "create_dataset":
        return f"[green]+[/] {t('criar conjunto (privado até completar)', 'create dataset (private until complete)')}"
    if a.kind == "reactivate":
        return f"[green]↺[/] {t('reativar conjunto excluído', 'reactivate deleted dataset')} ({escape(str(a.old))})"
    if a.kind == "update_field":
        return (
            f"[yellow]~[/] {escape(str(a.field))}: [red]{escape(_short(a.old))}[/] → [green]{escape(_short(a.new))}[/]"
        )
    if a.kind == "upload_resource":
        why = t("novo", "new") if a.reason == "new" else t("alterado", "changed")
        return f"[green]↑[/] {t('enviar', 'upload')} {escape(str(a.resource))} ({why}, {_size(a.size)})"
    if a.kind == "update_resource":
        return f"[yellow]~[/] {escape(str(a.resource))}.{escape(str(a.field))}: [red]{escape(_short(a.old, 40))}[/] → [green]{escape(_short(a.new, 40))}[/]"
    if a.kind == "delete_resource":
        return f"[red]-[/] {t('apagar recurso', 'delete resource')} {escape(str(a.resource))}"
    if a.kind == "reorder_resources":
        return f"[yellow]~[/] {t('reordenar recursos', 'reorder resources')}"
    return f"[green]◉[/] {t('tornar público', 'make public')}"


def _render_plan(settings: Settings, p: DatasetPlan) -> None:
    def t(pt: str, en: str) -> str:
        return _t(settings, pt, en)

    org = f" ({escape(p.organization)})" if p.organization else ""
    if p.status == "invalid":
        n = sum(e.blocking for e in p.validation_errors)
        console.print(
            f"[red]✘ {escape(p.name)}[/]: {t('inválido', 'invalid')} ({n} {t('erro(s); veja publisher validate', 'error(s); see publisher validate')})",
            highlight=False,
        )
        return
    if p.status == "failed":
        console.print(f"[red]✘ {escape(p.name)}[/]{org}: {escape(p.error_message or '')}", highlight=False)
        return
    if p.nothing_to_do:
        console.print(f"[dim]= {escape(p.name)}{org}: {t('nada a fazer', 'nothing to do')}[/]", highlight=False)
    else:
        state = (
            t("novo", "new") if not p.exists else (p.state or "") + (t(", privado", ", private") if p.private else "")
        )
        console.print(f"[bold]{escape(p.name)}[/]{org} [dim]{escape(state)}[/]", highlight=False)
        for a in p.actions:
            console.print("    " + _action_line(settings, a), highlight=False)
    for a in p.held:
        console.print(
            f"    [dim]- {t('apagar recurso', 'delete resource')} {escape(str(a.resource))} ({t('só com --prune', 'only with --prune')})[/]",
            highlight=False,
        )


@app.command("plan")
def plan_command(
    paths: PathsArgument = None, prune: PruneOption = False, json_output: JsonOption = False, lang: LangOption = None
) -> None:
    """Mostra o que publicar mudaria no portal, campo a campo, sem escrever nada.

    Shows what publishing would change on the portal, field by field, writing nothing.
    Exit: 0 ok; 1 algum pacote inválido ou com falha / any package invalid or failed; 2 uso / usage.
    """
    settings = build_settings(lang)
    _check_paths(settings, paths)
    with portal_answers(settings, json_output):
        result = plan_catalogue(
            settings, paths, prune=prune, progress=None if json_output else lambda p: _render_plan(settings, p)
        )
    if json_output:
        print_json(result.model_dump(mode="json"))
    else:
        changing = sum(1 for d in result.datasets if d.status == "planned" and not d.nothing_to_do)
        console.print(
            _t(
                settings,
                f"{len(result.datasets)} pacote(s); {changing} com mudanças.",
                f"{len(result.datasets)} package(s); {changing} with changes.",
            ),
            highlight=False,
        )
    raise typer.Exit(0 if result.ok else 1)


# -- publish -----------------------------------------------------------------------------------


@contextmanager
def _graceful_stop() -> Iterator[threading.Event]:
    """First Ctrl-C / SIGTERM: finish the datasets in hand, then stop. Second: abort."""
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


_ACTIONS = {
    "created": ("criado", "created", "green"),
    "updated": ("atualizado", "updated", "green"),
    "reactivated": ("reativado", "reactivated", "green"),
    "unchanged": ("sem mudanças", "unchanged", "dim"),
    "failed": ("falhou", "failed", "red"),
    "invalid": ("inválido", "invalid", "red"),
    "skipped": ("não processado", "skipped", "yellow"),
}


def _label(settings: Settings, action: str) -> str:
    pt, en, _ = _ACTIONS[action]
    return _t(settings, pt, en)


def _outcome_line(settings: Settings, o: DatasetOutcome, dry_run: bool = False) -> str:
    def t(pt: str, en: str) -> str:
        return _t(settings, pt, en)

    style = _ACTIONS[o.action][2]
    public = t("público", "public") if o.public else t("privado", "private")
    line = f"{escape(o.name)}: [{style}]{_label(settings, o.action)}[/]"
    if o.action not in ("invalid", "skipped"):
        line += f" [dim]({public}; {o.uploaded_files} {t('arquivo(s)', 'file(s)')}, {_size(o.uploaded_bytes)}, {o.write_requests} {t('escrita(s)', 'write(s)')})[/]"
    if o.error_message:
        line += f"\n    [red]{escape(o.error_message)}[/]"
    if dry_run:
        line += "".join(f"\n    [dim]{escape(c)}[/]" for c in o.changes)
    return line


def _summary(settings: Settings, r: PublishResult) -> str:
    counts: dict[str, int] = {}
    for o in r.datasets:
        counts[o.action] = counts.get(o.action, 0) + 1
    parts = ", ".join(f"{_label(settings, k)}: {v}" for k, v in sorted(counts.items()))
    head = _t(settings, "Simulação" if r.dry_run else "Publicação", "Dry run" if r.dry_run else "Publish")
    extra = _t(settings, " (interrompida)", " (interrupted)") if r.interrupted else ""
    return (
        f"{head}{extra}: {parts}. {r.requests} "
        + _t(settings, f"requisição(ões), {r.write_requests} de escrita, {_size(r.uploaded_bytes)} enviados.",
             f"request(s), {r.write_requests} write(s), {_size(r.uploaded_bytes)} uploaded.")
    )  # fmt: skip


@app.command("publish")
def publish_command(
    paths: PathsArgument = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Valida e planeja, sem escrever. / Validate and plan, write nothing.")
    ] = False,
    workers: WorkersOption = 4,
    prune: PruneOption = False,
    json_output: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Valida e publica no portal o que mudou (criar, atualizar, enviar arquivos).

    Validates and publishes what changed. New datasets stay private until complete.
    Exit: 0 ok; 1 algum inválido/falhou/interrompido / any invalid, failed or interrupted; 2 uso / usage.
    """
    settings = build_settings(lang)
    _check_paths(settings, paths)
    interactive = not json_output and err_console.is_terminal
    with exclusive(settings, json_output), _graceful_stop() as stop, portal_answers(settings, json_output):
        try:
            if interactive:
                result = _publish_with_bars(settings, paths, dry_run, workers, prune, stop)
            else:
                plain = None if json_output else (lambda e: _plain_event(settings, e, dry_run))
                result = publish(
                    settings,
                    paths,
                    dry_run=dry_run,
                    workers=workers,
                    prune=prune,
                    progress=plain,
                    should_stop=stop.is_set,
                )
        except MissingToken as exc:
            err_console.print(f"[red]{escape(str(exc))}[/]")
            raise typer.Exit(2) from None
        if not dry_run:
            # A manual publish is part of the history (and of the goal's first-publication dates).
            with Ledger.open(settings.ledger_file) as ledger:
                record_publish_result(ledger, result, trigger="cli")
    if json_output:
        print_json(result.model_dump(mode="json"))
    else:
        if interactive:
            for o in result.datasets:
                console.print(_outcome_line(settings, o, dry_run), highlight=False)
        console.print(_summary(settings, result), highlight=False)
    raise typer.Exit(0 if result.ok else 1)


def _plain_event(settings: Settings, event: ProgressEvent, dry_run: bool) -> None:
    if event.kind == "dataset_finished" and event.outcome is not None:
        console.print(_outcome_line(settings, event.outcome, dry_run), highlight=False)


def _publish_with_bars(
    settings: Settings, paths: Any, dry_run: bool, workers: int, prune: bool, stop: threading.Event
) -> PublishResult:
    """Rich bars on stderr: one for the run (datasets done), one per dataset in hand (bytes)."""
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
        overall = bars.add_task(_t(settings, "conjuntos", "datasets"), total=total, info=f"0/{total}")
        done = 0

        def on_event(e: ProgressEvent) -> None:
            nonlocal done
            with lock:
                if e.kind == "validated":
                    bars.update(overall, description=_t(settings, f"validado {e.dataset}", f"validated {e.dataset}"))
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

        return publish(
            settings, paths, dry_run=dry_run, workers=workers, prune=prune, progress=on_event, should_stop=stop.is_set
        )


# -- verify and retire -------------------------------------------------------------------------


@app.command("verify")
def verify_command(paths: PathsArgument = None, json_output: JsonOption = False, lang: LangOption = None) -> None:
    """Baixa cada arquivo do portal (anonimamente) e compara tamanho e sha256 com o local.

    Downloads every file back from the portal anonymously and compares size and sha256;
    also checks each dataset is active, public and has nothing left to publish.
    Exit: 0 tudo confere / all match; 1 alguma diferença / any mismatch; 2 uso / usage.
    """
    settings = build_settings(lang)
    _check_paths(settings, paths)
    with _graceful_stop() as stop, portal_answers(settings, json_output):  # Ctrl-C: finish the datasets in hand
        result: VerifyResult = verify(settings, paths, should_stop=stop.is_set)
    if json_output:
        print_json(result.model_dump(mode="json"))
    else:
        for d in result.datasets:
            mark = "[green]✔[/]" if d.ok else "[red]✘[/]"
            files = _t(
                settings,
                f"{d.checked_files} arquivo(s), {_size(d.checked_bytes)}",
                f"{d.checked_files} file(s), {_size(d.checked_bytes)}",
            )
            console.print(f"{mark} {escape(d.name)} [dim]({files})[/]", highlight=False)
            for problem in d.problems:
                console.print(f"    [red]{escape(problem)}[/]", highlight=False)
        bad = sum(not d.ok for d in result.datasets)
        console.print(_t(settings, f"{len(result.datasets)} conjunto(s) verificado(s), {bad} com problema(s).",
                         f"{len(result.datasets)} dataset(s) verified, {bad} with problems."), highlight=False)  # fmt: skip
    raise typer.Exit(0 if result.ok else 1)


@app.command("retire")
def retire_command(
    name: Annotated[str, typer.Argument(help="Nome do conjunto no portal. / Dataset name on the portal.")],
    json_output: JsonOption = False,
    lang: LangOption = None,
    undo: Annotated[
        bool,
        typer.Option(
            "--undo",
            help="Tira o conjunto de datapackages/retired.json; o próximo publish o reativa. / "
            "Take it off datapackages/retired.json; the next publish reactivates it.",
        ),
    ] = False,
) -> None:
    """Retira (exclui de forma reversível) um conjunto do portal e o registra em datapackages/retired.json.

    Retires (soft-deletes) a dataset and lists it in datapackages/retired.json: plan, publish and
    verify leave it alone until `retire NAME --undo` (or the entry is removed by hand).
    Exit: 0 retirado ou já retirado / retired or already retired; 1 não encontrado ou falha / not found or failed.
    """
    settings = build_settings(lang)
    if undo:
        _undo_retire(settings, name, json_output)
    with exclusive(settings, json_output):
        try:
            result = retire(settings, name)
        except MissingToken as exc:
            err_console.print(f"[red]{escape(str(exc))}[/]")
            raise typer.Exit(2) from None
        with Ledger.open(settings.ledger_file) as ledger:
            record_retire(ledger, result, trigger="cli")
    if json_output:
        print_json(result.model_dump(mode="json"))
    elif result.retired:
        console.print(_t(settings, f"{name}: retirado do portal.", f"{name}: retired from the portal."))
    elif result.already_retired:
        console.print(_t(settings, f"{name}: já estava retirado.", f"{name}: was already retired."))
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
