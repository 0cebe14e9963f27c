"""Helpers shared by the jobs: operator log lines, catalogue name -> folder."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from publisher.catalog import find_packages, package_dataset_name
from publisher.messages import Texts, number
from publisher.settings import Settings
from publisher.sync.events import ProgressEvent
from publisher.sync.result import DatasetOutcome, DatasetVerification

log = logging.getLogger("publisher.jobs")


def describe_outcome(o: DatasetOutcome, t: Texts, job: str = "publish") -> str:
    """One operator log line for a dataset's outcome, in `t`'s language."""
    parts: list[str] = [t(f"runner.action.{o.action}")]
    if o.uploaded_files:
        parts.append(t("runner.log.outcome.files", files=o.uploaded_files, bytes=o.uploaded_bytes))
    if o.error_code:
        parts.append(o.error_code)
    if o.error_message:
        parts.append(o.error_message)
    if o.validation_errors:
        parts.append(t("runner.log.outcome.validation_errors", count=len(o.validation_errors)))
    return t(
        "runner.log.outcome", job=job, dataset=o.name, details=", ".join(parts), seconds=number(o.duration_s, t.lang)
    )


def describe_verification(v: DatasetVerification, t: Texts, job: str = "verify") -> str:
    if v.ok:
        return t("runner.log.verified", job=job, dataset=v.name, files=v.checked_files, bytes=v.checked_bytes)
    return t("runner.log.mismatch", job=job, dataset=v.name, problems="; ".join(v.problems))


def logging_progress(job: str, inner: Callable[[ProgressEvent], None], t: Texts) -> Callable[[ProgressEvent], None]:
    """Wrap a progress callback with one operator log line per finished dataset."""

    def progress(event: ProgressEvent) -> None:
        inner(event)
        if event.kind != "dataset_finished":
            return
        if event.outcome is not None:
            level = logging.WARNING if event.outcome.action in ("failed", "invalid") else logging.INFO
            log.log(level, "%s", describe_outcome(event.outcome, t, job))
        elif event.verification is not None:
            level = logging.INFO if event.verification.ok else logging.WARNING
            log.log(level, "%s", describe_verification(event.verification, t, job))

    return progress


def chain(*callbacks: Callable[[ProgressEvent], None] | None) -> Callable[[ProgressEvent], None]:
    """One progress callback calling each given one in turn (the ledger first, then the screen)."""
    present = [c for c in callbacks if c is not None]

    def progress(event: ProgressEvent) -> None:
        for callback in present:
            callback(event)

    return progress


def package_folders(settings: Settings) -> dict[str, Path]:
    """Dataset name (the descriptor's, else the folder's) -> package folder."""
    return {package_dataset_name(pkg): pkg.path for pkg in find_packages(settings.catalogue_dir)}
