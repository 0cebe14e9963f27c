"""The `publish` job: validate every package, plan, apply what changed, then verify the
datasets this run changed by downloading them back.

The same work runs `publisher publish` (with the CLI's progress, and `verify = false`
by default), inside `Runner.run_recorded`: one shape of counts whoever started it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from publisher.messages import Texts
from publisher.notify import Item, Notification, validation_items
from publisher.runner.context import JobContext, JobOutcome, RunOutcomeStatus
from publisher.runner.jobs.common import chain, logging_progress, package_folders
from publisher.runner.record import Recorder
from publisher.sync.apply import publish
from publisher.sync.events import ProgressCallback
from publisher.sync.result import DatasetOutcome, PublishResult, VerifyResult
from publisher.sync.verify import verify

CHANGED = ("created", "updated", "reactivated")
ACTIONS = ("created", "updated", "reactivated", "unchanged", "failed", "invalid", "skipped")


@dataclass
class PublishOutcome(JobOutcome):
    """The run's outcome, with what the engine reported (for the CLI's output)."""

    result: PublishResult | None = None
    verification: VerifyResult | None = None


def publish_counts(result: PublishResult, verification: VerifyResult | None = None) -> dict[str, Any]:
    """The counts of every publish run in the ledger, whoever started it."""
    actions = Counter(str(o.action) for o in result.datasets)
    counts: dict[str, Any] = {
        "datasets": len(result.datasets),
        **{a: actions.get(a, 0) for a in ACTIONS},
        "uploaded_bytes": result.uploaded_bytes,
        "requests": result.requests,
        "write_requests": result.write_requests,
        "interrupted": result.interrupted,
    }
    if verification is not None:
        counts["verified"] = sum(v.ok for v in verification.datasets)
        counts["verify_failed"] = sum(not v.ok for v in verification.datasets)
    return counts


def publish_and_verify(
    ctx: JobContext, paths: Sequence[Path] | None, job: str, progress: ProgressCallback | None = None
) -> PublishOutcome:
    """Shared by `publish`, `goal-report` (which publishes its generated package) and the CLI."""
    t = Texts(ctx.settings.lang)
    recorder = Recorder(ctx.ledger, ctx.run_id, ctx.settings.lang)
    events = logging_progress(job, chain(recorder, progress), t)
    options = ctx.options
    try:
        result = publish(
            ctx.settings,
            paths,
            workers=int(options.get("workers", 4)),
            prune=bool(options.get("prune", False)),
            allow_move=list(options.get("allow_move") or ()),
            adopt=list(options.get("adopt") or ()),
            progress=events,
            should_stop=ctx.should_stop,
        )
    finally:
        recorder.flush_held()  # what a run that raises (a dead token) did see is kept too
    recorder.flush_outcomes(result.datasets)

    verification: VerifyResult | None = None
    changed = [o.name for o in result.datasets if o.action in CHANGED]
    if changed and options.get("verify", True) and not result.interrupted:
        targets = _folders_of(ctx, paths, changed)
        verification = verify(ctx.settings, targets, progress=events, should_stop=ctx.should_stop)
        recorder.flush_verifications(verification.datasets)
    return _publish_outcome(t, result, verification)


def _folders_of(ctx: JobContext, paths: Sequence[Path] | None, names: list[str]) -> list[Path]:
    folders = package_folders(ctx.settings)
    if paths is not None:
        folders.update({p.name: p for p in paths})
    return [folders[n] for n in names if n in folders]


def _problems(result: PublishResult, verification: VerifyResult | None) -> list[Item]:
    problems = [
        Item(dataset=o.name, code=o.error_code or "failed", message=o.error_message or o.action)
        for o in result.datasets
        if o.action == "failed"
    ]
    if verification is not None:
        problems += [
            Item(dataset=v.name, code="verify-mismatch", message=p) for v in verification.datasets for p in v.problems
        ]
    return problems


def _publish_outcome(t: Texts, result: PublishResult, verification: VerifyResult | None) -> PublishOutcome:
    counts = publish_counts(result, verification)
    invalid: list[DatasetOutcome] = [o for o in result.datasets if o.action == "invalid"]
    problems = _problems(result, verification)
    notifications: list[Notification] = []
    if invalid:
        items = [i for o in invalid for i in validation_items(o.validation_errors)]
        notifications.append(Notification(kind="package-invalid", items=items))

    status: RunOutcomeStatus
    error: str | None = None
    if result.interrupted or (verification is not None and verification.interrupted):
        status = "interrupted"
        error = t("runner.run.publish_interrupted", skipped=counts["skipped"])
    elif problems or invalid:
        status = "failed"
        error = t("runner.run.publish_failed", invalid=len(invalid), failures=len(problems))
    else:
        status = "succeeded"
    if problems:  # a stop asked by SIGTERM is not news; failures during it are
        notifications.append(
            Notification(kind="run-interrupted" if status == "interrupted" else "run-failed", items=problems)
        )
    return PublishOutcome(
        status=status, counts=counts, error=error, notifications=notifications, result=result, verification=verification
    )


def run(ctx: JobContext) -> JobOutcome:
    return publish_and_verify(ctx, None, "publish")
