"""External schema and dialect files (`"schema": "schema.json"`), as the state's payroll package
names them for its 155 resources: resolved inside the package, checked as if inline, their
problems shown under their own file, and never a way out of the package."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from publisher.catalog import PackageDir
from publisher.cli import _register, app
from publisher.settings import Settings
from publisher.validation.cache import cache_key
from publisher.validation.report import PackageReport
from publisher.validation.run import validate_uncached

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
_register()


def external_copy(case: Path, root: Path, *, folder: str = "") -> Path:
    """`case`, copied under `root`, with each resource's schema and dialect moved to files of their own."""
    dst = root / case.name  # the folder keeps the package's name, as the profile wants
    shutil.copytree(case, dst, ignore=shutil.ignore_patterns("expected.json"))
    descriptor = json.loads((dst / "datapackage.json").read_text(encoding="utf-8"))
    for res in descriptor["resources"]:
        for prop in ("schema", "dialect"):
            rel = f"{folder}{prop}-{res['name']}.json"
            (dst / rel).parent.mkdir(parents=True, exist_ok=True)
            (dst / rel).write_text(json.dumps(res[prop], ensure_ascii=False, indent=2), encoding="utf-8-sig")
            res[prop] = rel
    write(dst, descriptor)
    return dst


def write(folder: Path, descriptor: dict[str, Any]) -> None:
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")


def read(folder: Path) -> dict[str, Any]:
    data = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def validate(folder: Path, **settings: Any) -> PackageReport:
    return validate_uncached(PackageDir(folder), Settings(validation_cache=False, **settings))


def where(report: PackageReport) -> list[tuple[str, str | None, str | None, int | None]]:
    return sorted((p.code, p.file, p.resource, p.row) for p in report.errors)


def test_a_package_with_external_schema_and_dialect_is_valid(tmp_path: Path) -> None:
    report = validate(external_copy(CORPUS / "_base", tmp_path, folder="esquemas/"))
    assert report.valid, [p.message for p in report.errors]


@pytest.mark.parametrize("case", ["primary-key-duplicate", "type-integer-text", "foreign-key-violation"])
def test_data_errors_are_found_as_with_inline_schemas(case: str, tmp_path: Path) -> None:
    plain = validate(CORPUS / case)
    external = validate(external_copy(CORPUS / case, tmp_path))
    assert where(plain) and where(external) == where(plain)


def test_a_data_error_with_external_schema_does_not_crash_the_cli(tmp_path: Path) -> None:
    folder = external_copy(CORPUS / "primary-key-duplicate", tmp_path)
    result = CliRunner().invoke(app, ["validate", str(folder), "--json"], env={"PUBLISHER_VALIDATION_CACHE": "false"})
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 1
    codes = [e["code"] for p in json.loads(result.stdout)["packages"] for e in p["errors"]]
    assert codes == ["primary-key"]


def test_profile_problems_of_an_external_schema_are_named_under_its_file(tmp_path: Path) -> None:
    folder = external_copy(CORPUS / "_base", tmp_path)
    schema_file = folder / "schema-municipios.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8-sig"))
    del schema["fields"][1]["title"]
    schema_file.write_text(json.dumps(schema), encoding="utf-8")
    [problem] = validate(folder).errors
    assert (problem.code, problem.file, problem.resource) == ("profile-missing", "schema-municipios.json", "municipios")
    assert problem.message.startswith("schema-municipios.json")


def test_a_broken_external_schema_is_reported_once_under_its_file(tmp_path: Path) -> None:
    folder = external_copy(CORPUS / "_base", tmp_path)
    descriptor = read(folder)
    for res in descriptor["resources"]:
        res["schema"] = "schema-municipios.json"  # shared, as the payroll package shares one
    write(folder, descriptor)
    (folder / "schema-municipios.json").write_text('{"fields": [}', encoding="utf-8")
    assert where(validate(folder)) == [("json-syntax", "schema-municipios.json", None, 1)]


@pytest.mark.parametrize(
    ("ref", "code"),
    [("../fora.json", "path-traversal"), ("/etc/passwd", "path-absolute"), ("nao-existe.json", "path-missing"),
     ("https://example.org/schema.json", "path-remote")],
)  # fmt: skip
def test_an_external_schema_follows_the_data_path_rules(ref: str, code: str, tmp_path: Path) -> None:
    (tmp_path / "fora.json").write_text('{"fields": []}', encoding="utf-8")
    folder = external_copy(CORPUS / "_base", tmp_path)
    descriptor = read(folder)
    descriptor["resources"][0]["dialect"] = ref
    write(folder, descriptor)
    [problem] = validate(folder).errors
    assert (problem.code, problem.resource, problem.field) == (code, "municipios", 'resources["municipios"].dialect')


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_an_external_schema_symlinked_out_of_the_package_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "segredo.json"
    outside.write_text('{"fields": []}', encoding="utf-8")
    folder = external_copy(CORPUS / "_base", tmp_path)
    (folder / "schema-municipios.json").unlink()
    (folder / "schema-municipios.json").symlink_to(outside)
    assert [p.code for p in validate(folder).errors] == ["path-traversal"]


def test_a_changed_external_schema_is_a_new_cache_key(tmp_path: Path) -> None:
    folder = external_copy(CORPUS / "_base", tmp_path)
    settings = Settings()
    before = cache_key(PackageDir(folder), settings)
    (folder / "schema-municipios.json").write_text('{"fields": []}', encoding="utf-8")
    assert cache_key(PackageDir(folder), settings) != before
