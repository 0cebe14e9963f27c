"""Each command is found in the module that registers it, and a run imports only that module."""

from __future__ import annotations

import subprocess
import sys

import pytest

from publisher.cli import _register, app
from publisher.cli.application import COMMAND_MODULES


def test_every_command_is_mapped_to_the_module_that_registers_it() -> None:
    _register()
    modules = {c.name: {c.callback.__module__} for c in app.registered_commands if c.name and c.callback}
    for group in app.registered_groups:
        assert group.name
        inner = group.typer_instance.registered_commands if group.typer_instance else []
        modules[group.name] = {c.callback.__module__ for c in inner if c.callback}
    assert set(modules) == set(COMMAND_MODULES)
    for name, found in modules.items():
        assert found == {f"publisher.cli.{COMMAND_MODULES[name]}"}, name


PROBE = """
import sys
from publisher.cli import main
sys.argv = ["publisher", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(sorted(m for m in sys.modules if m.startswith("publisher.cli.") and m.endswith("_cmd")))
"""


@pytest.mark.parametrize(
    ("args", "imported"),
    [
        (["validate", "--help"], ["publisher.cli.validate_cmd"]),
        (["export", "dcat", "--help"], ["publisher.cli.export_cmd"]),
        (["--help"], sorted(f"publisher.cli.{m}" for m in set(COMMAND_MODULES.values()))),
        (["nada"], sorted(f"publisher.cli.{m}" for m in set(COMMAND_MODULES.values()))),
    ],
)
def test_a_run_imports_only_its_command(args: list[str], imported: list[str]) -> None:
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True)
    assert proc.stdout.strip().splitlines()[-1] == repr(imported)


def test_one_command_registered_is_still_a_command_not_the_application() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", "from publisher.cli import main; main()", "validate", "/nenhum/caminho", "--json"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2, proc.stdout + proc.stderr  # the usage error of `validate`, not "no such command"
    assert "path-missing" in proc.stdout
