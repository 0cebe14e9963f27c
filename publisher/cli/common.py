"""Options and helpers shared by the CLI commands."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from publisher.ckan.errors import PortalUnreachable
from publisher.messages import Lang, text
from publisher.runner.context import OpsPaths
from publisher.runner.lock import LockHeld, RunnerLock
from publisher.settings import Settings, SettingsError, requested_lang
from publisher.sync.retired import RetiredListError

# Help is printed before any settings exist (and before --lang is read): it follows
# PUBLISHER_LANG (environment or .env), else Portuguese.
_HELP_LANG = requested_lang(None)


def help_text(*keys: str, **values: Any) -> str:
    """The --help text of `keys` in the help language, one paragraph each (typer shows the
    first paragraph of a command's help in `publisher --help`)."""
    return "\n\n".join(text(key, _HELP_LANG, **values) for key in keys)


LangOption = Annotated[str | None, typer.Option("--lang", help=help_text("cli.help.option.lang"))]
JsonOption = Annotated[bool, typer.Option("--json", help=help_text("cli.help.option.json"))]
PathsArgument = Annotated[
    list[Path] | None,
    typer.Argument(help=help_text("cli.help.option.paths"), show_default=False),
]

console = Console()
err_console = Console(stderr=True)


class UsageProblem(Exception):
    """A usage error worded by the project, in the reader's language: the command group prints
    it with a pointer to --help, answers --json with an error object, and exits 2. Raised
    instead of typer.BadParameter, whose frame around the message is English."""

    def __init__(self, code: str, lang: Lang, key: str, /, **values: Any) -> None:
        self.code = code
        self.lang: Lang = lang
        self.message = text(key, lang, **values)
        super().__init__(self.message)


def exit_usage_problem(exc: UsageProblem, command: str | None, json_output: bool = False) -> NoReturn:
    """The message, where to find help (on stderr, like the message), and exit 2."""
    err_console.print(f"[red]{escape(exc.message)}[/]", soft_wrap=True)
    where = f"publisher {command}" if command else "publisher"
    err_console.print(text("cli.common.see_help", exc.lang, command=where), highlight=False)
    if json_output:
        print_json({"ok": False, "error": {"code": exc.code, "message": exc.message}})
    raise typer.Exit(2)


def build_settings(lang: str | None = None, **overrides: Any) -> Settings:
    """Settings from the environment, with CLI overrides. A bad --lang is a usage error (exit 2);
    a bad variable raises SettingsError, which the command group turns into exit 2."""
    if lang is not None:
        if lang not in ("pt", "en"):
            raise UsageProblem("lang-invalid", requested_lang(None), "cli.common.lang_invalid", value=lang)
        overrides["lang"] = lang
    return Settings(**overrides)


def exit_settings_error(exc: SettingsError, json_output: bool = False) -> NoReturn:
    """A setting that cannot be used: its message (which names the variable), exit 2, no traceback."""
    stop_with("settings", str(exc), json_output, 2)


def print_json(data: Any) -> None:
    """JSON to stdout, unstyled, so pipes get clean output."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def lock_held_message(settings: Settings, exc: LockHeld) -> str:
    who = (
        exc.holder.describe(settings.lang, settings.timezone)
        if exc.holder
        else text("cli.common.unknown_process", settings.lang)
    )
    return text("cli.common.lock_held", settings.lang, holder=who, lock=exc.path)


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
    lock = RunnerLock(OpsPaths.from_settings(settings).lock_file, lang=settings.lang)
    try:
        lock.acquire()
    except LockHeld as exc:
        exit_lock_held(settings, exc, json_output)
    try:
        yield
    finally:
        lock.release()


def stop_with(code: str, message: str, json_output: bool, exit_code: int) -> NoReturn:
    err_console.print(f"[red]{escape(message)}[/]", soft_wrap=True)
    if json_output:
        print_json({"ok": False, "error": {"code": code, "message": message}})
    raise typer.Exit(exit_code)


@contextmanager
def portal_answers(settings: Settings, json_output: bool) -> Iterator[None]:
    """What stops a whole run before it starts ends the command once, with one message: a portal
    that does not answer (exit 1), a retired.json that cannot be read (exit 2: the steward's file
    must be fixed, and publishing without it could bring a retired dataset back)."""
    try:
        yield
    except PortalUnreachable as exc:
        from publisher.sync.messages import describe  # ckanapi's errors: loaded when one is shown

        code, message = describe(exc, settings.lang, settings.token_value())
        stop_with(code, message, json_output, 1)
    except RetiredListError as exc:
        stop_with(exc.code, str(exc), json_output, 2)
