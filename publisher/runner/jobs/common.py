"""Helpers shared by the jobs: progress lines, catalogue name -> folder."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from publisher.catalog import find_packages, read_descriptor
from publisher.settings import Settings
from publisher.sync.events import ProgressEvent
from publisher.sync.result import DatasetOutcome

log = logging.getLogger("publisher.jobs")


def describe_outcome(o: DatasetOutcome) -> str:
    parts: list[str] = [o.action]
    if o.uploaded_files:
        parts.append(f"{o.uploaded_files} file(s), {o.uploaded_bytes} bytes")
    if o.error_code:
        parts.append(o.error_code)
    if o.error_message:
        parts.append(o.error_message)
    if o.validation_errors:
        parts.append(f"{len(o.validation_errors)} validation error(s)")
    return f"{o.name}: " + ", ".join(parts) + f" ({o.duration_s:.1f} s)"


def logging_progress(job: str, inner: Callable[[ProgressEvent], None]) -> Callable[[ProgressEvent], None]:
    """Wrap a progress callback with one plain log line per finished dataset."""

    def progress(event: ProgressEvent) -> None:
        inner(event)
        if event.kind != "dataset_finished":
            return
        if event.outcome is not None:
            level = logging.WARNING if event.outcome.action in ("failed", "invalid") else logging.INFO
            log.log(level, "%s: %s", job, describe_outcome(event.outcome))
        elif event.verification is not None:
            v = event.verification
            if v.ok:
                log.info("%s: %s verified (%d file(s), %d bytes)", job, v.name, v.checked_files, v.checked_bytes)
            else:
                log.warning("%s: %s does not match: %s", job, v.name, "; ".join(v.problems))

    return progress


def package_folders(settings: Settings) -> dict[str, Path]:
    """Dataset name (the descriptor's, else the folder's) -> package folder."""
    folders: dict[str, Path] = {}
    for pkg in find_packages(settings.catalogue_dir):
        try:
            name = read_descriptor(pkg).get("name")
        except (OSError, ValueError):
            name = None
        folders[name if isinstance(name, str) and name else pkg.name] = pkg.path
    return folders
