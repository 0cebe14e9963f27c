"""Plan: what publishing a package would change on the portal, field by field.

Planning reads only (`package_show` with the token, so private and soft-deleted
datasets are seen; `organization_show`) and never downloads: a file has changed when
its size or sha256 differs from the `size` / `hash` recorded on the portal resource.
A large catalogue is read in batches (`publisher.sync.portal_view`), exact where it matters.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, computed_field

from publisher.catalog import resolve_targets
from publisher.ckan.client import CkanClient
from publisher.ckan.errors import CkanError
from publisher.ckan.mapping import DESCRIPTOR_RESOURCE, comparable_dataset, comparable_resource
from publisher.ckan.organizations import Organizations
from publisher.ckan.slugs import resource_key
from publisher.settings import Settings
from publisher.stat_cache import active_stat_cache, stat_cache_file
from publisher.sync.desired import DesiredDataset, DesiredResource, attach_descriptor, build_desired, build_options
from publisher.sync.fingerprint import dataset_key, plan_inputs
from publisher.sync.messages import describe
from publisher.sync.portal_view import PortalView, batched_for
from publisher.sync.retired import Retirement, load_retired, retired_note, split_retired
from publisher.validation import validate_many
from publisher.validation.report import Problem

ActionKind = Literal[
    "create_organization",
    "create_dataset",
    "reactivate",
    "update_field",
    "upload_resource",
    "update_resource",
    "delete_resource",
    "reorder_resources",
    "make_public",
]


class PlanAction(BaseModel):
    kind: ActionKind
    field: str | None = None
    old: Any = None
    new: Any = None
    resource: str | None = None
    resource_id: str | None = None
    reason: Literal["new", "changed", "duplicate"] | None = None
    size: int | None = None


class DatasetPlan(BaseModel):
    name: str
    organization: str | None = None
    status: Literal["planned", "invalid", "failed", "retired"] = "planned"
    error_code: str | None = None
    error_message: str | None = None
    validation_errors: list[Problem] = Field(default_factory=list)
    exists: bool = False
    state: str | None = Field(default=None, description="State on the portal (active, deleted, draft) or None.")
    private: bool | None = None
    actions: list[PlanAction] = Field(default_factory=list)
    # Actions that only `--prune` carries out (resources on the portal that are gone locally).
    held: list[PlanAction] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def nothing_to_do(self) -> bool:
        return self.status == "planned" and not self.actions

    @property
    def upload_bytes(self) -> int:
        return sum(a.size or 0 for a in self.actions if a.kind == "upload_resource")

    def of(self, kind: ActionKind) -> list[PlanAction]:
        return [a for a in self.actions if a.kind == kind]


def survivors(
    desired: DesiredDataset, portal: dict[str, Any]
) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """Portal resources by name (the one to keep of each name) and the duplicates beyond it.

    Of several resources sharing a name, the one holding the package's file (same sha256 and
    size) is kept, else the oldest; among equals, the oldest (`created`, then id). Every runner
    of the catalogue (with its own state folder, maybe at the same moment) picks the same
    survivor from any view of the dataset, so two repairs never delete each other's keeper."""
    wanted = {r.name: comparable_resource(r.fields) for r in desired.resources}
    groups: dict[str, list[dict[str, Any]]] = {}
    for res in portal.get("resources") or []:
        groups.setdefault(resource_key(res), []).append(res)

    def rank(res: dict[str, Any]) -> tuple[bool, str, str]:
        want, have = wanted.get(resource_key(res)), comparable_resource(res)
        matches = want is not None and (want["hash"], want["size"]) == (have["hash"], have["size"])
        return (not matches, str(res.get("created") or ""), str(res.get("id") or ""))

    kept = {name: min(group, key=rank) for name, group in groups.items()}
    duplicates = [res for name, group in groups.items() for res in group if res is not kept[name]]
    return kept, duplicates


