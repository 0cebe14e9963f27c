"""State-style CSVs (`;`, decimal comma, thousands dot, utf-8-sig / windows-1252) through `publisher validate`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from publisher.catalog import PackageDir
from publisher.cli import _register, app
from publisher.settings import Settings
from publisher.validation import validate_package

_register()
runner = CliRunner()

ROWS = [
    ("1", "Belo Horizonte", "1.234,56", "1"),
    ("2", "Uberlândia", "10,5", "2"),
    ("3", "Montes Claros", "7.000,00", "3"),
]


def state_metadata(name: str, title: str) -> dict[str, Any]:
    """A state package's metadata in the portal's profile (everything but its resources)."""
    return {
        "profile": "tabular-data-package",
        "name": name,
        "title": title,
        "description": "Amostra.\n\n## Como participar\nFale conosco.\n\n## Controle de alterações\nVer CHANGELOG.",
        "homepage": "https://www.mg.gov.br/planejamento",
        "owner_org": "secretaria-de-estado-de-planejamento-e-gestao-seplag",
        "version": "1.0.0",
        "contributors": [{"title": "SEPLAG", "email": "dados@planejamento.mg.gov.br", "role": "publisher"}],
        "licenses": [
            {"name": "CC-BY-4.0", "title": "CC BY 4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}
        ],
        "keywords": ["despesas"],
        "frequência de atualização": "anual",
    }


def write_state_package(root: Path, rows: Sequence[tuple[str, ...]], encoding: str = "utf-8-sig") -> Path:
    pkg = root / "despesas-municipios"
    (pkg / "data").mkdir(parents=True)
    text = "id;municipio;valor;faixa\n" + "".join(";".join(r) + "\n" for r in rows)
    (pkg / "data" / "despesas.csv").write_bytes(text.encode(encoding))
    descriptor: dict[str, Any] = {
        **state_metadata("despesas-municipios", "Despesas por município"),
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": "despesas",
                "title": "Despesas",
                "description": "Uma linha por município.",
                "path": "data/despesas.csv",
                "format": "csv",
                "encoding": encoding,
                "dialect": {"delimiter": ";"},
                "schema": {
                    "fields": [
                        {"name": "id", "title": "Id", "type": "integer", "format": "default", "description": "Código."},
                        {
                            "name": "municipio",
                            "title": "Município",
                            "type": "string",
                            "format": "default",
                            "description": "Nome.",
                        },
                        {
                            "name": "valor",
                            "title": "Valor",
                            "type": "number",
                            "format": "default",
                            "description": "Reais.",
                            "decimalChar": ",",
                            "groupChar": ".",
                        },
                        {
                            "name": "faixa",
                            "title": "Faixa",
                            "type": "integer",
                            "format": "default",
                            "description": "Faixa de porte.",
                            "constraints": {"enum": ["1", "2", "3"]},
                        },
                    ],
                    "primaryKey": ["id"],
                },
            }
        ],
    }
    (pkg / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    (pkg / "CHANGELOG.md").write_text("## 1.0.0\n- primeira versão\n", encoding="utf-8")
    return pkg


def test_value_outside_enum_is_reported_by_row_field_and_value_in_portuguese(tmp_path: Path) -> None:
    rows = [*ROWS, ("4", "Contagem", "99,9", "7")]
    pkg = write_state_package(tmp_path, rows)
    result = runner.invoke(app, ["validate", str(pkg), "--json"], env={"PUBLISHER_LANG": "pt"})
    assert result.exit_code == 1
    errors = json.loads(result.stdout)["packages"][0]["errors"]
    assert [(e["code"], e["row"], e["field"], e["value"]) for e in errors] == [("constraint-error", 5, "faixa", "7")]
    assert "linha 5" in errors[0]["message"] and 'campo "faixa"' in errors[0]["message"]
    assert "valores permitidos: 1, 2, 3" in errors[0]["hint"]


def test_english_on_request(tmp_path: Path) -> None:
    pkg = write_state_package(tmp_path, [*ROWS, ("4", "Contagem", "99,9", "7")])
    result = runner.invoke(app, ["validate", str(pkg), "--json", "--lang", "en"])
    error = json.loads(result.stdout)["packages"][0]["errors"][0]
    assert "row 5" in error["message"] and "allowed values: 1, 2, 3" in error["hint"]


def test_same_package_without_the_bad_value_is_valid(tmp_path: Path) -> None:
    pkg = write_state_package(tmp_path, ROWS)
    result = runner.invoke(app, ["validate", str(pkg)])
    assert result.exit_code == 0, result.stdout
    report = validate_package(PackageDir(pkg), Settings())
    assert report.errors == []


def test_windows_1252_twin_is_valid(tmp_path: Path) -> None:
    pkg = write_state_package(tmp_path, ROWS, encoding="windows-1252")
    assert "Uberl\xe2ndia".encode("windows-1252") in (pkg / "data" / "despesas.csv").read_bytes()
    result = runner.invoke(app, ["validate", str(pkg)])
    assert result.exit_code == 0, result.stdout


def test_windows_1252_bytes_declared_utf8_name_the_row(tmp_path: Path) -> None:
    pkg = write_state_package(tmp_path, ROWS, encoding="windows-1252")
    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][0]["encoding"] = "utf-8"
    (pkg / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    report = validate_package(PackageDir(pkg), Settings())
    assert [(e.code, e.row, e.value) for e in report.errors] == [("encoding-mismatch", 3, "0xE2")]


def test_hashes_of_valid_files_come_back_with_the_report(tmp_path: Path) -> None:
    import hashlib

    pkg = write_state_package(tmp_path, ROWS)
    report = validate_package(PackageDir(pkg), Settings())
    expected = hashlib.sha256((pkg / "data" / "despesas.csv").read_bytes()).hexdigest()
    assert report.hashes == {"despesas": expected}


@pytest.mark.parametrize("bad", ["abc", "1,2,3"])
def test_type_error_names_the_expected_type(tmp_path: Path, bad: str) -> None:
    pkg = write_state_package(tmp_path, [*ROWS, ("4", "Betim", bad, "1")])
    report = validate_package(PackageDir(pkg), Settings(lang="en"))
    error = next(e for e in report.errors if e.code == "type-error")
    assert (error.row, error.field, error.value) == (5, "valor", bad)
    assert "number" in error.message


def test_unchanged_package_is_not_validated_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import publisher.validation.run as run

    pkg = write_state_package(tmp_path, [*ROWS, ("4", "Contagem", "99,9", "7")])
    # The repository's catalogue names the package's organization: its report may be cached.
    settings = Settings(root=tmp_path, datapackages_dir=Path(__file__).resolve().parents[1] / "datapackages")
    first = validate_package(PackageDir(pkg), settings)
    calls: list[str] = []
    real = run.validate_data  # type: ignore[attr-defined]  # imported into run, patched there

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append("data")
        return real(*args, **kwargs)

    monkeypatch.setattr(run, "validate_data", counted)
    assert validate_package(PackageDir(pkg), settings) == first
    assert calls == []
    # Any change to a data file is a new key: validated again, with the new result.
    (pkg / "data" / "despesas.csv").write_bytes((pkg / "data" / "despesas.csv").read_bytes().replace(b";7\n", b";3\n"))
    second = validate_package(PackageDir(pkg), settings)
    assert calls == ["data"] and second.valid
