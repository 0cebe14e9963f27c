"""Publishing from an agency's own repository: the package lives in `dataset/`, the commands run
in the repository with no PATH (or with `dataset/`), and the dataset goes by its descriptor's
name, never by the folder's. Against the real local portal."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import ckanapi
import pytest
from fixtures_publish import REPO, SOURCE_PACKAGE, TmpCatalogue, show
from typer.testing import CliRunner

from publisher.catalog import resolve_targets
from publisher.cli import _register, app

_register()
runner = CliRunner()


def agency_repository(catalogue: TmpCatalogue, root: Path) -> tuple[Path, str]:
    """A repository with its package in `dataset/` (a copy of a small valid package, under a
    unique name registered for purge); the catalogue keeps only organizations.json."""
    name = catalogue.make_name("repo")
    repo = root / "repositorio-do-orgao"
    shutil.copytree(REPO / "datapackages" / SOURCE_PACKAGE, repo / "dataset")
    path = repo / "dataset" / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["name"], descriptor["owner_org"] = name, catalogue.org
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    catalogue.cleanup.dataset(name)
    return repo, name


def cli(catalogue: TmpCatalogue, *args: str) -> tuple[int, str]:
    env = {
        "PUBLISHER_ROOT": str(catalogue.root),
        "PUBLISHER_DATAPACKAGES_DIR": str(catalogue.dir),
        "CKAN_URL": catalogue.ckan_url,
        "CKAN_API_TOKEN_FILE": str(catalogue.token_file),
        "CKAN_API_TOKEN": None,
    }
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout


def test_no_path_finds_the_repository_package_only_when_there_is_no_catalogue(tmp_path: Path) -> None:
    (tmp_path / "dataset").mkdir()
    (tmp_path / "dataset" / "datapackage.json").write_text("{}", encoding="utf-8")
    (found,) = resolve_targets([], tmp_path / "datapackages", here=tmp_path)
    assert found.path == tmp_path / "dataset"
    assert resolve_targets([], tmp_path / "datapackages", here=tmp_path / "dataset")[0].path == tmp_path / "dataset"
    assert resolve_targets([], tmp_path / "datapackages", here=tmp_path / "elsewhere") == []


def test_validate_plan_publish_verify_run_inside_an_agency_repository(
    catalogue: TmpCatalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ckan: ckanapi.RemoteCKAN
) -> None:
    repo, name = agency_repository(catalogue, tmp_path)
    monkeypatch.chdir(repo)

    code, out = cli(catalogue, "validate", "--json")
    assert code == 0, out
    assert [p["name"] for p in json.loads(out)["packages"]] == [name]

    code, out = cli(catalogue, "plan", "--json")
    assert code == 0, out
    assert [d["name"] for d in json.loads(out)["datasets"]] == [name]

    code, out = cli(catalogue, "publish", "--json")
    assert code == 0, out
    (outcome,) = json.loads(out)["datasets"]
    assert (outcome["name"], outcome["action"], outcome["public"]) == (name, "created", True)
    assert show(ckan, name)["organization"]["name"] == catalogue.org

    code, out = cli(catalogue, "verify", "--json")
    assert code == 0, out

    # As the CI workflow runs it: the package folder named, nothing changed, nothing sent.
    code, out = cli(catalogue, "publish", "dataset/", "--json")
    assert code == 0, out
    result = json.loads(out)
    assert result["write_requests"] == 0 and [d["name"] for d in result["datasets"]] == [name]
