"""Carry out one dataset's plan, in an order that never shows citizens a half-made dataset.

- A new dataset is created private; then one `package_revise` attaches every file
  (streamed in one body) and makes it public, atomically: CKAN commits all of it or
  nothing, so a failure leaves an empty private dataset and the next run fills it.
  Where one request cannot carry it (the portal's multipart form limits, measured before
  sending), the files go in batches while it is private, and the last batch makes it public.
- A reactivated dataset is private until every resource is in place; only then
  `package_patch private=false`. A failure on the way leaves it private, and the
  next run's plan picks up where this one stopped.
- An existing public dataset whose changes are all in place (metadata, replaced files,
  resource fields) gets them in one `package_revise` on the same resource ids (ids and
  URLs stay): citizens see the previous version whole until the new one is whole. Beyond
  the form limits, the resources go in batches and the metadata (its version) with the last.
- When resources are also added, deleted (prune, duplicates) or reordered, one
  `package_revise` sends the whole new resource list with the files and the metadata
  (`_reshape`, `publisher.sync.reshape`): all or nothing. Beyond the form limits the files
  go first in batches (each whole, under the previous version), then one request without
  files deletes, orders and sets the new version: no new version over old files, no listed
  file that is gone. A reactivated dataset (private until the end) goes step by step.
- What the portal stored is read back from each answer and compared with what was
  sent (e.g. a Table Schema flattened by a form would be caught here).
- A write that cannot be repeated is never sent twice blindly. After an ambiguous failure
  (`WriteUnconfirmed`: a 5xx, a timeout, the connection lost once the body was sent) the
  dataset is read back and planned again, so the run continues from what CKAN did. CKAN has
  no lock a client can take, but `package_revise` reads the dataset `FOR UPDATE` before
  checking `match`: every append matches the dataset's resource count, so of two runners
  (separate state folders, no shared lock) appending at once one wins and the other's
  append is refused whole; that runner, like one whose `package_create` lost the race for
  the name, reads the dataset back and finds its files there. Duplicates left by older runs
  are repaired by the plan (`survivors`), which every runner resolves the same way.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from publisher.ckan.client import CkanClient, UploadFile
from publisher.ckan.errors import CkanError, NotFound, ValidationError
from publisher.ckan.mapping import MANAGED_EXTRAS, comparable_resource
from publisher.ckan.organizations import Organizations
from publisher.ckan.retry import WriteUnconfirmed
from publisher.ckan.slugs import resource_key
from publisher.ckan.upload import BytesCallback, FormCost, form_bytes
from publisher.messages import text
from publisher.settings import Lang
from publisher.sync.desired import DesiredDataset, DesiredResource
from publisher.sync.messages import describe
from publisher.sync.plan import DatasetPlan, bind_to_portal, diff_dataset, survivors
from publisher.sync.reshape import fits, new_list, revise_form, revise_json

log = logging.getLogger(__name__)


class PortalMismatch(CkanError):
    code = "portal-mismatch"


@dataclass
class ApplyState:
    """What applying a plan has done so far; read by the caller when a step fails.
    `changes` are worded in `lang`, the run's language."""

    lang: Lang = "pt"
    public: bool = False
    first_public_at: datetime | None = None
    changes: list[str] = field(default_factory=list)

    def done(self, key: str, **values: Any) -> None:
        """Note one change, worded by the catalogue (`sync.change.*`)."""
        self.changes.append(text(f"sync.change.{key}", self.lang, **values))


def _multipart(fields: dict[str, Any]) -> dict[str, str]:
    return {k: str(v) for k, v in fields.items() if v is not None}


def _cleared(plan: DatasetPlan) -> dict[str | None, dict[str, str]]:
    """Resource fields removed from the package, by resource: "" clears them on the portal
    (CKAN's "nothing"; a field left out of a patch would stay as it was)."""
    cleared: dict[str | None, dict[str, str]] = {}
    for a in plan.of("update_resource"):
        if a.field and a.new is None:
            cleared.setdefault(a.resource, {})[a.field] = ""
    return cleared


def _check_stored(sent: DesiredResource, stored: dict[str, Any]) -> None:
    want, got = comparable_resource(sent.fields), comparable_resource(stored)
    wrong = sorted(k for k in want if want[k] is not None and want[k] != got.get(k))
    if wrong:
        raise PortalMismatch(f"{sent.name}: {', '.join(wrong)}")


