"""Validate many packages, using every core when there is enough data to make it pay.

Frictionless parsing is CPU-bound Python, so threads cannot share it; separate
processes can. Reports come back in the order of the packages, as they would from
a plain loop. Cached reports are looked up here, in the calling process (hashing is
cheap); only cache misses go to the pool, and only when they hold enough data to
repay starting the workers (a no-op publish must stay as fast as a few requests).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Generator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from publisher.catalog import DESCRIPTOR, PackageDir
from publisher.messages import text
from publisher.package_files import DEFAULT_MAX_METADATA_BYTES, PackageFileError, read_package_file
from publisher.settings import Settings
from publisher.stat_cache import active_stat_cache, stat_cache_file
from publisher.validation.cache import ValidationCache, cache_key, resource_paths, run_part
from publisher.validation.report import PackageReport, Report
from publisher.validation.run import validate_uncached

log = logging.getLogger(__name__)

# Below this much data to validate, starting worker processes (about 0.3 s each,
# mostly importing frictionless) costs more than it saves.
PARALLEL_MIN_BYTES = 8 * 1024 * 1024
# ...unless there are this many packages: small ones cost their descriptor, profile and
# metadata checks (about 10-20 ms each), which the second core halves whatever their size.
PARALLEL_MIN_PACKAGES = 200

Outcome = PackageReport | Exception


def _data_bytes(pkg: PackageDir) -> int:
    try:
        # Bounded like every read of a package file: an oversized descriptor is validation's to report.
        raw = read_package_file(pkg.path, DESCRIPTOR, DEFAULT_MAX_METADATA_BYTES)
    except (OSError, PackageFileError):
        return 0
    total = 0
    for rel in resource_paths(raw):
        file = pkg.path / rel
        # Only sizes are read; paths outside the package are the safety check's to report.
        if file.is_file():
            total += file.stat().st_size
    return total


def _pool_size(misses: list[PackageDir], processes: int | None) -> int:
    cores = processes if processes is not None else (os.cpu_count() or 1)
    if cores < 2 or len(misses) < 2:
        return 1
    few = len(misses) < PARALLEL_MIN_PACKAGES
    if processes is None and few and sum(_data_bytes(p) for p in misses) < PARALLEL_MIN_BYTES:
        return 1
    return min(cores, len(misses))


def validate_many(
    pkgs: list[PackageDir],
    settings: Settings,
    *,
    processes: int | None = None,
    keys_out: dict[Path, str] | None = None,
) -> Generator[tuple[PackageDir, Outcome], None, None]:
    """(package, report or the exception that stopped its validation), in the order given.
    `keys_out`, when given, receives each keyed package's content key (by folder) before its
    report comes out: publish knows by it a package it last found in sync with the portal.

    Closing the iterator early cancels the validations not yet started.
    """
    cache = ValidationCache(settings.cache_dir / "validation", settings.lang) if settings.validation_cache else None
    keys: dict[int, str | None] = {}
    cached: dict[int, PackageReport] = {}
    done = 0  # leading packages already handed out
    shared = run_part(settings) if cache is not None else None
    for index, pkg in enumerate(pkgs):
        key = cache_key(pkg, settings, shared) if cache is not None else None
        keys[index] = key
        if keys_out is not None and key:
            keys_out[pkg.path] = key
        hit = cache.get(key) if cache is not None and key else None
        if hit is not None:
            cached[index] = hit
            if done == index:
                # Hand out each leading hit at once: the caller's requests for it overlap the
                # hashing of the next package (a no-op publish is mostly these two).
                done += 1
                yield pkg, hit
    misses = [i for i in range(len(pkgs)) if i not in cached]
    size = _pool_size([pkgs[i] for i in misses], processes)

    def remember(index: int, report: PackageReport) -> PackageReport:
        key = keys[index]
        if cache is not None and key:
            cache.put(key, report)
        return report

    if size == 1:
        for index, pkg in enumerate(pkgs[done:], start=done):
            if index in cached:
                yield pkg, cached[index]
                continue
            try:
                yield pkg, remember(index, validate_uncached(pkg, settings))
            except Exception as exc:  # noqa: BLE001 - a validator crash is that package's outcome
                yield pkg, exc
        return

    log.info(text("validation.log.processes", settings.lang, packages=len(misses), processes=size))
    # spawn, not fork: the caller may already run threads (progress bars, upload workers).
    # The settings go to each worker once; packages go in small chunks, since sending one
    # small package at a time costs about as much as validating it.
    pool = ProcessPoolExecutor(
        max_workers=size,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_worker_settings,
        initargs=(settings,),
    )
    try:
        per_task = _chunk_size(len(misses), size)
        # Each missed package: the future of its chunk and its place in that chunk.
        slots: dict[int, tuple[Future[list[Outcome]], int]] = {}
        for at in range(0, len(misses), per_task):
            chunk = misses[at : at + per_task]
            future = pool.submit(_validate_chunk, [pkgs[i] for i in chunk])
            slots.update({index: (future, place) for place, index in enumerate(chunk)})
        for index, pkg in enumerate(pkgs[done:], start=done):
            if index in cached:
                yield pkg, cached[index]
                continue
            future, place = slots[index]
            try:
                outcome = future.result()[place]
            except Exception as exc:  # noqa: BLE001 - the worker itself failed: its whole chunk's outcome
                outcome = exc
            yield pkg, remember(index, outcome) if isinstance(outcome, PackageReport) else outcome
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


_settings: Settings | None = None  # a worker process's settings, sent once by the pool


def _worker_settings(settings: Settings) -> None:
    global _settings
    _settings = settings


def _validate_chunk(pkgs: list[PackageDir]) -> list[Outcome]:
    """In a worker: each package's report, or the exception that stopped its validation."""
    assert _settings is not None, "the pool's initializer sets the settings"
    outcomes: list[Outcome] = []
    for pkg in pkgs:
        try:
            outcomes.append(validate_uncached(pkg, _settings))
        except Exception as exc:  # noqa: BLE001 - a validator crash is that package's outcome
            outcomes.append(exc)
    return outcomes


def _chunk_size(packages: int, workers: int) -> int:
    """Packages per task: enough to make sending them cheap, few enough that the workers
    finish together and reports come out steadily (about 8 tasks per worker, at most 32 each)."""
    return max(1, min(32, packages // (workers * 8)))


Progress = Callable[[PackageDir, PackageReport], None]


def validate_all(pkgs: list[PackageDir], settings: Settings, progress: Progress | None = None) -> Report:
    """Every package's report; a validator crash is re-raised (the CLI shows it as a bug)."""
    report = Report()
    with active_stat_cache(stat_cache_file(settings)):
        for pkg, outcome in validate_many(pkgs, settings):
            if isinstance(outcome, Exception):
                raise outcome
            report.packages.append(outcome)
            if progress is not None:
                progress(pkg, outcome)
    return report
