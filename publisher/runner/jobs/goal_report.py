"""The `goal-report` job: recompute every goal, write the HTML report, and publish the
goal status as the data package `metas-dados-abertos` through the publish engine."""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

from publisher.facts import ckan_lookup, collect
from publisher.goals import compute, load_goals
from publisher.initiatives import InitiativesError, InitiativesStatus, late_initiatives
from publisher.messages import number, text
from publisher.reports import render_goal_report, write_goal_report
from publisher.reports.goal_package import load_publication, write_goal_package
from publisher.reports.runs import recent_runs
from publisher.runner.context import JobContext, JobOutcome
from publisher.runner.jobs.publish import publish_and_verify

log = logging.getLogger("publisher.jobs")


def run(ctx: JobContext) -> JobOutcome:
    lang = ctx.settings.lang
    config = load_goals(ctx.paths.goals_file, lang)
    publication = load_publication(ctx.paths.goals_file, lang)
    with ckan_lookup(ctx.settings) as portal:
        lookup = ctx.portal(ctx.settings) if ctx.portal is not None else portal
        facts = collect(ctx.settings, ctx.ledger, lookup)
    as_of = ctx.now().astimezone(ZoneInfo(ctx.settings.timezone)).date()
    statuses = [compute(goal, facts, as_of=as_of, zone=ctx.settings.timezone) for goal in config.goals]
    for s in statuses:
        values = {"goal": s.id, "achieved": s.achieved, "target": s.target, "percent": number(s.percent, lang)}
        log.info("%s", text("runner.goal_report.status", lang, **values))

    late: InitiativesStatus | str | None = None
    if config.initiatives is not None:
        try:
            late = late_initiatives(config.initiatives, ctx.settings.catalogue_dir, as_of)
        except InitiativesError as exc:
            late = exc.localized(lang)
            log.warning("%s", late)
    html = render_goal_report(
        statuses,
        runs=recent_runs(ctx.ledger),
        organizations=config.organizations,
        timezone=ctx.settings.timezone,
        late=late,
    )
    report = write_goal_report(ctx.paths.goal_report_file, html)
    log.info("%s", text("runner.goal_report.written", lang, path=report))

    folder = ctx.paths.generated_dir / publication.name
    changed = write_goal_package(folder, publication, statuses)
    counts: dict[str, object] = {
        "goals": {s.id: {"target": s.target, "achieved": s.achieved, "by_month": s.by_month} for s in statuses},
        "report": str(report),
        "package": str(folder),
        "package_files_changed": changed,
        "portal_checked": facts.portal_checked,
    }
    if not ctx.options.get("publish", True):
        return JobOutcome(status="succeeded", counts=counts)
    outcome = publish_and_verify(ctx, [folder], "goal-report")
    outcome.counts = {**counts, "publish": outcome.counts}
    return outcome
