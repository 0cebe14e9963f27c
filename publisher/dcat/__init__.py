"""The catalogue as DCAT-AP 3, built from the packages alone (no portal needed), for
aggregators that harvest DCAT from portals that do not serve it themselves."""

from publisher.dcat.catalogue import CatalogueExport, Skipped, build_catalogue, export_catalogue, serialize
from publisher.dcat.vocab import FORMATS, FREQUENCIES

__all__ = ["FORMATS", "FREQUENCIES", "CatalogueExport", "Skipped", "build_catalogue", "export_catalogue", "serialize"]
