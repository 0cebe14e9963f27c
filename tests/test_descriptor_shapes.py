"""No descriptor shape crashes validation.

Every JSON type (string, number, list, object, null, boolean) is put at every property the
portal profile knows (its pydantic models list them) and at every dialect option frictionless
reads, in a package of the state's shape. Validation must answer with a report, and a value of
the wrong type must be an error in it; never a traceback. The CLI's `validate`, `plan`
and `publish` are run on the shapes that crashed them before.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from frictionless import Dialect
from pydantic import AliasChoices, BaseModel
from typer.testing import CliRunner

from publisher import profile
from publisher.catalog import PackageDir
from publisher.cli import _register, app
from publisher.settings import Settings
from publisher.validation.run import validate_uncached

BASE = Path(__file__).resolve().parent / "bad_inputs" / "_base"
SHAPES: dict[str, Any] = {
    "string": "texto",
    "number": 7,
    "list": ["a", 1],
    "object": {"chave": "valor"},
    "null": None,
    "boolean": True,
}
# CSV options frictionless reads from a dialect beside its own profile's (which lists no CSV keys).
CSV_OPTIONS = (
    "delimiter",
    "lineTerminator",
    "quoteChar",
    "doubleQuote",
    "escapeChar",
    "nullSequence",
    "skipInitialSpace",
)
Location = tuple[str | int, ...]


def _keys(model: type[BaseModel]) -> list[str]:
    """The descriptor keys a model reads (every spelling its aliases accept)."""
    keys: list[str] = []
    for name, info in model.model_fields.items():
        alias = info.validation_alias
        if isinstance(alias, AliasChoices):
            keys += [str(choice) for choice in alias.choices]
        else:
            keys.append(info.alias or name)
    return keys


def _places() -> Iterator[Location]:
    """Every property of the profile's models and of a dialect, where the base package holds it."""
    resource: Location = ("resources", 0)
    schema: Location = (*resource, "schema")
    field: Location = (*schema, "fields", 0)
    nested: list[tuple[Location, type[BaseModel]]] = [
        ((), profile.DataPackage),
        (("contributors", 0), profile.Contributor),
        (("licenses", 0), profile.License),
        (("temporal",), profile.Temporal),
        (resource, profile.Resource),
        (schema, profile.TableSchema),
        (field, profile.TableField),
        ((*field, "constraints"), profile.FieldConstraints),
    ]
    for where, model in nested:
        for key in _keys(model):
            yield (*where, key)
    for key in [*Dialect.metadata_profile["properties"], *CSV_OPTIONS]:
        yield (*resource, "dialect", key)
    yield (*resource, "compression")
    yield (*schema, "foreignKeys", 0, "reference")
    yield (*schema, "fields", 1)
    yield ("resources", 1)


def _put(descriptor: dict[str, Any], loc: Location, value: Any) -> dict[str, Any]:
    out = copy.deepcopy(descriptor)
    node: Any = out
    for step in loc[:-1]:
        if isinstance(step, str) and not isinstance(node.get(step), (dict, list)):
            node[step] = [{}] if isinstance(loc[loc.index(step) + 1], int) else {}
        node = node[step]
    last = loc[-1]
    if isinstance(node, list) and isinstance(last, int) and last >= len(node):
        node.append(value)
    else:
        node[last] = value
    return out


@cache
def _base() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((BASE / "datapackage.json").read_text(encoding="utf-8"))
    # A foreign key to test the shapes of, and a data error: a shape must not hide it nor crash on it.
    return data


def _package(root: Path, descriptor: dict[str, Any]) -> Path:
    folder = root / "_base"
    if not folder.exists():
        shutil.copytree(BASE, folder)
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    return folder


def _type_of(value: Any) -> str:
    return next(name for name, sample in SHAPES.items() if type(sample) is type(value)) if value is not None else "null"


PLACES = list(_places())


@pytest.mark.parametrize("loc", PLACES, ids=lambda loc: ".".join(str(s) for s in loc))
def test_every_json_type_at_every_property_gives_a_report(loc: Location, tmp_path: Path) -> None:
    settings = Settings(validation_cache=False)
    for shape, value in SHAPES.items():
        descriptor = _put(_base(), loc, value)
        report = validate_uncached(PackageDir(_package(tmp_path, descriptor)), settings)
        current = _value_at(_base(), loc)
        if current is not None and _type_of(current) != shape and not _equivalent(loc, current, value):
            assert not report.valid, f"{shape} at {loc} passed unnoticed"


def _value_at(descriptor: dict[str, Any], loc: Location) -> Any:
    node: Any = descriptor
    for step in loc:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _equivalent(loc: Location, current: Any, value: Any) -> bool:
    # A single primary key may be a name or a list of names; a number is a number either way;
    # frictionless reads a dialect option set to null as unset (and then detects it).
    if value is None and "dialect" in loc:
        return True
    return isinstance(current, list) and isinstance(value, str) or {type(current), type(value)} <= {int, float}


def test_the_shape_list_covers_the_profile() -> None:
    assert len(PLACES) > 60
    assert ("resources", 0, "schema", "fields", 0, "format") in PLACES
    assert ("frequência de atualização",) in PLACES and ("resources", 0, "dialect", "delimiter") in PLACES


# Shapes that crashed the validator or the planner: each through the CLI, as a steward runs it.
CLI_SHAPES: list[tuple[Location, Any]] = [
    (("resources", 0, "schema"), "schema.json"),
    (("resources", 0, "schema", "fields"), "texto"),
    (("resources", 0, "schema", "primaryKey"), 7),
    (("resources", 1, "schema", "foreignKeys"), {"fields": "codigo_ibge"}),
    (("resources", 0, "dialect"), ["delimiter"]),
    (("resources",), {"nome": "municipios"}),
    (("resources", 0), "data/municipios.csv"),
    (("resources", 0, "encoding"), 8),
    (("owner_org",), ["ses-mg"]),
]


@pytest.mark.parametrize(("loc", "value"), CLI_SHAPES, ids=lambda x: str(x))
@pytest.mark.parametrize("command", ["validate", "plan", "publish"])
def test_the_cli_reports_a_broken_shape_invalid(
    command: str, loc: Location, value: Any, tmp_path: Path, ckan_url: str, ckan_token_file: Path
) -> None:
    """`plan` and `publish` talk to the real local portal; an invalid package sends it nothing."""
    _register()
    descriptor = _put(_base(), loc, value)
    # A data error too: the crash of issue 9 came from translating one under a string schema.
    (tmp_path / "_base").mkdir()
    shutil.copytree(BASE, tmp_path / "_base", dirs_exist_ok=True)
    table = tmp_path / "_base" / "data" / "municipios.csv"
    table.write_text(table.read_text(encoding="utf-8") + "3106200;Belo Horizonte;Centro\n", encoding="utf-8")
    folder = _package(tmp_path, descriptor)
    env: dict[str, str | None] = {k: None for k in os.environ if k.startswith("PUBLISHER_")}
    env.update(
        {"PUBLISHER_VALIDATION_CACHE": "false", "CKAN_URL": ckan_url, "CKAN_API_TOKEN_FILE": str(ckan_token_file)}
    )
    result = CliRunner().invoke(app, [command, str(folder)], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "Erro inesperado" not in result.output
    assert "inválido" in result.output
