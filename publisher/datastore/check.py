"""`verify`'s DataStore check: each tabular resource is queryable as its file and schema say.

For every resource the DataStore should hold (not opted out, not over the size limit): the
table exists, `datastore_search` counts the file's rows, each column has the schema's type and
the field's title as `info.label`, and the resource has its table preview. Reads only.
"""

from __future__ import annotations

from typing import Any

from publisher.ckan.client import CkanClient
from publisher.ckan.errors import NotFound
from publisher.datastore.load import VIEW_TYPE, is_active
from publisher.datastore.rows import TableSource, count_rows
from publisher.datastore.schema import column_type, field_info, schema_fields
from publisher.datastore.sources import table_sources
from publisher.messages import text
from publisher.settings import Lang, Settings
from publisher.sync.desired import DesiredDataset
from publisher.sync.messages import describe
from publisher.sync.plan import survivors


def check_datastore(
    client: CkanClient, desired: DesiredDataset, portal: dict[str, Any], settings: Settings
) -> list[str]:
    """The problems found, worded in the run's language; [] when all is in place."""
    if not settings.datastore:
        return []
    lang = settings.lang
    resources = survivors(desired, portal)[0]  # the plan's own matching of resources
    problems: list[str] = []
    for source in table_sources(desired, settings.limits):
        resource = resources.get(source.name)
        if resource is None or not source.wanted or source.size > settings.datastore_max_bytes:
            continue  # a missing resource is verify's own problem; the others are not loaded on purpose
        try:
            problems += _check_table(client, source, resource, lang)
        except Exception as exc:  # noqa: BLE001 - reported as a problem
            reason = describe(exc, lang, settings.token_value())[1]
            problems.append(text("datastore.verify.unreadable", lang, resource=source.name, reason=reason))
    return problems


def _check_table(client: CkanClient, source: TableSource, resource: dict[str, Any], lang: Lang) -> list[str]:
    name = source.name
    try:
        answer = client.call("datastore_search", {"resource_id": resource["id"], "limit": 0})
    except NotFound:
        answer = None
    if answer is None or not is_active(resource):
        return [text("datastore.verify.inactive", lang, resource=name)]
    problems = []
    want = count_rows(source)
    got = int(answer.get("total") or 0)
    if got != want:
        problems.append(text("datastore.verify.rows", lang, resource=name, got=got, want=want))
    problems += _check_columns(source, answer.get("fields") or [], lang)
    views = client.call("resource_view_list", {"id": resource["id"]}) or []
    if not any(v.get("view_type") == VIEW_TYPE for v in views):
        problems.append(text("datastore.verify.view", lang, resource=name))
    return problems


def _check_columns(source: TableSource, columns: list[dict[str, Any]], lang: Lang) -> list[str]:
    by_id = {str(c.get("id")): c for c in columns}
    problems = []
    for f in schema_fields(source.schema):
        column = by_id.get(f["name"])
        values = {"resource": source.name, "field": f["name"]}
        if column is None:
            problems.append(text("datastore.verify.column-missing", lang, **values))
            continue
        if column.get("type") != column_type(f):
            problems.append(text("datastore.verify.type", lang, got=column.get("type"), want=column_type(f), **values))
        label = field_info(f).get("label")
        stored = (column.get("info") or {}).get("label")
        if label and stored != label:
            problems.append(text("datastore.verify.label", lang, got=stored or "", want=label, **values))
    return problems
