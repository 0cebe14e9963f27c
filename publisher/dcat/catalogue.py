"""The whole catalogue as one `dcat:Catalog`: every package that validates, as a dataset.

A package that does not validate is left out and named (with why), never exported half
right: what an aggregator harvests should be what the portal would accept.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final, Literal

from rdflib import Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, SKOS, XSD

from publisher.catalog import PackageDir, dataset_name, read_descriptor
from publisher.ckan.organizations import load_organizations
from publisher.dcat.dataset import Addresses, DatasetWriter
from publisher.dcat.vocab import ADMS, DCAT, DCATAP, LOCN, PORTUGUESE, SPDX, VCARD
from publisher.messages import LANGS, text
from publisher.settings import Settings
from publisher.validation import PackageReport, validate_many

RdfFormat = Literal["ttl", "jsonld"]
RDFLIB_FORMATS: Final[dict[str, str]] = {"ttl": "turtle", "jsonld": "json-ld"}


@dataclass(frozen=True)
class Skipped:
    name: str
    reason: Literal["invalid", "unreadable"]
    errors: int = 0


@dataclass
class CatalogueExport:
    graph: Graph
    catalogue: URIRef
    datasets: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


PREFIXES: Final = (
    ("dcat", DCAT),
    ("dct", DCTERMS),
    ("foaf", FOAF),
    ("skos", SKOS),
    ("vcard", VCARD),
    ("spdx", SPDX),
    ("locn", LOCN),
    ("adms", ADMS),
    ("dcatap", DCATAP),
    ("owl", OWL),
    ("xsd", XSD),
)


def _bind(g: Graph) -> None:
    for prefix, ns in PREFIXES:
        g.bind(prefix, ns, override=True)


def _describe_catalogue(g: Graph, where: Addresses) -> URIRef:
    cat = where.catalogue()
    g.add((cat, RDF.type, DCAT.Catalog))
    for prop, key in ((DCTERMS.title, "dcat.catalog.title"), (DCTERMS.description, "dcat.catalog.description")):
        for lang in LANGS:
            g.add((cat, prop, RdfLiteral(text(key, lang), lang=lang)))
    state = URIRef(f"{where.portal}/" if where.portal else "urn:dados-abertos-mg:publisher")
    g.add((cat, DCTERMS.publisher, state))
    g.add((state, RDF.type, FOAF.Agent))
    for lang in LANGS:
        g.add((state, FOAF.name, RdfLiteral(text("dcat.catalog.publisher", lang), lang=lang)))
    g.add((cat, DCTERMS.language, PORTUGUESE))
    if where.portal:
        g.add((cat, FOAF.homepage, URIRef(f"{where.portal}/")))
    return cat


def build_catalogue(
    packages: Iterable[tuple[PackageDir, PackageReport | BaseException]],
    settings: Settings,
    *,
    portal_url: str | None,
) -> CatalogueExport:
    """The graph of every valid package among `packages` (each with its validation outcome)."""
    where = Addresses(portal_url.rstrip("/") if portal_url else None)
    g = Graph()
    _bind(g)
    cat = _describe_catalogue(g, where)
    export = CatalogueExport(graph=g, catalogue=cat)
    writer = DatasetWriter(g, where, load_organizations(settings.catalogue_dir))
    for pkg, outcome in packages:
        if isinstance(outcome, BaseException):
            export.skipped.append(Skipped(pkg.path.name, "unreadable"))
            continue
        if not outcome.valid:
            errors = sum(1 for e in outcome.errors if e.blocking)
            export.skipped.append(Skipped(outcome.name or pkg.path.name, "invalid", errors))
            continue
        try:
            descriptor = read_descriptor(pkg, settings.limits)
        except (OSError, ValueError):
            export.skipped.append(Skipped(pkg.path.name, "unreadable"))
            continue
        name = dataset_name(descriptor, pkg.path)
        g.add((cat, DCAT.dataset, writer.add(descriptor, pkg.path, name)))
        export.datasets.append(name)
    _catalogue_modified(g, cat)
    return export


def _catalogue_modified(g: Graph, cat: URIRef) -> None:
    """The catalogue changed when its newest dataset did: the same packages give the same document."""
    days = [
        str(v)
        for ds in g.objects(cat, DCAT.dataset)
        for p in (DCTERMS.modified, DCTERMS.issued)
        for v in g.objects(ds, p)
    ]
    if days:
        g.add((cat, DCTERMS.modified, RdfLiteral(max(days), datatype=XSD.date)))


def export_catalogue(packages: list[PackageDir], settings: Settings, *, portal_url: str | None) -> CatalogueExport:
    """Validate `packages` (the validation cache makes an unchanged one cheap) and export the valid ones."""
    return build_catalogue(validate_many(packages, settings), settings, portal_url=portal_url)


def serialize(export: CatalogueExport, fmt: RdfFormat) -> str:
    if fmt == "jsonld":
        # Compact with the same prefixes as the Turtle: "dct:title", not the full IRI, in every key.
        context = {prefix: str(ns) for prefix, ns in PREFIXES}
        return export.graph.serialize(format="json-ld", context=context, auto_compact=True)
    return export.graph.serialize(format=RDFLIB_FORMATS[fmt])
