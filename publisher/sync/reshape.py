"""One `package_revise` that gives an existing dataset its whole new resource list.

CKAN facts this rests on (`ckan/logic/action/update.py` `package_revise` and
`ckan/lib/navl/dictization_functions.py`, the same in 2.11 and 2.12):

- `filter` runs before `update`; `-resources` drops the list, so `update` sets it anew.
  (`update` on a list that is still there merges item by item, by index: it cannot remove
  or move a resource, and would leave one resource's stale fields on another.)
- the flattened `update__resources__<i>` keys run after `update`; each merges one dict into
  the item at index `i`, and `update__resources__<i>__upload` attaches a file to it. So the
  list is sent as `[{}, {}, ...]` in `update` and each resource in its own form field, which
  keeps every field far under the portal's per-field limit whatever the number of resources.
- `package_update` then saves the list as given: a resource with an `id` keeps its id (its
  download URL stays), one without is created, one left out is deleted; all in one database
  transaction.
- `match` is checked on the dataset read `FOR UPDATE`: with `metadata_modified` as read before
  planning, a dataset changed meanwhile (another runner) is refused whole, never overwritten.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from publisher.ckan.client import UploadFile
from publisher.ckan.upload import FormLimits, form_bytes
from publisher.sync.desired import DesiredDataset, DesiredResource

# Dataset fields CKAN holds as lists: `update` would merge them item by item (a removed tag or
# extra would stay), so they are filtered out first and set whole.
_LIST_FIELDS = frozenset({"tags", "extras", "groups"})


def resource_fields(res: DesiredResource) -> dict[str, str]:
    """A resource's fields as a form carries them (strings; None left out)."""
    return {k: str(v) for k, v in res.fields.items() if v is not None}


@dataclass
class NewList:
    """The dataset's resources after the revise, in order, as CKAN will be sent them."""

    resources: list[dict[str, Any]] = field(default_factory=list)
    # (index in the list, resource) of each file to attach.
    files: list[tuple[int, DesiredResource]] = field(default_factory=list)


def new_list(
    desired: DesiredDataset,
    portal: Mapping[str, Any],
    ids: Mapping[str, str],
    uploads: Collection[str],
    deleted: Collection[str],
    cleared: Mapping[str | None, Mapping[str, str]],
) -> NewList:
    """The package's resources in its order (a kept one is the portal's dict, by id, with the
    package's fields over it; a new one only the package's fields), then the portal's other
    resources not `deleted` (kept without `--prune`) in their order."""
    by_id = {str(r.get("id")): r for r in portal.get("resources") or []}
    out = NewList()
    for res in desired.resources:
        rid = ids.get(res.name)
        base = dict(by_id[rid]) if rid in by_id else {}
        out.resources.append({**base, **cleared.get(res.name, {}), **resource_fields(res)})
        if res.name in uploads:
            out.files.append((len(out.resources) - 1, res))
    used = {ids[r.name] for r in desired.resources if r.name in ids}
    out.resources += [dict(r) for rid, r in by_id.items() if rid not in used and rid not in deleted]
    return out


def filters(metadata: Mapping[str, Any]) -> list[str]:
    return ["-resources", *sorted(f"-{k}" for k in metadata if k in _LIST_FIELDS)]


def revise_form(
    package_id: str, modified: str | None, metadata: Mapping[str, Any], listed: NewList
) -> tuple[dict[str, str], list[UploadFile]]:
    """The multipart form and files of the one request (see the module)."""
    match: dict[str, Any] = {"id": package_id}
    if modified:
        match["metadata_modified"] = modified
    form = {
        "match": json.dumps(match),
        "filter": json.dumps(filters(metadata)),
        "update": json.dumps({**metadata, "resources": [{} for _ in listed.resources]}),
    }
    for i, res in enumerate(listed.resources):
        form[f"update__resources__{i}"] = json.dumps(res)
    files = [UploadFile(f"update__resources__{i}__upload", r.path, r.sha256) for i, r in listed.files]
    return form, files


def fits(limits: FormLimits, form: Mapping[str, str], files: Collection[UploadFile]) -> bool:
    """Whether one request can carry `form` and `files` within the portal's form limits."""
    return limits.fits(len(form) + len(files), {k: form_bytes(v) for k, v in form.items()})


def revise_json(package_id: str, modified: str | None, metadata: Mapping[str, Any], listed: NewList) -> dict[str, Any]:
    """The same revise without files, as a JSON body (which has no per-field form limit)."""
    match: dict[str, Any] = {"id": package_id}
    if modified:
        match["metadata_modified"] = modified
    return {"match": match, "filter": filters(metadata), "update": {**metadata, "resources": listed.resources}}
