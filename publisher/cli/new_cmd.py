"""`publisher new`: scaffold a package from a CSV, with TODOs where a person must fill in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from publisher.catalog import PackageDir
from publisher.cli import app
from publisher.cli.common import JsonOption, LangOption, build_settings, console, err_console, print_json
from publisher.scaffold import ScaffoldError, scaffold
from publisher.validation import validate_package

_ERRORS = {
    "invalid-name": (
        "Nome inválido; use minúsculas sem acento, números e '-', por exemplo: {d}",
        "Invalid name; use lowercase letters without accents, digits and '-', for example: {d}",
    ),
    "invalid-org": (
        "Organização inválida; use o identificador do portal, por exemplo: {d}",
        "Invalid organization; use the portal's id, for example: {d}",
    ),
    "csv-missing": ("Arquivo CSV não encontrado: {d}", "CSV file not found: {d}"),
    "csv-empty": ("O CSV não tem cabeçalho e linhas de dados: {d}", "The CSV has no header and data rows: {d}"),
    "exists": (
        "A pasta já existe: {d} (escolha outro nome ou apague-a)",
        "The folder already exists: {d} (choose another name or delete it)",
    ),
}


@app.command()
def new(
    name: Annotated[str, typer.Argument(help="Nome do pacote (minúsculas, sem acento). / Package name.")],
    from_csv: Annotated[Path, typer.Option("--from", help="CSV de origem. / Source CSV file.")],
    org: Annotated[
        str | None, typer.Option("--org", help="Organização no portal (ex.: seplag). / Portal organization.")
    ] = None,
    json_output: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Cria datapackages/NOME/ a partir de um CSV (esquema, dialeto e codificação inferidos).

    Scaffolds datapackages/NAME/ from a CSV: inferred schema, dialect and encoding, every
    required field present, TODOs where only a person can answer; then lists those TODOs.
    """
    settings = build_settings(lang)
    pt = settings.lang == "pt"
    try:
        result = scaffold(name, from_csv, settings.catalogue_dir, org)
    except ScaffoldError as exc:
        pt_text, en_text = _ERRORS[exc.code]
        err_console.print("[red]" + (pt_text if pt else en_text).format(d=exc.detail) + "[/]")
        raise typer.Exit(2) from None
    report = validate_package(PackageDir(result.path), settings)
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
        console.print(
            f"[green]Pacote criado em {result.path}[/] (codificação {inf.encoding}, separador '{inf.delimiter}', {len(inf.fields)} colunas)."
            if pt
            else f"[green]Package created at {result.path}[/] (encoding {inf.encoding}, delimiter '{inf.delimiter}', {len(inf.fields)} columns)."
        )
        console.print(f"Falta preencher {len(todos)} item(ns):" if pt else f"{len(todos)} item(s) left to fill in:")
        for err in todos:
            console.print(f"  • {err.field}")
        for err in others:
            console.print(f"  [red]✘[/] {err.message}")
        console.print(f"→ publisher validate {result.path}")
    raise typer.Exit(0)