def _metadata_patch(desired: DesiredDataset, portal: dict[str, Any] | None, fields: list[str]) -> dict[str, Any]:
    """package_patch payload for the changed fields; unmanaged extras on the portal are kept."""
    payload: dict[str, Any] = {"id": desired.name}
    extras_changed = False
    for f in fields:
        if f.startswith("extras."):
            extras_changed = True
        elif f == "tags":
            payload["tags"] = desired.fields["tags"]
        else:
            # None clears the field on the portal ("" is how CKAN stores "nothing").
            value = desired.fields.get(f)
            payload[f] = "" if value is None else value
    if extras_changed:
        theirs = [e for e in (portal or {}).get("extras") or [] if e.get("key") not in MANAGED_EXTRAS]
        payload["extras"] = sorted(theirs + list(desired.fields["extras"]), key=lambda e: e["key"])
    return payload


# How many times one dataset is read back and planned again after writes the portal may or
# may not have carried out; each round starts from what the portal holds, so more rounds
# only help against a portal failing again and again.
RECONCILE_ROUNDS = 3


def _is_public(portal: dict[str, Any] | None) -> bool:
    return bool(portal) and portal.get("state") == "active" and not portal.get("private")  # type: ignore[union-attr]


def _read_back_needed(exc: Exception) -> bool:
    """Whether a failed write may have been overtaken by what the portal did: an unconfirmed
    write, an append refused because the dataset's resources changed meanwhile (`match`), a
    create refused because the name was taken meanwhile, or a resource CKAN did not find where
    it looked (`resource_patch` checks the resource's position, which another runner's reorder
    moves)."""
    if isinstance(exc, (WriteUnconfirmed, NotFound)):
        return True
    errors = getattr(exc, "error_dict", None)
    return isinstance(exc, ValidationError) and isinstance(errors, dict) and bool({"match", "name"} & set(errors))


def _ours(portal: dict[str, Any], desired: DesiredDataset) -> bool:
    org = portal.get("organization") or {}
    return isinstance(org, dict) and org.get("name") == desired.organization


def execute(
    client: CkanClient,
    plan: DatasetPlan,
    desired: DesiredDataset,
    portal: dict[str, Any] | None,
    orgs: Organizations,
    state: ApplyState,
    on_bytes: BytesCallback | None = None,
) -> None:
    """Apply `plan`; raises on the first failure that reading the dataset back cannot settle,
    leaving `state` describing the portal."""
    was_public = _is_public(portal)
    prune = any(a.kind == "delete_resource" and a.reason != "duplicate" for a in plan.actions)
    for round_ in range(RECONCILE_ROUNDS + 1):
        try:
            _apply(client, plan, desired, portal, orgs, state, on_bytes)
            break
        except (WriteUnconfirmed, ValidationError, NotFound) as exc:
            if round_ == RECONCILE_ROUNDS or not _read_back_needed(exc):
                raise
            portal = client.package_show(desired.name)
            # A refusal with no dataset behind it (an invalid name) is no race to settle; a name
            # taken meanwhile by another organization's dataset is not ours to fill.
            if (portal is None and not isinstance(exc, WriteUnconfirmed)) or (portal and not _ours(portal, desired)):
                raise
            said = exc.localized(state.lang) if isinstance(exc, CkanError) else describe(exc, state.lang, None)[1]
            reason = client.scrub(said)
            log.warning("%s", text("sync.log.read-back", state.lang, name=desired.name, reason=reason))
            bind_to_portal(desired, portal, client)
            plan = diff_dataset(desired, portal, org_exists=True, prune=prune)
    if state.public and not was_public and state.first_public_at is None:
        state.first_public_at = datetime.now(UTC)


def _apply(
    client: CkanClient,
    plan: DatasetPlan,
    desired: DesiredDataset,
    portal: dict[str, Any] | None,
    orgs: Organizations,
    state: ApplyState,
    on_bytes: BytesCallback | None = None,
) -> None:
    """One pass over `plan`, made against `portal` as read."""
    state.public = _is_public(portal)
    if plan.of("create_organization"):
        if orgs.ensure(desired.organization, client):
            state.done("organization-created", org=desired.organization)

    # The same resource of each name as the plan keeps (duplicates aside).
    ids = {name: str(r["id"]) for name, r in survivors(desired, portal or {})[0].items() if name}
    package_id = portal["id"] if portal else None

    if plan.of("create_dataset"):
        # Measured first: a resource no request can carry fails the dataset before it exists.
        batches = _extend_batches(client, desired.resources)
        created = client.call("package_create", {**desired.fields, "private": True})
        package_id = created["id"]
        state.done("dataset-created")
        _fill_new_dataset(client, plan, str(package_id), batches, state, on_bytes)
        return
    if plan.of("reactivate"):
        # Hidden while it is brought up to date; made public at the end like a new one.
        client.call("package_patch", {"id": desired.name, "state": "active", "private": True})
        state.public = False
        state.done("reactivated")

    uploads = {a.resource: a for a in plan.of("upload_resource")}
    patches = {a.resource for a in plan.of("update_resource")}
    # A public dataset whose changes are all in place (no resource added, deleted or moved)
    # changes in one atomic request; one adding, deleting or moving resources in another.
    in_place = not any(plan.of(kind) for kind in ("reactivate", "delete_resource", "reorder_resources", "make_public"))
    if in_place and package_id and all(name in ids for name in [*uploads, *patches]):
        _revise_in_place(client, plan, desired, portal, str(package_id), ids, state, on_bytes)
        return
    if portal and package_id and not plan.of("reactivate"):
        _reshape(client, plan, desired, portal, str(package_id), ids, state, on_bytes)
        return
    # A reactivated dataset is private until the end: step by step is safe for it.
    _step_by_step(client, plan, desired, portal, str(package_id), ids, state, on_bytes)


