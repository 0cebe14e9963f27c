"""`publisher new`: scaffold a package from a CSV, with TODOs where a person must fill in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from publisher import validation
from publisher.catalog import PackageDir
from publisher.cli import app
from publisher.cli.common import JsonOption, LangOption, build_settings, console, err_console, help_text, print_json
from publisher.messages import Texts
from publisher.scaffold import ScaffoldError, scaffold


@app.command("new", help=help_text("cli.help.new", "cli.help.new.details", "cli.help.new.exit"))
def new(
    name: Annotated[str, typer.Argument(help=help_text("cli.help.new.name"))],
    from_csv: Annotated[Path, typer.Option("--from", help=help_text("cli.help.new.from"))],
    org: Annotated[str | None, typer.Option("--org", help=help_text("cli.help.new.org"))] = None,
    json_output: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Scaffold datapackages/NAME/ from a CSV and list the TODOs left for a person."""
    settings = build_settings(lang)
    t = Texts(settings.lang)
    try:
        result = scaffold(name, from_csv, settings.catalogue_dir, org, settings.lang)
    except ScaffoldError as exc:
        err_console.print(f"[red]{escape(t(f'cli.new.error.{exc.code}', detail=exc.detail))}[/]")
        raise typer.Exit(2) from None
    report = validation.validate_package(PackageDir(result.path), settings)
    todos = [e for e in report.errors if e.severity == "todo"]
    others = [e for e in report.errors if e.severity != "todo"]
    if json_output:
        print_json(
            {
                "path": str(result.path),
                "encoding": result.inferred.encoding,
                "delimiter": result.inferred.delimiter,
                "fields": result.inferred.fields,
                "todos": [e.model_dump() for e in todos],
                "other_errors": [e.model_dump() for e in others],
            }
        )
    else:
        inf = result.inferred
        created = t("cli.new.created", path=result.path)
        inferred = t("cli.new.inferred", encoding=inf.encoding, delimiter=inf.delimiter, columns=len(inf.fields))
        console.print(f"[green]{escape(created)}[/] {escape(inferred)}")
        console.print(t("cli.new.todos-left", count=len(todos)))
        for err in todos:
            console.print(f"  • {escape(err.field or '')}")
        for err in others:
            console.print(f"  [red]✘[/] {escape(err.message)}")
        console.print(f"→ publisher validate {result.path}")
    raise typer.Exit(0)
