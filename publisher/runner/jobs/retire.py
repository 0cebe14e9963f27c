"""Retiring one dataset (`publisher retire NAME`), as a recorded run with one event.

Not a scheduled job: a retirement is the steward's decision, taken by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from publisher.messages import Texts
from publisher.runner.context import JobContext, JobOutcome
from publisher.runner.record import retire_event
from publisher.sync.apply import retire
from publisher.sync.result import RetireResult


@dataclass
class RetireOutcome(JobOutcome):
    """The run's outcome, with what the engine reported (for the CLI's output)."""

    result: RetireResult | None = None


def retire_dataset(ctx: JobContext, name: str, reason: str | None = None) -> RetireOutcome:
    result = retire(ctx.settings, name, reason)
    ctx.ledger.record(retire_event(result, ctx.run_id))
    if result.ok:
        return RetireOutcome(status="succeeded", counts={"retired": int(result.retired)}, result=result)
    error = Texts(ctx.settings.lang)("runner.run.retire_failed", dataset=name, error=result.error_message)
    return RetireOutcome(status="failed", counts={"failed": 1}, error=error, result=result)
