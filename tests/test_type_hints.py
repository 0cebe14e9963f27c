"""Type errors name the property that fixes them, read from the cell; following the hint
makes the package valid (checked end to end on state-style columns)."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from publisher.cli import _register, app
from publisher.messages import text
from publisher.validation.type_hints import GENERIC, type_error_hint

_register()
BASE = Path(__file__).parent / "bad_inputs" / "_base"
DATA = "data/atendimentos.csv"


@pytest.mark.parametrize(
    ("value", "field", "ftype", "expected"),
    [
        ("1500,50", {"name": "valor"}, "number", '"decimalChar": ","'),
        ("1.500,50", {"name": "valor"}, "number", '"decimalChar": "," e "groupChar": "."'),
        ("1.500,50", {"name": "valor", "decimalChar": ","}, "number", 'declare "groupChar": "." no campo'),
        ("R$ 1500.50", {"name": "valor"}, "number", '"bareNumber": false'),
        ("12,5%", {"name": "taxa"}, "number", '"bareNumber": false'),
        ("1.200", {"name": "quantidade"}, "integer", '"type": "number" com "groupChar": "."'),
        ("7,5", {"name": "quantidade"}, "integer", '"type": "number" com "decimalChar": ","'),
        ("31/03/2022", {"name": "data"}, "date", '"format": "%d/%m/%Y"'),
        ("31.03.2022", {"name": "data"}, "date", '"format": "%d.%m.%Y"'),
        ("31/03/2022 14:05", {"name": "quando"}, "datetime", '"format": "%d/%m/%Y %H:%M"'),
        ("Sim", {"name": "ativo"}, "boolean", '"trueValues"'),
    ],
)
def test_the_hint_names_the_property_to_declare(value: str, field: dict[str, Any], ftype: str, expected: str) -> None:
    hint = type_error_hint(value, field, ftype, "pt")
    assert expected in hint and f'"{field["name"]}"' in hint
    assert type_error_hint(value, field, ftype, "en") not in (hint, text(GENERIC[0], "en"))


@pytest.mark.parametrize(
    ("value", "field", "ftype", "key"),
    [
        ("sete", {"name": "quantidade"}, "integer", GENERIC[0]),
        ("", {"name": "valor"}, "number", GENERIC[0]),
        # declared already: the value itself is wrong, and a date's advice speaks of dates
        ("31/02/2022", {"name": "data", "format": "%d/%m/%Y"}, "date", "validation.type-fix.generic-date"),
        ("talvez", {"name": "ativo"}, "boolean", "validation.type-fix.generic-plain"),
    ],
)
def test_values_no_declaration_can_fix_get_the_generic_advice_of_their_type(
    value: str, field: dict[str, Any], ftype: str, key: str
) -> None:
    values = {"name": field["name"], "format": field.get("format", "default")}
    assert type_error_hint(value, field, ftype, "pt") == text(key, "pt", **values)
    assert type_error_hint(value, field, ftype, "en") == text(key, "en", **values)
    if ftype not in ("number", "integer"):
        assert "decimalChar" not in type_error_hint(value, field, ftype, "pt")


def _rewrite_column(pkg: Path, column: str, change: Callable[[str], str]) -> None:
    path = pkg / DATA
    lines = path.read_text(encoding="utf-8").splitlines()
    index = lines[0].split(";").index(column)
    rows = [line.split(";") for line in lines[1:]]
    for row in rows:
        row[index] = change(row[index])
    path.write_text("\n".join([lines[0], *(";".join(r) for r in rows)]) + "\n", encoding="utf-8")


def _validate(pkg: Path) -> dict[str, Any]:
    env = {"PUBLISHER_VALIDATION_CACHE": "false", "PUBLISHER_LANG": "pt"}
    result = CliRunner().invoke(app, ["validate", str(pkg), "--json"], env=env)
    report: dict[str, Any] = json.loads(result.stdout)["packages"][0]
    return report


def _declare(pkg: Path, field_name: str, hint: str) -> None:
    """Do what the hint says: every "property": value pair it names goes on the field."""
    path = pkg / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    props = {k: json.loads(v) for k, v in re.findall(r'"(\w+)": ("[^"]*"|\[[^\]]*\]|false|true)', hint)}
    assert props, hint
    for res in descriptor["resources"]:
        for f in res["schema"]["fields"]:
            if f["name"] == field_name:
                f.update(props)
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")


def _brazilian_number(text: str) -> str:
    whole, _, cents = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{grouped},{cents}" if cents else grouped


@pytest.mark.parametrize(
    ("column", "change"),
    [
        ("valor", lambda v: v.replace(".", ",")),  # 1500,50
        ("valor", lambda v: _brazilian_number(str(float(v) * 1000))),  # 1.500.500,0
        ("valor", lambda v: f"R$ {v}"),
        ("quantidade", lambda v: _brazilian_number(str(int(v) * 1000))),  # 120.000 in an integer field
        ("data", lambda v: "/".join(reversed(v.split("-")))),  # 31/03/2022
    ],
)
def test_following_the_hint_makes_the_package_valid(tmp_path: Path, column: str, change: Callable[[str], str]) -> None:
    pkg = tmp_path / "hint-check"
    shutil.copytree(BASE, pkg)
    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["name"] = pkg.name
    (pkg / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    _rewrite_column(pkg, column, change)

    broken = _validate(pkg)
    type_errors = [e for e in broken["errors"] if e["code"] == "type-error"]
    assert type_errors and {e["field"] for e in type_errors} == {column}
    assert len({e["hint"] for e in type_errors}) == 1
    _declare(pkg, column, type_errors[0]["hint"])
    fixed = _validate(pkg)
    assert fixed["valid"], fixed["errors"]
