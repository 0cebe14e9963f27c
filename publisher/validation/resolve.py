"""External schema and dialect files (`"schema": "schema.json"`), read into the descriptor.

The Data Package spec lets a resource name its schema or dialect by path, and the state's
payroll package shares one `schema.json` among 155 resources. Every later check (profile,
safety, frictionless, the portal mapping) then sees one shape: the object. The files obey
the data paths' rules (inside the package, no symlink out, no URL unless remote data is
allowed, under the size limit); each is read once however many resources share it. A file
that cannot be used is reported once per resource naming it, and the resource keeps the
path, which the safety check then holds back from frictionless.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from publisher.package_files import location_problem
from publisher.settings import Settings
from publisher.validation.report import Problem
from publisher.validation.safety import Reporter, is_remote, resource_name
from publisher.validation.syntax import load_descriptor

EXTERNAL: Final = ("schema", "dialect")


@dataclass
class Resolved:
    descriptor: dict[str, Any]
    errors: list[Problem] = field(default_factory=list)
    # (resource name, "schema" | "dialect") -> the package-relative file it was read from.
    origins: dict[tuple[str, str], str] = field(default_factory=dict)
    # (resource name, property path) of every reference that could not be used.
    failed: set[tuple[str, str]] = field(default_factory=set)


def _read(
    rel: str, package_dir: Path, settings: Settings, report: Reporter, prop: str
) -> dict[str, Any] | list[Problem]:
    """The object a local file holds, or the problems that stop it from being used."""
    where = location_problem(rel, package_dir)
    if where is not None:
        return [report(where, value=rel, field=prop)]
    # Size, depth and JSON syntax are the file's own problems, told under its name.
    loaded, errors = load_descriptor(package_dir, rel, report.package, settings.lang, settings.limits)
    return loaded if loaded is not None else errors


def _load(
    ref: str, package_dir: Path, settings: Settings, report: Reporter, prop: str, seen: dict[str, Any]
) -> dict[str, Any] | list[Problem] | None:
    """A resolved object, problems, or None for a URL that frictionless may fetch itself."""
    if is_remote(ref):
        return None if settings.allow_remote_data else [report("path-remote", value=ref, field=prop)]
    if ref not in seen:
        seen[ref] = _read(ref, package_dir, settings, report, prop)
    found = seen[ref]
    if isinstance(found, dict):
        return copy.deepcopy(found)
    # Path problems name the resource: each resource that names the file gets its own.
    return [report(p.code, value=p.value, field=prop) if p.file == "datapackage.json" else p for p in found]


def resolve_externals(descriptor: Mapping[str, Any], package_dir: Path, package: str, settings: Settings) -> Resolved:
    """A copy of the descriptor with every readable external schema and dialect inlined."""
    resolved = Resolved(copy.deepcopy(dict(descriptor)))
    resources = resolved.descriptor.get("resources")
    seen: dict[str, Any] = {}
    reported: set[str] = set()
    for index, res in enumerate(resources if isinstance(resources, list) else []):
        if not isinstance(res, dict):
            continue
        name = resource_name(res, index)
        report = Reporter(settings.lang, package, name)
        for prop in EXTERNAL:
            ref = res.get(prop)
            if not isinstance(ref, str):
                continue
            loaded = _load(ref, package_dir, settings, report, prop, seen)
            if isinstance(loaded, dict):
                res[prop] = loaded
                resolved.origins[(name, prop)] = ref
            elif loaded is not None:
                resolved.failed.add((name, f'resources["{name}"].{prop}'))
                # The file's own problems (bad JSON) are told once; where it is named, per resource.
                fresh = [p for p in loaded if p.file == "datapackage.json" or ref not in reported]
                resolved.errors.extend(fresh)
                reported.add(ref)
    return resolved


def relocated(problems: list[Problem], origins: Mapping[tuple[str, str], str]) -> list[Problem]:
    """Problems inside an external schema or dialect (the profile's, frictionless' descriptor
    errors), named under the file they are in."""
    if not origins:
        return problems
    return [_relocate(p, origins) for p in problems]


# Frictionless' descriptor errors, by the property whose file holds their fix.
_METADATA_PROPS: Final = {
    "schema-error": "schema",
    "field-error": "schema",
    "dialect-error": "dialect",
    "control-error": "dialect",
}


def _prop_of(problem: Problem) -> str | None:
    if problem.code in _METADATA_PROPS:
        return _METADATA_PROPS[problem.code]
    inner = (problem.field or "").split(".", 2)
    return inner[1] if len(inner) >= 2 and inner[0].startswith("resources[") else None


def _relocate(problem: Problem, origins: Mapping[tuple[str, str], str]) -> Problem:
    prop = _prop_of(problem)
    if problem.file != "datapackage.json" or prop is None or problem.resource is None:
        return problem
    origin = origins.get((problem.resource, prop))
    if origin is None:
        return problem
    return problem.model_copy(update={"file": origin, "message": problem.message.replace("datapackage.json", origin)})


def without_echoes(profile: list[Problem], failed: set[tuple[str, str]]) -> list[Problem]:
    """The profile's problems less its complaint that an unusable external file's path is no object."""
    return [p for p in profile if (p.resource, p.field) not in failed]


@functools.cache
def _defaults() -> Settings:
    # Built once: even `model_construct` reads the environment for the settings' sections
    # (25 ms), which a publish over thousands of packages paid once per package.
    return Settings.model_construct()


def inlined(descriptor: Mapping[str, Any], package_dir: Path) -> dict[str, Any]:
    """The descriptor with its external schemas and dialects inlined, for the portal. Validation
    has already reported any that cannot be read; the defaults keep remote ones as they are."""
    return resolve_externals(descriptor, package_dir, "", _defaults()).descriptor
