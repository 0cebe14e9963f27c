"""Against the real local CKAN: what a citizen gets with each dataset.

A package in the state's shape (`;` delimiter, decimal comma and thousands dot, a
`windows-1252` table, a gzipped table, a schema and a dialect in files of their own) is
published; then, as a citizen would, anonymously: the published datapackage.json is read by
frictionless straight from its portal address, the whole-package zip unzips into a package
that validates, resources are listed by their Portuguese titles, and README/CHANGELOG are there.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import ckanapi
import frictionless
import pytest
import requests
from fixtures_publish import TmpCatalogue, only, resources, show
from typer.testing import CliRunner

from publisher.catalog import PackageDir
from publisher.cli import _register, app
from publisher.pull import PullError, pull
from publisher.settings import Settings
from publisher.sync.apply import publish
from publisher.sync.desired import BuildOptions, build_desired
from publisher.sync.plan import plan_catalogue
from publisher.sync.verify import verify
from publisher.validation import validate_package
from publisher.validation.resolve import inlined

DESPESAS = "órgão;função;valor\nSEPLAG;Administração;1.234,56\nFHEMIG;Saúde;98.765,40\nSEDESE;Assistência;7,50\n"
RECEITAS = "mes;valor\n2024-01;10.000,00\n2024-02;12.345,67\n"


def _field(name: str, title: str, kind: str, **more: Any) -> dict[str, Any]:
    return {"name": name, "title": title, "type": kind, "format": "default", "description": f"{title}.", **more}


def state_style_package(catalogue: TmpCatalogue) -> str:
    """The README/CHANGELOG and metadata of a real package, with two tables in the state's shape."""
    name = catalogue.add("cidadao")
    folder = catalogue.path(name)
    (folder / "data" / "despesas.csv").write_bytes(DESPESAS.encode("windows-1252"))
    (folder / "data" / "receitas.csv.gz").write_bytes(gzip.compress(RECEITAS.encode("utf-8"), mtime=0))
    for leftover in (folder / "data").glob("*"):
        if leftover.name not in ("despesas.csv", "receitas.csv.gz"):
            leftover.unlink()
    number = {"decimalChar": ",", "groupChar": "."}
    despesas_schema = {
        "fields": [
            _field("orgao", "Órgão", "string"),
            _field("funcao", "Função", "string"),
            _field("valor", "Valor pago", "number", **number),
        ]
    }
    (folder / "schema-despesas.json").write_text(json.dumps(despesas_schema, ensure_ascii=False), encoding="utf-8")
    (folder / "dialect-receitas.json").write_text(json.dumps({"delimiter": ";"}), encoding="utf-8")
    common = {"profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv"}
    descriptor = catalogue.descriptor(name)
    descriptor["resources"] = [
        {**common, "name": "despesas", "title": "Despesas por órgão", "description": "Despesas pagas.",
         "path": "data/despesas.csv", "encoding": "windows-1252", "dialect": {"delimiter": ";"},
         "schema": "schema-despesas.json"},
        {**common, "name": "receitas", "title": "Receitas mensais", "description": "Receitas do mês.",
         "path": "data/receitas.csv.gz", "encoding": "utf-8", "compression": "gz",
         "dialect": "dialect-receitas.json",
         "schema": {"fields": [_field("mes", "Mês", "string"), _field("valor", "Valor", "number", **number)]}},
    ]  # fmt: skip
    # The headers as the files write them (accents) would not match the schema's plain names.
    (folder / "data" / "despesas.csv").write_bytes(DESPESAS.replace("órgão;função", "orgao;funcao").encode("cp1252"))
    catalogue.write(name, descriptor)
    return name


def _zip_settings(catalogue: TmpCatalogue) -> Settings:
    return catalogue.settings(package_zip=True)


def _descriptor_url(ckan: ckanapi.RemoteCKAN, name: str) -> str:
    return str(resources(ckan, name)["datapackage.json"]["url"])