def _step_by_step(
    client: CkanClient,
    plan: DatasetPlan,
    desired: DesiredDataset,
    portal: dict[str, Any] | None,
    package_id: str,
    ids: dict[str, str],
    state: ApplyState,
    on_bytes: BytesCallback | None,
) -> None:
    """Files, deletions, order, metadata, publication: one request each (or a batch of files).
    Only for a dataset citizens do not see meanwhile (reactivated: private until the end); a
    public one cut half-way would show a mixed state (`_reshape` is the public path)."""
    fields = [a.field for a in plan.of("update_field") if a.field]
    count = len((portal or {}).get("resources") or [])
    _send_resources(client, plan, desired, package_id, ids, state, on_bytes, count)

    for action in plan.of("delete_resource"):
        try:
            client.call("resource_delete", {"id": action.resource_id})
        except NotFound:
            continue  # another runner repaired the same duplicate first
        change = "duplicate-deleted" if action.reason == "duplicate" else "resource-deleted"
        state.done(change, resource=action.resource)

    if plan.of("reorder_resources"):
        client.call("package_resource_reorder", {"id": package_id, "order": [ids[r.name] for r in desired.resources]})
        state.done("reordered")

    # The dataset's own metadata (its version above all) goes last: a new version shows only
    # once its files are in place, and a failure before it leaves the previous version's
    # description over files the next run finishes.
    if fields:
        client.call("package_patch", _metadata_patch(desired, portal, fields))
        state.done("metadata", fields=", ".join(fields))

    if plan.of("make_public"):
        client.call("package_patch", {"id": desired.name, "private": False})
        state.public = True
        state.first_public_at = datetime.now(UTC)
        state.done("made-public")


def _send_resources(
    client: CkanClient,
    plan: DatasetPlan,
    desired: DesiredDataset,
    package_id: str,
    ids: dict[str, str],
    state: ApplyState,
    on_bytes: BytesCallback | None,
    count: int,
) -> None:
    """Step by step: each changed file by `resource_patch` (same id), each changed resource's
    fields by `resource_patch`, then the new resources appended by `package_revise` in as few
    batches as the portal's form limits allow; `ids` learns the new resources' ids.
    `count` is how many resources the dataset holds now."""
    uploads = {a.resource for a in plan.of("upload_resource")}
    patches = {a.resource for a in plan.of("update_resource")}
    cleared = _cleared(plan)
    for res in desired.resources:
        if res.name in ids and res.name in uploads:
            data = {"id": ids[res.name], **cleared.get(res.name, {}), **_multipart(res.fields)}
            stored = client.upload("resource_patch", data, res.path, expected_sha256=res.sha256, on_bytes=on_bytes)
            _check_stored(res, stored)
            state.done("file-replaced", resource=res.name, size=res.size)
        elif res.name in ids and res.name in patches:
            stored = client.call("resource_patch", {"id": ids[res.name], **cleared.get(res.name, {}), **res.fields})
            _check_stored(res, stored)
            state.done("resource-metadata", resource=res.name)
    new = [r for r in desired.resources if r.name in uploads and r.name not in ids]
    if new:
        batches = _extend_batches(client, new)
        _extend(client, desired.name, package_id, batches, count, ids, state, on_bytes, private=not state.public)


_EXTEND = "update__resources__extend"