def bind_to_portal(desired: DesiredDataset, portal: dict[str, Any] | None, client: CkanClient) -> None:
    """Write `desired`'s published datapackage.json for the dataset as `portal` holds it (None:
    not there yet): its URLs name resource ids, kept for resources the portal has (the survivor
    above), new for the others. Built on CKAN's `ckan.site_url`, else on CKAN_URL."""
    kept = survivors(desired, portal)[0] if portal else {}
    ids = {name: str(res["id"]) for name, res in kept.items() if name and res.get("id")}
    attach_descriptor(desired, ids, client.site_url() or client.url)


def bound_diff(
    client: CkanClient, desired: DesiredDataset, *, org_exists: bool, prune: bool, allow_move: bool, adopt: bool
) -> Callable[[dict[str, Any] | None], DatasetPlan]:
    """The plan maker for a dataset as read (a search copy or `package_show`): the published
    datapackage.json is first bound to that dataset's resource ids, then compared."""

    def make(portal: dict[str, Any] | None) -> DatasetPlan:
        bind_to_portal(desired, portal, client)
        return diff_dataset(desired, portal, org_exists=org_exists, prune=prune, allow_move=allow_move, adopt=adopt)

    return make


def _plan_deletions(plan: DatasetPlan, wanted: set[str], existing: dict[str, dict[str, Any]],
                    duplicates: list[dict[str, Any]], *, prune: bool) -> None:  # fmt: skip
    """Resources gone from the package are deleted with `--prune` only. A second copy of one of
    this package's resources is a fault (a write repeated after an ambiguous failure, two
    runners at once), not the steward's choice: it is repaired without `--prune`."""
    gone = [res for name, res in existing.items() if name not in wanted]
    gone += [res for res in duplicates if resource_key(res) not in wanted]
    for res in gone:
        action = PlanAction(kind="delete_resource", resource=resource_key(res), resource_id=res.get("id"))
        (plan.actions if prune else plan.held).append(action)
    for res in duplicates:
        if resource_key(res) in wanted:
            plan.actions.append(
                PlanAction(
                    kind="delete_resource", resource=resource_key(res), resource_id=res.get("id"), reason="duplicate"
                )
            )


class OwnerMismatch(CkanError):
    """The dataset on the portal belongs to another organization than the package's `owner_org`:
    publishing would move it (and reactivate it, if retired). Refused unless `--allow-move`."""

    code = "owner-mismatch"


class NotManaged(CkanError):
    """The dataset on the portal was not made by this publisher: changing it needs `--adopt`."""

    code = "not-managed"


def portal_organization(portal: dict[str, Any]) -> str | None:
    org = portal.get("organization")
    return org.get("name") if isinstance(org, dict) else None


def made_by_publisher(desired: DesiredDataset, portal: dict[str, Any]) -> bool:
    """Every dataset this publisher makes carries the package's `datapackage.json` as a resource.
    A private one holding only resources of this package (none, or a prefix) is what a first
    publish cut short leaves, before that last resource: it is ours to finish too."""
    names = [resource_key(r) for r in portal.get("resources") or []]
    if DESCRIPTOR_RESOURCE in names:
        return True
    ours = {r.name for r in desired.resources}
    return bool(portal.get("private")) and all(n in ours for n in names)


def check_ownership(
    desired: DesiredDataset, portal: dict[str, Any], *, allow_move: bool = False, adopt: bool = False
) -> None:
    """Raise when publishing would take over a dataset: one of another organization (unless
    `allow_move`), or one this publisher did not make (unless `adopt`)."""
    theirs = portal_organization(portal)
    if theirs and theirs != desired.organization and not allow_move:
        retired = portal.get("state") != "active"
        key = "sync.owner.retired-elsewhere" if retired else "sync.owner.mismatch"
        raise OwnerMismatch(key=key, name=desired.name, theirs=theirs, ours=desired.organization)
    if not adopt and not made_by_publisher(desired, portal):
        raise NotManaged(key="sync.owner.not-managed", name=desired.name, theirs=theirs or "-")


