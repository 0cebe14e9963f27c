"""The `publisher` command: a thin client of the library.

Each command lives in its own module and registers itself on `app`. Commands read
arguments, build `Settings`, call the library, render (rich for people, `--json`
for machines) and map outcomes to exit codes:
0 success, 1 something invalid or failed, 2 usage error, 3 another runner holds the lock.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="publisher",
    help=(
        "Valida pacotes de dados (Frictionless) e publica no portal CKAN. / "
        "Validates Frictionless Data Packages and publishes them to a CKAN portal."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,  # locals may hold the API token
)


def _register() -> None:
    # Imported for their side effect: each module adds its commands to `app`.
    from publisher.cli import new_cmd, validate_cmd  # noqa: F401

    for optional in ("publish_cmd", "ops_cmd"):
        try:
            __import__(f"publisher.cli.{optional}")
        except ModuleNotFoundError as exc:
            if exc.name != f"publisher.cli.{optional}":
                raise


def main() -> None:
    _register()
    app()
