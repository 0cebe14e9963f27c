"""Against the real local CKAN: a package keeping its schemas and dialects in files of their own
(as the state's payroll package does) and its tables gzipped (as the budget packages do)
publishes in one run; the portal holds each schema inline and the very `.csv.gz` the package
holds, and a second run finds nothing to change."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil

import ckanapi
import requests
from fixtures_publish import TmpCatalogue, only, show

from publisher.ckan.slugs import resource_key
from publisher.sync.apply import publish


def _externalize_and_gzip(catalogue: TmpCatalogue, name: str) -> dict[str, object]:
    """Moves each schema and dialect to a file and gzips each table; returns the schemas by resource."""
    folder = catalogue.path(name)
    d = catalogue.descriptor(name)
    schemas: dict[str, object] = {}
    for res in d["resources"]:
        schemas[res["name"]] = res["schema"]
        for prop in ("schema", "dialect"):
            if prop in res:
                rel = f"{prop}-{res['name']}.json"
                (folder / rel).write_text(json.dumps(res[prop], ensure_ascii=False), encoding="utf-8")
                res[prop] = rel
        table = folder / res["path"]
        with table.open("rb") as fin, gzip.open(table.with_name(table.name + ".gz"), "wb") as fout:
            shutil.copyfileobj(fin, fout)
        table.unlink()
        res["path"] += ".gz"
    catalogue.write(name, d)
    return schemas


def test_external_schemas_are_inlined_and_gzipped_tables_published_as_they_are(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN
) -> None:
    name = catalogue.add()
    schemas = _externalize_and_gzip(catalogue, name)
    settings = catalogue.settings()
    out = only(publish(settings), name)
    assert (out.action, out.public, out.error_message) == ("created", True, None)
    by_name = {resource_key(r): r for r in show(ckan, name)["resources"]}
    local = catalogue.descriptor(name)["resources"]
    for res in local:
        stored = by_name[res["name"]]
        assert json.loads(stored["schema"]) == schemas[res["name"]]
        assert (stored["format"], stored["mimetype"], stored["compression"]) == ("CSV", "application/gzip", "gz")
        packed = (catalogue.path(name) / res["path"]).read_bytes()
        # Exactly the archive: the bytes as sent, before any HTTP content decoding.
        got = requests.get(stored["url"], timeout=30, stream=True)
        assert got.status_code == 200 and got.raw.read(decode_content=False) == packed
        assert stored["hash"] == "sha256:" + hashlib.sha256(packed).hexdigest()
    assert only(publish(settings), name).action == "unchanged"
