"""The columnar fast path: a package whose tables are all valid is judged without frictionless' rows.

It only ever answers "valid, with these file hashes" or "ask frictionless" (None). A table it
cannot check exactly as frictionless does (see fast_plan), or any doubt about a value, key,
row or header, hands the whole package to frictionless, which then writes the report: the
findings stay frictionless' own, error for error. The descriptor is still checked by
frictionless' metadata validation first (cheap: no data is read).
"""

from __future__ import annotations

import csv
import logging
import zipfile
from pathlib import Path
from typing import Any, Final

import polars as pl
from frictionless import FrictionlessException, Package, Resource

from publisher.validation.compressed import COMPRESSION_ERRORS, ZipNotSingle
from publisher.validation.fast_check import TableState, check_batch, check_foreign_keys, finish_table
from publisher.validation.fast_plan import NoPlan, TablePlan, plan_table
from publisher.validation.fast_read import read_frames
from publisher.validation.safety import SafeResource

log = logging.getLogger(__name__)

# What reading a table may raise that frictionless, not the fast path, should explain.
_HAND_OVER: tuple[type[Exception], ...] = (
    NoPlan,
    csv.Error,
    pl.exceptions.PolarsError,
    UnicodeError,
    OSError,
    ZipNotSingle,
    zipfile.BadZipFile,
    *COMPRESSION_ERRORS,
)


def _plan(res: Any) -> TablePlan:
    if not isinstance(res, dict):
        raise NoPlan("resource")
    try:
        return plan_table(res)
    except (TypeError, ValueError, KeyError, AttributeError, IndexError) as exc:
        # A descriptor shape the plan did not foresee: frictionless (and the profile) report it.
        raise NoPlan(f"descriptor shape: {exc}") from None


# Profiles frictionless checks with its own schemas; any other is fetched, maybe differently twice.
_BUILTIN_PROFILES: Final = (None, "data-resource", "tabular-data-resource")


def _metadata_valid(subset: dict[str, Any], package_dir: Path) -> None:
    """Raises NoPlan when frictionless would report the descriptor (as its validate does first:
    the descriptor as given, the package's export, then each resource's export)."""
    try:
        package = Package(subset, basepath=str(package_dir))
        exported = package.to_descriptor(validate=True)
        version = Package.effective_datapackage_version(exported, None)
        for resource in package.resources:
            if not _checked_within(resource, version):
                resource.to_descriptor(validate=True)
    except (FrictionlessException, TypeError, AttributeError, KeyError, IndexError, ValueError):
        raise NoPlan("descriptor") from None


def _checked_within(resource: Any, version: str) -> bool:
    """Whether the package's check already ran this resource's own check: the package's export
    holds the resource's export (it came from no file of its own), its class and its Data Package
    version are the ones the package's check passes down, and its profile is a built-in one."""
    return (
        resource.metadata_descriptor_path is None
        and type(resource) is Resource.metadata_select_class(resource.type)
        and getattr(resource, "_datapackage_version", None) == version
        and getattr(resource, "profile", None) in _BUILTIN_PROFILES
    )


def _wanted(plans: list[TablePlan]) -> dict[str, set[tuple[str, ...]]]:
    wanted: dict[str, set[tuple[str, ...]]] = {}
    for plan in plans:
        for fk in plan.foreign_keys:
            wanted.setdefault(fk.resource, set()).add(fk.reference)
    return wanted


def _check_table(file: Path, state: TableState) -> str:
    frames, digest = read_frames(file, state.plan)
    for frame in frames:
        check_batch(frame, state)
    finish_table(state)
    return str(digest.hexdigest())


def fast_hashes(subset: dict[str, Any], package_dir: Path, safe: list[SafeResource]) -> dict[str, str] | None:
    """Each resource's sha256 when the fast path finds every table valid; None hands the
    package to frictionless. `subset` holds the resources of `safe`, in the same order."""
    try:
        resources = subset.get("resources")
        if not isinstance(resources, list) or len(resources) != len(safe):
            raise NoPlan("resources")
        plans = [_plan(res) for res in resources]
        _metadata_valid(subset, package_dir)
        wanted = _wanted(plans)
        states = {plan.name: TableState.of(plan, wanted.get(plan.name, set())) for plan in plans}
        if len(states) != len(plans):
            raise NoPlan("resource names")
        hashes = {s.name: _check_table(s.file, states[plan.name]) for plan, s in zip(plans, safe, strict=True)}
        check_foreign_keys(states)
    except _HAND_OVER as exc:
        log.debug("frictionless takes over: %s", exc)
        return None
    return hashes
