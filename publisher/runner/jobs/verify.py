"""The `verify` job: download every published file back and compare it with the catalogue.

The same work runs `publisher verify`, inside `Runner.run_recorded`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from publisher.ckan.client import CkanClient
from publisher.messages import Texts
from publisher.notify import Item, Notification
from publisher.runner.context import JobContext, JobOutcome
from publisher.runner.jobs.common import chain, logging_progress
from publisher.runner.record import Recorder
from publisher.settings import Settings
from publisher.sync.events import ProgressCallback
from publisher.sync.result import VerifyResult
from publisher.sync.verify import verify


@dataclass
class VerifyOutcome(JobOutcome):
    """The run's outcome, with what the engine reported (for the CLI's output)."""

    result: VerifyResult | None = None


def verify_catalogue(
    ctx: JobContext, paths: Sequence[Path] | None = None, progress: ProgressCallback | None = None
) -> VerifyOutcome:
    """Verify `paths` (default: the whole catalogue), writing one event per dataset as it is checked."""
    t = Texts(ctx.settings.lang)
    _check_token(ctx.settings)
    recorder = Recorder(ctx.ledger, ctx.run_id, ctx.settings.lang)
    result = verify(ctx.settings, paths, progress=logging_progress("verify", chain(recorder, progress), t),
                    workers=int(ctx.options.get("workers", 4)), should_stop=ctx.should_stop)  # fmt: skip
    recorder.flush_verifications(result.datasets)
    bad = [v for v in result.datasets if not v.ok]
    counts = {
        "datasets": len(result.datasets),
        "verified": len(result.datasets) - len(bad),
        "failed": len(bad),
        "checked_files": sum(v.checked_files for v in result.datasets),
        "checked_bytes": sum(v.checked_bytes for v in result.datasets),
    }
    if result.interrupted:  # the datasets after the stop were not looked at
        return VerifyOutcome(status="interrupted", counts=counts, result=result)
    if not bad:
        return VerifyOutcome(status="succeeded", counts=counts, result=result)
    items = [Item(dataset=v.name, code="verify-mismatch", message=p) for v in bad for p in (v.problems or ["?"])]
    return VerifyOutcome(
        status="failed",
        counts=counts,
        error=t("runner.run.verify_failed", count=len(bad)),
        notifications=[Notification(kind="run-failed", items=items)],
        result=result,
    )


def _check_token(settings: Settings) -> None:
    """As publish does: verify reads private datasets with the token, and one CKAN does not
    take would make them look missing, dataset after dataset. `InvalidToken` (or an unreachable
    portal) fails the run with one message before anything is downloaded."""
    if not settings.token_value():
        return
    with CkanClient(settings) as client:
        client.ensure_reachable()
        client.check_token()


def run(ctx: JobContext) -> JobOutcome:
    return verify_catalogue(ctx)
