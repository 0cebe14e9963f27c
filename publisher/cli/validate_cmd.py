"""`publisher validate`: check packages and show every problem with its location and fix."""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from publisher.catalog import PackageDir, resolve_targets
from publisher.cli import app
from publisher.cli.common import JsonOption, LangOption, PathsArgument, build_settings, console, err_console, print_json
from publisher.validation import PackageReport, Report, validate_all

_SEVERITY = {
    "pt": {"error": "[red]erro[/]", "warning": "[yellow]aviso[/]", "todo": "[magenta]a preencher[/]"},
    "en": {"error": "[red]error[/]", "warning": "[yellow]warning[/]", "todo": "[magenta]todo[/]"},
}


def _location(err_file: str | None, row: int | None, field: str | None) -> str:
    parts = [err_file or ""]
    if row is not None:
        parts.append(f"#{row}")
    if field:
        parts.append(field)
    return " ".join(p for p in parts if p)


def render_package(report: PackageReport, lang: str) -> None:
    ok = "[green]✔ válido[/]" if lang == "pt" else "[green]✔ valid[/]"
    bad = "[red]✘ inválido[/]" if lang == "pt" else "[red]✘ invalid[/]"
    console.print(f"[bold]{report.name}[/] ({report.path}): {ok if report.valid else bad}")
    if not report.errors:
        return
    # One block per error rather than a table: readable at any width, in logs and pipes too.
    for err in report.errors:
        where = _location(err.file, err.row, err.field)
        console.print(f"  {_SEVERITY[lang][err.severity]} [bold]{err.code}[/] [cyan]{escape(where)}[/]")
        console.print(f"    {escape(err.message)}", highlight=False)
        if err.hint:
            console.print(f"    [dim]→ {escape(err.hint)}[/]", highlight=False)


def _summary(report: Report, lang: str) -> str:
    total = len(report.packages)
    invalid = sum(1 for p in report.packages if not p.valid)
    errors = sum(1 for p in report.packages for e in p.errors if e.blocking)
    warnings = sum(1 for p in report.packages for e in p.errors if not e.blocking)
    if lang == "pt":
        return f"{total} pacote(s) verificado(s): {total - invalid} válido(s), {invalid} inválido(s); {errors} erro(s), {warnings} aviso(s)."
    return f"{total} package(s) checked: {total - invalid} valid, {invalid} invalid; {errors} error(s), {warnings} warning(s)."


@app.command()
def validate(
    paths: PathsArgument = None,
    json_output: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Valida pacotes: sintaxe JSON, perfil do portal, caminhos e dados (frictionless).

    Validates packages: JSON syntax, the portal's metadata profile, paths and data.
    Saída / exit: 0 todos válidos / all valid; 1 algum inválido / any invalid; 2 uso / usage error.
    """
    settings = build_settings(lang)
    missing = [p for p in (paths or []) if not p.exists()]
    if missing:
        raise typer.BadParameter(
            ", ".join(str(p) for p in missing) + (": não existe" if settings.lang == "pt" else ": does not exist")
        )
    targets = resolve_targets(list(paths or []), settings.catalogue_dir)
    if not targets:
        where = ", ".join(str(p) for p in paths) if paths else str(settings.catalogue_dir)
        err_console.print(
            f"[red]Nenhum pacote encontrado em {where}.[/]"
            if settings.lang == "pt"
            else f"[red]No package found in {where}.[/]"
        )
        raise typer.Exit(2)

    if json_output or not err_console.is_terminal:
        report = validate_all(targets, settings)
    else:
        with Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=err_console, transient=True
        ) as bar:
            task = bar.add_task("validando" if settings.lang == "pt" else "validating", total=len(targets))

            def advance(pkg: PackageDir, _result: PackageReport) -> None:
                bar.update(task, advance=1, description=pkg.name)

            report = validate_all(targets, settings, progress=advance)

    if json_output:
        print_json(report.to_json())
    else:
        for pkg_report in report.packages:
            render_package(pkg_report, settings.lang)
        console.print(_summary(report, settings.lang))
    raise typer.Exit(0 if report.valid else 1)
