"""Publish the catalogue: validate, plan, apply; and retire a dataset on request.

Validation is CPU-bound: it runs ahead in worker processes when there is enough data
(`validate_many`; unchanged packages come from the validation cache), while up to
`workers` valid packages are planned and applied in a thread pool (network-bound), so
uploads overlap with the validation of the next packages. Each dataset is isolated: its
failure is recorded in its outcome and the run goes on. `should_stop()` is polled
between datasets: the datasets in hand are finished, the rest are reported "skipped".
Retired datasets (`datapackages/retired.json`) are left alone: reported "skipped" with
the error code `retired` and the reason.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Collection, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from publisher.catalog import PackageDir, read_descriptor, resolve_targets
from publisher.ckan.client import CkanClient, InvalidToken, StopRequested
from publisher.ckan.errors import CkanError, NotAuthorized, PortalUnreachable
from publisher.ckan.organizations import Organizations
from publisher.datastore.load import sync_datastore
from publisher.messages import text
from publisher.settings import Lang, Settings
from publisher.stat_cache import active_stat_cache, stat_cache_file
from publisher.sync.desired import DesiredDataset, build_desired, build_options
from publisher.sync.events import ProgressCallback, ProgressEvent, StopCheck
from publisher.sync.execute import ApplyState, execute
from publisher.sync.fingerprint import dataset_key, plan_inputs
from publisher.sync.messages import describe, message
from publisher.sync.plan import DatasetPlan, bound_diff, portal_organization
from publisher.sync.portal_view import PlanMaker, PortalView, batched_for
from publisher.sync.result import DatasetOutcome, OutcomeAction, PublishResult, RetireResult
from publisher.sync.retired import (
    Retirement,
    load_retired,
    record_retirement,
    retired_note,
    split_retired,
    undo_retirement,
)
from publisher.validation import validate_many
from publisher.validation.report import PackageReport

log = logging.getLogger(__name__)


class MissingToken(RuntimeError):
    """Publishing needs an API token (CKAN_API_TOKEN or CKAN_API_TOKEN_FILE)."""

    code = "no-token"


class RoleMissing(CkanError):
    """CKAN refused a write although the token is valid: its user lacks a role in an organization."""

    code = "not-authorized"


def predicted_action(plan: DatasetPlan) -> OutcomeAction:
    if plan.of("create_dataset"):
        return "created"
    if plan.of("reactivate"):
        return "reactivated"
    return "unchanged" if plan.nothing_to_do else "updated"


def describe_plan(plan: DatasetPlan, lang: Lang) -> list[str]:
    """A dry run's account of the plan, one line per action, in `lang`."""
    lines = []
    for a in plan.actions:
        target = ".".join(str(p) for p in (a.resource, a.field) if p) or str(a.new or "")
        reason = text(f"sync.plan.reason.{a.reason}", lang) if a.reason else ""
        lines.append(text(f"sync.plan.{a.kind}", lang, target=target, reason=reason))
    return lines