def _extend_batches(client: CkanClient, new: Sequence[DesiredResource]) -> list[list[DesiredResource]]:
    """`new` cut into consecutive batches that each fit one request within the portal's form
    limits; `FormTooLarge` names a resource no request can carry."""
    base = FormCost(parts=3, field_bytes={_EXTEND: 2})  # match, extend ("[]"), update

    def cost(res: DesiredResource) -> FormCost:
        return FormCost(1, {_EXTEND: form_bytes(json.dumps(_multipart(res.fields))) + 2})

    return client.form_limits.batches(new, base, cost, label=lambda r: r.name)


def _extend(
    client: CkanClient,
    name: str,
    package_id: str,
    batches: list[list[DesiredResource]],
    count: int,
    ids: dict[str, str],
    state: ApplyState,
    on_bytes: BytesCallback | None,
    *,
    private: bool,
    publish_last: bool = False,
) -> None:
    """Append the resources of `batches` (files streamed) to a dataset holding `count`, one
    `package_revise` per batch (one in all when one request can carry them).

    Each batch matches the dataset's resource count, so a batch repeated after it landed fails
    instead of adding its resources twice, and a run cut between batches leaves a prefix the
    next run's plan completes. `publish_last` makes the dataset public in the last batch,
    atomically with its last files."""
    metas = {r.name: json.dumps(_multipart(r.fields)) for batch in batches for r in batch}
    if len(batches) > 1:
        log.info("%s", text("sync.log.batches", state.lang, name=name, count=len(metas), total=len(batches)))
    for n, batch in enumerate(batches, 1):
        match: dict[str, Any] = {"id": package_id, "num_resources": count}
        if private:
            match["private"] = True
        form = {"match": json.dumps(match), _EXTEND: "[" + ", ".join(metas[r.name] for r in batch) + "]"}
        if publish_last and n == len(batches):
            form["update"] = json.dumps({"private": False})
        files = [UploadFile(f"update__resources__{count + i}__upload", r.path, r.sha256) for i, r in enumerate(batch)]
        answer = client.upload_files("package_revise", form, files, on_bytes=on_bytes)
        stored = answer["package"].get("resources") or []
        for i, res in enumerate(batch):
            got = stored[count + i] if count + i < len(stored) else {}
            _check_stored(res, got)
            ids[res.name] = got.get("id", "")
            state.done("file-uploaded", resource=res.name, size=res.size)
        count = len(stored)


def _revise_in_place(
    client: CkanClient,
    plan: DatasetPlan,
    desired: DesiredDataset,
    portal: dict[str, Any] | None,
    package_id: str,
    ids: dict[str, str],
    state: ApplyState,
    on_bytes: BytesCallback | None,
) -> None:
    """A public dataset's new metadata, replaced files and resource fields by `package_revise`
    on the same resource ids (so download URLs stay).

    One request when the portal's form limits allow: CKAN commits all of it or nothing, and
    citizens see the previous version whole until the new one is. Beyond the limits, the
    resources go in batches (each whole) and the dataset's metadata (its version) with the
    last, so a new version shows only once its files are in, as in a step-by-step update.
    """
    fields = [a.field for a in plan.of("update_field") if a.field]
    uploads = {a.resource for a in plan.of("upload_resource")}
    patches = {a.resource for a in plan.of("update_resource")}
    cleared = _cleared(plan)
    metadata = {k: v for k, v in _metadata_patch(desired, portal, fields).items() if k != "id"}
    changed = [r for r in desired.resources if r.name in uploads or r.name in patches]
    if not metadata and not changed:
        return
    forms = {r.name: json.dumps({**cleared.get(r.name, {}), **_multipart(r.fields)}) for r in changed}
    base = FormCost(parts=2, field_bytes={"update": form_bytes(json.dumps(metadata))})  # match, update

    def cost(res: DesiredResource) -> FormCost:
        key = f"update__resources__{ids[res.name]}"
        return FormCost(1 + (res.name in uploads), {key: form_bytes(forms[res.name])})

    batches = client.form_limits.batches(changed, base, cost, label=lambda r: r.name) or [[]]
    if len(batches) > 1:
        log.info("%s", text("sync.log.batches", state.lang, name=desired.name, count=len(changed), total=len(batches)))
    for n, batch in enumerate(batches, 1):
        form: dict[str, str] = {"match": json.dumps({"id": package_id})}
        if metadata and n == len(batches):
            form["update"] = json.dumps(metadata)
        files: list[UploadFile] = []
        for res in batch:
            form[f"update__resources__{ids[res.name]}"] = forms[res.name]
            if res.name in uploads:
                files.append(UploadFile(f"update__resources__{ids[res.name]}__upload", res.path, res.sha256))
        answer = client.upload_files("package_revise", form, files, on_bytes=on_bytes)
        stored = {resource_key(r): r for r in answer["package"].get("resources") or []}
        for res in batch:
            _check_stored(res, stored.get(res.name) or {})
            state.done(
                "file-replaced" if res.name in uploads else "resource-metadata", resource=res.name, size=res.size
            )
    if fields:
        state.done("metadata", fields=", ".join(fields))


