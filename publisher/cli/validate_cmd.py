"""`publisher validate`: check packages and show every problem with its location and fix."""

from __future__ import annotations

from collections import Counter

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
from publisher.messages import Lang, Texts, number, text
from publisher.validation import PackageReport, Report, validate_all
from publisher.validation.report import ProblemGroup, Severity, group_problems

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


# Profile findings that `publisher adopt` fills in or turns into TODOs to answer.
ADOPT_FIXES = frozenset({"profile-missing", "profile-field-format", "profile-key-spelling"})

# Rows named in a group's line; `--json` has them all.
SHOWN_ROWS = 10
# Resources/fields named in a group of descriptor findings (a package may have hundreds of fields).
SHOWN_PLACES = 30


def render_package(report: PackageReport, lang: Lang) -> None:
    t = Texts(lang)
    verdict = f"[green]{t('cli.validate.valid')}[/]" if report.valid else f"[red]{t('cli.validate.invalid')}[/]"
    console.print(f"[bold]{escape(report.name)}[/] ({escape(report.path)}): {verdict}", highlight=False)
    if not report.errors:
        return
    # One block per group of like errors rather than a table: readable at any width, in logs and pipes
    # too, and short however many rows share a problem.
    groups = group_problems(report.errors)
    for group in groups:
        _render_group(group, lang)
    if len(groups) < len(report.errors):
        _render_totals(report, lang)
    if any(e.code in ADOPT_FIXES for e in report.errors):
        console.print(f"  [dim]{escape(t('cli.validate.adopt-tip', path=report.path))}[/]", highlight=False)


def _render_group(group: ProblemGroup, lang: Lang) -> None:
    t = Texts(lang)
    err = group.first
    alone = group.count == 1
    where = _location(err.file, err.row if alone else None, err.field)
    console.print(f"  {_severity(err.severity, t)} [bold]{err.code}[/] [cyan]{escape(where)}[/]")
    console.print(f"    {escape(err.message)}", highlight=False)
    for line in [] if alone else _group_lines(group, lang):
        console.print(f"    {escape(line)}", highlight=False)
    if err.hint:
        console.print(f"    [dim]→ {escape(err.hint)}[/]", highlight=False)


def _group_lines(group: ProblemGroup, lang: Lang) -> list[str]:
    t = Texts(lang)
    lines: list[str] = []
    if group.rows:
        rows = sorted(group.rows)
        shown = ", ".join(str(r) for r in rows[:SHOWN_ROWS])
        more = " " + t("cli.validate.group.more") if len(rows) > SHOWN_ROWS else ""
        lines.append(t("cli.validate.group.rows", count=number(len(rows), lang, 0), rows=shown + more))
    elif len(group.places) > 1:
        shown = ", ".join(group.places[:SHOWN_PLACES])
        more = " " + t("cli.validate.group.more") if len(group.places) > SHOWN_PLACES else ""
        lines.append(t("cli.validate.group.places", count=number(len(group.places), lang, 0), places=shown + more))
    elif group.first.count is None:
        lines.append(t("cli.validate.group.times", count=number(group.count, lang, 0)))
    if len(group.values) > 1:
        lines.append(t("cli.validate.group.values", values=", ".join(f'"{v}"' for v in group.values)))
    return lines


def _render_totals(report: PackageReport, lang: Lang) -> None:
    t = Texts(lang)
    console.print(f"  {t('cli.validate.totals')}", highlight=False)
    by_place: dict[str, Counter[str]] = {}
    for total in report.totals():
        place = str(total["file"] or report.name)
        by_place.setdefault(place, Counter())[str(total["code"])] += int(str(total["count"]))
    for place, codes in by_place.items():
        counts = ", ".join(f"{code} {number(n, lang, 0)}" for code, n in codes.items())
        console.print(f"    {escape(place)}: {escape(counts)}", highlight=False)
    if report.left_out:
        console.print(f"  {t('cli.validate.left-out', count=number(report.left_out, lang, 0))}", highlight=False)


def _summary(report: Report, lang: Lang) -> str:
    total = len(report.packages)
    invalid = sum(1 for p in report.packages if not p.valid)
    errors = sum(e.weight for p in report.packages for e in p.errors if e.blocking)
    warnings = sum(e.weight for p in report.packages for e in p.errors if not e.blocking)
    return text(
        "cli.validate.summary",
        lang,
        total=total,
        valid=total - invalid,
        invalid=invalid,
        errors=number(errors, lang, 0),
        warnings=number(warnings, lang, 0),
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