class _Run:
    def __init__(
        self,
        settings: Settings,
        *,
        dry_run: bool,
        prune: bool,
        progress: ProgressCallback | None,
        allow_move: Collection[str] = (),
        adopt: Collection[str] = (),
        batched: bool = False,
        should_stop: StopCheck | None = None,
    ) -> None:
        self.settings = settings
        self.view = PortalView(settings, batched=batched)
        # A stop asked mid-dataset takes effect before the next request (`StopRequested`).
        self.client = CkanClient(settings, should_stop=should_stop)
        self.orgs = Organizations(self.client, settings.catalogue_dir)
        self.dry_run = dry_run
        self.prune = prune
        self.progress = progress
        self.allow_move = frozenset(allow_move)
        self.adopt = frozenset(adopt)
        self.user: dict[str, Any] | None = None
        # Set by the first refusal that turns out to be a dead token: the run stops there.
        self.dead_token: InvalidToken | None = None
        # The run's part of each dataset's plan key (batched runs only; see `fingerprint`).
        self.inputs: str | None = None
        self.content_keys: dict[Path, str] = {}  # filled by validation, package by package

    def refused(self, client: CkanClient, orgs: Sequence[str]) -> CkanError:
        """Why CKAN refused a write: a token that died since the run began (the run stops), or
        the role its user lacks in the first of `orgs` (the dataset's, then the package's)."""
        try:
            client.check_token()
        except InvalidToken as exc:
            self.dead_token = exc
            return exc
        user = self.user or {}
        roles = {org: client.member_role(org, str(user.get("id"))) for org in dict.fromkeys(orgs)}
        lacking = [org for org, role in roles.items() if role not in ("editor", "admin")]
        org, role = (lacking[0], "editor") if lacking else (orgs[-1], "admin")
        return RoleMissing(key="sync.owner.role-missing", user=user.get("name") or "?", org=org, role=role)

    def emit(self, event: ProgressEvent) -> None:
        if self.progress is not None:
            self.progress(event)

    def invalid(self, pkg: PackageDir, report: PackageReport) -> DatasetOutcome:
        blocking = [e for e in report.errors if e.blocking]
        try:
            org = read_descriptor(pkg).get("owner_org")
        except (OSError, ValueError):
            org = None
        return DatasetOutcome(name=report.name, organization=org if isinstance(org, str) else None, action="invalid",
                              validation_errors=report.errors, error_code="invalid",
                              error_message=blocking[0].message if blocking else None)  # fmt: skip

    def known_unchanged(self, report: PackageReport, key: str | None) -> DatasetOutcome | None:
        """The outcome of a dataset whose plan is known to be nothing to do (see
        `PortalView.unchanged`), without building it; None: plan it. Never raises."""
        try:
            copy = self.view.unchanged(self.client, report.name, key)
        except Exception:  # noqa: BLE001 - the full plan reads again and reports what fails
            log.debug("%s: search copy not read", report.name, exc_info=True)
            return None
        if copy is None:
            return None
        public = copy.get("state") == "active" and not copy.get("private")
        org = portal_organization(copy)
        self.emit(ProgressEvent("dataset_started", report.name, total_bytes=0))
        return DatasetOutcome(name=report.name, organization=org, action="unchanged", public=public,
                              found_public=_portal_times(copy) if public else None, duration_s=0.0)  # fmt: skip

    def without_work(self, pkg: PackageDir, report: PackageReport, seen: set[str]) -> DatasetOutcome | None:
        """The outcome of a package that needs no worker: invalid, a second package of a name
        (`seen` holds the names so far), or known in sync; None: it goes to a worker."""
        if not report.valid:
            return self.invalid(pkg, report)
        if report.name in seen:
            said = message("duplicate-name", self.settings.lang, f"{report.name}: {pkg.path}")
            return DatasetOutcome(name=report.name, action="failed", error_code="duplicate-name", error_message=said)
        seen.add(report.name)
        # Answered here, without the round trip through a worker thread: most of what a
        # steady-state no-op of a large catalogue would spend per dataset.
        return self.known_unchanged(report, self.key(pkg))

    def key(self, pkg: PackageDir) -> str | None:
        return dataset_key(self.content_keys.get(pkg.path), self.inputs)

    def _plan_maker(self, client: CkanClient, desired: DesiredDataset, org_exists: bool) -> PlanMaker:
        return bound_diff(client, desired, org_exists=org_exists, prune=self.prune,
                          allow_move=desired.name in self.allow_move, adopt=desired.name in self.adopt)  # fmt: skip

    def dataset(self, pkg: PackageDir, report: PackageReport) -> DatasetOutcome:
        """Plan and apply one valid package (not known unchanged: see `known_unchanged`); never raises."""
        key = self.key(pkg)
        client = self.client.fork()
        started = time.monotonic()
        state = ApplyState(lang=self.settings.lang)
        outcome = DatasetOutcome(name=report.name, action="failed")
        portal: dict[str, Any] | None = None
        try:
            desired = build_desired(pkg, report.hashes, self.settings.limits, build_options(self.settings))
            outcome.name, outcome.organization = desired.name, desired.organization
            org_exists = self.orgs.exists(desired.organization, client)
            if not org_exists:
                self.orgs.check_creatable(desired.organization)
            portal, plan = self.view.plan(client, desired, self._plan_maker(client, desired, org_exists))
            state.public = bool(portal) and portal.get("state") == "active" and not portal.get("private")  # type: ignore[union-attr]
            outcome.found_public = _portal_times(portal) if state.public else None
            self.emit(ProgressEvent("dataset_started", desired.name, total_bytes=plan.upload_bytes))
            if self.dry_run:
                state.changes = describe_plan(plan, self.settings.lang)
            else:
                on_bytes = (
                    (lambda n: self.emit(ProgressEvent("bytes_sent", desired.name, bytes=n))) if self.progress else None
                )
                execute(client, plan, desired, portal, self.orgs, state, on_bytes)
                _note_move(state, portal, desired.organization)
                # Its own client: the dataset's figures (write_requests) stay its publication's;
                # the run's totals count the DataStore's requests too.
                with self.client.fork() as tables:
                    _load_datastore(tables, desired, portal if plan.nothing_to_do else None, self.settings, state,
                                    outcome)  # fmt: skip
                # After the DataStore's markers too: the state recorded is the one the run left.
                if plan.actions or state.changes:
                    after = self.view.written(client, desired.name)
                    if after is not None and not outcome.datastore_errors:
                        # Planned again from what the writes left, as the next run would plan it:
                        # with nothing to do, the next run need not (a whole-copy search spared).
                        # (The organization exists by now: the writes went through.)
                        self.view.in_sync(desired.name, after, self._plan_maker(client, desired, True)(after), key)
                elif not outcome.datastore_errors:
                    # In sync, tables included: later runs may skip it (a failed load is retried).
                    self.view.in_sync(desired.name, portal, plan, key)
            outcome.action = predicted_action(plan)
        except Exception as exc:  # noqa: BLE001 - one dataset's failure must not stop the run
            if isinstance(exc, NotAuthorized):
                theirs = portal_organization(portal or {})
                exc = self.refused(client, [o for o in (theirs, outcome.organization) if o])
            outcome.error_code, outcome.error_message = describe(exc, self.settings.lang, self.settings.token_value())
            if isinstance(exc, StopRequested):  # not a failure: stopped on request, finished by the next run
                outcome.action = "skipped"
            log.warning(
                "%s",
                text("sync.log.dataset-failed", self.settings.lang, name=outcome.name, message=outcome.error_message),
            )
            log.debug("%s failed", outcome.name, exc_info=True)
        finally:
            client.close()
        stats = client.stats.snapshot()
        outcome.public = state.public
        outcome.first_public_at = state.first_public_at
        outcome.changes = state.changes
        outcome.uploaded_bytes, outcome.uploaded_files = stats.uploaded_bytes, stats.uploaded_files
        outcome.write_requests = stats.write_requests
        outcome.duration_s = round(time.monotonic() - started, 3)
        return outcome


