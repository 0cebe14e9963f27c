"""Reports a person can read: like errors grouped with exact totals, every error counted past
the cap, `--json` complete (or saying how many it leaves out), hints that fit the type, and a
git conflict marker named as such. Packages in the state's shape: `;`, decimal comma,
`utf-8-sig`, dates written dd/mm/aaaa."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from publisher.cli import _register, app
from publisher.validation import error_cap

_register()
BASE = Path(__file__).parent / "bad_inputs" / "_base"
DATA = "data/atendimentos.csv"
HEADER = "id;codigo_ibge;ano;tipo;quantidade;valor;data"
ENV = {"PUBLISHER_VALIDATION_CACHE": "false", "PUBLISHER_LANG": "pt", "COLUMNS": "100"}


def _row(i: int, valor: str = "1.500,50", data: str = "31/03/2022", quantidade: str = "12") -> str:
    return f"{i};3106200;2022;consulta;{quantidade};{valor};{data}"


def state_package(root: Path, rows: list[str]) -> Path:
    """The corpus base as the state writes it: utf-8-sig, decimal comma, thousands dot, dd/mm/aaaa."""
    pkg = root / "atendimentos-estado"
    shutil.copytree(BASE, pkg)
    descriptor: dict[str, Any] = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["name"] = pkg.name
    res = next(r for r in descriptor["resources"] if r["name"] == "atendimentos")
    res["encoding"] = "utf-8-sig"
    res["schema"].pop("foreignKeys")
    for field in res["schema"]["fields"]:
        if field["name"] == "valor":
            field.update({"decimalChar": ",", "groupChar": "."})
        if field["name"] == "data":
            field["format"] = "%d/%m/%Y"
    (pkg / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    (pkg / DATA).write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8-sig")
    return pkg


def validate(pkg: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["validate", str(pkg), *args], env=ENV)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout


def validate_json(pkg: Path) -> dict[str, Any]:
    code, out = validate(pkg, "--json")
    report: dict[str, Any] = json.loads(out)
    assert report["valid"] is (code == 0)
    return report


def type_errors(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in report["packages"][0]["errors"] if e["code"] == "type-error"]


def test_ten_thousand_bad_rows_make_a_short_report_with_exact_totals(tmp_path: Path) -> None:
    # 10,000 ISO dates in a dd/mm/aaaa column, and a dash for "no value" in five rows.
    rows = [_row(i, data="2022-03-31") for i in range(1, 10_001)]
    rows += [_row(i, valor="-") for i in range(10_001, 10_006)]
    pkg = state_package(tmp_path, rows)

    code, out = validate(pkg)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) < 200, out[:2000]
    flat = " ".join(out.split())
    assert "10.000 linhas com este problema: 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 ... (lista completa em --json)" in flat
    assert "5 linhas com este problema: 10002, 10003, 10004, 10005, 10006" in flat
    assert "type-error 10.005" in flat
    assert "10.005 erro(s)" in flat
    # One hint per group, and the one that fits: the date's format, the dash's missingValues.
    assert flat.count('declare "format": "%Y-%m-%d"') == 1
    assert flat.count('"missingValues": ["", "-"]') == 1
    assert "decimalChar" not in flat

    report = validate_json(pkg)
    errors = type_errors(report)
    assert len(errors) == 10_005
    assert sorted(e["row"] for e in errors) == list(range(2, 10_007))
    package = report["packages"][0]
    assert package["left_out"] == 0
    assert package["totals"] == [
        {"file": DATA, "resource": "atendimentos", "code": "type-error", "severity": "error", "count": 10_005}
    ]
    assert report["error_total"] == report["error_count"] == 10_005


def test_errors_past_the_cap_are_counted_and_the_cap_is_stated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(error_cap, "KEEP_PER_RESOURCE", 1_000)
    rows = [_row(i, valor="abc" if i <= 3_816 else "10,5") for i in range(1, 4_001)]
    # A duplicate key at the end of the file: found and kept although the cap was passed long before.
    rows.append(_row(4_000))
    pkg = state_package(tmp_path, rows)

    report = validate_json(pkg)
    package = report["packages"][0]
    kept = type_errors(report)
    assert len(kept) == 1_000 and [e["row"] for e in kept] == list(range(2, 1_002))
    left = [e for e in package["errors"] if e["code"] == "errors-left-out"]
    assert [(e["value"], e["count"], e["file"]) for e in left] == [("type-error", 2_816, DATA)]
    assert [e["row"] for e in package["errors"] if e["code"] == "primary-key"] == [4_002]
    assert "1.000" in left[0]["message"] and "2.816" in left[0]["message"]
    assert package["left_out"] == 2_816
    totals = {t["code"]: t["count"] for t in package["totals"]}
    assert totals == {"type-error": 3_816, "primary-key": 1}
    assert report["error_total"] == 3_817

    code, out = validate(pkg)
    flat = " ".join(out.split())
    assert code == 1 and len(out.splitlines()) < 200
    assert "type-error 3.816, primary-key 1" in flat
    assert "2.816 erro(s) foram contados mas não listados um a um" in flat
    assert "3.817 erro(s)" in flat
    _, out_en = validate(pkg, "--lang", "en")
    assert "type-error 3,816" in " ".join(out_en.split())


@pytest.mark.parametrize(
    ("row", "wanted", "unwanted"),
    [
        (_row(1, valor="-"), '"missingValues": ["", "-"]', "decimalChar"),
        (_row(1, quantidade="1450 / 2270"), 'mais de um número ("1450", "2270")', "decimalChar"),
        (_row(1, data="2022-03-31"), '"format": "%Y-%m-%d"', "decimalChar"),
        (_row(1, data="31/02/2022"), 'uma data válida no formato do campo "data" (%d/%m/%Y)', "decimalChar"),
    ],
)
def test_the_hint_fits_the_cell(tmp_path: Path, row: str, wanted: str, unwanted: str) -> None:
    errors = type_errors(validate_json(state_package(tmp_path, [row])))
    assert len(errors) == 1
    assert wanted in errors[0]["hint"] and unwanted not in errors[0]["hint"]


def test_following_the_missing_values_hint_makes_the_package_valid(tmp_path: Path) -> None:
    pkg = state_package(tmp_path, [_row(1), _row(2, valor="-"), _row(3, valor="-")])
    assert len(type_errors(validate_json(pkg))) == 2
    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    for res in descriptor["resources"]:
        res["schema"]["missingValues"] = ["", "-"]
    (pkg / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    report = validate_json(pkg)
    assert report["valid"], report["packages"][0]["errors"]


def test_a_git_conflict_marker_is_named(tmp_path: Path) -> None:
    pkg = state_package(tmp_path, [_row(1)])
    text = (pkg / "datapackage.json").read_text(encoding="utf-8")
    version = '  "version": "1.0.0",\n'
    assert version in text
    conflicted = text.replace(version, f'<<<<<<< HEAD\n{version}=======\n  "version": "1.1.0",\n>>>>>>> main\n')
    (pkg / "datapackage.json").write_text(conflicted, encoding="utf-8")
    line = conflicted.splitlines().index("<<<<<<< HEAD") + 1

    errors = validate_json(pkg)["packages"][0]["errors"]
    assert [(e["code"], e["row"], e["value"]) for e in errors] == [("merge-conflict", line, "<<<<<<< HEAD")]
    assert "conflito do git" in errors[0]["message"] and "vírgula" not in errors[0]["message"]
    _, out = validate(pkg, "--lang", "en")
    assert "git conflict marker" in " ".join(out.split())


def test_a_property_missing_on_many_fields_is_one_group_naming_them(tmp_path: Path) -> None:
    # As the state's repositories write schemas: fields with only a name and a type.
    pkg = state_package(tmp_path, [_row(1)])
    descriptor: dict[str, Any] = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in descriptor["resources"] if r["name"] == "atendimentos")
    for field in res["schema"]["fields"]:
        field.pop("title", None)
    (pkg / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    names = [f["name"] for f in res["schema"]["fields"]]

    code, out = validate(pkg)
    flat = " ".join(out.split())
    assert code == 1
    assert flat.count("erro profile-missing") == 1  # one block for all the fields, not one each
    assert f"o mesmo em {len(names)} lugares (recurso/campo):" in flat
    assert all(f"atendimentos/{name}" in flat for name in names)
    assert "publisher adopt" in flat  # what fills these in is named
    # --json still lists each field's finding on its own.
    missing = [e for e in validate_json(pkg)["packages"][0]["errors"] if e["code"] == "profile-missing"]
    assert len(missing) == len(names)