def test_the_published_descriptor_reads_the_dataset_from_the_portal(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN
) -> None:
    name = state_style_package(catalogue)
    settings = _zip_settings(catalogue)
    assert validate_package(PackageDir(catalogue.path(name)), settings).valid
    out = only(publish(settings), name)
    assert (out.action, out.public, out.error_message) == ("created", True, None)

    on_portal = resources(ckan, name)
    published = requests.get(_descriptor_url(ckan, name), timeout=30)
    assert published.status_code == 200
    descriptor = published.json()
    local = catalogue.descriptor(name)
    for res in descriptor["resources"]:
        stored = on_portal[res["name"]]
        # Right on the first publish: the very file CKAN serves for that resource, by URL.
        assert res["path"].startswith("http") and f"/resource/{stored['id']}/download" in res["path"]
        if res["name"] == "receitas":
            # A `.gz` name would make CKAN send it `Content-Encoding: gzip`: served without one.
            assert res["path"].endswith("/download") and res["compression"] == "gz"
        else:
            assert res["path"].rsplit("/", 1)[1] == stored["url"].rsplit("/", 1)[1]
        source = catalogue.path(name) / next(r["path"] for r in local["resources"] if r["name"] == res["name"])
        got = requests.get(res["path"], timeout=30, stream=True)
        assert got.status_code == 200 and got.raw.read(decode_content=False) == source.read_bytes()
        # Nothing local is left: schema and dialect are inline.
        assert isinstance(res["schema"], dict) and isinstance(res["dialect"], dict)
    assert descriptor["resources"][0]["schema"] == json.loads(
        (catalogue.path(name) / "schema-despesas.json").read_text(encoding="utf-8")
    )

    # As a citizen would: frictionless reads and validates the dataset from the portal alone.
    report = frictionless.validate(_descriptor_url(ckan, name))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = frictionless.Package(_descriptor_url(ckan, name))
    rows = package.get_table_resource("despesas").read_rows()
    assert [(r["funcao"], float(r["valor"])) for r in rows] == [
        ("Administração", 1234.56),
        ("Saúde", 98765.40),
        ("Assistência", 7.5),
    ]
    assert [float(r["valor"]) for r in package.get_table_resource("receitas").read_rows()] == [10000.0, 12345.67]

    # A no-op stays a no-op: the descriptor written again has the same bytes.
    sha = on_portal["datapackage.json"]["hash"]
    assert plan_catalogue(settings).datasets[0].nothing_to_do
    again = publish(settings)
    assert only(again, name).action == "unchanged" and again.write_requests == 0
    assert resources(ckan, name)["datapackage.json"]["hash"] == sha
    assert verify(settings).ok


def test_resources_are_named_by_their_titles_readme_and_changelog_published(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN
) -> None:
    name = state_style_package(catalogue)
    settings = _zip_settings(catalogue)
    assert only(publish(settings), name).action == "created"
    listed = [(r["name"], r.get("slug")) for r in show(ckan, name)["resources"]]
    assert listed == [
        ("Despesas por órgão", "despesas"),
        ("Receitas mensais", "receitas"),
        ("Leia-me (README.md)", "README.md"),
        ("Histórico de alterações (CHANGELOG.md)", "CHANGELOG.md"),
        ("Conjunto completo em um arquivo (.zip)", f"{name}.zip"),
        ("Descritor do pacote de dados (datapackage.json)", "datapackage.json"),
    ]
    on_portal = resources(ckan, name)
    for own in ("README.md", "CHANGELOG.md"):
        got = requests.get(on_portal[own]["url"], timeout=30)
        assert got.status_code == 200 and got.content == (catalogue.path(name) / own).read_bytes()


