"""`publisher new`: a package scaffolded from a state-style CSV fails validation only on its TODOs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from publisher.catalog import PackageDir
from publisher.cli import _register, app
from publisher.scaffold.infer import infer_csv
from publisher.settings import Settings
from publisher.validation import validate_package

_register()
runner = CliRunner()

STATE_CSV = (
    "ano;município;valor_pago;faixa;data_referência;quitado\n"
    "2021;Belo Horizonte;1.234.567,89;1;01/02/2021;sim\n"
    "2022;Uberlândia;10,5;2;15/03/2022;Não\n"
    "2022;Juiz de Fora;-7.000,00;3;31/12/2022;Sim\n"
)


def _write(tmp_path: Path, encoding: str) -> Path:
    src = tmp_path / "Pagamentos Municípios.csv"
    src.write_bytes(STATE_CSV.encode(encoding))
    return src


def _fill_todos(node: Any) -> Any:
    """What a steward does by hand: replace every TODO with a real value of the right shape."""
    if isinstance(node, dict):
        filled = {k: _fill_todos(v) for k, v in node.items()}
        for key, real in {
            "homepage": "https://www.mg.gov.br/planejamento",
            "email": "dados@planejamento.mg.gov.br",
            "frequência de atualização": "anual",
            "description": "Texto.\n\n## Como participar\nFale conosco.\n\n## Controle de alterações\nVer CHANGELOG.",
        }.items():
            if isinstance(node.get(key), str) and node[key].startswith("TODO"):
                filled[key] = real
        return filled
    if isinstance(node, list):
        return [_fill_todos(v) for v in node]
    if isinstance(node, str) and node.startswith("TODO"):
        return "Preenchido pelo órgão"
    return node


def test_inference_reads_state_conventions(tmp_path: Path) -> None:
    inferred = infer_csv(_write(tmp_path, "utf-8-sig"))
    assert (inferred.encoding, inferred.delimiter) == ("utf-8-sig", ";")
    types = {f["name"]: (f["type"], f.get("decimalChar"), f.get("format")) for f in inferred.fields}
    assert types["valor_pago"] == ("number", ",", "default")
    assert types["faixa"] == ("integer", None, "default")
    assert types["data_referência"] == ("date", None, "%d/%m/%Y")
    quitado = next(f for f in inferred.fields if f["name"] == "quitado")
    assert (
        quitado["type"] == "boolean"
        and {"sim", "Sim"} <= set(quitado["trueValues"])
        and "Não" in quitado["falseValues"]
    )
    assert infer_csv(_write(tmp_path, "windows-1252")).encoding == "windows-1252"


def test_new_package_fails_only_on_todos_then_validates_once_filled(tmp_path: Path) -> None:
    catalogue = tmp_path / "datapackages"
    src = _write(tmp_path, "utf-8-sig")
    result = runner.invoke(
        app,
        [
            "new",
            "pagamentos-municipios",
            "--from",
            str(src),
            "--org",
            "secretaria-de-estado-de-planejamento-e-gestao-seplag",
        ],
        env={"PUBLISHER_DATAPACKAGES_DIR": str(catalogue)},
    )
    assert result.exit_code == 0, result.stdout
    pkg = catalogue / "pagamentos-municipios"
    assert (pkg / "README.md").is_file() and (pkg / "CHANGELOG.md").is_file()
    assert (pkg / "data" / "pagamentos-municipios.csv").read_bytes() == src.read_bytes()

    report = validate_package(PackageDir(pkg), Settings())
    assert report.errors, "a scaffold must list what a person still has to fill in"
    assert {e.code for e in report.errors} == {"todo"}
    assert {e.field for e in report.errors} >= {
        "title",
        "homepage",
        "contributors[0].email",
        "frequência de atualização",
    }

    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    (pkg / "datapackage.json").write_text(json.dumps(_fill_todos(descriptor), ensure_ascii=False), encoding="utf-8")
    filled = validate_package(PackageDir(pkg), Settings())
    assert filled.errors == []


def test_new_refuses_bad_name_and_existing_folder(tmp_path: Path) -> None:
    catalogue = tmp_path / "datapackages"
    src = _write(tmp_path, "utf-8")
    env = {"PUBLISHER_DATAPACKAGES_DIR": str(catalogue)}
    bad = runner.invoke(app, ["new", "Pagamentos Município", "--from", str(src)], env=env)
    assert bad.exit_code == 2 and "pagamentos-municipio" in bad.output
    assert runner.invoke(app, ["new", "pagamentos", "--from", str(src)], env=env).exit_code == 0
    again = runner.invoke(app, ["new", "pagamentos", "--from", str(src)], env=env)
    assert again.exit_code == 2 and "já existe" in again.output


def test_new_speaks_the_stewards_language_and_keeps_the_portals_content_in_portuguese(tmp_path: Path) -> None:
    catalogue = tmp_path / "datapackages"
    src = _write(tmp_path, "utf-8")
    env = {"PUBLISHER_DATAPACKAGES_DIR": str(catalogue)}
    result = runner.invoke(app, ["new", "pagamentos", "--from", str(src), "--lang", "en"], env=env)
    assert result.exit_code == 0, result.output
    assert "Package created at" in result.output and "left to fill in" in result.output
    descriptor = json.loads((catalogue / "pagamentos" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["title"] == "TODO: the dataset's title"
    assert "## Como participar" in descriptor["description"]  # the section the portal's profile asks for
    assert descriptor["licenses"][0]["title"] == "Creative Commons Atribuição 4.0"
    again = runner.invoke(app, ["new", "pagamentos", "--from", str(src), "--lang", "en"], env=env)
    assert again.exit_code == 2 and "already exists" in again.output
    portuguese = runner.invoke(app, ["new", "pagamentos-pt", "--from", str(src)], env=env)
    assert "Pacote criado em" in portuguese.output and "Falta preencher" in portuguese.output
    descriptor = json.loads((catalogue / "pagamentos-pt" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["title"] == "TODO: título do conjunto de dados"
