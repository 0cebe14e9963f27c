"""The `publisher` application: its commands' group, the exit codes it maps, and `main`."""

from __future__ import annotations

import importlib
import sys
from typing import Any, Final

import typer
from typer.core import TyperGroup

from publisher.cli.common import UsageProblem, exit_settings_error, exit_usage_problem, help_text
from publisher.settings import SettingsError


class _PublisherGroup(TyperGroup):
    """Settings are validated when a command builds them, and the token file is read only when
    a command needs it: wherever a bad value surfaces, it ends here as one message and exit 2.
    So does a usage error the project words itself (UsageProblem)."""

    def invoke(self, ctx: Any) -> Any:  # click's Context, vendored by typer under a private name
        json_output = "--json" in ctx.args  # read now: invoking the command empties ctx.args
        try:
            return super().invoke(ctx)
        except SettingsError as exc:
            exit_settings_error(exc, json_output=json_output)
        except UsageProblem as exc:
            exit_usage_problem(exc, ctx.invoked_subcommand, json_output=json_output)


app = typer.Typer(
    name="publisher",
    cls=_PublisherGroup,
    help=help_text("cli.help.app", "cli.help.app.details", "cli.help.app.exit"),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,  # locals may hold the API token
)


@app.callback()
def _group() -> None:
    # A group even when one command is registered (see `_register`): typer would otherwise run
    # that command as the whole application and read its name as an argument.
    pass


# The module that registers each command. A run imports only its command's module: the others
# bring the publish engine, rdflib, jinja2... (a fifth of a second before anything happens).
COMMAND_MODULES: Final = {
    "adopt": "adopt_cmd",
    "new": "new_cmd",
    "goal": "ops_cmd",
    "status": "ops_cmd",
    "schedule": "ops_cmd",
    "plan": "publish_cmd",
    "publish": "publish_cmd",
    "verify": "publish_cmd",
    "retire": "publish_cmd",
    "pull": "pull_cmd",
    "validate": "validate_cmd",
    "export": "export_cmd",
}


def _register(argv: list[str] | None = None) -> None:
    """Imports the command modules, each adding its commands to `app`: the one `argv` invokes,
    or all of them (no argv, `--help`, a command not known)."""
    wanted = next((word for word in argv or [] if not word.startswith("-")), None)
    modules = [COMMAND_MODULES[wanted]] if wanted in COMMAND_MODULES else sorted(set(COMMAND_MODULES.values()))
    for module in modules:
        importlib.import_module(f"publisher.cli.{module}")


def main() -> None:
    _register(sys.argv[1:])
    app()
