"""The `freshness` job: list the datasets overdue for an update by their declared frequency."""

from __future__ import annotations

import json
import logging

from publisher.facts import ckan_lookup, collect
from publisher.freshness import assess
from publisher.notify import Item, Notification
from publisher.runner.context import JobContext, JobOutcome

log = logging.getLogger("publisher.jobs")


def run(ctx: JobContext) -> JobOutcome:
    with ckan_lookup(ctx.settings) as portal:
        lookup = ctx.portal(ctx.settings) if ctx.portal is not None else portal
        facts = collect(ctx.settings, ctx.ledger, lookup)
    now = ctx.now()
    verdicts = assess(facts, now)
    overdue = [v for v in verdicts if v.overdue]
    for v in overdue:
        log.warning(
            "freshness: %s is overdue: %s, last update %s (%s), due %s",
            v.name, v.frequency, v.last_update, v.source, v.due_at,
        )  # fmt: skip
    ctx.paths.reports_dir.mkdir(parents=True, exist_ok=True)
    ctx.paths.freshness_file.write_text(
        json.dumps(
            {"checked_at": now.isoformat(), "portal_checked": facts.portal_checked,
             "datasets": [v.model_dump(mode="json") for v in verdicts]},
            ensure_ascii=False, indent=2,
        ) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    counts = {
        "checked": len(verdicts),
        "overdue": len(overdue),
        "overdue_datasets": [v.name for v in overdue],
        "never_published": sum(v.state == "never-published" for v in verdicts),
        "portal_checked": facts.portal_checked,
    }
    notifications = []
    if overdue:
        pt = ctx.settings.lang == "pt"
        items = [
            Item(
                dataset=v.name,
                code="overdue",
                message=(
                    f"frequência {v.frequency}: última atualização em {v.last_update:%d/%m/%Y}, prazo vencido em {v.due_at:%d/%m/%Y}"
                    if pt else
                    f"frequency {v.frequency}: last updated {v.last_update:%Y-%m-%d}, due {v.due_at:%Y-%m-%d}"
                ),
            )
            for v in overdue
            if v.last_update is not None and v.due_at is not None
        ]  # fmt: skip
        notifications.append(Notification(kind="datasets-overdue", items=items))
    # Overdue data is the stewards' to fix, not a failure of this job.
    return JobOutcome(status="succeeded", counts=counts, notifications=notifications)