def test_a_dataset_published_with_slugs_as_names_converges_without_duplicates(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN
) -> None:
    name = state_style_package(catalogue)
    settings = catalogue.settings()
    assert only(publish(settings), name).action == "created"
    before = show(ckan, name)["resources"]
    # What an earlier version of the publisher left: names are slugs, no slug field.
    for res in before:
        ckan.action.resource_patch(id=res["id"], name=res["slug"], slug="")
    assert [r["name"] for r in show(ckan, name)["resources"]] == [r["slug"] for r in before]

    plan = plan_catalogue(settings).datasets[0]
    assert {a.kind for a in plan.actions} == {"update_resource"}
    assert {a.field for a in plan.actions} == {"name", "slug"}
    out = only(publish(settings), name)
    assert (out.action, out.error_message) == ("updated", None)
    after = show(ckan, name)["resources"]
    assert [(r["id"], r["name"], r["slug"]) for r in after] == [(r["id"], r["name"], r["slug"]) for r in before]
    assert plan_catalogue(settings).datasets[0].nothing_to_do
    assert verify(settings).ok


def test_the_zip_holds_the_package_and_validates_once_unzipped(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN, tmp_path: Path
) -> None:
    name = state_style_package(catalogue)
    settings = _zip_settings(catalogue)
    assert only(publish(settings), name).action == "created"
    got = requests.get(resources(ckan, name)[f"{name}.zip"]["url"], timeout=30)
    assert got.status_code == 200
    with zipfile.ZipFile(io.BytesIO(got.content)) as zf:
        names = zf.namelist()
        zf.extractall(tmp_path / "unzipped")
    assert names == sorted(names) and set(names) == {
        "CHANGELOG.md",
        "README.md",
        "data/despesas.csv",
        "data/receitas.csv.gz",
        "datapackage.json",
    }
    folder = tmp_path / "unzipped"
    for rel in ("data/despesas.csv", "data/receitas.csv.gz", "README.md", "CHANGELOG.md"):
        assert (folder / rel).read_bytes() == (catalogue.path(name) / rel).read_bytes()
    inside = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["path"] for r in inside["resources"]] == ["data/despesas.csv", "data/receitas.csv.gz"]
    assert validate_package(PackageDir(folder), settings).valid
    assert frictionless.validate(str(folder / "datapackage.json")).valid


def test_the_zip_is_the_same_bytes_for_the_same_package(catalogue: TmpCatalogue, tmp_path: Path) -> None:
    name = state_style_package(catalogue)
    first = build_desired(PackageDir(catalogue.path(name)), build=BuildOptions(tmp_path / "a", 10**9))
    # Other file times, another build folder: the same zip, byte for byte.
    for file in catalogue.path(name).rglob("*"):
        file.touch()
    second = build_desired(PackageDir(catalogue.path(name)), build=BuildOptions(tmp_path / "b", 10**9))
    zips = [next(r for r in d.resources if r.name == f"{name}.zip") for d in (first, second)]
    assert zips[0].path != zips[1].path
    assert zips[0].path.read_bytes() == zips[1].path.read_bytes()
    assert zips[0].sha256 == hashlib.sha256(zips[1].path.read_bytes()).hexdigest()
    # Over the portal's limit, no zip is offered.
    small = build_desired(PackageDir(catalogue.path(name)), build=BuildOptions(tmp_path / "c", 100))
    assert f"{name}.zip" not in [r.name for r in small.resources]


# -- publisher pull: what is online, back as a package ------------------------------------------


def _anonymous(catalogue: TmpCatalogue) -> Settings:
    return catalogue.settings(CKAN_API_TOKEN_FILE=None, CKAN_API_TOKEN=None)


def test_pull_gives_back_the_published_package(catalogue: TmpCatalogue, tmp_path: Path) -> None:
    name = state_style_package(catalogue)
    settings = _zip_settings(catalogue)
    assert only(publish(settings), name).action == "created"
    target = tmp_path / "puxado"
    result = pull(_anonymous(catalogue), name, target)

    source = catalogue.path(name)
    for rel in ("data/despesas.csv", "data/receitas.csv.gz", "README.md", "CHANGELOG.md"):
        assert (target / rel).read_bytes() == (source / rel).read_bytes(), rel
    assert sorted(f.path for f in result.files) == sorted(
        ["data/despesas.csv", "data/receitas.csv.gz", "README.md", "CHANGELOG.md", "datapackage.json"]
    )
    # The same metadata, schemas and dialects as published (the external ones inline).
    pulled = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    assert pulled == inlined(catalogue.descriptor(name), source)
    assert validate_package(PackageDir(target), settings).valid


