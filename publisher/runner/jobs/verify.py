"""The `verify` job: download every published file back and compare it with the catalogue."""

from __future__ import annotations

from publisher.notify import Item, Notification
from publisher.runner.context import JobContext, JobOutcome
from publisher.runner.jobs.common import logging_progress
from publisher.runner.record import Recorder
from publisher.sync.verify import verify


def run(ctx: JobContext) -> JobOutcome:
    recorder = Recorder(ctx.ledger, ctx.run_id)
    result = verify(ctx.settings, None, progress=logging_progress("verify", recorder),
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
        return JobOutcome(status="interrupted", counts=counts)
    if not bad:
        return JobOutcome(status="succeeded", counts=counts)
    items = [Item(dataset=v.name, code="verify-mismatch", message=p) for v in bad for p in (v.problems or ["?"])]
    return JobOutcome(
        status="failed",
        counts=counts,
        error=ctx.t(
            f"{len(bad)} conjunto(s) diferente(s) do catálogo", f"{len(bad)} dataset(s) differ from the catalogue"
        ),
        notifications=[Notification(kind="run-failed", items=items)],
    )