def _portal_times(portal: dict[str, Any] | None) -> tuple[datetime, datetime] | None:
    """(created, last modified) as the portal says (naive UTC in CKAN's answers), or None."""
    try:
        created, modified = (
            datetime.fromisoformat(str((portal or {})[k])) for k in ("metadata_created", "metadata_modified")
        )
    except (KeyError, ValueError):
        return None
    return created.replace(tzinfo=created.tzinfo or UTC), modified.replace(tzinfo=modified.tzinfo or UTC)


def _load_datastore(client: CkanClient, desired: DesiredDataset, portal: dict[str, Any] | None, settings: Settings,
                    state: ApplyState, outcome: DatasetOutcome) -> None:  # fmt: skip
    """Once the files are published: their tables into the DataStore. `portal` is the dataset as
    read before a publish that changed nothing (so an unchanged dataset costs no request), else
    None. Its failures are the outcome's, never the files' publication."""
    report = sync_datastore(client, desired, portal, settings)
    state.changes += report.changes
    outcome.notes += report.notes
    outcome.datastore_errors += report.failures
    for line in report.notes + report.failures:
        log.warning("%s", text("datastore.log", settings.lang, name=desired.name, message=line))


def _note_move(state: ApplyState, portal: dict[str, Any] | None, ours: str) -> None:
    """A deliberate move (`--allow-move`) is one of the run's changes, so the ledger keeps it."""
    theirs = portal_organization(portal or {})
    if theirs and theirs != ours:
        state.done("moved", theirs=theirs, ours=ours)