def _fill_new_dataset(
    client: CkanClient,
    plan: DatasetPlan,
    package_id: str,
    batches: list[list[DesiredResource]],
    state: ApplyState,
    on_bytes: BytesCallback | None,
) -> None:
    """Every resource of a just-created (empty, private) dataset, and publication, in one request
    when the portal's form limits allow (two requests fewer per dataset than one upload each plus
    a final patch, and atomic); else in batches while it is private, made public by the last."""
    make_public = bool(plan.of("make_public"))
    _extend(client, plan.name, package_id, batches, 0, {}, state, on_bytes, private=True, publish_last=make_public)
    if make_public:
        state.public = True
        state.first_public_at = datetime.now(UTC)
        state.done("made-public")


def _reshape(
    client: CkanClient,
    plan: DatasetPlan,
    desired: DesiredDataset,
    portal: dict[str, Any],
    package_id: str,
    ids: dict[str, str],
    state: ApplyState,
    on_bytes: BytesCallback | None,
) -> None:
    """Resources added, deleted (prune, duplicates) or moved, with the rest of the plan, in one
    `package_revise` that sends the dataset's whole new resource list (`publisher.sync.reshape`):
    CKAN commits all of it or nothing, so citizens see the previous version whole until the new
    one is whole.

    Invariant when one request cannot carry the files (the portal's form limits): the dataset
    never shows a new version with an old file, nor lists a file that is gone. The files go
    first, in batches (replaced ones on their ids, new ones appended): each is whole when it
    shows, under the previous version. Then one request without files (a JSON body, which has
    no form limits) deletes, orders and sets the metadata (the version) together.
    """
    uploads = {a.resource for a in plan.of("upload_resource") if a.resource}
    deleted = {str(a.resource_id) for a in plan.of("delete_resource") if a.resource_id}
    fields = [a.field for a in plan.of("update_field") if a.field]
    metadata = {k: v for k, v in _metadata_patch(desired, portal, fields).items() if k != "id"}
    if plan.of("make_public"):
        metadata["private"] = False
    cleared = _cleared(plan)
    before, resources_noted = dict(ids), False
    listed = new_list(desired, portal, ids, uploads, deleted, cleared)
    form, files = revise_form(package_id, portal.get("metadata_modified"), metadata, listed)
    if not files:
        answer = client.call(
            "package_revise", revise_json(package_id, portal.get("metadata_modified"), metadata, listed)
        )
    elif fits(client.form_limits, form, files):
        answer = client.upload_files("package_revise", form, files, on_bytes=on_bytes)
    else:
        count = len(portal.get("resources") or [])
        _send_resources(client, plan, desired, package_id, ids, state, on_bytes, count)
        resources_noted, portal = True, client.package_show(desired.name) or portal
        listed = new_list(desired, portal, ids, (), deleted, cleared)
        payload = revise_json(package_id, portal.get("metadata_modified"), metadata, listed)
        answer = client.call("package_revise", payload)
    stored = {resource_key(r): r for r in answer["package"].get("resources") or []}
    for res in desired.resources:
        _check_stored(res, stored.get(res.name) or {})
        ids[res.name] = str((stored.get(res.name) or {}).get("id", ""))
    _note_reshape(plan, desired, before, set() if resources_noted else uploads, fields, state, resources_noted)


def _note_reshape(
    plan: DatasetPlan,
    desired: DesiredDataset,
    before: dict[str, str],
    uploads: set[str],
    fields: list[str],
    state: ApplyState,
    resources_noted: bool,
) -> None:
    """The changes `_reshape`'s last request made (its files and resource fields unless the
    batches before it told them already)."""
    patches = set() if resources_noted else {a.resource for a in plan.of("update_resource")}
    for res in desired.resources:
        if res.name in uploads:
            state.done("file-replaced" if res.name in before else "file-uploaded", resource=res.name, size=res.size)
        elif res.name in patches:
            state.done("resource-metadata", resource=res.name)
    for action in plan.of("delete_resource"):
        state.done(
            "duplicate-deleted" if action.reason == "duplicate" else "resource-deleted", resource=action.resource
        )
    if plan.of("reorder_resources"):
        state.done("reordered")
    if fields:
        state.done("metadata", fields=", ".join(fields))
    if plan.of("make_public"):
        state.public = True
        state.first_public_at = datetime.now(UTC)
        state.done("made-public")
