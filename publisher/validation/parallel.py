"""Validate many packages, using every core when there is enough data to make it pay.

Frictionless parsing is CPU-bound Python, so threads cannot share it; separate
processes can. Reports come back in the order of the packages, as they would from
a plain loop. Cached reports are looked up here, in the calling process (hashing is
cheap); only cache misses go to the pool, and only when they hold enough data to
repay starting the workers (a no-op publish must stay as fast as a few requests). Once
enough packages are found missing, the workers start while the rest is still looked up.
This module does not import the validators (frictionless, polars): the workers do.
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
from publisher.validation import worker
from publisher.validation.cache import ValidationCache, cache_key, resource_paths, run_part
from publisher.validation.report import PackageReport, Report

log = logging.getLogger(__name__)

# Below this much data to validate, starting worker processes (about 0.3 s each,
# mostly importing frictionless) costs more than it saves.
PARALLEL_MIN_BYTES = 8 * 1024 * 1024
# ...unless there are this many packages: small ones cost their descriptor, profile and
# metadata checks (about 10-20 ms each), which the second core halves whatever their size.
PARALLEL_MIN_PACKAGES = 200

Outcome = worker.Outcome


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


def _workers_allowed(processes: int | None) -> int:
    """Worker processes a run may use: as asked, else one per core."""
    return processes if processes is not None else (os.cpu_count() or 1)


def _pool_size(misses: list[PackageDir], processes: int | None) -> int:
    cores = _workers_allowed(processes)
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
    run = _Many(pkgs, settings, processes, keys_out)
    try:
        yield from run.look_up()
        run.settle()
        yield from run.rest()
    finally:
        run.close()


class _Many:
    """One `validate_many`: packages keyed and looked up in the cache, misses validated (by a
    pool once there are enough of them), everything handed out in order."""

    def __init__(
        self, pkgs: list[PackageDir], settings: Settings, processes: int | None, keys_out: dict[Path, str] | None
    ) -> None:
        self.pkgs, self.settings, self.processes, self.keys_out = pkgs, settings, processes, keys_out
        on = settings.validation_cache
        self.cache = ValidationCache(settings.cache_dir / "validation", settings.lang) if on else None
        self.shared = run_part(settings) if on else None
        self.keys: dict[int, str | None] = {}
        self.cached: dict[int, PackageReport] = {}
        self.misses: list[int] = []
        self.done = 0  # leading packages already handed out
        self.pool: _Pool | None = None

    def look_up(self) -> Generator[tuple[PackageDir, Outcome], None, None]:
        """Keys every package; hands out each leading hit at once (the caller's requests for it
        overlap the hashing of the next package: a no-op publish is mostly these two)."""
        cores = _workers_allowed(self.processes)
        if cores > 1 and len(self.pkgs) >= PARALLEL_MIN_PACKAGES and self._nothing_cached():
            # Every package will be missing: the workers start before the first is keyed.
            self._start(min(cores, len(self.pkgs)), len(self.pkgs))
        for index, pkg in enumerate(self.pkgs):
            hit = self._hit(index, pkg)
            if hit is not None:
                self.cached[index] = hit
                if self.done == index:
                    self.done += 1
                    yield pkg, hit
                continue
            self.misses.append(index)
            if self.pool is not None:
                self.pool.add(index, pkg)
            elif cores > 1 and len(self.misses) == PARALLEL_MIN_PACKAGES:
                # Enough to repay the workers whatever follows: they start (and import) while
                # the rest is looked up, and validate what is found missing meanwhile.
                remaining = len(self.pkgs) - len(self.cached)
                self._start(min(cores, remaining), remaining)

    def _nothing_cached(self) -> bool:
        if self.cache is None:
            return True
        try:
            with os.scandir(self.cache.folder) as entries:
                return next(entries, None) is None
        except OSError:  # no folder yet
            return True

    def _hit(self, index: int, pkg: PackageDir) -> PackageReport | None:
        if self.cache is None:
            self.keys[index] = None
            return None
        key = self.keys[index] = cache_key(pkg, self.settings, self.shared)
        if not key:
            return None
        if self.keys_out is not None:
            self.keys_out[pkg.path] = key
        return self.cache.get(key)

    def _start(self, size: int, expected: int) -> None:
        self.pool = _Pool(size, self.settings, expected)
        for index in self.misses:
            self.pool.add(index, self.pkgs[index])

    def settle(self) -> None:
        """Every miss sent to a pool, if they repay one."""
        if self.pool is None:
            size = _pool_size([self.pkgs[i] for i in self.misses], self.processes)
            if size > 1:
                self._start(size, len(self.misses))
        if self.pool is not None:
            self.pool.flush()
            log.info(
                text(
                    "validation.log.processes", self.settings.lang, packages=len(self.misses), processes=self.pool.size
                )
            )

    def rest(self) -> Generator[tuple[PackageDir, Outcome], None, None]:
        for index, pkg in enumerate(self.pkgs[self.done :], start=self.done):
            if index in self.cached:
                yield pkg, self.cached[index]
                continue
            found = self.pool.outcome(index) if self.pool is not None else _in_process(pkg, self.settings)
            key = self.keys[index]
            if self.cache is not None and key and isinstance(found, PackageReport):
                self.cache.put(key, found)
            yield pkg, found
        if self.cache is not None:
            self.cache.prune()  # after the run's own uses have refreshed what it needs

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()


def _in_process(pkg: PackageDir, settings: Settings) -> Outcome:
    from publisher.validation.run import validate_uncached  # frictionless, imported only when used here

    try:
        return validate_uncached(pkg, settings)
    except Exception as exc:  # noqa: BLE001 - a validator crash is that package's outcome
        return exc


class _Pool:
    """Worker processes fed packages as they are found missing, in chunks. spawn, not fork: the
    caller may already run threads (progress bars, upload workers). The settings go to each
    worker once; packages go in small chunks, since sending one small package at a time costs
    about as much as validating it."""

    def __init__(self, size: int, settings: Settings, expected: int) -> None:
        self.size = size
        self.per_task = _chunk_size(expected, size)
        cores = os.cpu_count() or 1
        self.executor = ProcessPoolExecutor(
            max_workers=size,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=worker.start,
            initargs=(settings, max(1, cores // size)),
        )
        self.pending: list[tuple[int, PackageDir]] = []
        # Each package sent: the future of its chunk and its place in that chunk.
        self.slots: dict[int, tuple[Future[list[Outcome]], int]] = {}

    def add(self, index: int, pkg: PackageDir) -> None:
        self.pending.append((index, pkg))
        if len(self.pending) >= self.per_task:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        future = self.executor.submit(worker.validate_chunk, [pkg for _, pkg in self.pending])
        self.slots.update({index: (future, place) for place, (index, _) in enumerate(self.pending)})
        self.pending = []

    def outcome(self, index: int) -> Outcome:
        future, place = self.slots[index]
        try:
            return future.result()[place]
        except Exception as exc:  # noqa: BLE001 - the worker itself failed: its whole chunk's outcome
            return exc

    def close(self) -> None:
        # Not waiting: the workers wind their interpreters down (a tenth of a second) while the
        # caller goes on with the reports; the interpreter's exit still waits for them.
        self.executor.shutdown(wait=False, cancel_futures=True)


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
