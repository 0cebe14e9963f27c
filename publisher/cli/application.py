"""The `publisher` application: its commands' group, the exit codes it maps, and `main`."""

from __future__ import annotations

from typing import Any

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


def _register() -> None:
    # Imported for their side effect: each module adds its commands to `app`.
    from publisher.cli import adopt_cmd, export_cmd, new_cmd, ops_cmd, publish_cmd, pull_cmd, validate_cmd  # noqa: F401


def main() -> None:
    _register()
    app()
