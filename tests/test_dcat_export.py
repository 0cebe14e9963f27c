"""`publisher export dcat`: the catalogue as DCAT-AP 3 from the packages alone (no portal).

The packages are built here in the state's style (`;`, decimal comma, windows-1252, a `.gz`
table, the accented frequency key), and the export is read back with rdflib, as a harvester
would, in both formats.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef, namespace
from rdflib.namespace import DCTERMS, FOAF, RDF

from publisher.dcat import FREQUENCIES
from publisher.dcat.vocab import DCAT, SPDX, VCARD
from publisher.profile import FREQUENCIES as PROFILE_FREQUENCIES

REPO = Path(__file__).resolve().parents[1]
ORG = "secretaria-de-estado-de-teste-set"
EU_FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"

# DCAT-AP 3 mandatory for a dataset (title, description), and what the state's catalogue
# promises every harvester: a publisher, a licence, at least one distribution and a frequency.
MANDATORY = {
    "title": DCTERMS.title,
    "description": DCTERMS.description,
    "publisher": DCTERMS.publisher,
    "licence": DCTERMS.license,
    "distribution": DCAT.distribution,
    "frequency": DCTERMS.accrualPeriodicity,
}


def _field(name: str, title: str, type_: str, fmt: str = "default", **extra: Any) -> dict[str, Any]:
    return {"name": name, "title": title, "type": type_, "format": fmt, "description": f"{title}.", **extra}


def state_package(catalogue: Path, name: str, frequency: str = "mensal", **changes: Any) -> Path:
    """A package as the state writes one: `;`, decimal comma, windows-1252, plus a gzipped table."""
    folder = catalogue / name
    (folder / "data").mkdir(parents=True)
    rows = "município;valor;data\nBelo Horizonte;1.234,56;31/01/2022\nUberlândia;99,5;28/02/2022\n"
    (folder / "data" / "valores.csv").write_bytes(rows.encode("windows-1252"))
    (folder / "data" / "contagem.csv.gz").write_bytes(gzip.compress(b"ano,total\n2021,10\n2022,12\n", mtime=0))
    (folder / "CHANGELOG.md").write_text(
        "# Controle de alterações\n\n## [1.1.0] - 2023-03-10\n\n- Novos dados.\n\n## [1.0.0] - 2022-05-02\n\n- Início.\n",
        encoding="utf-8",
    )
    descriptor: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": name,
        "title": f"Valores por município ({name})",
        "description": "Valores por município.\n\n## Como participar\n\nEscreva.\n\n## Controle de alterações\n\nVeja.",
        "homepage": "https://www.mg.gov.br/teste",
        "owner_org": ORG,
        "version": "1.1.0",
        "issued": "2022-05",
        "contributors": [{"title": "Secretaria de Teste", "email": "dados@teste.mg.gov.br", "role": "publisher"}],
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "title": "Creative Commons Attribution 4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
            }
        ],
        "keywords": ["municípios", "valores"],
        "frequência de atualização": frequency,
        "spatial": "Minas Gerais",
        "temporal": {"start": "2022-01-01", "end": "2022-12-31"},
        "themes": ["Economia e Finanças"],
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": "valores",
                "title": "Valores por município",
                "description": "Um valor por município e data.",
                "path": "data/valores.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "windows-1252",
                "dialect": {"delimiter": ";"},
                "schema": {
                    "fields": [
                        _field("município", "Município", "string"),
                        _field("valor", "Valor", "number", decimalChar=",", groupChar="."),
                        _field("data", "Data", "date", "%d/%m/%Y"),
                    ]
                },
            },
            {
                "profile": "tabular-data-resource",
                "name": "contagem",
                "title": "Contagem por ano",
                "description": "Total por ano, compactado.",
                "path": "data/contagem.csv.gz",
                "format": "csv",
                "encoding": "utf-8",
                "schema": {"fields": [_field("ano", "Ano", "integer"), _field("total", "Total", "integer")]},
            },
        ],
    }
    descriptor.update(changes)
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    return folder


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    folder = tmp_path / "datapackages"
    folder.mkdir()
    orgs = [{"name": ORG, "title": "Secretaria de Estado de Teste - SET", "homepage": "https://www.mg.gov.br/set"}]
    (folder / "organizations.json").write_text(json.dumps(orgs, ensure_ascii=False), encoding="utf-8")
    return folder


def export(catalogue: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PUBLISHER_", "CKAN_"))}
    clean.update(
        PUBLISHER_ROOT=str(catalogue.parent),
        PUBLISHER_DATAPACKAGES_DIR=str(catalogue),
        PUBLISHER_VALIDATION_CACHE="false",
        PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
        **env,
    )
    return subprocess.run(
        [sys.executable, "-c", "from publisher.cli import main; main()", "export", "dcat", *args],
        env=clean,
        cwd=catalogue.parent,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


def missing_mandatory(g: Graph) -> dict[str, list[str]]:
    """Dataset URI -> the mandatory properties it lacks (every dataset of the catalogue)."""
    found: dict[str, list[str]] = {}
    for catalog in g.subjects(RDF.type, DCAT.Catalog):
        for ds in g.objects(catalog, DCAT.dataset):
            lacking = [label for label, prop in MANDATORY.items() if g.value(ds, prop) is None]
            if lacking:
                found[str(ds)] = lacking
    return found


def parsed(document: str, fmt: str) -> Graph:
    return Graph().parse(data=document, format={"ttl": "turtle", "jsonld": "json-ld"}[fmt])


@pytest.mark.parametrize("fmt", ["ttl", "jsonld"])
def test_both_formats_parse_back_with_every_mandatory_property(catalogue: Path, tmp_path: Path, fmt: str) -> None:
    state_package(catalogue, "valores-municipios")
    state_package(catalogue, "valores-eventos", frequency="por evento")
    out = tmp_path / f"catalogo.{fmt}"
    proc = export(catalogue, "--format", fmt, "--out", str(out), "--no-portal")
    assert proc.returncode == 0, proc.stderr
    g = parsed(out.read_text(encoding="utf-8"), fmt)
    if fmt == "jsonld":  # compact: readable keys under the same prefixes as the Turtle
        document = json.loads(out.read_text(encoding="utf-8"))
        assert document["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
        assert any(node.get("@type") == "dcat:Dataset" for node in document["@graph"])
    datasets = set(g.subjects(RDF.type, DCAT.Dataset))
    assert {str(d) for d in datasets} == {
        "urn:dados-abertos-mg:dataset:valores-municipios",
        "urn:dados-abertos-mg:dataset:valores-eventos",
    }
    assert missing_mandatory(g) == {}
    events = URIRef("urn:dados-abertos-mg:dataset:valores-eventos")
    assert g.value(events, DCTERMS.accrualPeriodicity) == URIRef(EU_FREQUENCY + "IRREG")


def test_the_mandatory_check_catches_a_dataset_without_frequency(catalogue: Path, tmp_path: Path) -> None:
    """The check itself: a graph whose dataset lost its frequency is caught (so it can fail)."""
    state_package(catalogue, "valores-municipios")
    proc = export(catalogue, "--no-portal")
    assert proc.returncode == 0, proc.stderr
    g = parsed(proc.stdout, "ttl")
    assert missing_mandatory(g) == {}
    ds = URIRef("urn:dados-abertos-mg:dataset:valores-municipios")
    g.remove((ds, DCTERMS.accrualPeriodicity, None))
    g.remove((ds, DCTERMS.publisher, None))
    assert missing_mandatory(g) == {str(ds): ["publisher", "frequency"]}


def test_every_profile_frequency_maps_to_the_eu_vocabulary() -> None:
    assert set(FREQUENCIES) == set(PROFILE_FREQUENCIES)
    assert {k: str(v).removeprefix(EU_FREQUENCY) for k, v in FREQUENCIES.items()} == {
        "diária": "DAILY",
        "semanal": "WEEKLY",
        "quinzenal": "BIWEEKLY",
        "mensal": "MONTHLY",
        "bimestral": "BIMONTHLY",
        "trimestral": "QUARTERLY",
        "anual": "ANNUAL",
        "por evento": "IRREG",
    }


def test_a_dataset_carries_the_dcat_ap_properties_with_portuguese_labels(catalogue: Path) -> None:
    folder = state_package(catalogue, "valores-municipios", frequency="trimestral")
    proc = export(catalogue, "--portal-url", "https://dados.mg.gov.br/")
    assert proc.returncode == 0, proc.stderr
    g = parsed(proc.stdout, "ttl")
    ds = URIRef("https://dados.mg.gov.br/dataset/valores-municipios")
    assert (ds, RDF.type, DCAT.Dataset) in g
    title = g.value(ds, DCTERMS.title)
    assert isinstance(title, Literal) and title.language == "pt"
    assert g.value(ds, DCTERMS.accrualPeriodicity) == URIRef(EU_FREQUENCY + "QUARTERLY")
    assert g.value(ds, DCTERMS.identifier) == Literal("valores-municipios")
    assert g.value(ds, DCTERMS.issued) == Literal("2022-05-01", datatype=namespace.XSD.date)
    assert g.value(ds, DCTERMS.modified) == Literal("2023-03-10", datatype=namespace.XSD.date)  # the CHANGELOG's newest
    assert {str(k) for k in g.objects(ds, DCAT.keyword)} == {"municípios", "valores"}
    assert all(k.language == "pt" for k in g.objects(ds, DCAT.keyword))  # type: ignore[attr-defined]
    themes = set(g.objects(ds, DCAT.theme))
    labels = {str(g.value(t, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))) for t in themes}
    assert "Economia e Finanças" in labels
    # The VCGE theme also names its EU data theme, as the portal's DCAT extras do.
    assert URIRef("http://publications.europa.eu/resource/authority/data-theme/ECON") in themes
    # publisher: the organization as a foaf:Agent, named as organizations.json names it
    agent = g.value(ds, DCTERMS.publisher)
    assert agent == URIRef(f"https://dados.mg.gov.br/organization/{ORG}")
    assert (agent, RDF.type, FOAF.Agent) in g
    assert str(g.value(agent, FOAF.name)) == "Secretaria de Estado de Teste - SET"
    # contact point: a vCard with the publisher's e-mail
    card = g.value(ds, DCAT.contactPoint)
    assert g.value(card, VCARD.hasEmail) == URIRef("mailto:dados@teste.mg.gov.br")
    # temporal and spatial coverage
    period = g.value(ds, DCTERMS.temporal)
    assert (period, RDF.type, DCTERMS.PeriodOfTime) in g
    assert g.value(period, DCAT.startDate) == Literal("2022-01-01", datatype=namespace.XSD.date)
    assert g.value(period, DCAT.endDate) == Literal("2022-12-31", datatype=namespace.XSD.date)
    assert str(g.value(g.value(ds, DCTERMS.spatial), URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))) == (
        "Minas Gerais"
    )
    assert g.value(ds, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    # the catalogue's own labels, in Portuguese
    catalog = g.value(None, DCAT.dataset, ds)
    assert any(t.language == "pt" for t in g.objects(catalog, DCTERMS.title))  # type: ignore[attr-defined]
    _check_distributions(g, ds, folder)


def _check_distributions(g: Graph, ds: URIRef, folder: Path) -> None:
    by_name = {str(g.value(d, DCTERMS.identifier)): d for d in g.objects(ds, DCAT.distribution)}
    assert set(by_name) == {"valores", "contagem"}
    for name, rel in (("valores", "data/valores.csv"), ("contagem", "data/contagem.csv.gz")):
        dist = by_name[name]
        data = (folder / rel).read_bytes()
        assert g.value(dist, DCAT.byteSize) == Literal(len(data), datatype=namespace.XSD.nonNegativeInteger)
        checksum = g.value(dist, SPDX.checksum)
        assert g.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert str(g.value(checksum, SPDX.checksumValue)) == hashlib.sha256(data).hexdigest()
        assert g.value(dist, DCAT.accessURL) == ds
        assert g.value(dist, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
        assert g.value(dist, DCTERMS.format) == URIRef("http://publications.europa.eu/resource/authority/file-type/CSV")
    iana = "http://www.iana.org/assignments/media-types/"
    assert g.value(by_name["valores"], DCAT.mediaType) == URIRef(iana + "text/csv")
    assert g.value(by_name["contagem"], DCAT.mediaType) == URIRef(iana + "application/gzip")
    assert g.value(by_name["contagem"], DCAT.compressFormat) == URIRef(iana + "application/gzip")


def test_an_invalid_package_is_left_out_and_named(catalogue: Path) -> None:
    state_package(catalogue, "valores-municipios")
    state_package(catalogue, "valores-quebrado", version="um ponto zero")
    proc = export(catalogue, "--no-portal", "--json")
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert data["datasets"] == ["valores-municipios"]
    assert [(s["name"], s["reason"]) for s in data["skipped"]] == [("valores-quebrado", "invalid")]
    assert "valores-quebrado" in data["skipped"][0]["message"]
    g = parsed(data["document"], "ttl")
    assert {str(d) for d in g.subjects(RDF.type, DCAT.Dataset)} == {"urn:dados-abertos-mg:dataset:valores-municipios"}


def test_the_same_packages_give_the_same_document(catalogue: Path) -> None:
    state_package(catalogue, "valores-municipios")
    first, second = export(catalogue, "--no-portal"), export(catalogue, "--no-portal")
    assert first.returncode == second.returncode == 0
    assert parsed(first.stdout, "ttl").isomorphic(parsed(second.stdout, "ttl"))


def test_usage_errors_exit_2(catalogue: Path) -> None:
    assert export(catalogue, "--format", "rdfxml").returncode == 2  # unknown format
    assert export(catalogue).returncode == 2  # no package


def test_the_repository_catalogue_exports_whole() -> None:
    """The catalogue kept in this repository: every package in, every mandatory property there."""
    proc = subprocess.run(
        [sys.executable, "-c", "from publisher.cli import main; main()", "export", "dcat", "--json"],
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith(("PUBLISHER_", "CKAN_"))},
            "PUBLISHER_ROOT": str(REPO),
            "PUBLISHER_VALIDATION_CACHE": "false",
            "CKAN_URL": "https://dados.mg.gov.br",
            "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
        },
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    packages = sorted(p.parent.name for p in (REPO / "datapackages").glob("*/datapackage.json"))
    assert sorted(data["datasets"]) == packages
    g = parsed(data["document"], "ttl")
    assert missing_mandatory(g) == {}
    assert len(list(g.subjects(RDF.type, DCAT.Dataset))) == len(packages)
