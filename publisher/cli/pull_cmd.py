"""`publisher pull NAME [--to DIR] [--force]`: a dataset from the portal into a local package."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TaskID, TextColumn

from publisher.cli import app
from publisher.cli.common import (
    JsonOption,
    LangOption,
    build_settings,
    console,
    err_console,
    help_text,
    portal_answers,
    print_json,
    stop_with,
)
from publisher.messages import Texts, number
from publisher.pull import PullError, PullProgress, pull

# A folder in the way is the caller's choice to make (usage, 2); the rest is the portal's (1).
_USAGE_CODES = frozenset({"exists", "not-a-folder"})


@contextmanager
def _bars(show: bool) -> Iterator[PullProgress | None]:
    """One bar per file being downloaded, on stderr, when a person watches a terminal."""
    if not show:
        yield None
        return
    with Progress(
        TextColumn("{task.description}"), BarColumn(), DownloadColumn(), console=err_console, transient=True
    ) as bars:
        tasks: dict[str, TaskID] = {}

        def on_bytes(rel: str, done: int, total: int | None) -> None:
            if rel not in tasks:
                tasks[rel] = bars.add_task(escape(rel), total=total)
            bars.update(tasks[rel], completed=done)

        yield on_bytes


@app.command("pull", help=help_text("cli.help.pull", "cli.help.pull.details", "cli.help.pull.exit"))
def pull_command(
    name: Annotated[str, typer.Argument(help=help_text("cli.help.pull.name"))],
    to: Annotated[Path | None, typer.Option("--to", help=help_text("cli.help.pull.to"))] = None,
    force: Annotated[bool, typer.Option("--force", help=help_text("cli.help.pull.force"))] = False,
    json_output: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Download a dataset from the portal into a data package folder."""
    settings = build_settings(lang)
    folder = to or settings.catalogue_dir / name
    show = not json_output and err_console.is_terminal
    with portal_answers(settings, json_output), _bars(show) as progress:
        try:
            result = pull(settings, name, folder, force=force, progress=progress)
        except PullError as exc:
            message = exc.localized(settings.lang)
            stop_with(exc.code, message, json_output, 2 if exc.code in _USAGE_CODES else 1)
    if json_output:
        print_json({"ok": True, **result.model_dump(mode="json"), "bytes": result.bytes})
    else:
        t = Texts(settings.lang)
        size = f"{number(result.bytes, settings.lang, 0)} bytes"
        console.print(
            escape(t("pull.done", name=name, folder=folder, files=len(result.files), size=size)), highlight=False
        )
        console.print(escape(t("pull.next", folder=folder)), highlight=False)
    raise typer.Exit(0)
