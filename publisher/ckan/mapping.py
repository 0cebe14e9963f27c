"""Data package descriptor <-> CKAN dataset dict.

Deterministic (same descriptor, same dict: sorted tags and extras, JSON with sorted
keys) so that a plan can compare field by field, and round-trippable: `from_dataset`
recovers the profile's fields from what `to_dataset` produced.

Profile fields without a CKAN core field go to extras twice, once for people and once
for machines. The portal shows every extra as text under "Informações adicionais", so
the Portuguese keys hold what a citizen reads ("cobertura temporal": "01/01/2021 a
31/12/2021", "temas VCGE": "Saúde; Educação"), never JSON. ckanext-dcat reads its own
keys (`issued`, `temporal_start`, `frequency` as an EU URI, `theme`...: DCAT_KEYS), which
hold the machine values; the local portal hides them from the page (`package_hide_extras`).
`from_dataset` reads dates and periods back from the DCAT keys and lists from the text
(items joined by "; ", which no VCGE theme contains, unlike ", ").

Text meant for the package's stewards never reaches the portal (`publisher.portal_notes`).
Per resource, the Table Schema and the CSV dialect travel as JSON strings: a
dict in a multipart form would be flattened to its keys.
"""

from __future__ import annotations

import json
import mimetypes
import re
import unicodedata
from typing import Any, Final

from publisher.ckan.slugs import SLUG_FIELD, resource_key
from publisher.messages import text
from publisher.package_files import DEFAULT_MAX_NOTES_BYTES
from publisher.portal_notes import description_of, notes_for
from publisher.profile import FREQUENCY_KEYS, canonical_keys, ckan_license_id, frequency_of
from publisher.validation.compressed import MEDIATYPES, compression_of, inner_suffix
from publisher.vocabularies import LANGUAGE_PT, frequency_uri, theme_uris

# CKAN extra key -> descriptor keys that feed it (first = the key `from_dataset` writes).
EXTRAS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("frequência de atualização", FREQUENCY_KEYS),
    ("data de publicação", ("issued",)),
    ("documentação", ("documentation",)),
    ("cobertura espacial", ("spatial",)),
    ("granularidade espacial", ("spatial_granularity",)),
    ("cobertura temporal", ("temporal",)),
    ("granularidade temporal", ("temporal_granularity",)),
    ("referências", ("references",)),
    ("metodologia", ("methodology",)),
    ("vocabulário", ("vocabulary",)),
    ("temas VCGE", ("themes",)),
    ("fontes", ("sources",)),
)
# How an extra's value reads as text (and back); the others are plain text.
_EXTRA_KINDS: Final[dict[str, str]] = {
    "data de publicação": "date",
    "cobertura temporal": "period",
    "referências": "list",
    "temas VCGE": "list",
    "fontes": "sources",
}
LIST_SEPARATOR: Final = "; "
# The extras ckanext-dcat's DCAT-AP profiles read (machine values; see the module's docstring).
DCAT_KEYS: Final = (
    "issued", "temporal_start", "temporal_end", "frequency", "theme", "spatial_text", "language",
    "publisher_name", "publisher_email", "publisher_url",
)  # fmt: skip
MANAGED_EXTRAS: Final = frozenset(key for key, _ in EXTRAS) | frozenset(DCAT_KEYS)

DATASET_FIELDS: Final = (
    "name", "title", "notes", "owner_org", "license_id", "version", "url",
    "author", "author_email", "maintainer", "maintainer_email",
)  # fmt: skip
RESOURCE_FIELDS: Final = (
    "name",
    "title",
    "description",
    "format",
    "mimetype",
    "encoding",
    "size",
    "hash",
    "schema",
    "dialect",
    "compression",
    "slug",
    "package_path",
)
JSON_RESOURCE_FIELDS: Final = frozenset({"schema", "dialect"})

DESCRIPTOR_RESOURCE: Final = "datapackage.json"
# The package's own files published beside the data, by the slug their resources carry.
README_RESOURCE: Final = "README.md"
CHANGELOG_RESOURCE: Final = "CHANGELOG.md"
# The whole package as one zip: its slug ends in this (the dataset's name goes before it).
ZIP_SUFFIX: Final = ".zip"
OWN_FILES: Final = frozenset({DESCRIPTOR_RESOURCE, README_RESOURCE, CHANGELOG_RESOURCE})