def test_pull_refuses_a_folder_in_the_way_and_a_file_that_does_not_match(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN, tmp_path: Path
) -> None:
    name = state_style_package(catalogue)
    settings = catalogue.settings()
    assert only(publish(settings), name).action == "created"
    target = tmp_path / "ocupada"
    target.mkdir()
    (target / "anotacoes.txt").write_text("minhas notas", encoding="utf-8")
    with pytest.raises(PullError) as refused:
        pull(settings, name, target)
    assert refused.value.code == "exists" and sorted(p.name for p in target.iterdir()) == ["anotacoes.txt"]
    pull(settings, name, target, force=True)
    assert (target / "anotacoes.txt").read_text(encoding="utf-8") == "minhas notas"
    assert (target / "data" / "despesas.csv").read_bytes() == (catalogue.path(name) / "data/despesas.csv").read_bytes()

    # The portal's record says another sha256 than the file it serves: nothing is written.
    ckan.action.resource_patch(id=resources(ckan, name)["receitas"]["id"], hash="sha256:" + "0" * 64)
    with pytest.raises(PullError) as mismatch:
        pull(settings, name, tmp_path / "nova")
    assert mismatch.value.code == "hash" and not (tmp_path / "nova").exists()
    with pytest.raises(PullError) as missing:
        pull(settings, f"{name}-nao-existe", tmp_path / "outra")
    assert missing.value.code == "not-found"


def test_pull_command_json_and_exit_codes(catalogue: TmpCatalogue, tmp_path: Path) -> None:
    name = state_style_package(catalogue)
    assert only(publish(catalogue.settings()), name).action == "created"
    _register()
    runner = CliRunner()
    env = {
        "PUBLISHER_ROOT": str(catalogue.root),
        "PUBLISHER_DATAPACKAGES_DIR": str(tmp_path / "catalogo"),
        "CKAN_URL": catalogue.ckan_url,
        "CKAN_API_TOKEN": None,
        "CKAN_API_TOKEN_FILE": None,
        "PUBLISHER_LANG": "pt",
    }
    first = runner.invoke(app, ["pull", name, "--json"], env=env)
    assert first.exit_code == 0, first.output
    answer = json.loads(first.stdout)
    assert answer["ok"] is True and answer["folder"] == str(tmp_path / "catalogo" / name)
    assert len(answer["files"]) == 5 and all(len(f["sha256"]) == 64 for f in answer["files"])
    again = runner.invoke(app, ["pull", name, "--json"], env=env)
    assert again.exit_code == 2 and json.loads(again.stdout)["error"]["code"] == "exists"
    said = runner.invoke(app, ["pull", name], env=env)
    assert said.exit_code == 2 and "já existe" in said.output
    assert runner.invoke(app, ["pull", name, "--force"], env=env).exit_code == 0


# -- the catalogue's own packages, each read back from the portal -------------------------------

CATALOGUE_PACKAGES = sorted(
    p.name
    for p in (Path(__file__).resolve().parents[1] / "datapackages").iterdir()
    if (p / "datapackage.json").is_file()
)


@pytest.mark.parametrize("source", CATALOGUE_PACKAGES)
def test_each_catalogue_package_reads_from_the_portal_and_pulls_back_whole(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN, tmp_path: Path, source: str
) -> None:
    name = catalogue.add("catalogo", source=source)
    settings = _zip_settings(catalogue)
    out = only(publish(settings), name)
    assert (out.action, out.error_message) == ("created", None)
    report = frictionless.validate(_descriptor_url(ckan, name))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])
    pull(_anonymous(catalogue), name, tmp_path / "puxado")
    for res in catalogue.descriptor(name)["resources"]:
        rel = res["path"]
        assert (tmp_path / "puxado" / rel).read_bytes() == (catalogue.path(name) / rel).read_bytes()
    assert validate_package(PackageDir(tmp_path / "puxado"), settings).valid
