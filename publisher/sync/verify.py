"""Verify: what a citizen downloads is what the catalogue holds.

For each package: the dataset is on the portal, active and public; the plan has
nothing left to do; and every resource, downloaded anonymously from its portal URL
(streamed, hashed on the fly), has the local file's size and sha256. Each mismatch
is reported as a problem; nothing is changed.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path
from typing import Any

from publisher.catalog import PackageDir, resolve_targets
from publisher.ckan.client import CkanClient
from publisher.ckan.errors import PortalUnreachable
from publisher.ckan.organizations import Organizations
from publisher.ckan.slugs import resource_key
from publisher.datastore.check import check_datastore
from publisher.messages import text
from publisher.package_files import DEFAULT_LIMITS, Limits
from publisher.settings import Lang, Settings
from publisher.sync.desired import BuildOptions, DesiredDataset, build_desired, build_options
from publisher.sync.events import ProgressCallback, ProgressEvent
from publisher.sync.messages import describe, message
from publisher.sync.plan import bind_to_portal, diff_dataset, survivors
from publisher.sync.result import DatasetVerification, VerifyResult
from publisher.sync.retired import load_retired, split_retired

log = logging.getLogger(__name__)


def _duplicates(desired: DesiredDataset, portal: dict[str, Any]) -> str:
    """This package's resources held more than once on the portal, as "name (n×)"; "" if none."""
    wanted = {r.name for r in desired.resources}
    extra = Counter(resource_key(r) for r in survivors(desired, portal)[1] if resource_key(r) in wanted)
    return ", ".join(f"{name} ({n + 1}×)" for name, n in sorted(extra.items()))


def _check_files(client: CkanClient, desired: DesiredDataset, portal: dict[str, Any], lang: Lang,
                 out: DatasetVerification, progress: ProgressCallback | None) -> None:  # fmt: skip
    by_name = survivors(desired, portal)[0]
    for want in desired.resources:
        res = by_name.get(want.name)
        if res is None:
            out.problems.append(message("verify-resource-missing", lang, want.name))
            continue
        url = str(res.get("url") or "")
        got = client.download(url, limit=want.size)
        out.checked_files += 1
        out.checked_bytes += got.size
        if progress is not None:
            progress(ProgressEvent("bytes_sent", desired.name, bytes=got.size))
        if got.status != 200:
            out.problems.append(message("verify-download", lang, f"{want.name}: HTTP {got.status} {url}"))
        elif got.truncated or got.size != want.size:
            shown = f"> {want.size}" if got.truncated else str(got.size)
            out.problems.append(message("verify-size", lang, f"{want.name}: portal {shown} B, local {want.size} B"))
        elif got.sha256 != want.sha256:
            out.problems.append(
                message("verify-hash", lang, f"{want.name}: sha256 {got.sha256[:12]}… ≠ {want.sha256[:12]}…")
            )


def verify_package(client: CkanClient, orgs: Organizations, pkg: PackageDir, lang: Lang,
                   progress: ProgressCallback | None = None, limits: Limits = DEFAULT_LIMITS,
                   build: BuildOptions | None = None, settings: Settings | None = None) -> DatasetVerification:  # fmt: skip
    """`settings` (the run's) turns on the DataStore check."""
    out = DatasetVerification(name=pkg.name, ok=False)
    try:
        desired = build_desired(pkg, limits=limits, build=build)
        out.name = desired.name
    except Exception as exc:  # noqa: BLE001 - reported as a problem
        out.problems.append(message("verify-local", lang, describe(exc, lang, None)[1]))
        return out
    if progress is not None:
        progress(ProgressEvent("dataset_started", desired.name, total_bytes=desired.upload_bytes))
    try:
        portal = client.package_show(desired.name)
        if portal is None:
            out.problems.append(message("verify-missing", lang))
            return out
        bind_to_portal(desired, portal, client)
        if portal.get("state") != "active":
            out.problems.append(message("verify-state", lang, portal.get("state")))
        if portal.get("private"):
            out.problems.append(message("verify-private", lang))
        plan = diff_dataset(desired, portal, org_exists=orgs.exists(desired.organization, client))
        duplicated = _duplicates(desired, portal)
        if duplicated:
            out.problems.append(message("verify-duplicate", lang, duplicated))
        pending = [a for a in plan.actions if a.kind not in ("make_public", "reactivate") and a.reason != "duplicate"]
        if pending:
            detail = ", ".join(sorted({f"{a.kind} {a.field or a.resource or ''}".strip() for a in pending}))
            out.problems.append(message("verify-pending", lang, detail))
        _check_files(client, desired, portal, lang, out, progress)
        if settings is not None:
            out.problems += check_datastore(client, desired, portal, settings)
    except Exception as exc:  # noqa: BLE001 - reported as a problem
        out.problems.append(client.scrub(describe(exc, lang, None)[1]))
    out.ok = not out.problems
    return out


def verify(settings: Settings, paths: Sequence[Path] | None = None, progress: ProgressCallback | None = None,
           *, workers: int = 4, should_stop: Callable[[], bool] | None = None) -> VerifyResult:  # fmt: skip
    """Check every target package against the portal (reads and anonymous downloads only).

    `should_stop()` is polled before each dataset: those in hand finish, the rest are left
    out and the result says `interrupted`. Retired packages (`datapackages/retired.json`) are
    not checked: they are listed in `retired`. Raises `PortalUnreachable` when the portal does
    not answer, `RetiredListError` when retired.json cannot be read.
    """
    pkgs, retired = split_retired(resolve_targets(list(paths or []), settings.catalogue_dir), load_retired(settings))
    stop = should_stop or (lambda: False)
    root = CkanClient(settings)
    try:
        if pkgs and not stop():  # a run stopped before it began sends nothing at all
            root.ensure_reachable()
    except PortalUnreachable:
        root.close()
        raise
    orgs = Organizations(root, settings.catalogue_dir)

    def one(pkg: PackageDir) -> DatasetVerification | None:
        if stop():
            return None
        with root.fork() as client:
            result = verify_package(
                client, orgs, pkg, settings.lang, progress, settings.limits, build_options(settings), settings
            )
        if not result.ok:
            problems = "; ".join(result.problems)
            log.warning("%s", text("sync.log.verify-problems", settings.lang, name=result.name, problems=problems))
        if progress is not None:
            progress(ProgressEvent("dataset_finished", result.name, verification=result))
        return result

    with closing(root), ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="verify") as pool:
        checked = list(pool.map(one, pkgs))
    datasets = [d for d in checked if d is not None]
    interrupted = len(datasets) < len(checked)
    return VerifyResult(
        datasets=datasets,
        ok=not interrupted and all(d.ok for d in datasets),
        interrupted=interrupted,
        retired=[entry.name for _, entry in retired],
    )
