"""The `freshness` job: list the datasets overdue for an update by their declared frequency."""

from __future__ import annotations

import json
import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from publisher.facts import ckan_lookup, collect
from publisher.freshness import assess
from publisher.messages import Texts
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
    t, zone = Texts(ctx.settings.lang), ctx.settings.timezone
    for v in overdue:
        log.warning("%s", t("runner.freshness.overdue_log", dataset=v.name, frequency=v.frequency,
                              last_update=_when(v.last_update, t, zone), source=v.source,
                              due=_when(v.due_at, t, zone)))  # fmt: skip
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
        items = [
            Item(dataset=v.name, code="overdue", message=t("runner.freshness.overdue_item", frequency=v.frequency,
                                                         last_update=_day(v.last_update, t), due=_day(v.due_at, t)))
            for v in overdue
            if v.last_update is not None and v.due_at is not None
        ]  # fmt: skip
        notifications.append(Notification(kind="datasets-overdue", items=items))
    # Overdue data is the stewards' to fix, not a failure of this job.
    return JobOutcome(status="succeeded", counts=counts, notifications=notifications)


def _day(value: datetime | None, t: Texts) -> str:
    return "?" if value is None else value.strftime(t("runner.date"))


def _when(value: datetime | None, t: Texts, zone: str) -> str:
    """A moment for the operator's log, on the settings' clock, with its zone."""
    return "?" if value is None else f"{value.astimezone(ZoneInfo(zone)).strftime(t('runner.datetime'))} ({zone})"
