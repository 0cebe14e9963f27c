"""Vocabularies the export maps the profile's values to: the EU Publications Office's
frequency and file-type authority tables, IANA media types, and the namespaces DCAT-AP 3 uses."""

from __future__ import annotations

from typing import Final

from rdflib import Namespace, URIRef

from publisher.vocabularies import FREQUENCY_BASE, FREQUENCY_EU, LANGUAGE_PT

# rdflib's own DCAT namespace is closed at DCAT 2 (no dcat:version): DCAT 3 terms need an open one.
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
FREQUENCY = Namespace(FREQUENCY_BASE)
FILE_TYPE = Namespace("http://publications.europa.eu/resource/authority/file-type/")
IANA = "http://www.iana.org/assignments/media-types/"

PORTUGUESE: Final = URIRef(LANGUAGE_PT)

# The state portal's frequency vocabulary mapped to the EU frequency table: one table for the
# portal's DCAT extras and this export (publisher.vocabularies), as URIs for rdflib.
FREQUENCIES: Final[dict[str, URIRef]] = {word: FREQUENCY[code] for word, code in FREQUENCY_EU.items()}

# A resource's `format` -> (EU file type, IANA media type).
FORMATS: Final[dict[str, tuple[URIRef, str]]] = {
    "csv": (FILE_TYPE["CSV"], "text/csv"),
    "json": (FILE_TYPE["JSON"], "application/json"),
    "geojson": (FILE_TYPE["GEOJSON"], "application/geo+json"),
    "xml": (FILE_TYPE["XML"], "application/xml"),
    "xlsx": (FILE_TYPE["XLSX"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "xls": (FILE_TYPE["XLS"], "application/vnd.ms-excel"),
    "ods": (FILE_TYPE["ODS"], "application/vnd.oasis.opendocument.spreadsheet"),
    "pdf": (FILE_TYPE["PDF"], "application/pdf"),
    "txt": (FILE_TYPE["TXT"], "text/plain"),
    "zip": (FILE_TYPE["ZIP"], "application/zip"),
    "svg": (FILE_TYPE["SVG"], "image/svg+xml"),
    "png": (FILE_TYPE["PNG"], "image/png"),
}

# What a compressed file downloads as (the table inside is the resource's `format`).
COMPRESSIONS: Final[dict[str, str]] = {"gz": "application/gzip", "zip": "application/zip"}


def media_type(value: str) -> URIRef:
    return URIRef(IANA + value.strip().lower())