def publish(
    settings: Settings,
    paths: Sequence[Path] | None = None,
    *,
    dry_run: bool = False,
    workers: int = 4,
    prune: bool = False,
    progress: ProgressCallback | None = None,
    should_stop: StopCheck | None = None,
    allow_move: Collection[str] = (),
    adopt: Collection[str] = (),
) -> PublishResult:
    """Validate every target package, then publish what changed. Never raises for a
    dataset's failure (see the outcomes); raises `MissingToken` without a token and
    `PortalUnreachable` when the portal does not answer (before anything is done), or
    `InvalidToken` when CKAN does not take the token (at the start, or when it dies mid-run:
    the datasets in hand finish, the rest are not tried). `allow_move` names the datasets
    that may change organization, `adopt` those this publisher may take over."""
    if not dry_run and not settings.token_value():
        raise MissingToken(message("no-token", settings.lang))
    started_at = datetime.now(UTC)
    pkgs, retired = split_retired(resolve_targets(list(paths or []), settings.catalogue_dir), load_retired(settings))
    run = _Run(settings, dry_run=dry_run, prune=prune, progress=progress, allow_move=allow_move, adopt=adopt,
               batched=batched_for(settings, len(pkgs)), should_stop=should_stop)  # fmt: skip
    try:
        run.client.ensure_reachable()
        run.user = run.client.check_token()
        run.inputs = plan_inputs(settings, run.client.site_url()) if run.view.batched else None
        run.view.prefetch_heads(run.client)
    except PortalUnreachable:
        run.client.close()
        raise
    outcomes: dict[int, DatasetOutcome] = {}
    futures: dict[Future[DatasetOutcome], int] = {}
    # The datasets in hand: scanning every future ever submitted before each submit made a run
    # quadratic in the catalogue's size (10,000 datasets: 50 million `done()` calls).
    pending: set[Future[DatasetOutcome]] = set()
    seen: set[str] = set()
    interrupted = False
    workers = max(1, workers)
    asked_to_stop = should_stop or (lambda: False)

    def stop() -> bool:
        return run.dead_token is not None or asked_to_stop()

    def finished(index: int, outcome: DatasetOutcome) -> None:
        outcomes[index] = outcome
        run.emit(ProgressEvent("dataset_finished", outcome.name, outcome=outcome))

    # Closed on the way out so that validations not yet started are cancelled; the client last,
    # once the pool has waited for the datasets in hand (also when a second signal cuts the run).
    with (
        active_stat_cache(stat_cache_file(settings)),
        closing(run.client),
        closing(run.view),
        ThreadPoolExecutor(max_workers=workers, thread_name_prefix="publish") as pool,
        closing(validate_many(pkgs, settings, keys_out=run.content_keys)) as validations,
    ):
        for index, (pkg, validated) in enumerate(validations):
            if stop():
                interrupted = True
                break
            if isinstance(validated, Exception):  # a validator crash fails this package only
                code, text = describe(validated, settings.lang, settings.token_value())
                finished(index, DatasetOutcome(name=pkg.name, action="failed", error_code=code, error_message=text))
                continue
            report = validated
            run.emit(ProgressEvent("validated", report.name, valid=report.valid))
            answer = run.without_work(pkg, report, seen)
            if answer is not None:
                finished(index, answer)
                continue
            while len(pending) >= workers:
                pending = wait(pending, return_when=FIRST_COMPLETED).not_done
            if stop():
                interrupted = True
                break
            future = pool.submit(run.dataset, pkg, report)
            futures[future] = index
            pending.add(future)
            future.add_done_callback(lambda f: finished(futures[f], f.result()))
    run.view.save()
    if run.dead_token is not None:
        raise run.dead_token
    # A dataset cut short by a stop (before its next request) makes the run interrupted too.
    interrupted = interrupted or any(o.error_code == StopRequested.code for o in outcomes.values())
    for index, pkg in enumerate(pkgs):
        if index not in outcomes:
            outcomes[index] = DatasetOutcome(name=pkg.name, action="skipped")
    ordered = [outcomes[i] for i in sorted(outcomes)] + [_left_retired(entry, settings.lang) for _, entry in retired]
    totals = run.client.stats.snapshot()
    return PublishResult(
        started_at=started_at,
        finished_at=datetime.now(UTC),
        datasets=ordered,
        requests=totals.requests,
        write_requests=totals.write_requests,
        uploaded_bytes=totals.uploaded_bytes,
        failed=sum(o.action == "failed" for o in ordered),
        invalid=sum(o.action == "invalid" for o in ordered),
        datastore_failed=sum(len(o.datastore_errors) for o in ordered),
        interrupted=interrupted,
        dry_run=dry_run,
    )


def _left_retired(entry: Retirement, lang: Lang) -> DatasetOutcome:
    return DatasetOutcome(
        name=entry.name, action="skipped", error_code="retired", error_message=retired_note(entry, lang)
    )


def retire(settings: Settings, name: str, reason: str | None = None) -> RetireResult:
    """Soft-delete dataset `name` on the portal and list it in the catalogue's retired.json,
    so that later runs leave it retired (see `publisher.sync.retired`)."""
    if not settings.token_value():
        raise MissingToken(message("no-token", settings.lang))
    result = RetireResult(name=name)
    with CkanClient(settings) as client:
        try:
            client.ensure_reachable()
            client.check_token()
            portal = client.package_show(name)
            if portal is None:
                result.error_code, result.error_message = "not-found", message("retire-not-found", settings.lang, name)
            else:
                result.found = True
                result.organization = (portal.get("organization") or {}).get("name")
                if portal.get("state") == "deleted":
                    result.already_retired = True
                else:
                    client.call("package_delete", {"id": portal["id"]})
                    result.retired = True
        except Exception as exc:  # noqa: BLE001 - reported, not raised
            result.error_code, result.error_message = describe(exc, settings.lang, settings.token_value())
        result.write_requests = client.stats.snapshot().write_requests
    if result.ok:
        record_retirement(settings, name, reason)
    return result


def undo_retire(settings: Settings, name: str) -> bool:
    """Take `name` off the retired list (nothing changes on the portal until the next publish,
    which reactivates it). False when it was not listed."""
    return undo_retirement(settings, name)
