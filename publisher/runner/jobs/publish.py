"""The `publish` job: validate every package, plan, apply what changed, then verify the
datasets this run changed by downloading them back."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from publisher.notify import Item, Notification, validation_items
from publisher.runner.context import JobContext, JobOutcome, RunOutcomeStatus
from publisher.runner.jobs.common import logging_progress, package_folders
from publisher.runner.record import Recorder
from publisher.sync.apply import publish
from publisher.sync.result import PublishResult, VerifyResult
from publisher.sync.verify import verify

CHANGED = ("created", "updated", "reactivated")


def publish_counts(result: PublishResult) -> dict[str, Any]:
    actions = Counter(o.action for o in result.datasets)
    return {
        "datasets": len(result.datasets),
        **{
            a: actions.get(a, 0)
            for a in ("created", "updated", "reactivated", "unchanged", "failed", "invalid", "skipped")
        },
        "uploaded_bytes": result.uploaded_bytes,
        "requests": result.requests,
        "write_requests": result.write_requests,
        "interrupted": result.interrupted,
    }


def publish_and_verify(ctx: JobContext, paths: list[Path] | None, job: str) -> JobOutcome:
    """Shared by `publish` and `goal-report` (which publishes its generated package)."""
    recorder = Recorder(ctx.ledger, ctx.run_id)
    options = ctx.options
    result = publish(
        ctx.settings,
        paths,
        workers=int(options.get("workers", 4)),
        prune=bool(options.get("prune", False)),
        progress=logging_progress(job, recorder),
        should_stop=ctx.should_stop,
    )
    recorder.flush_outcomes(result.datasets)
    counts = publish_counts(result)

    verification: VerifyResult | None = None
    changed = [o.name for o in result.datasets if o.action in CHANGED]
    if changed and options.get("verify", True) and not result.interrupted:
        folders = package_folders(ctx.settings)
        if paths is not None:
            folders.update({p.name: p for p in paths})
        targets = [folders[n] for n in changed if n in folders]
        verification = verify(
            ctx.settings, targets, progress=logging_progress(job, recorder), should_stop=ctx.should_stop
        )
        recorder.flush_verifications(verification.datasets)
        counts["verified"] = sum(v.ok for v in verification.datasets)
        counts["verify_failed"] = sum(not v.ok for v in verification.datasets)

    notifications: list[Notification] = []
    invalid = [o for o in result.datasets if o.action == "invalid"]
    if invalid:
        items = [i for o in invalid for i in validation_items(o.validation_errors)]
        notifications.append(Notification(kind="package-invalid", items=items))
    problems = [
        Item(dataset=o.name, code=o.error_code or "failed", message=o.error_message or o.action)
        for o in result.datasets
        if o.action == "failed"
    ]
    if verification is not None:
        problems += [
            Item(dataset=v.name, code="verify-mismatch", message=p) for v in verification.datasets for p in v.problems
        ]

    status: RunOutcomeStatus
    if result.interrupted or (verification is not None and verification.interrupted):
        status = "interrupted"
    elif problems or invalid:
        status = "failed"
    else:
        status = "succeeded"
    if problems:  # a stop asked by SIGTERM is not news; failures during it are
        notifications.append(
            Notification(kind="run-interrupted" if status == "interrupted" else "run-failed", items=problems)
        )
    error = None
    if status == "failed":
        error = ctx.t(f"{len(invalid)} pacote(s) inválido(s), {len(problems)} falha(s)",
                      f"{len(invalid)} invalid package(s), {len(problems)} failure(s)")  # fmt: skip
    elif status == "interrupted":
        error = ctx.t(f"interrompida antes do fim: {counts['skipped']} conjunto(s) não processado(s)",
                      f"stopped before the end: {counts['skipped']} dataset(s) not processed")  # fmt: skip
    return JobOutcome(status=status, counts=counts, error=error, notifications=notifications)


def run(ctx: JobContext) -> JobOutcome:
    return publish_and_verify(ctx, None, "publish")
