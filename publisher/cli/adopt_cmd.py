"""`publisher adopt`: bring a package an agency already publishes into the portal's profile.

The diff is always shown first. `--yes` writes it; `--dry-run` never does; without either, an
interactive session is asked, and any other (a pipe, CI, `--json`) writes nothing, so adoption
never changes a repository nobody looked at.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.syntax import Syntax

from publisher import validation
from publisher.catalog import PackageDir
from publisher.cli import app
from publisher.cli.common import JsonOption, LangOption, build_settings, console, err_console, help_text, print_json
from publisher.messages import Texts
from publisher.scaffold import ScaffoldError
from publisher.scaffold.adopt import Adoption, adopt
from publisher.settings import Settings
from publisher.validation.report import Problem

# Answers that mean yes, in either language the prompt may be in.
_YES = frozenset({"s", "sim", "y", "yes"})


def _confirmed(t: Texts) -> bool:
    answer = console.input(t("cli.adopt.confirm"))
    return answer.strip().lower() in _YES


def _should_write(yes: bool, dry_run: bool, json_output: bool, t: Texts) -> bool:
    if dry_run:
        return False
    if yes:
        return True
    if json_output or not (sys.stdin.isatty() and console.is_terminal):
        err_console.print(t("cli.adopt.not-interactive"), highlight=False)
        return False
    return _confirmed(t)


def _problems_after(adoption: Adoption, written: bool, settings: Settings) -> list[Problem]:
    """What validation lists once adopted: read from disk when written, else not known yet."""
    if not written:
        return []
    return validation.validate_package(PackageDir(adoption.package), settings).errors


def _render(adoption: Adoption, written: bool, problems: list[Problem], t: Texts) -> None:
    if adoption.changed:
        console.print(Syntax(adoption.diff(), "diff", theme="ansi_dark", word_wrap=True))
    summary = t("cli.adopt.summary", filled=len(adoption.filled), todos=len(adoption.todos))
    console.print(escape(summary), highlight=False)
    if not adoption.changed:
        console.print(t("cli.adopt.nothing"), highlight=False)
    elif written:
        console.print(f"[green]{escape(t('cli.adopt.written', path=adoption.package))}[/]")
        todos = sum(1 for p in problems if p.severity == "todo")
        others = [p for p in problems if p.severity != "todo"]
        console.print(t("cli.adopt.todos-left", count=todos), highlight=False)
        for err in others:
            mark = "[red]✘[/]" if err.blocking else "[yellow]![/]"
            console.print(f"  {mark} {escape(err.message)}", highlight=False)
        console.print(f"→ publisher validate {escape(str(adoption.package))}", highlight=False)
    else:
        console.print(t("cli.adopt.not-written"), highlight=False)


@app.command("adopt", help=help_text("cli.help.adopt", "cli.help.adopt.details", "cli.help.adopt.exit"))
def adopt_command(
    path: Annotated[Path, typer.Argument(help=help_text("cli.help.adopt.path"))] = Path("."),
    yes: Annotated[bool, typer.Option("--yes", help=help_text("cli.help.adopt.yes"))] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=help_text("cli.help.adopt.dry_run"))] = False,
    json_output: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Show what adopting the package at PATH changes, and write it when confirmed."""
    settings = build_settings(lang)
    t = Texts(settings.lang)
    try:
        adoption = adopt(path, settings.catalogue_dir, settings.lang)
    except ScaffoldError as exc:
        message = t(f"cli.adopt.error.{exc.code}", detail=exc.detail)
        err_console.print(f"[red]{escape(message)}[/]", soft_wrap=True)
        if json_output:
            print_json({"ok": False, "error": {"code": exc.code, "message": message}})
        raise typer.Exit(2 if exc.code == "no-package" else 1) from None
    written = adoption.changed and _should_write(yes, dry_run, json_output, t)
    if written:
        adoption.write()
    problems = _problems_after(adoption, written, settings)
    if json_output:
        print_json(
            {
                "ok": True,
                "path": str(adoption.package),
                "changed": adoption.changed,
                "written": written,
                "files": [{"path": c.path, "created": c.before is None, "diff": c.diff()} for c in adoption.changes],
                "filled": adoption.filled,
                "todos": adoption.todos,
                "problems": [p.model_dump() for p in problems],
            }
        )
    else:
        _render(adoption, written, problems, t)
    raise typer.Exit(0)
