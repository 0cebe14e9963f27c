"""Bounded input: every package file is read from inside the package and within limits.

The bad-input corpus (tests/test_bad_inputs.py) shows what `validate` reports for each case;
these tests pin the reading helpers themselves, the publish side (a refused file stops the
package before anything is sent) and `validate --json` on a descriptor nested 100,000 deep
with the validation cache on, which used to end in a RecursionError and no JSON.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import ckanapi
import pytest
from fixtures_publish import TmpCatalogue, only
from typer.testing import CliRunner

from publisher.catalog import PackageDir, read_descriptor
from publisher.ckan.mapping import MappingError, to_dataset
from publisher.cli import _register, app
from publisher.package_files import (
    PackageFileError,
    json_too_deep,
    load_json,
    optional_package_file,
    read_package_file,
)
from publisher.sync.apply import publish
from publisher.sync.desired import build_desired
from publisher.validation.safety import long_line

BASE = Path(__file__).resolve().parent / "bad_inputs" / "_base"
DEEP = 100_000
_register()


def _package(tmp_path: Path, name: str = "atendimentos-de-saude") -> Path:
    """A state-shaped package (`;`, decimal comma, utf-8-sig CSVs) named like its folder."""
    target = tmp_path / name
    shutil.copytree(BASE, target)
    descriptor = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["name"] = name
    (target / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    return target


def _secret(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "segredo.md"
    secret.parent.mkdir()
    secret.write_text("## Metodologia\n\nSENHA-DO-SERVIDOR\n", encoding="utf-8")
    return secret


# --- reading a package file ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rel", "code"),
    [("../outside/segredo.md", "path-traversal"), ("data/../../outside/segredo.md", "path-traversal")],
)
def test_a_path_that_climbs_out_is_refused(tmp_path: Path, rel: str, code: str) -> None:
    pkg = _package(tmp_path)
    _secret(tmp_path)
    with pytest.raises(PackageFileError) as caught:
        read_package_file(pkg, rel, 1024)
    assert (caught.value.code, caught.value.rel) == (code, rel)


def test_an_absolute_path_is_refused(tmp_path: Path) -> None:
    secret = _secret(tmp_path)
    with pytest.raises(PackageFileError) as caught:
        read_package_file(_package(tmp_path), str(secret), 1024)
    assert caught.value.code == "path-absolute"


@pytest.mark.parametrize("rel", ["README.md", "CHANGELOG.md", "datapackage.json", "schema.json"])
def test_a_symlink_out_is_refused_whatever_the_file(tmp_path: Path, rel: str) -> None:
    pkg = _package(tmp_path)
    (pkg / rel).unlink(missing_ok=True)
    (pkg / rel).symlink_to(_secret(tmp_path))
    with pytest.raises(PackageFileError) as caught:
        optional_package_file(pkg, rel, 1024)
    assert caught.value.code == "path-traversal"


def test_a_symlink_inside_the_package_is_read(tmp_path: Path) -> None:
    pkg = _package(tmp_path)
    (pkg / "LEIA-ME.md").write_text("# Leia-me\n", encoding="utf-8")
    (pkg / "README.md").unlink()
    (pkg / "README.md").symlink_to("LEIA-ME.md")
    assert optional_package_file(pkg, "README.md", 1024) == b"# Leia-me\n"


def test_a_missing_optional_file_is_none(tmp_path: Path) -> None:
    pkg = _package(tmp_path)
    (pkg / "README.md").unlink()
    assert optional_package_file(pkg, "README.md", 1024) is None


def test_a_file_over_the_cap_is_refused_after_reading_no_more_than_the_cap(tmp_path: Path) -> None:
    pkg = _package(tmp_path)
    size = (pkg / "README.md").stat().st_size
    assert read_package_file(pkg, "README.md", size) == (pkg / "README.md").read_bytes()
    with pytest.raises(PackageFileError) as caught:
        read_package_file(pkg, "README.md", size - 1)
    assert (caught.value.code, caught.value.value, caught.value.params) == ("file-too-large", size, {"limit": size - 1})


# --- JSON depth ---------------------------------------------------------------------------------


def test_deep_json_is_refused_without_recursion() -> None:
    data = b'{"name": "x",\n "deep": ' + b"[" * DEEP + b"]" * DEEP + b"}"
    with pytest.raises(PackageFileError) as caught:
        load_json(data, "datapackage.json", 64)
    # The 65th opening bracket: the object is level 1, so the 64th list.
    assert caught.value.code == "json-too-deep"
    assert (caught.value.params["row"], caught.value.params["column"]) == (2, 10 + 63)


def test_brackets_inside_strings_do_not_count() -> None:
    data = json.dumps({"title": '[[[[{{{{ \\" ]]', "tags": [["a"]]}).encode()
    assert json_too_deep(data, 3) is None
    assert json_too_deep(data, 2) is not None
    assert load_json(data, "datapackage.json", 3)["tags"] == [["a"]]


def test_read_descriptor_refuses_a_deep_descriptor(tmp_path: Path) -> None:
    pkg = _package(tmp_path)
    (pkg / "datapackage.json").write_bytes(b'{"x": ' + b"[" * DEEP + b"]" * DEEP + b"}")
    with pytest.raises(PackageFileError):
        read_descriptor(PackageDir(pkg))


def test_validate_json_answers_on_a_deep_descriptor_with_the_cache_on(tmp_path: Path) -> None:
    pkg = _package(tmp_path)
    text = (pkg / "datapackage.json").read_text(encoding="utf-8")
    (pkg / "datapackage.json").write_text(text[:-1] + ', "x": ' + "[" * DEEP + "]" * DEEP + "}", encoding="utf-8")
    env: dict[str, str | None] = {k: None for k in os.environ if k.startswith("PUBLISHER_")}
    env.update(PUBLISHER_ROOT=str(tmp_path), PUBLISHER_VALIDATION_CACHE="true")
    result = CliRunner().invoke(app, ["validate", str(pkg), "--json"], env=env)
    assert result.exit_code == 1, result.output
    (package,) = json.loads(result.stdout)["packages"]
    assert [e["code"] for e in package["errors"]] == ["json-too-deep"]


# --- long lines ---------------------------------------------------------------------------------


def test_a_sparse_file_stops_at_the_first_line_over_the_limit(tmp_path: Path) -> None:
    data = tmp_path / "esparso.csv"
    data.write_bytes("id;município\n1;Belo Horizonte\n".encode("utf-8-sig"))
    os.truncate(data, 2 * 1024**3)  # costs no disk: the zeros are a hole
    assert long_line(data, 1024 * 1024) == 3


def test_a_line_is_measured_across_reads(tmp_path: Path) -> None:
    # Lines longer than one read (1 MiB): the open line's length carries over.
    data = tmp_path / "longa.csv"
    row = b"1;" + b"9" * (1536 * 1024) + b"\n"
    data.write_bytes(b"id;valor\n" + row + row)
    assert long_line(data, len(row) - 1) is None
    assert long_line(data, len(row) - 2) == 2


def test_a_compressed_file_is_measured_decompressed(tmp_path: Path) -> None:
    import gzip

    data = tmp_path / "dados.csv.gz"
    data.write_bytes(gzip.compress(b"id;valor\n" + b"9" * 5000 + b"\n"))
    assert long_line(data, 4096, "gz") == 2
    assert long_line(data, 8192, "gz") is None


# --- what reaches the portal --------------------------------------------------------------------


def test_build_desired_refuses_a_readme_linked_out(tmp_path: Path) -> None:
    pkg = _package(tmp_path)
    (pkg / "README.md").unlink()
    (pkg / "README.md").symlink_to(_secret(tmp_path))
    with pytest.raises(MappingError) as caught:
        build_desired(PackageDir(pkg))
    assert caught.value.code == "package-file-refused" and "SENHA" not in str(caught.value)


def test_build_desired_refuses_a_data_file_linked_out(tmp_path: Path) -> None:
    pkg = _package(tmp_path)
    outside = tmp_path / "outside.csv"
    shutil.move(pkg / "data/municipios.csv", outside)
    (pkg / "data/municipios.csv").symlink_to(outside)
    with pytest.raises(MappingError) as caught:
        build_desired(PackageDir(pkg))
    assert caught.value.code == "package-file-refused"


def test_notes_over_the_cap_are_not_mapped() -> None:
    descriptor = {
        "name": "x",
        "licenses": [{"name": "CC-BY-4.0"}],
        "description": "Atendimentos por município. " * 10,
    }
    assert to_dataset(descriptor, max_notes_bytes=1000)["notes"].startswith("Atendimentos")
    with pytest.raises(MappingError) as caught:
        to_dataset(descriptor, max_notes_bytes=100)
    assert caught.value.code == "notes-too-large"


def test_a_readme_linked_out_publishes_nothing_of_its_package(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN, tmp_path: Path
) -> None:
    linked, fine = catalogue.add("linked"), catalogue.add("fine")
    readme = catalogue.path(linked) / "README.md"
    readme.unlink(missing_ok=True)
    readme.symlink_to(_secret(tmp_path))
    result = publish(catalogue.settings())
    assert only(result, fine).error_message is None
    out = only(result, linked)
    assert out.error_message is not None and "README.md" in out.error_message
    with pytest.raises(ckanapi.NotFound):
        ckan.action.package_show(id=linked)
    assert "SENHA" not in json.dumps(ckan.action.package_show(id=fine))


def test_a_description_over_the_cap_publishes_nothing_of_its_package(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN
) -> None:
    name = catalogue.add("long")
    descriptor = catalogue.descriptor(name)
    descriptor["description"] += "\n\n" + "Dados mensais de atendimento. " * 100
    catalogue.write(name, descriptor)
    out = only(publish(catalogue.settings(max_notes_bytes=2000)), name)
    assert out.error_message is not None
    with pytest.raises(ckanapi.NotFound):
        ckan.action.package_show(id=name)
