"""`publisher validate`: check packages and show every problem with its location and fix."""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from publisher.catalog import PackageDir, resolve_targets
from publisher.cli import app
from publisher.cli.common import (
    JsonOption,
    LangOption,
    PathsArgument,
    UsageProblem,
    build_settings,
    console,
    err_console,
    help_text,
    print_json,
)
from publisher.messages import Lang, Texts, text
from publisher.validation import PackageReport, Report, validate_all
from publisher.validation.report import Severity

_SEVERITY_STYLE = {"error": "red", "warning": "yellow", "todo": "magenta"}


def _severity(severity: Severity, t: Texts) -> str:
    return f"[{_SEVERITY_STYLE[severity]}]{t(f'cli.validate.severity.{severity}')}[/]"


def _location(err_file: str | None, row: int | None, field: str | None) -> str:
    parts = [err_file or ""]
    if row is not None:
        parts.append(f"#{row}")
    if field:
        parts.append(field)
    return " ".join(p for p in parts if p)


def render_package(report: PackageReport, lang: Lang) -> None:
    t = Texts(lang)
    verdict = f"[green]{t('cli.validate.valid')}[/]" if report.valid else f"[red]{t('cli.validate.invalid')}[/]"
    console.print(f"[bold]{escape(report.name)}[/] ({escape(report.path)}): {verdict}")
    if not report.errors:
        return
    # One block per error rather than a table: readable at any width, in logs and pipes too.
    for err in report.errors:
        where = _location(err.file, err.row, err.field)
        console.print(f"  {_severity(err.severity, t)} [bold]{err.code}[/] [cyan]{escape(where)}[/]")
        console.print(f"    {escape(err.message)}", highlight=False)
        if err.hint:
            console.print(f"    [dim]→ {escape(err.hint)}[/]", highlight=False)


def _summary(report: Report, lang: Lang) -> str:
    total = len(report.packages)
    invalid = sum(1 for p in report.packages if not p.valid)
    errors = sum(1 for p in report.packages for e in p.errors if e.blocking)
    warnings = sum(1 for p in report.packages for e in p.errors if not e.blocking)
    return text(
        "cli.validate.summary",
        lang,
        total=total,
        valid=total - invalid,
        invalid=invalid,
        errors=errors,
        warnings=warnings,
    )


@app.command("validate", help=help_text("cli.help.validate", "cli.help.validate.exit"))
def validate(
    paths: PathsArgument = None,
    json_output: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Validate packages; exit 0 all valid, 1 any invalid, 2 usage error."""
    settings = build_settings(lang)
    t = Texts(settings.lang)
    missing = [p for p in (paths or []) if not p.exists()]
    if missing:
        paths_text = ", ".join(str(p) for p in missing)
        raise UsageProblem("path-missing", settings.lang, "cli.validate.path-missing", paths=paths_text)
    targets = resolve_targets(list(paths or []), settings.catalogue_dir)
    if not targets:
        where = ", ".join(str(p) for p in paths) if paths else str(settings.catalogue_dir)
        raise UsageProblem("no-package", settings.lang, "cli.validate.no-package", where=where)

    if json_output or not err_console.is_terminal:
        report = validate_all(targets, settings)
    else:
        with Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=err_console, transient=True
        ) as bar:
            task = bar.add_task(t("cli.validate.progress"), total=len(targets))

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
