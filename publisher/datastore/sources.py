"""Which of a package's resources go to the DataStore, and how each is read.

A resource goes when it is a delimited table with a Table Schema, unless the package or the
resource says `"datastore": false` (a resource's own setting wins over the package's).
"""

from __future__ import annotations

from typing import Any

from publisher.catalog import PackageDir, read_descriptor
from publisher.datastore.rows import TABLE_FORMATS, TableSource
from publisher.datastore.schema import schema_fields
from publisher.package_files import DEFAULT_LIMITS, Limits
from publisher.sync.desired import DesiredDataset
from publisher.validation.compressed import compression_of, inner_suffix
from publisher.validation.resolve import inlined


def _wanted(res: dict[str, Any], descriptor: dict[str, Any]) -> bool:
    for owner in (res, descriptor):
        said = owner.get("datastore")
        if isinstance(said, bool):
            return said
    return True


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def table_sources(desired: DesiredDataset, limits: Limits = DEFAULT_LIMITS) -> list[TableSource]:
    """The package's tabular resources, opted out ones included (`wanted` False), in its order."""
    if desired.path is None:
        return []
    descriptor = inlined(read_descriptor(PackageDir(desired.path), limits), desired.path)
    files = {r.name: r for r in desired.resources}
    out = []
    for res in descriptor.get("resources") or []:
        if not isinstance(res, dict) or str(res.get("name")) not in files:
            continue
        schema, path = res.get("schema"), str(res.get("path") or "")
        compression = compression_of(res)
        fmt = (_text(res.get("format")) or inner_suffix(path, compression)).lower()
        if not isinstance(schema, dict) or not schema_fields(schema) or fmt not in TABLE_FORMATS:
            continue
        file = files[str(res["name"])]
        dialect = res.get("dialect")
        out.append(
            TableSource(
                name=file.name,
                title=_text(res.get("title")) or file.name,
                path=file.path,
                size=file.size,
                sha256=file.sha256,
                schema=schema,
                dialect=dialect if isinstance(dialect, dict) else None,
                encoding=_text(res.get("encoding")),
                format=fmt,
                compression=compression,
                wanted=_wanted(res, descriptor),
            )
        )
    return out