def _resource_changes(r: DesiredResource, current: dict[str, Any]) -> list[PlanAction]:
    """What brings an existing portal resource to the local one: its file, then its fields."""
    rid = current.get("id")
    mine, theirs = comparable_resource(r.fields), comparable_resource(current)
    changes: list[PlanAction] = []
    file_changed = (
        mine["hash"] != theirs["hash"] or mine["size"] != theirs["size"] or current.get("url_type") != "upload"
    )
    if file_changed:
        changes.append(
            PlanAction(kind="upload_resource", resource=r.name, resource_id=rid, reason="changed", size=r.size,
                       old={"size": theirs["size"], "hash": theirs["hash"]}, new={"size": mine["size"], "hash": mine["hash"]})
        )  # fmt: skip
    for key in mine:
        if key in ("size", "hash") or mine[key] == theirs[key]:
            continue
        changes.append(
            PlanAction(
                kind="update_resource", resource=r.name, resource_id=rid, field=key, old=theirs[key], new=mine[key]
            )
        )
    return changes


def diff_dataset(
    desired: DesiredDataset,
    portal: dict[str, Any] | None,
    *,
    org_exists: bool = True,
    prune: bool = False,
    allow_move: bool = False,
    adopt: bool = False,
) -> DatasetPlan:
    """Pure comparison of the desired dataset with the portal's `package_show` answer.
    Raises `OwnerMismatch` / `NotManaged` for a dataset it must not take over."""
    if portal is not None:
        check_ownership(desired, portal, allow_move=allow_move, adopt=adopt)
    plan = DatasetPlan(name=desired.name, organization=desired.organization)
    if not org_exists:
        plan.actions.append(PlanAction(kind="create_organization", new=desired.organization))
    if portal is None:
        plan.actions.append(PlanAction(kind="create_dataset"))
        for r in desired.resources:
            plan.actions.append(PlanAction(kind="upload_resource", resource=r.name, reason="new", size=r.size))
        plan.actions.append(PlanAction(kind="make_public"))
        return plan

    plan.exists, plan.state, plan.private = True, portal.get("state"), bool(portal.get("private"))
    if plan.state != "active":
        plan.actions.append(PlanAction(kind="reactivate", old=plan.state, new="active"))

    want, have = comparable_dataset(desired.fields), comparable_dataset(portal)
    for key in want:
        if want[key] != have.get(key):
            plan.actions.append(PlanAction(kind="update_field", field=key, old=have.get(key), new=want[key]))

    existing, duplicates = survivors(desired, portal)
    for r in desired.resources:
        current = existing.get(r.name)
        if current is None:
            plan.actions.append(PlanAction(kind="upload_resource", resource=r.name, reason="new", size=r.size))
            continue
        plan.actions.extend(_resource_changes(r, current))

    wanted = {r.name for r in desired.resources}
    _plan_deletions(plan, wanted, existing, duplicates, prune=prune)

    # Order after the run: survivors in portal order, then new ones appended in local order.
    keep_ids = {res.get("id") for res in existing.values()}
    kept = [
        resource_key(res)
        for res in portal.get("resources") or []
        if resource_key(res) in wanted and res.get("id") in keep_ids
    ]
    final = kept + [r.name for r in desired.resources if r.name not in existing]
    if final != [r.name for r in desired.resources]:
        plan.actions.append(PlanAction(kind="reorder_resources", old=final, new=[r.name for r in desired.resources]))

    if plan.private or plan.state != "active":
        plan.actions.append(PlanAction(kind="make_public"))
    return plan


class PlanResult(BaseModel):
    datasets: list[DatasetPlan] = Field(default_factory=list)
    requests: int = 0
    write_requests: int = Field(default=0, description="Always 0: planning only reads.")

    @property
    def ok(self) -> bool:
        return all(d.status in ("planned", "retired") for d in self.datasets)


