"""One package as a `dcat:Dataset` with a `dcat:Distribution` per resource (DCAT-AP 3).

Text from the descriptor is Portuguese (the profile asks for it), so every literal a person
reads carries `@pt`. Files are sized and hashed from the package itself (sha256, read in
chunks), so `dcat:byteSize` and `spdx:checksum` say exactly what the portal serves.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from publisher.catalog import sha256_file
from publisher.dcat.vocab import (
    COMPRESSIONS,
    DCAT,
    FORMATS,
    FREQUENCIES,
    LOCN,
    PORTUGUESE,
    SPDX,
    VCARD,
    media_type,
)
from publisher.facts import parse_issued
from publisher.package_files import PackageFileError, optional_package_file, package_file
from publisher.profile import folded_key, frequency_of
from publisher.vocabularies import theme_uris

PT = "pt"
# The newest dated entry of a Keep a Changelog file: "## [1.1.0] - 2026-12-01".
CHANGELOG_RELEASE = re.compile(r"^##\s*\[?v?[0-9][^\]\s]*\]?\s*[-–]\s*(\d{4}-\d{2}-\d{2})", re.MULTILINE)
MAX_CHANGELOG_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Addresses:
    """Where things live: the portal's pages when its address is known, else stable URNs."""

    portal: str | None

    def dataset(self, name: str) -> URIRef:
        return URIRef(f"{self.portal}/dataset/{name}" if self.portal else f"urn:dados-abertos-mg:dataset:{name}")

    def organization(self, slug: str) -> URIRef:
        return URIRef(
            f"{self.portal}/organization/{slug}" if self.portal else f"urn:dados-abertos-mg:organization:{slug}"
        )

    def catalogue(self) -> URIRef:
        return URIRef(f"{self.portal}/catalog" if self.portal else "urn:dados-abertos-mg:catalog")


def _text(value: object) -> Literal | None:
    return Literal(value.strip(), lang=PT) if isinstance(value, str) and value.strip() else None


