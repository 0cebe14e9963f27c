"""Load a published dataset's tables into CKAN's DataStore, after its files are in place.

What was loaded is remembered on the resource itself, in `datastore_hash` (the file's
`sha256:<hex>`, as its `hash` field writes it), written only once the table is whole and its
preview view exists. Kept there, and not in the DataStore table, because `package_show` (which
every publish reads to plan) already returns it: a publish where nothing changed makes no
DataStore request at all. A file whose hash differs is reloaded whole (the table dropped and
created again, so no row is ever there twice), keeping the data dictionary entries added on
the portal; label and notes come from the Table Schema.

A DataStore failure never touches the files' publication: it is reported (`failures`), the
marker is left unwritten, and the next run tries again. The loaded table's row count is read
back and must match the file, so a batch the portal may have taken twice (a retried insert)
cannot pass as a good load.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Final

from publisher.ckan.client import CkanClient
from publisher.ckan.errors import CkanError, NotFound
from publisher.datastore.rows import TableSource, record_batches
from publisher.datastore.schema import datastore_fields, primary_key
from publisher.datastore.sources import table_sources
from publisher.messages import text
from publisher.settings import Settings
from publisher.sync.desired import DesiredDataset
from publisher.sync.messages import describe
from publisher.sync.plan import survivors

log = logging.getLogger(__name__)

MARKER: Final = "datastore_hash"
VIEW_TYPE: Final = "datatables_view"
# The portal speaks Portuguese to citizens, whatever language the operator reads.
PORTAL_LANG: Final = "pt"


class RowCountMismatch(CkanError):
    code = "datastore-rows"


@dataclass
class DataStoreReport:
    """What the DataStore step did for one dataset, worded in the run's language."""

    changes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def is_active(resource: dict[str, Any]) -> bool:
    return str(resource.get("datastore_active")).lower() == "true"


def up_to_date(source: TableSource, resource: dict[str, Any]) -> bool:
    return is_active(resource) and resource.get(MARKER) == source.hash


def sync_datastore(
    client: CkanClient,
    desired: DesiredDataset,
    portal: dict[str, Any] | None,
    settings: Settings,
) -> DataStoreReport:
    """Bring the DataStore of dataset `desired` in line with its files. `portal` is the dataset
    as the portal holds it now, or None to read it (after a publish that changed it). Never raises."""
    report = DataStoreReport()
    if not settings.datastore:
        return report
    try:
        sources = table_sources(desired, settings.limits)
        if sources and portal is None:
            portal = client.package_show(desired.name)
    except Exception as exc:  # noqa: BLE001 - the files are published; this is reported
        _failed(report, desired.name, exc, settings)
        return report
    resources = survivors(desired, portal or {})[0]  # the plan's own matching of resources
    work = [(s, resources[s.name]) for s in sources if resources.get(s.name, {}).get("id")]
    work = [(s, r) for s, r in work if _needs_work(s, r, settings, report)]
    if not work:
        return report
    package_id = str((portal or {}).get("id"))
    try:
        # A reload cut short must never pass for done, even if the file goes back to the version
        # the marker names: markers of the tables about to change go first (one request).
        _mark(client, package_id, {str(r["id"]): "" for _, r in work if r.get(MARKER)})
    except Exception as exc:  # noqa: BLE001 - reported; the next run tries again
        _failed(report, desired.name, exc, settings)
        return report
    loaded = {}
    for source, resource in work:
        try:
            if _sync_one(client, source, resource, settings, report):
                loaded[str(resource["id"])] = source.hash
        except Exception as exc:  # noqa: BLE001 - one table's failure leaves the others to load
            _failed(report, source.name, exc, settings)
            log.debug("DataStore load of %s/%s failed", desired.name, source.name, exc_info=True)
    try:
        # One request for every table loaded: a marker per table would re-save the dataset
        # (every resource re-validated and re-indexed) once per table.
        _mark(client, package_id, loaded)
    except Exception as exc:  # noqa: BLE001 - the tables are loaded but not marked: reloaded next run
        _failed(report, desired.name, exc, settings)
    return report