# CKAN license id -> the license as a descriptor names it (reverse of profile.LICENSES_TO_CKAN).
CKAN_LICENSES: Final[dict[str, dict[str, str]]] = {
    "cc-by": {
        "name": "CC-BY-4.0",
        "title": "Creative Commons Attribution 4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
    },
    "cc-by-sa": {
        "name": "CC-BY-SA-4.0",
        "title": "Creative Commons Attribution Share-Alike 4.0",
        "path": "https://creativecommons.org/licenses/by-sa/4.0/",
    },
    "cc-zero": {
        "name": "CC0-1.0",
        "title": "Creative Commons CCZero",
        "path": "https://creativecommons.org/publicdomain/zero/1.0/",
    },
    "odc-odbl": {
        "name": "ODbL-1.0",
        "title": "Open Data Commons Open Database License 1.0",
        "path": "https://opendatacommons.org/licenses/odbl/1-0/",
    },
    "odc-by": {
        "name": "ODC-By-1.0",
        "title": "Open Data Commons Attribution License 1.0",
        "path": "https://opendatacommons.org/licenses/by/1-0/",
    },
    "odc-pddl": {
        "name": "PDDL-1.0",
        "title": "Open Data Commons Public Domain Dedication and License 1.0",
        "path": "https://opendatacommons.org/licenses/pddl/1-0/",
    },
    "cc-nc": {
        "name": "CC-BY-NC-4.0",
        "title": "Creative Commons Non-Commercial 4.0",
        "path": "https://creativecommons.org/licenses/by-nc/4.0/",
    },
    "uk-ogl": {
        "name": "OGL-UK-3.0",
        "title": "UK Open Government Licence 3.0",
        "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    },
}

_TAG_BAD = re.compile(r"[^\w \-.]+", re.UNICODE)
_FORMATS: Final = {
    "csv": "CSV",
    "json": "JSON",
    "xlsx": "XLSX",
    "xls": "XLS",
    "ods": "ODS",
    "zip": "ZIP",
    "geojson": "GeoJSON",
    "xml": "XML",
    "pdf": "PDF",
    "txt": "TXT",
    "parquet": "Parquet",
    "md": "Markdown",
    "markdown": "Markdown",
}
_MIMETYPES: Final = {
    "CSV": "text/csv",
    "JSON": "application/json",
    "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ZIP": "application/zip",
    "GeoJSON": "application/geo+json",
}


class MappingError(ValueError):
    """The descriptor cannot be expressed on the portal (e.g. a license CKAN does not know).
    The code says what is wrong (worded in the catalogue); the message only names the thing."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def dumps(value: Any) -> str:
    """Canonical JSON: sorted keys, real accents, no spaces: equal data, equal text."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _contributor(descriptor: dict[str, Any], role: str) -> dict[str, Any] | None:
    for c in descriptor.get("contributors") or []:
        if isinstance(c, dict) and c.get("role") == role:
            return c
    return None


def tag_name(keyword: str) -> str | None:
    """A keyword as a CKAN tag (letters incl. accents, digits, space, -_.; 2-100 chars)."""
    tag = " ".join(_TAG_BAD.sub(" ", keyword).split())[:100].strip()
    return tag if len(tag) >= 2 else None


def _extra_value(value: Any) -> str:
    return value if isinstance(value, str) else dumps(value)


def br_date(iso: str) -> str:
    """2021-03-05 as 05/03/2021 and 2021-03 as 03/2021, as Brazilians write dates; other text as is."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", iso.strip()):
        year, month, day = m.groups()
        return f"{day}/{month}/{year}" if day else f"{month}/{year}"
    return iso


def _period_text(value: Any) -> str:
    if not isinstance(value, dict) or not any(isinstance(value.get(k), str) for k in ("start", "end")):
        return _extra_value(value)
    start, end = (br_date(v) if isinstance(v := value.get(k), str) else None for k in ("start", "end"))
    key = "ckan.period.range" if start and end else "ckan.period.from" if start else "ckan.period.until"
    return text(key, "pt", start=start, end=end)


def _item_text(item: Any) -> str:
    if isinstance(item, dict) and isinstance(item.get("title"), str):
        return f"{item['title']} ({item['path']})" if isinstance(item.get("path"), str) else item["title"]
    return item if isinstance(item, str) else dumps(item)


def extra_text(key: str, value: Any) -> str:
    """An extra's value as a citizen reads it on the dataset page."""
    kind = _EXTRA_KINDS.get(key, "text")
    if kind == "date" and isinstance(value, str):
        return br_date(value)
    if kind == "period":
        return _period_text(value)
    if kind in ("list", "sources") and isinstance(value, list):
        return LIST_SEPARATOR.join(_item_text(item) for item in value)
    return _extra_value(value)


def dcat_extras(descriptor: dict[str, Any]) -> dict[str, str]:
    """The machine values ckanext-dcat maps to DCAT-AP, under its keys (DCAT_KEYS)."""
    out: dict[str, str | None] = {"issued": _text(descriptor.get("issued")), "language": LANGUAGE_PT}
    temporal = descriptor.get("temporal")
    if isinstance(temporal, dict):
        out["temporal_start"], out["temporal_end"] = _text(temporal.get("start")), _text(temporal.get("end"))
    frequency = frequency_of(descriptor)
    out["frequency"] = frequency_uri(frequency) if frequency else None
    themes = descriptor.get("themes")
    if isinstance(themes, list):
        # Comma-joined: ckanext-dcat splits a plain value on commas (no URI holds one).
        out["theme"] = ",".join(theme_uris([t for t in themes if isinstance(t, str)])) or None
    out["spatial_text"] = _text(descriptor.get("spatial"))
    publisher = _contributor(descriptor, "publisher") or {}
    for key in ("title", "email", "path"):
        out[f"publisher_{'name' if key == 'title' else 'url' if key == 'path' else key}"] = _text(publisher.get(key))
    return {k: v for k, v in out.items() if v}


def capped_notes(description: str, readme: str | None, max_bytes: int = DEFAULT_MAX_NOTES_BYTES) -> str:
    """`notes_for`, refused over `max_bytes`: validation already tells the steward, this keeps a
    package that skipped it from sending megabytes of notes to every page of the dataset."""
    notes = notes_for(description, readme)
    size = len(notes.encode("utf-8"))
    if size > max_bytes:
        raise MappingError("notes-too-large", f"{size} > {max_bytes} bytes")
    return notes


def to_dataset(
    descriptor: dict[str, Any], readme: str | None = None, max_notes_bytes: int = DEFAULT_MAX_NOTES_BYTES
) -> dict[str, Any]:
    """The CKAN dataset fields for a descriptor (resources excluded; see `to_resource`)."""
    # Validation only warns about a key spelled otherwise (`Frequência de atualização`): publish it too.
    descriptor = canonical_keys(descriptor)[0]
    licenses = descriptor.get("licenses") or []
    license_name = licenses[0].get("name") if licenses and isinstance(licenses[0], dict) else None
    license_id = ckan_license_id(license_name) if isinstance(license_name, str) else None
    if license_id is None:
        raise MappingError("license-unknown", repr(license_name))
    publisher = _contributor(descriptor, "publisher") or {}
    maintainer = _contributor(descriptor, "maintainer") or publisher
    tags = sorted({t for k in descriptor.get("keywords") or [] if isinstance(k, str) and (t := tag_name(k))})
    extras = [{"key": k, "value": v} for k, v in dcat_extras(descriptor).items()]
    for key, sources in EXTRAS:
        value = next((descriptor[s] for s in sources if descriptor.get(s) not in (None, "", [], {})), None)
        if value is not None:
            extras.append({"key": key, "value": extra_text(key, value)})
    return {
        "name": descriptor.get("name"),
        "title": _text(descriptor.get("title")),
        "notes": capped_notes(str(descriptor.get("description") or ""), readme, max_notes_bytes) or None,
        "owner_org": descriptor.get("owner_org"),
        "license_id": license_id,
        "version": _text(descriptor.get("version")),
        "url": _text(descriptor.get("homepage")),
        "author": _text(publisher.get("title")),
        "author_email": _text(publisher.get("email")),
        "maintainer": _text(maintainer.get("title")),
        "maintainer_email": _text(maintainer.get("email")),
        "tags": [{"name": t} for t in tags],
        "extras": sorted(extras, key=lambda e: e["key"]),
    }


def ckan_format(fmt: str | None) -> str | None:
    if not fmt:
        return None
    return _FORMATS.get(fmt.strip().lower(), fmt.strip().upper())


def to_resource(res: dict[str, Any], *, size: int, sha256: str) -> dict[str, Any]:
    """CKAN resource fields for a descriptor resource and its file's size and hash."""
    compression = compression_of(res)
    fmt = ckan_format(res.get("format")) or ckan_format(inner_suffix(str(res.get("path", "")), compression))
    # A compressed table is published as the archive the package holds: the format names the
    # table inside (what a citizen looks for), the media type and `compression` what is downloaded.
    mimetype = MEDIATYPES[compression] if compression else _text(res.get("mediatype")) or _MIMETYPES.get(fmt or "")
    slug = res.get("name")
    fields: dict[str, Any] = {
        "name": _text(res.get("title")) or slug,
        SLUG_FIELD: slug,
        # Where the file sits in the package: `publisher pull` puts it back there.
        "package_path": _text(res.get("path")),
        "title": _text(res.get("title")),
        "description": _text(res.get("description")),
        "format": fmt,
        "mimetype": mimetype,
        "compression": compression,
        "encoding": _text(res.get("encoding")),
        "size": size,
        "hash": f"sha256:{sha256}",
        "schema": dumps(res["schema"]) if isinstance(res.get("schema"), dict) else None,
        "dialect": dumps(res["dialect"]) if isinstance(res.get("dialect"), dict) else None,
    }
    return {k: v for k, v in fields.items() if v is not None}


def _own_file(slug: str, key: str, fmt: str, mimetype: str, *, size: int, sha256: str) -> dict[str, Any]:
    """A file of the package itself (descriptor, README, CHANGELOG, zip) as a resource, worded
    in Portuguese whatever the run's language: the portal speaks to citizens."""
    title = text(f"ckan.resource.{key}.title", "pt")
    fields = {
        "name": title,
        "slug": slug,
        "title": title,
        "description": text(f"ckan.resource.{key}.description", "pt"),
        "format": fmt,
        "mimetype": mimetype,
        "encoding": "utf-8" if fmt != "ZIP" else None,
        "size": size,
        "hash": f"sha256:{sha256}",
    }
    return {k: v for k, v in fields.items() if v is not None}


def descriptor_resource(*, size: int, sha256: str) -> dict[str, Any]:
    """The package's datapackage.json as published (paths at the portal), beside the data."""
    return _own_file(DESCRIPTOR_RESOURCE, "descriptor", "JSON", "application/json", size=size, sha256=sha256)


def readme_resource(*, size: int, sha256: str) -> dict[str, Any]:
    return _own_file(README_RESOURCE, "readme", "Markdown", "text/markdown", size=size, sha256=sha256)


def changelog_resource(*, size: int, sha256: str) -> dict[str, Any]:
    return _own_file(CHANGELOG_RESOURCE, "changelog", "Markdown", "text/markdown", size=size, sha256=sha256)


def zip_resource(name: str, *, size: int, sha256: str) -> dict[str, Any]:
    return _own_file(name + ZIP_SUFFIX, "zip", "ZIP", "application/zip", size=size, sha256=sha256)


def portal_file_name(path: str) -> str:
    """The file name CKAN gives an upload of `path` (its `munge_filename`), the last part of
    the download URL CKAN builds."""
    name = unicodedata.normalize("NFKD", path.rsplit("/", 1)[-1].lower().strip()).encode("ascii", "ignore").decode()
    return re.sub("-+", "-", re.sub(r"[^a-zA-Z0-9_. -]", "", name).replace(" ", "-"))


def download_url(site_url: str, dataset: str, resource_id: str, path: str) -> str:
    """Where CKAN serves an uploaded file: `/dataset/<dataset>/resource/<id>/download/<file>`.
    The dataset goes by name (CKAN accepts name or id there): the URL is known before the
    dataset exists, so the first publish writes it right.

    CKAN serves the file under the name the URL ends with, and for a name such as `x.csv.gz`
    it adds `Content-Encoding: gzip`: HTTP clients (frictionless among them) then undo the
    compression the descriptor declares, and reading fails. A compressed file's URL ends at
    `/download`, which CKAN also serves: the bytes come as stored."""
    base = f"{site_url.rstrip('/')}/dataset/{dataset}/resource/{resource_id}/download"
    name = portal_file_name(path)
    return base if mimetypes.guess_type(name)[1] else f"{base}/{name}"


# -- the comparable view: only what we manage, normalised the way CKAN stores it ----------------


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return value if value.strip() else None
    return value


def _json_or_none(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def comparable_dataset(ds: dict[str, Any]) -> dict[str, Any]:
    """Managed dataset fields, flat: extras appear as `extras.<key>`; works on both sides."""
    view: dict[str, Any] = {k: _norm(ds.get(k)) for k in DATASET_FIELDS}
    org = ds.get("organization")
    if isinstance(org, dict) and org.get("name"):
        view["owner_org"] = org["name"]  # the portal answers owner_org with the id
    view["tags"] = sorted(t["name"] for t in ds.get("tags") or [] if isinstance(t, dict) and t.get("name"))
    extras = {e.get("key"): e.get("value") for e in ds.get("extras") or [] if isinstance(e, dict)}
    for key in sorted(MANAGED_EXTRAS):
        view[f"extras.{key}"] = _norm(extras.get(key))
    return view


def comparable_resource(res: dict[str, Any]) -> dict[str, Any]:
    view: dict[str, Any] = {}
    for k in RESOURCE_FIELDS:
        value = _norm(res.get(k))
        if k in JSON_RESOURCE_FIELDS:
            value = _json_or_none(value)
        elif k == "format":
            value = ckan_format(value)
        elif k == "size" and value is not None:
            value = int(value)
        view[k] = value
    return view


# -- the way back ---------------------------------------------------------------------------------


_SOURCE_ITEM = re.compile(r"(?P<title>.+) \((?P<path>https?://[^\s()]+)\)")


def _list_from_text(value: str, kind: str) -> list[Any]:
    items: list[Any] = [item.strip() for item in value.split(LIST_SEPARATOR.strip()) if item.strip()]
    if kind == "sources":
        items = [m.groupdict() if (m := _SOURCE_ITEM.fullmatch(item)) else {"title": item} for item in items]
    return items


def _extra_from_view(key: str, view: dict[str, Any]) -> Any:
    """A descriptor value back from the comparable view: machine keys first, then the text."""
    kind = _EXTRA_KINDS.get(key, "text")
    if kind == "date" and view["extras.issued"] is not None:
        return view["extras.issued"]
    if kind == "period":
        period = {k: view[f"extras.temporal_{k}"] for k in ("start", "end") if view[f"extras.temporal_{k}"]}
        if period:
            return period
    value = view[f"extras.{key}"]
    if value is None:
        return None
    parsed = _json_or_none(value)  # a value published as JSON before extras became text
    if isinstance(parsed, (dict, list)):
        return parsed
    return _list_from_text(value, kind) if kind in ("list", "sources") else value


def from_dataset(ds: dict[str, Any]) -> dict[str, Any]:
    """The descriptor a CKAN dataset (as `to_dataset` + `to_resource` make them) stands for."""
    view = comparable_dataset(ds)
    descriptor: dict[str, Any] = {
        "name": view["name"],
        "title": view["title"],
        "description": description_of(view["notes"]),
        "homepage": view["url"],
        "owner_org": view["owner_org"],
        "version": view["version"],
    }
    contributors = [{"title": view["author"], "email": view["author_email"], "role": "publisher"}]
    if (view["maintainer"], view["maintainer_email"]) != (view["author"], view["author_email"]):
        contributors.append({"title": view["maintainer"], "email": view["maintainer_email"], "role": "maintainer"})
    descriptor["contributors"] = [{k: v for k, v in c.items() if v is not None} for c in contributors]
    license_id = view["license_id"]
    descriptor["licenses"] = [dict(CKAN_LICENSES.get(license_id, {"name": license_id}))]
    descriptor["keywords"] = view["tags"]
    for key, sources in EXTRAS:
        value = _extra_from_view(key, view)
        if value is not None:
            descriptor[sources[0]] = value
    resources = []
    for res in ds.get("resources") or []:
        if resource_key(res) in OWN_FILES or resource_key(res) == f"{view['name']}{ZIP_SUFFIX}":
            continue
        r = comparable_resource(res)
        item = {
            "name": resource_key(res),
            "title": r["title"],
            "description": r["description"],
            "format": (r["format"] or "").lower() or None,
            "mediatype": r["mimetype"],
            "encoding": r["encoding"],
            "schema": r["schema"],
            "dialect": r["dialect"],
            "compression": r["compression"],
        }
        resources.append({k: v for k, v in item.items() if v is not None})
    descriptor["resources"] = resources
    return descriptor