def _date(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", folded_key(value)).strip("-")


def _publisher_contact(descriptor: Mapping[str, Any]) -> Mapping[str, Any] | None:
    for person in descriptor.get("contributors") or []:
        if isinstance(person, dict) and person.get("role") == "publisher":
            return person
    return None


def last_release(package_dir: Path) -> date | None:
    """The date of the CHANGELOG's newest release, when it gives one: when the data last changed."""
    try:
        raw = optional_package_file(package_dir, "CHANGELOG.md", MAX_CHANGELOG_BYTES)
    except PackageFileError:
        return None
    if raw is None:
        return None
    dates = [parse_issued(m) for m in CHANGELOG_RELEASE.findall(raw.decode("utf-8", errors="replace"))]
    known = [d for d in dates if d is not None]
    return max(known) if known else None


class DatasetWriter:
    """Adds one package's triples to a graph."""

    def __init__(self, graph: Graph, where: Addresses, organizations: Mapping[str, Mapping[str, Any]]) -> None:
        self.g = graph
        self.where = where
        self.organizations = organizations

    def add(self, descriptor: Mapping[str, Any], package_dir: Path, name: str) -> URIRef:
        g = self.g
        ds = self.where.dataset(name)
        g.add((ds, RDF.type, DCAT.Dataset))
        g.add((ds, DCTERMS.identifier, Literal(name)))
        for prop, key in ((DCTERMS.title, "title"), (DCTERMS.description, "description")):
            value = _text(descriptor.get(key))
            if value is not None:
                g.add((ds, prop, value))
        g.add((ds, DCTERMS.language, PORTUGUESE))
        if self.where.portal:
            g.add((ds, DCAT.landingPage, ds))
        if isinstance(descriptor.get("homepage"), str):
            g.add((ds, FOAF.page, URIRef(descriptor["homepage"])))
        if isinstance(descriptor.get("version"), str):
            g.add((ds, DCAT.version, Literal(descriptor["version"])))
            g.add((ds, OWL.versionInfo, Literal(descriptor["version"])))
        self._publisher(ds, descriptor)
        self._contact(ds, descriptor)
        self._frequency(ds, descriptor)
        self._licence(ds, descriptor)
        self._subjects(ds, descriptor)
        self._coverage(ds, descriptor)
        self._dates(ds, descriptor, package_dir)
        licence = next(iter(self.g.objects(ds, DCTERMS.license)), None)
        for index, resource in enumerate(descriptor.get("resources") or []):
            if isinstance(resource, dict):
                g.add((ds, DCAT.distribution, self._distribution(ds, index, resource, package_dir, licence)))
        return ds

    def _publisher(self, ds: URIRef, descriptor: Mapping[str, Any]) -> None:
        slug = descriptor.get("owner_org")
        if not isinstance(slug, str):
            return
        agent = self.where.organization(slug)
        declared = self.organizations.get(slug, {})
        self.g.add((ds, DCTERMS.publisher, agent))
        self.g.add((agent, RDF.type, FOAF.Agent))
        self.g.add((agent, RDF.type, FOAF.Organization))
        self.g.add((agent, FOAF.name, _text(declared.get("title")) or Literal(slug)))
        self.g.add((agent, DCTERMS.identifier, Literal(slug)))
        if isinstance(declared.get("homepage"), str):
            self.g.add((agent, FOAF.homepage, URIRef(declared["homepage"])))

    def _contact(self, ds: URIRef, descriptor: Mapping[str, Any]) -> None:
        person = _publisher_contact(descriptor)
        if person is None:
            return
        card = BNode()
        self.g.add((ds, DCAT.contactPoint, card))
        self.g.add((card, RDF.type, VCARD.Organization))
        self.g.add((card, RDF.type, VCARD.Kind))
        name = _text(person.get("title"))
        if name is not None:
            self.g.add((card, VCARD.fn, name))
        if isinstance(person.get("email"), str):
            self.g.add((card, VCARD.hasEmail, URIRef(f"mailto:{person['email'].strip()}")))
        if isinstance(person.get("path"), str):
            self.g.add((card, VCARD.hasURL, URIRef(person["path"])))

    def _frequency(self, ds: URIRef, descriptor: Mapping[str, Any]) -> None:
        written = frequency_of(dict(descriptor))
        uri = FREQUENCIES.get(written.strip().casefold()) if written else None
        if uri is None:
            return
        self.g.add((ds, DCTERMS.accrualPeriodicity, uri))
        self.g.add((uri, RDF.type, DCTERMS.Frequency))
        self.g.add((uri, SKOS.prefLabel, Literal(written.strip(), lang=PT)))  # type: ignore[union-attr]

    def _licence(self, ds: URIRef, descriptor: Mapping[str, Any]) -> None:
        for licence in descriptor.get("licenses") or []:
            if not isinstance(licence, dict) or not isinstance(licence.get("path"), str):
                continue
            doc = URIRef(licence["path"])
            self.g.add((ds, DCTERMS.license, doc))
            self.g.add((doc, RDF.type, DCTERMS.LicenseDocument))
            for key in ("title", "name"):
                if isinstance(licence.get(key), str):
                    self.g.add((doc, DCTERMS.title if key == "title" else DCTERMS.identifier, Literal(licence[key])))
        rights = _text(descriptor.get("rights"))
        if rights is not None:
            statement = BNode()
            self.g.add((ds, DCTERMS.rights, statement))
            self.g.add((statement, RDF.type, DCTERMS.RightsStatement))
            self.g.add((statement, RDFS.label, rights))

    def _subjects(self, ds: URIRef, descriptor: Mapping[str, Any]) -> None:
        for keyword in descriptor.get("keywords") or []:
            value = _text(keyword)
            if value is not None:
                self.g.add((ds, DCAT.keyword, value))
        for theme in descriptor.get("themes") or []:
            label = _text(theme)
            if label is None:
                continue
            concept = URIRef(f"{self.where.catalogue()}#tema-{_slug(str(theme))}")
            self.g.add((ds, DCAT.theme, concept))
            self.g.add((concept, RDF.type, SKOS.Concept))
            self.g.add((concept, SKOS.prefLabel, label))
        # The EU data themes too (what the European data portal files datasets under), the
        # same ones the portal's DCAT extras carry.
        for uri in theme_uris([str(t) for t in descriptor.get("themes") or []]):
            self.g.add((ds, DCAT.theme, URIRef(uri)))

    def _coverage(self, ds: URIRef, descriptor: Mapping[str, Any]) -> None:
        temporal = descriptor.get("temporal")
        if isinstance(temporal, dict):
            start, end = parse_issued(temporal.get("start")), parse_issued(temporal.get("end"))
            if start or end:
                period = BNode()
                self.g.add((ds, DCTERMS.temporal, period))
                self.g.add((period, RDF.type, DCTERMS.PeriodOfTime))
                if start:
                    self.g.add((period, DCAT.startDate, _date(start)))
                if end:
                    self.g.add((period, DCAT.endDate, _date(end)))
        place = _text(descriptor.get("spatial"))
        if place is not None:
            location = BNode()
            self.g.add((ds, DCTERMS.spatial, location))
            self.g.add((location, RDF.type, DCTERMS.Location))
            self.g.add((location, SKOS.prefLabel, place))
            self.g.add((location, LOCN.geographicName, place))

    def _dates(self, ds: URIRef, descriptor: Mapping[str, Any], package_dir: Path) -> None:
        issued = parse_issued(descriptor.get("issued"))
        if issued is not None:
            self.g.add((ds, DCTERMS.issued, _date(issued)))
        modified = last_release(package_dir)
        if modified is not None:
            self.g.add((ds, DCTERMS.modified, _date(modified)))

    def _distribution(
        self, ds: URIRef, index: int, resource: Mapping[str, Any], package_dir: Path, licence: Node | None
    ) -> URIRef:
        g = self.g
        name = resource.get("name") if isinstance(resource.get("name"), str) else f"recurso-{index + 1}"
        dist = URIRef(f"{ds}#{name}")
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.identifier, Literal(name)))
        for prop, key in ((DCTERMS.title, "title"), (DCTERMS.description, "description")):
            value = _text(resource.get(key))
            if value is not None:
                g.add((dist, prop, value))
        if licence is not None:
            g.add((dist, DCTERMS.license, licence))
        path = resource.get("path")
        if isinstance(path, str) and path.startswith(("http://", "https://")):
            g.add((dist, DCAT.downloadURL, URIRef(path)))
            g.add((dist, DCAT.accessURL, URIRef(path)))
        else:
            # The resource's own address is minted by the portal when it is uploaded; what is
            # known from the package alone is the dataset's page, where each file is offered.
            g.add((dist, DCAT.accessURL, ds))
            if isinstance(path, str):
                self._file_facts(dist, package_dir, path)
        self._format(dist, resource)
        return dist

    def _file_facts(self, dist: URIRef, package_dir: Path, rel: str) -> None:
        try:
            file = package_file(package_dir, rel)
        except PackageFileError:
            return
        if not file.is_file():
            return
        self.g.add((dist, DCAT.byteSize, Literal(file.stat().st_size, datatype=XSD.nonNegativeInteger)))
        checksum = BNode()
        self.g.add((dist, SPDX.checksum, checksum))
        self.g.add((checksum, RDF.type, SPDX.Checksum))
        self.g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        self.g.add((checksum, SPDX.checksumValue, Literal(sha256_file(file), datatype=XSD.hexBinary)))

    def _format(self, dist: URIRef, resource: Mapping[str, Any]) -> None:
        fmt = str(resource.get("format") or "").strip().lower()
        known = FORMATS.get(fmt)
        if known is not None:
            self.g.add((dist, DCTERMS.format, known[0]))
        compression = str(resource.get("compression") or "").strip().lower()
        path = str(resource.get("path") or "")
        if not compression and path.endswith((".gz", ".zip")) and fmt != "zip":
            compression = path.rsplit(".", 1)[1]
        declared = resource.get("mediatype")
        if compression in COMPRESSIONS:
            self.g.add((dist, DCAT.mediaType, media_type(COMPRESSIONS[compression])))
            self.g.add((dist, DCAT.compressFormat, media_type(COMPRESSIONS[compression])))
        elif isinstance(declared, str) and "/" in declared:
            self.g.add((dist, DCAT.mediaType, media_type(declared)))
        elif known is not None:
            self.g.add((dist, DCAT.mediaType, media_type(known[1])))
