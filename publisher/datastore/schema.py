"""A Table Schema as CKAN's DataStore takes it: typed columns and the data dictionary.

Column types follow the schema (not a guess from the data), so `datastore_search` and the
SQL API sort and filter numbers as numbers and dates as dates. `info.label` and `info.notes`
are what CKAN's resource page shows as the data dictionary: the field's title and description.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, Final

# Table Schema type -> DataStore (PostgreSQL) column type; anything else is kept as text.
COLUMN_TYPES: Final[dict[str, str]] = {
    "integer": "int8",
    "number": "numeric",
    "date": "date",
    "datetime": "timestamp",
    "boolean": "bool",
}
TEXT: Final = "text"


def column_type(field: dict[str, Any]) -> str:
    return COLUMN_TYPES.get(str(field.get("type") or "string"), TEXT)


def field_info(field: dict[str, Any]) -> dict[str, str]:
    """The data dictionary entry of one field: its title as label, its description as notes."""
    info = {"label": field.get("title"), "notes": field.get("description")}
    return {k: v.strip() for k, v in info.items() if isinstance(v, str) and v.strip()}


def schema_fields(schema: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in schema.get("fields") or [] if isinstance(f, dict) and isinstance(f.get("name"), str)]


def datastore_fields(schema: dict[str, Any], kept: dict[str, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """`fields` for `datastore_create`. `kept` is the dictionary the table had before a reload
    (by column): what was added on the portal (e.g. a type override) stays, label and notes
    come from the schema, which the package owns."""
    out = []
    for f in schema_fields(schema):
        info = {**(kept or {}).get(f["name"], {}), **field_info(f)}
        entry: dict[str, Any] = {"id": f["name"], "type": column_type(f)}
        if info:
            entry["info"] = info
        out.append(entry)
    return out


def primary_key(schema: dict[str, Any]) -> list[str]:
    """The schema's primary key (validated unique and non-null before publishing): an index the
    DataStore's API and SQL lookups use, and a guard against a batch sent twice."""
    key = schema.get("primaryKey")
    if isinstance(key, str):
        return [key]
    return [k for k in key if isinstance(k, str)] if isinstance(key, list) else []


def cell(value: Any) -> Any:
    """A typed cell as JSON the DataStore casts to its column: decimals as text (no float
    rounding), dates and times in ISO 8601, arrays and objects as JSON text."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)
