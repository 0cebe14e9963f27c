"""`publisher adopt`: a package in the shape the state's agencies publish today (a repository
with `dataset/datapackage.json`, `;` CSVs in `utf-8-sig`, fields with only `name` and `type`,
the portal's long organization slug, `Frequência` with a capital F, no CHANGELOG) is brought
into the profile without touching its data; `validate` then lists exactly adopt's TODOs."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from publisher.catalog import PackageDir
from publisher.cli import _register, app
from publisher.scaffold.adopt import adopt
from publisher.settings import Settings
from publisher.validation import validate_package

_register()
runner = CliRunner()

LONG_SLUG = "secretaria-de-estado-de-planejamento-e-gestao-seplag"
CSV_2023 = (
    "ano_mesreferencia;nome;masp;data_inicio;data_desligamento;valor_remuneracao\n"
    "2023/01;ANA SILVA;151395611;2021-09-03;31/01/2023;1151,76\n"
    "2023/02;JOÃO SOUZA;151397361;2022-07-19;;1.151,76\n"
)
SOURCE_FIELDS = [
    {"name": "ano_mesreferencia", "type": "string"},
    {"name": "nome", "type": "string"},
    {"name": "masp", "type": "integer"},
    {"name": "data_inicio", "type": "date"},
    {"name": "data_desligamento", "type": "date"},
    {"name": "valor_remuneracao", "type": "string"},
]


def state_repository(root: Path) -> Path:
    """An agency repository as the state keeps one; returns the repository's folder."""
    repo = root / "estagiarios-teste"
    data = repo / "dataset" / "data"
    data.mkdir(parents=True)
    for year in (2022, 2023):
        (data / f"estagiarios_{year}.csv").write_bytes(CSV_2023.replace("2023/", f"{year}/").encode("utf-8-sig"))
    descriptor: dict[str, Any] = {
        "name": "estagiarios-teste",
        "title": "Estagiários",
        "owner_org": LONG_SLUG,
        "profile": "data-package",
        "version": "1.2.0",
        "Frequência de atualização": "mensal",
        "licenses": [
            {"name": "CC-BY-4.0", "title": "Creative Commons", "path": "https://creativecommons.org/licenses/by/4.0/"}
        ],
        "resources": [
            {
                "name": f"estagiarios_{year}",
                "path": f"data/estagiarios_{year}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "encoding": "utf-8-sig",
                "dialect": {"delimiter": ";"},
                "hashing": "md5",
                "scheme": "file",
                "schema": {"fields": [dict(f) for f in SOURCE_FIELDS]},
            }
            for year in (2022, 2023)
        ],
    }
    (repo / "dataset" / "datapackage.json").write_text(
        json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return repo


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """A catalogue whose organizations.json knows the agency by a short slug and its portal title."""
    folder = tmp_path / "datapackages"
    folder.mkdir()
    orgs = [{"name": "seplag", "title": "Secretaria de Estado de Planejamento e Gestão - SEPLAG"}]
    (folder / "organizations.json").write_text(json.dumps(orgs, ensure_ascii=False), encoding="utf-8")
    return folder


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*.csv")}


def invoke(catalogue: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(
        app,
        ["adopt", *args],
        env={"PUBLISHER_DATAPACKAGES_DIR": str(catalogue), "PUBLISHER_ROOT": str(catalogue.parent)},
    )
    return result.exit_code, result.stdout


def test_adopt_fills_what_can_be_read_and_validate_lists_exactly_its_todos(tmp_path: Path, catalogue: Path) -> None:
    repo = state_repository(tmp_path)
    data_before = digests(repo)
    code, out = invoke(catalogue, str(repo), "--yes", "--json")
    assert code == 0, out
    answer = json.loads(out)
    assert answer["written"] is True
    assert {f["path"]: f["created"] for f in answer["files"]} == {"datapackage.json": False, "CHANGELOG.md": True}

    assert digests(repo) == data_before  # the data files are byte-identical
    descriptor = json.loads((repo / "dataset" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["owner_org"] == "seplag"
    assert descriptor["frequência de atualização"] == "mensal" and "Frequência de atualização" not in descriptor
    fields = {f["name"]: f for f in descriptor["resources"][1]["schema"]["fields"]}
    assert fields["data_inicio"]["format"] == "default"  # ISO dates: Table Schema's default
    assert fields["data_desligamento"]["format"] == "%d/%m/%Y"  # read from the data
    assert fields["masp"]["format"] == "default" and fields["masp"]["type"] == "integer"
    assert fields["nome"]["title"].startswith("TODO:") and fields["nome"]["description"].startswith("TODO:")
    assert "1.2.0" in (repo / "dataset" / "CHANGELOG.md").read_text(encoding="utf-8")

    report = validate_package(PackageDir(repo / "dataset"), Settings(root=tmp_path, datapackages_dir=catalogue))
    todos = {e.field for e in report.errors if e.severity == "todo"}
    assert todos == set(answer["todos"])
    assert {"homepage", "contributors[0].email", 'resources["estagiarios_2023"].schema.fields["nome"].title'} <= todos
    # Nothing but the TODOs: `dataset/` is at home in the profile, so not even a folder-name warning.
    others = [e.message for e in report.errors if e.severity != "todo"]
    assert others == []


def test_adopt_shows_the_diff_and_writes_nothing_unless_told(tmp_path: Path, catalogue: Path) -> None:
    repo = state_repository(tmp_path)
    descriptor_before = (repo / "dataset" / "datapackage.json").read_bytes()
    for extra in (["--dry-run"], []):  # the test runner is not an interactive session
        code, out = invoke(catalogue, str(repo / "dataset"), "--lang", "en", *extra)
        assert code == 0, out
        assert "+++ b/datapackage.json" in out and "--- /dev/null" in out and "+++ b/CHANGELOG.md" in out
        assert f'-  "owner_org": "{LONG_SLUG}",' in out and '+  "owner_org": "seplag",' in out
        assert "Nothing was written." in out
    assert (repo / "dataset" / "datapackage.json").read_bytes() == descriptor_before
    assert not (repo / "dataset" / "CHANGELOG.md").exists()


def test_adopting_twice_changes_nothing_the_second_time(tmp_path: Path, catalogue: Path) -> None:
    repo = state_repository(tmp_path)
    assert invoke(catalogue, str(repo), "--yes")[0] == 0
    again = adopt(repo, catalogue)
    assert (again.changed, again.diff(), again.filled) == (False, "", [])


def test_adopt_keeps_a_known_slug_and_an_existing_changelog(tmp_path: Path, catalogue: Path) -> None:
    repo = state_repository(tmp_path)
    path = repo / "dataset" / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["owner_org"] = "seplag"
    del descriptor["version"]
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    (repo / "dataset" / "CHANGELOG.md").write_text("# CHANGELOG\n\n### [2.1.0] - 2024-05-02\n\n- x\n", encoding="utf-8")
    adoption = adopt(repo, catalogue)
    assert adoption.descriptor["owner_org"] == "seplag"
    assert adoption.descriptor["version"] == "2.1.0"  # the version the agency's CHANGELOG states
    assert [c.path for c in adoption.changes] == ["datapackage.json"]


def test_an_unknown_organization_becomes_a_todo(tmp_path: Path, catalogue: Path) -> None:
    repo = state_repository(tmp_path)
    path = repo / "dataset" / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["owner_org"] = "Secretaria Inexistente"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    adoption = adopt(repo, catalogue)
    assert adoption.descriptor["owner_org"].startswith("TODO:") and "owner_org" in adoption.todos


def test_no_package_is_a_usage_error_and_a_broken_descriptor_exits_1(tmp_path: Path, catalogue: Path) -> None:
    code, out = invoke(catalogue, str(tmp_path), "--json")
    assert code == 2 and json.loads(out)["error"]["code"] == "no-package"
    repo = state_repository(tmp_path)
    (repo / "dataset" / "datapackage.json").write_text('{"name": "x",', encoding="utf-8")
    code, out = invoke(catalogue, str(repo), "--json")
    assert code == 1 and json.loads(out)["error"]["code"] == "unreadable"
