"""The dataset as a citizen and an aggregator get it from the real local portal (portal/up):
the interface in Portuguese, extras as text, the exact licence, and DCAT-AP from ckanext-dcat
at /dataset/NAME.ttl|rdf|jsonld and /catalog.ttl, parsed with rdflib."""

from __future__ import annotations

import ckanapi
import pytest
import requests
from fixtures_publish import TmpCatalogue, anonymous, only, show
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from publisher.sync.apply import publish
from publisher.vocabularies import FREQUENCY_BASE, THEME_BASE

CC_BY_4 = URIRef("https://creativecommons.org/licenses/by/4.0/")
SCHEMA = "http://schema.org/"
FORMATS = {"ttl": "turtle", "rdf": "xml", "jsonld": "json-ld"}


@pytest.fixture
def published(catalogue: TmpCatalogue) -> str:
    """A state-style package (the catalogue's CRIB package under a unique name), published."""
    name = catalogue.add("dcat")
    d = catalogue.descriptor(name)
    d["themes"] = ["Saúde", "Ciência, Informação e Comunicação"]
    catalogue.write(name, d)
    assert only(publish(catalogue.settings()), name).action == "created"
    return name


def _graph(url: str, fmt: str) -> Graph:
    got = anonymous(url)
    assert got.status_code == 200, (url, got.status_code)
    # Bytes, not `.text`: the endpoints send no charset, and requests would decode text/* as
    # ISO-8859-1; RDF serialisations are UTF-8 by their specs, which rdflib follows.
    return Graph().parse(data=got.content, format=fmt)


def _dataset(graph: Graph) -> URIRef:
    (node,) = [s for s in graph.subjects(RDF.type, DCAT.Dataset) if isinstance(s, URIRef)]
    return node


def _period(graph: Graph, node: URIRef) -> tuple[str, str]:
    (period,) = graph.objects(node, DCTERMS.temporal)
    start = graph.value(period, DCAT.startDate) or graph.value(period, URIRef(SCHEMA + "startDate"))
    end = graph.value(period, DCAT.endDate) or graph.value(period, URIRef(SCHEMA + "endDate"))
    return str(start), str(end)


@pytest.mark.parametrize("ext", sorted(FORMATS))
def test_dataset_dcat_carries_what_the_package_says(
    published: str, ckan_url: str, ckan: ckanapi.RemoteCKAN, ext: str
) -> None:
    graph = _graph(f"{ckan_url}/dataset/{published}.{ext}", FORMATS[ext])
    node = _dataset(graph)
    ds = show(ckan, published)
    assert graph.value(node, DCTERMS.title) == Literal(ds["title"])
    assert str(graph.value(node, DCTERMS.description)).startswith("**Amostra ilustrativa:**")
    publisher = graph.value(node, DCTERMS.publisher)
    assert str(graph.value(publisher, FOAF.name)) == "Fundação Hospitalar do Estado de Minas Gerais - FHEMIG"
    assert graph.value(node, DCTERMS.accrualPeriodicity) == URIRef(FREQUENCY_BASE + "MONTHLY")
    assert _period(graph, node) == ("2021-01-01", "2021-12-31")
    assert str(graph.value(node, DCTERMS.issued)) == "2022-04-01"
    assert set(graph.objects(node, DCAT.theme)) == {URIRef(THEME_BASE + "HEAL"), URIRef(THEME_BASE + "TECH")}
    assert graph.value(node, DCAT.contactPoint) is not None
    distributions = set(graph.objects(node, DCAT.distribution))
    assert len(distributions) == len(ds["resources"])
    assert {graph.value(d, DCTERMS.license) for d in distributions} == {CC_BY_4}


def test_catalogue_endpoint_lists_the_dataset(published: str, ckan_url: str) -> None:
    graph = _graph(f"{ckan_url}/catalog.ttl?q=name:{published}", "turtle")
    assert list(graph.subjects(RDF.type, DCAT.Catalog))
    titles = {str(graph.value(d, DCTERMS.title)) for d in graph.subjects(RDF.type, DCAT.Dataset)}
    assert "Índice CRIB II nas UTIs neonatais da FHEMIG" in titles


def test_the_portal_speaks_portuguese_and_shows_the_exact_licence(
    published: str, ckan_url: str, ckan: ckanapi.RemoteCKAN
) -> None:
    status = requests.get(f"{ckan_url}/api/3/action/status_show", timeout=30).json()["result"]
    assert status["locale_default"] == "pt_BR"
    assert "dcat" in status["extensions"]
    ds = show(ckan, published)
    assert ds["license_title"] == "Creative Commons Atribuição 4.0 Internacional (CC BY 4.0)"
    assert ds["license_url"] == str(CC_BY_4)
    page = anonymous(f"{ckan_url}/dataset/{published}").text
    assert 'lang="pt-BR"' in page and "Informações Adicionais" in page
    assert "Creative Commons Atribuição 4.0 Internacional (CC BY 4.0)" in page


def test_extras_are_text_on_the_page_and_the_dcat_keys_stay_off_it(
    published: str, ckan_url: str, ckan: ckanapi.RemoteCKAN
) -> None:
    extras = {e["key"]: e["value"] for e in show(ckan, published)["extras"]}
    assert extras["cobertura temporal"] == "01/01/2021 a 31/12/2021"
    assert extras["temas VCGE"] == "Saúde; Ciência, Informação e Comunicação"
    assert extras["temporal_start"] == "2021-01-01"  # still in the API, for machines
    page = anonymous(f"{ckan_url}/dataset/{published}").text
    assert "01/01/2021 a 31/12/2021" in page and "01/04/2022" in page
    assert "Saúde; Ciência, Informação e Comunicação" in page
    assert "temporal_start" not in page and "publications.europa.eu" not in page
    assert '{"end"' not in page and "[&#34;" not in page and '["Sa' not in page
    # Steward instructions in the package's README never reach the page.
    assert "Se você é da FHEMIG" not in page and "publisher validate" not in page


def test_a_second_publish_plans_nothing(published: str, catalogue: TmpCatalogue) -> None:
    again = publish(catalogue.settings())
    assert only(again, published).action == "unchanged"
    assert again.write_requests == 0
