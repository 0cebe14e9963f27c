"""`publisher export dcat`: the catalogue as DCAT-AP 3 (Turtle or JSON-LD), from the packages alone.

Exit codes: 0 written with every package; 1 written, but some package was left out because
it does not validate; 2 usage or configuration error (unknown format, no package found).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, get_args

import typer
from rich.markup import escape

from publisher.atomic_file import write_text_atomic
from publisher.catalog import resolve_targets
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
from publisher.dcat import CatalogueExport, Skipped, export_catalogue, serialize
from publisher.dcat.catalogue import RdfFormat
from publisher.messages import Texts

export_app = typer.Typer(
    help=help_text("cli.help.export", "cli.help.export.exit"), no_args_is_help=True, add_completion=False
)
app.add_typer(export_app, name="export")

FORMATS: tuple[str, ...] = get_args(RdfFormat)


def _skipped_line(t: Texts, s: Skipped) -> str:
    return t(f"cli.export.dcat.skipped.{s.reason}", name=s.name, errors=s.errors)


def _write(document: str, out: Path) -> None:
    """Atomically, so a harvester reading the file never gets half a catalogue."""
    write_text_atomic(out, document)


def _json(export: CatalogueExport, fmt: str, out: Path | None, document: str, t: Texts) -> dict[str, Any]:
    data: dict[str, Any] = {
        "ok": not export.skipped,
        "format": fmt,
        "out": str(out) if out else None,
        "catalog": str(export.catalogue),
        "datasets": export.datasets,
        "skipped": [
            {"name": s.name, "reason": s.reason, "errors": s.errors, "message": _skipped_line(t, s)}
            for s in export.skipped
        ],
        "triples": len(export.graph),
    }
    if out is None:
        data["document"] = document
    return data


@export_app.command(
    "dcat", help=help_text("cli.help.export.dcat", "cli.help.export.dcat.details", "cli.help.export.dcat.exit")
)
def dcat(
    paths: PathsArgument = None,
    fmt: Annotated[str, typer.Option("--format", help=help_text("cli.help.export.dcat.format"))] = "ttl",
    out: Annotated[Path | None, typer.Option("--out", help=help_text("cli.help.export.dcat.out"))] = None,
    portal_url: Annotated[
        str | None, typer.Option("--portal-url", help=help_text("cli.help.export.dcat.portal_url"))
    ] = None,
    no_portal: Annotated[bool, typer.Option("--no-portal", help=help_text("cli.help.export.dcat.no_portal"))] = False,
    json_output: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Write the catalogue as DCAT-AP 3."""
    settings = build_settings(lang)
    t = Texts(settings.lang)
    if fmt not in FORMATS:
        raise UsageProblem(
            "bad-format", settings.lang, "cli.export.dcat.bad-format", value=fmt, known=", ".join(FORMATS)
        )
    targets = resolve_targets(list(paths or []), settings.catalogue_dir)
    if not targets:
        where = ", ".join(str(p) for p in paths) if paths else str(settings.catalogue_dir)
        raise UsageProblem("no-package", settings.lang, "cli.validate.no-package", where=where)
    portal = None if no_portal else (portal_url or settings.ckan_url)
    export = export_catalogue(targets, settings, portal_url=portal)
    document = serialize(export, fmt)  # type: ignore[arg-type]  # checked against FORMATS above
    if out is not None:
        _write(document, out)
    if json_output:
        print_json(_json(export, fmt, out, document, t))
    else:
        # The document goes to stdout when there is no --out: what people read goes to stderr.
        human = console if out is not None else err_console
        if out is None:
            typer.echo(document, nl=False)
        for s in export.skipped:
            human.print(f"[yellow]{escape(_skipped_line(t, s))}[/]", soft_wrap=True)
        where = str(out) if out is not None else t("cli.export.dcat.stdout")
        human.print(t("cli.export.dcat.written", count=len(export.datasets), format=fmt, path=where), soft_wrap=True)
    raise typer.Exit(1 if export.skipped else 0)