def _retired_plan(entry: Retirement, portal: dict[str, Any] | None, settings: Settings) -> DatasetPlan:
    """A retired dataset: nothing to publish, and where it stands on the portal."""
    org = (portal or {}).get("organization") or {}
    return DatasetPlan(
        name=entry.name,
        organization=org.get("name") if isinstance(org, dict) else None,
        status="retired",
        error_code="retired",
        error_message=retired_note(entry, settings.lang),
        exists=portal is not None,
        state=None if portal is None else portal.get("state"),
        private=None if portal is None else bool(portal.get("private")),
    )


def _known_unchanged(client: CkanClient, view: PortalView, name: str, key: str | None) -> DatasetPlan | None:
    """The plan of a dataset known to have nothing to do without making it (see
    `PortalView.unchanged`); None: make it."""
    if key is None:
        return None
    try:
        copy = view.unchanged(client, name, key)
    except Exception:  # noqa: BLE001 - the full plan reads again and reports what fails
        return None
    if copy is None:
        return None
    return DatasetPlan(name=name, organization=portal_organization(copy), exists=True,
                       state=copy.get("state"), private=bool(copy.get("private")))  # fmt: skip


def plan_catalogue(settings: Settings, paths: Sequence[Path] | None = None, *, prune: bool = False,
                   progress: Callable[[DatasetPlan], None] | None = None,
                   allow_move: Collection[str] = (), adopt: Collection[str] = ()) -> PlanResult:  # fmt: skip
    """Validate and plan every target package; nothing is written to the portal. Retired
    packages (`datapackages/retired.json`) come last, with status "retired" and no actions.
    `allow_move` / `adopt` name the datasets that may change organization / be taken over.
    Raises `PortalUnreachable` when the portal does not answer (`InvalidToken` when the token
    is refused), `RetiredListError` when retired.json cannot be read."""
    result = PlanResult()
    with CkanClient(settings) as client, active_stat_cache(stat_cache_file(settings)):
        client.ensure_reachable()
        client.check_token()
        orgs = Organizations(client, settings.catalogue_dir)
        targets, retired = split_retired(
            resolve_targets(list(paths or []), settings.catalogue_dir), load_retired(settings)
        )
        view = PortalView(settings, batched=batched_for(settings, len(targets)))
        inputs = plan_inputs(settings, client.site_url()) if view.batched else None
        view.prefetch_heads(client)
        with closing(view):  # the background reads end also when planning stops early
            content_keys: dict[Path, str] = {}
            for pkg, report in validate_many(targets, settings, keys_out=content_keys):
                key = dataset_key(content_keys.get(pkg.path), inputs)
                if isinstance(report, Exception):  # a validator crash fails this package only
                    code, text = describe(report, settings.lang, settings.token_value())
                    item = DatasetPlan(name=pkg.name, status="failed", error_code=code, error_message=text)
                elif not report.valid:
                    item = DatasetPlan(name=report.name, status="invalid", validation_errors=report.errors)
                elif (known := _known_unchanged(client, view, report.name, key)) is not None:
                    item = known
                else:
                    try:
                        desired = build_desired(pkg, report.hashes, settings.limits, build_options(settings))
                        org_exists = orgs.exists(desired.organization, client)
                        if not org_exists:
                            orgs.check_creatable(desired.organization)
                        _, item = view.plan(client, desired, bound_diff(
                            client, desired, org_exists=org_exists, prune=prune,
                            allow_move=desired.name in allow_move, adopt=desired.name in adopt))  # fmt: skip
                        # Not marked in sync here: only a publish knows the dataset's DataStore
                        # tables are loaded too (a failed load is retried by the next publish).
                    except Exception as exc:  # noqa: BLE001 - reported per dataset
                        code, text = describe(exc, settings.lang, settings.token_value())
                        item = DatasetPlan(name=report.name, status="failed", error_code=code, error_message=text)
                result.datasets.append(item)
                if progress is not None:
                    progress(item)
            for _, entry in retired:
                item = _retired_plan(entry, client.package_show(entry.name), settings)
                result.datasets.append(item)
                if progress is not None:
                    progress(item)
        view.save()
        stats = client.stats.snapshot()
    result.requests, result.write_requests = stats.requests, stats.write_requests
    return result
