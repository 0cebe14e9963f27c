"""Options and helpers shared by the CLI commands."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from publisher.ckan.errors import PortalUnreachable
from publisher.runner.context import OpsPaths
from publisher.runner.lock import LockHeld, RunnerLock
from publisher.settings import Lang, Settings
from publisher.sync.messages import describe

LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Idioma das mensagens: pt (padrão) ou en. / Message language: pt (default) or en. Env: PUBLISHER_LANG.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Saída JSON para máquinas. / JSON output for machines.")]
PathsArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Pastas de pacotes (padrão: todos em datapackages/). / Package folders (default: all under datapackages/).",
        show_default=False,
    ),
]

console = Console()
err_console = Console(stderr=True)


def build_settings(lang: str | None = None, **overrides: Any) -> Settings:
    """Settings from the environment, with CLI overrides; a bad --lang is a usage error (exit 2)."""
    if lang is not None:
        if lang not in ("pt", "en"):
            raise typer.BadParameter(f"--lang must be 'pt' or 'en', not {lang!r}")
        overrides["lang"] = lang
    elif os.environ.get("PUBLISHER_LANG") not in (None, "pt", "en"):
        raise typer.BadParameter("PUBLISHER_LANG must be 'pt' or 'en'")
    return Settings(**overrides)


def resolved_lang(settings: Settings) -> Lang:
    return settings.lang


def print_json(data: Any) -> None:
    """JSON to stdout, unstyled, so pipes get clean output."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def tr(settings: Settings, pt: str, en: str) -> str:
    """The message in the settings' language."""
    return pt if settings.lang == "pt" else en


def lock_held_message(settings: Settings, exc: LockHeld) -> str:
    who = exc.holder.describe() if exc.holder else tr(settings, "processo desconhecido", "unknown process")
    return tr(settings, f"Outro executor já está rodando: {who}. Lock: {exc.path}",
              f"Another runner is already running: {who}. Lock: {exc.path}")  # fmt: skip


def exit_lock_held(settings: Settings, exc: LockHeld, json_output: bool, log: logging.Logger | None = None) -> NoReturn:
    """Say who holds the runner lock and exit 3 (shared by `schedule`, `publish`, `retire`)."""
    message = lock_held_message(settings, exc)
    if log is not None:  # `schedule --log-json`: the message goes out as a log line
        log.error("%s", message)
    else:
        err_console.print(f"[red]{escape(message)}[/]", soft_wrap=True)
    if json_output:
        print_json(
            {"error": "lock-held", "holder": exc.holder.model_dump() if exc.holder else None, "lock": str(exc.path)}
        )
    raise typer.Exit(3)


@contextmanager
def exclusive(settings: Settings, json_output: bool) -> Iterator[None]:
    """Hold the runner lock, so a manual publish never races the scheduled one."""
    lock = RunnerLock(OpsPaths.from_settings(settings).lock_file)
    try:
        lock.acquire()
    except LockHeld as exc:
        exit_lock_held(settings, exc, json_output)
    try:
        yield
    finally:
        lock.release()


@contextmanager
def portal_answers(settings: Settings, json_output: bool) -> Iterator[None]:
    """A portal that does not answer ends the command once, with one message, exit 1."""
    try:
        yield
    except PortalUnreachable as exc:
        code, text = describe(exc, settings.lang, settings.token_value())
        err_console.print(f"[red]{escape(text)}[/]", soft_wrap=True)
        if json_output:
            print_json({"ok": False, "error": {"code": code, "message": text}})
        raise typer.Exit(1) from None