def _failed(report: DataStoreReport, what: str, exc: Exception, settings: Settings) -> None:
    reason = describe(exc, settings.lang, settings.token_value())[1]
    report.failures.append(text("datastore.failed", settings.lang, resource=what, reason=reason))


def _mark(client: CkanClient, package_id: str, markers: dict[str, str]) -> None:
    """Set `datastore_hash` on several resources of one dataset in one `package_revise`."""
    if markers:
        update = {f"update__resources__{rid}": {MARKER: value} for rid, value in markers.items()}
        client.call("package_revise", {"match": {"id": package_id}, **update})


def _needs_work(source: TableSource, resource: dict[str, Any], settings: Settings, report: DataStoreReport) -> bool:
    """Whether the table must be loaded (or dropped); notes a table skipped as too big."""
    if source.wanted and source.size > settings.datastore_max_bytes:
        report.notes.append(text("datastore.note.too-big", settings.lang, resource=source.name, size=source.size,
                                 limit=settings.datastore_max_bytes))  # fmt: skip
        return is_active(resource) and bool(resource.get(MARKER))
    if not source.wanted:
        return is_active(resource) and bool(resource.get(MARKER))
    return not up_to_date(source, resource)


def _sync_one(
    client: CkanClient, source: TableSource, resource: dict[str, Any], settings: Settings, report: DataStoreReport
) -> bool:
    """Load the table, or drop one no longer wanted (opted out, too big); True when loaded."""
    if not source.wanted or source.size > settings.datastore_max_bytes:
        _drop(client, str(resource["id"]))
        report.changes.append(text("datastore.change.removed", settings.lang, resource=source.name))
        return False
    rows = load_table(client, source, resource, settings.datastore_batch_rows)
    ensure_view(client, str(resource["id"]))
    report.changes.append(text("datastore.change.loaded", settings.lang, resource=source.name, rows=rows))
    return True


def _drop(client: CkanClient, resource_id: str) -> None:
    try:
        client.call("datastore_delete", {"resource_id": resource_id, "force": True})
    except NotFound:
        pass  # already gone


def kept_dictionary(client: CkanClient, resource_id: str) -> dict[str, dict[str, Any]]:
    """The data dictionary the table has now, by column."""
    try:
        answer = client.call("datastore_search", {"resource_id": resource_id, "limit": 0})
    except NotFound:
        return {}
    return {str(f["id"]): dict(f["info"]) for f in answer.get("fields") or [] if isinstance(f.get("info"), dict)}


def load_table(client: CkanClient, source: TableSource, resource: dict[str, Any], batch_rows: int) -> int:
    """Replace the resource's DataStore table with the file's rows; returns how many."""
    resource_id = str(resource["id"])
    kept: dict[str, dict[str, Any]] = {}
    if is_active(resource):
        kept = kept_dictionary(client, resource_id)
        try:
            client.call("datastore_delete", {"resource_id": resource_id, "force": True})
        except NotFound:
            pass
    create: dict[str, Any] = {"resource_id": resource_id, "force": True,
                              "fields": datastore_fields(source.schema, kept)}  # fmt: skip
    key = primary_key(source.schema)
    if key:
        create["primary_key"] = key
    client.call("datastore_create", create)
    rows = 0
    for batch in record_batches(source, batch_rows):
        client.call("datastore_upsert", {"resource_id": resource_id, "force": True, "method": "insert",
                                         "records": batch})  # fmt: skip
        rows += len(batch)
    total = loaded_rows(client, resource_id)
    if total != rows:
        raise RowCountMismatch(key="datastore.rows-mismatch", got=total, want=rows)
    return rows


def loaded_rows(client: CkanClient, resource_id: str) -> int:
    answer = client.call("datastore_search", {"resource_id": resource_id, "limit": 0})
    return int(answer.get("total") or 0)


def ensure_view(client: CkanClient, resource_id: str) -> None:
    """One table preview per resource: made once, found on later loads."""
    views = client.call("resource_view_list", {"id": resource_id}) or []
    if any(v.get("view_type") == VIEW_TYPE for v in views):
        return
    client.call("resource_view_create", {"resource_id": resource_id, "view_type": VIEW_TYPE,
                                         "title": text("datastore.view-title", PORTAL_LANG)})  # fmt: skip
