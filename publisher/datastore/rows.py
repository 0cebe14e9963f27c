"""The rows of a published table, typed by its Table Schema, streamed in batches.

Read with frictionless' row stream, the same reader that validated the file: the state's
dialects come out right with no code of ours (`;` delimiters, decimal comma and thousands
dot, `windows-1252` / `latin-1` / `utf-8-sig`, `.gz` and single-file `.zip`, `missingValues`
as null, dates in `%d/%m/%Y`), and what is loaded is exactly what passed validation. Polars
would parse faster but reads neither windows-1252 nor per-field decimal and date formats, and
the DataStore's inserts, not the parse, bound the load. One batch is in memory at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from publisher.datastore.schema import cell, schema_fields

if TYPE_CHECKING:
    from frictionless import Resource

# The formats frictionless reads as a delimited table; spreadsheets are published as files only.
TABLE_FORMATS = frozenset({"csv", "tsv"})


@dataclass(frozen=True)
class TableSource:
    """One tabular resource of a package, as the portal holds it."""

    name: str
    title: str
    path: Path
    size: int
    sha256: str
    schema: dict[str, Any]
    dialect: dict[str, Any] | None
    encoding: str | None
    format: str
    compression: str | None
    wanted: bool  # not opted out with `"datastore": false`

    @property
    def hash(self) -> str:
        """As the resource's `hash` field writes it."""
        return f"sha256:{self.sha256}"

    def frictionless(self) -> Resource:
        from frictionless import Resource  # here: the CLI imports this module for every command

        # Foreign keys point at the package's other tables: checked by validation, and a table
        # read alone cannot resolve them.
        schema = {k: v for k, v in self.schema.items() if k != "foreignKeys"}
        descriptor: dict[str, Any] = {
            "name": self.name,
            "path": self.path.name,
            "format": self.format,
            "schema": schema,
        }
        if self.dialect:
            descriptor["dialect"] = self.dialect
        if self.encoding:
            descriptor["encoding"] = self.encoding
        if self.compression:
            descriptor["compression"] = self.compression
        return Resource(descriptor, basepath=str(self.path.parent))


def record_batches(source: TableSource, batch_rows: int) -> Iterator[list[dict[str, Any]]]:
    """The table's rows as DataStore records, `batch_rows` at a time."""
    names = [f["name"] for f in schema_fields(source.schema)]
    batch: list[dict[str, Any]] = []
    with source.frictionless() as table:
        for row in table.row_stream:
            batch.append({n: cell(row[n]) for n in names})
            if len(batch) >= batch_rows:
                yield batch
                batch = []
    if batch:
        yield batch


def count_rows(source: TableSource) -> int:
    """Data rows in the file (header excluded), streamed."""
    with source.frictionless() as table:
        return sum(1 for _ in table.row_stream)
