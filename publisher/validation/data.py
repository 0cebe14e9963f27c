"""Frictionless data validation of the resources that passed the safety checks.

The package is validated as a whole (so foreign keys between tables are checked);
when frictionless rejects the descriptor itself, each resource is validated alone
so one broken schema does not hide the others' data errors. Frictionless reads
every file exactly once here and hashes it on the way (its task stats carry the
sha256), which is what lets `publish` skip a second validation of unchanged files.
"""

from __future__ import annotations

import csv
import gzip
import logging
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frictionless import Error as FrictionlessError
from frictionless import FrictionlessException, Package, Resource
from frictionless.formats.csv import parser as _csv_parser  # noqa: F401  (sets its limit on import)

from publisher.messages import Lang, Texts, text
from publisher.validation import delimiter
from publisher.validation.compressed import COMPRESSION_ERRORS
from publisher.validation.error_cap import CountingChecklist, left_out_problems
from publisher.validation.fast import fast_hashes
from publisher.validation.frictionless_names import remember_name_conversions
from publisher.validation.report import Problem, make_error
from publisher.validation.resolve import relocated
from publisher.validation.safety import SafeResource
from publisher.validation.suggest import closest_choice
from publisher.validation.type_hints import type_error_hint

log = logging.getLogger(__name__)

remember_name_conversions()  # every validation below goes through frictionless' descriptors

# Errors about the descriptor rather than the data: their fix is in datapackage.json.
METADATA_CODES = frozenset(
    {
        "package-error",
        "resource-error",
        "schema-error",
        "field-error",
        "dialect-error",
        "control-error",
        "metadata-error",
    }
)
_TYPE_NOTE = re.compile(r'type is "([^"/]+)/?([^"]*)"')
_CONSTRAINT_NOTE = re.compile(r'constraint "([^"]+)" is "(.*)"$', re.S)


# What Python's readers raise through frictionless on a file it cannot read to the end (a
# compressed file cut short or corrupt, a file that cannot be opened): frictionless reports
# some of these itself, but others escape it, and a bad file must be a problem, not a crash.
UNREADABLE: tuple[type[Exception], ...] = (*COMPRESSION_ERRORS, OSError)
# What frictionless raises, instead of a metadata error, on a descriptor shape it does not
# expect (a number where it iterates, `null` where it compares, a dialect `type`): the
# profile check names the property; here it must only not take the whole report down.
SHAPE_CRASHES: tuple[type[Exception], ...] = (TypeError, AttributeError, KeyError, IndexError, ValueError)
FRICTIONLESS_FAILURES: tuple[type[Exception], ...] = (FrictionlessException, *UNREADABLE, *SHAPE_CRASHES)


def _unreadable_error(exc: Exception, lang: Lang, package: str, resource: str, relpath: str | None) -> Problem:
    compressed = isinstance(exc, (*COMPRESSION_ERRORS, gzip.BadGzipFile))
    code = "compression-error" if compressed else "scheme-error"
    return make_error(code, lang, package=package, file=relpath, resource=resource, note=str(exc))


@dataclass
class DataResult:
    errors: list[Problem] = field(default_factory=list)
    hashes: dict[str, str] = field(default_factory=dict)


def _schema_of(descriptor: dict[str, Any], resource: str) -> dict[str, Any]:
    """The named resource's schema, `{}` for any other shape (a broken schema is the profile's to report)."""
    resources = descriptor.get("resources")
    for res in resources if isinstance(resources, list) else []:
        if isinstance(res, dict) and res.get("name") == resource:
            schema = res.get("schema")
            return schema if isinstance(schema, dict) else {}
    return {}


def _fields_of(schema: dict[str, Any]) -> list[dict[str, Any]]:
    fields = schema.get("fields")
    return [f for f in fields if isinstance(f, dict)] if isinstance(fields, list) else []


def _field_of(descriptor: dict[str, Any], resource: str, name: str | None) -> dict[str, Any]:
    return next((f for f in _fields_of(_schema_of(descriptor, resource)) if f.get("name") == name), {})


def _constraint_params(lang: Lang, note: str, schema_field: dict[str, Any], value: object) -> dict[str, str]:
    match = _CONSTRAINT_NOTE.search(note)
    name = match.group(1) if match else "?"
    constraints = schema_field.get("constraints")
    limit = (constraints if isinstance(constraints, dict) else {}).get(name, match.group(2) if match else "?")
    t = Texts(lang)
    if name == "enum" and isinstance(limit, list):
        allowed = t("validation.constraint.allowed", values=", ".join(str(v) for v in limit))
        guess = closest_choice(str(value), [str(v) for v in limit]) if value is not None else None
        if guess is not None:
            allowed += " " + t("validation.constraint.did-you-mean", guess=guess)
    elif name == "required":
        allowed = t("validation.constraint.required")
    else:
        allowed = t("validation.constraint.limit", name=name, limit=limit)
    return {"constraint": f'"{name}"', "allowed": allowed}


def _translate(
    err: FrictionlessError, lang: Lang, package: str, resource: str, relpath: str, descriptor: dict[str, Any]
) -> Problem:
    d = err.to_descriptor()
    code = str(d.get("type", "error"))
    note = str(d.get("note", ""))
    too_long = _CELL_LIMIT_NOTE.search(note) if code == "source-error" else None
    if too_long:
        limit = int(too_long.group(1))
        return make_error("cell-too-long", lang, package=package, file=relpath, resource=resource, limit=limit)
    # Frictionless says "" for "none": an extra cell belongs to no field, a missing cell has no value.
    field_name = d.get("fieldName") or None
    params: dict[str, Any] = {"note": note}
    value: object = d.get("cell", d.get("label"))
    if value in ("", None) or (value == "None" and code == "constraint-error"):
        value = None
    schema_field = _field_of(descriptor, resource, field_name)
    if code == "type-error":
        match = _TYPE_NOTE.search(note)
        ftype = match.group(1) if match else schema_field.get("type", "?")
        fmt = match.group(2) if match else ""
        params["expected"] = f"{ftype}" + (f" ({fmt})" if fmt and fmt != "default" else "")
        params["fix"] = type_error_hint(value, schema_field, str(ftype), lang)
    elif code == "incorrect-label":
        same = isinstance(value, str) and field_name and closest_choice(value, [field_name]) == field_name
        params["near"] = " " + text("validation.incorrect-label.near", lang) if same else ""
    elif code == "constraint-error":
        params.update(_constraint_params(lang, note, schema_field, value))
    elif code == "foreign-key":
        # Name only the key that failed, with its own values, not the whole row.
        field_name = ", ".join(d.get("fieldNames") or []) or _key_fields(descriptor, resource, code)
        value = ", ".join(str(c) for c in d.get("fieldCells") or []) or None
    elif code == "primary-key":
        field_name = _key_fields(descriptor, resource, code)
        value = _key_values(d.get("cells") or [], descriptor, resource, field_name)
    return make_error(
        code,
        lang,
        package=package,
        file="datapackage.json" if code in METADATA_CODES else relpath,
        resource=resource,
        row=d.get("rowNumber"),
        column=d.get("fieldNumber"),
        field=field_name,
        value=value,
        severity="warning" if code.startswith("deviated") else "error",
        **params,
    )


def _diagnosed(
    found: list[Problem], safe: SafeResource | None, resources: list[Any], package: str, lang: Lang
) -> list[Problem]:
    """One resource's errors, with a wrong delimiter named as the single cause when it is one."""
    if safe is None or not isinstance(resources[safe.index], dict):
        return found
    return delimiter.diagnose(found, resources[safe.index], safe.file, safe.relpath, package, lang)


def _left_out(
    so_far: list[Problem], counted: CountingChecklist, name: str, relpath: str | None, package: str, lang: Lang
) -> list[Problem]:
    """Error cap: how many errors of the resource were counted but not kept (none once a wrong
    delimiter stands in for them all)."""
    if any(e.code == "delimiter-mismatch" and e.resource == name for e in so_far):
        return []
    return left_out_problems(counted, name, relpath, package, lang)


def _key_values(cells: list[Any], descriptor: dict[str, Any], resource: str, key: str | None) -> str | None:
    names = [n.strip() for n in (key or "").split(",") if n.strip()]
    order = [f.get("name") for f in _fields_of(_schema_of(descriptor, resource))]
    picked = [str(cells[order.index(n)]) for n in names if n in order and order.index(n) < len(cells)]
    return ", ".join(picked) if picked else ", ".join(str(c) for c in cells) or None


def _key_fields(descriptor: dict[str, Any], resource: str, code: str) -> str | None:
    schema = _schema_of(descriptor, resource)
    if code == "primary-key":
        return _names(schema.get("primaryKey")) or None
    fks = schema.get("foreignKeys")
    flat = [_names(fk.get("fields")) for fk in fks if isinstance(fk, dict)] if isinstance(fks, list) else []
    return "; ".join(n for n in flat if n) or None


def _names(key: object) -> str:
    """A key's field names as text: one name, or a list of them."""
    if isinstance(key, list):
        return ", ".join(str(n) for n in key)
    return key if isinstance(key, str) else ""


def _metadata_errors(exc: FrictionlessException, lang: Lang, package: str, resource: str | None) -> list[Problem]:
    """The reasons frictionless rejected a descriptor; its headline alone ("descriptor is not valid") helps nobody."""
    found = list(exc.reasons) or [exc.error]
    # The fix is in datapackage.json, not in the data file, so that is the file named.
    return [
        make_error(str(err.type), lang, package=package, file="datapackage.json", resource=resource, note=str(err.note))
        for err in found
    ]


# Python's csv reader holds a whole cell before it yields it: its own limit, which frictionless
# lifts to 2 GiB when its CSV parser is imported (here, before ours is set), is what bounds it.
DEFAULT_MAX_CELL_BYTES = 4 * 1024**2
_CELL_LIMIT_NOTE = re.compile(r"field larger than field limit \((\d+)\)")


@contextmanager
def cell_limit(max_bytes: int) -> Iterator[None]:
    """The csv module's cell limit set to `max_bytes` for one validation. It counts characters:
    a cell of `max_bytes` characters holds at least that many bytes."""
    before = csv.field_size_limit(max_bytes)
    try:
        yield
    finally:
        csv.field_size_limit(before)


def validate_data(
    descriptor: dict[str, Any],
    package_dir: Path,
    package: str,
    safe: list[SafeResource],
    lang: Lang,
    origins: Mapping[tuple[str, str], str] | None = None,
    max_cell_bytes: int = DEFAULT_MAX_CELL_BYTES,
) -> DataResult:
    """Errors of the data; `origins` names the external schema and dialect files (see `resolve`),
    under which a descriptor error frictionless finds in them is reported."""
    with cell_limit(max_cell_bytes):
        result = _validate_data(descriptor, package_dir, package, safe, lang)
    result.errors = relocated(result.errors, origins or {})
    return result


def _validate_data(
    descriptor: dict[str, Any], package_dir: Path, package: str, safe: list[SafeResource], lang: Lang
) -> DataResult:
    result = DataResult()
    if not safe:
        return result
    # Shallow: nothing below changes the subset, and frictionless copies whatever it is given.
    all_resources = descriptor.get("resources", [])
    subset = {**descriptor, "resources": [all_resources[s.index] for s in safe]}
    by_name = {s.name: s for s in safe}
    whole_package = len(safe) == len([r for r in all_resources if isinstance(r, dict)])
    if not whole_package:
        # Foreign keys may point at a resource that was held back; check tables alone.
        subset["resources"] = [_without_foreign_keys(res) for res in subset["resources"]]
    # The columnar fast path vouches for valid tables; anything else is frictionless' to report.
    hashes = fast_hashes(subset, package_dir, safe)
    if hashes is not None:
        result.hashes = hashes
        return result
    try:
        # Error cap: every error counted, the first ones per resource kept (error_cap.py).
        counted = CountingChecklist()
        report = Package(subset, basepath=str(package_dir)).validate(checklist=counted, limit_errors=0)
    except FRICTIONLESS_FAILURES:
        # Table by table, a broken descriptor or file is reported where it is.
        return _validate_each(subset, package_dir, package, by_name, lang, descriptor)
    for task in report.tasks:
        name = str(task.name)
        relpath = by_name[name].relpath if name in by_name else str(task.place)
        found = [_translate(err, lang, package, name, relpath, descriptor) for err in task.errors]
        result.errors.extend(_diagnosed(found, by_name.get(name), all_resources, package, lang))
        result.errors.extend(_left_out(result.errors, counted, name, relpath, package, lang))
        sha = (task.stats or {}).get("sha256")
        if isinstance(sha, str) and not task.errors:
            result.hashes[name] = sha
    for err in report.errors:
        result.errors.append(
            make_error(str(err.type), lang, package=package, file="datapackage.json", note=str(err.note))
        )
    return result


def _without_foreign_keys(res: dict[str, Any]) -> dict[str, Any]:
    schema = res.get("schema")
    if not isinstance(schema, dict):
        return res
    return {**res, "schema": {k: v for k, v in schema.items() if k != "foreignKeys"}}


def _validate_each(
    subset: dict[str, Any],
    package_dir: Path,
    package: str,
    by_name: dict[str, SafeResource],
    lang: Lang,
    descriptor: dict[str, Any],
) -> DataResult:
    result = DataResult()
    for res in subset["resources"]:
        name = str(res.get("name"))
        relpath = by_name[name].relpath if name in by_name else None
        res = _without_foreign_keys(res)
        try:
            counted = CountingChecklist()
            report = Resource(res, basepath=str(package_dir)).validate(checklist=counted, limit_errors=0)
        except FrictionlessException as exc:
            result.errors.extend(_metadata_errors(exc, lang, package, name))
            continue
        except UNREADABLE as exc:
            result.errors.append(_unreadable_error(exc, lang, package, name, relpath))
            continue
        except SHAPE_CRASHES as exc:
            note = f"{type(exc).__name__}: {exc}"
            result.errors.append(
                make_error("descriptor-shape", lang, package=package, file="datapackage.json", resource=name, note=note)
            )
            continue
        for task in report.tasks:
            found = [
                _translate(err, lang, package, name, relpath or str(task.place), descriptor) for err in task.errors
            ]
            result.errors.extend(_diagnosed(found, by_name.get(name), descriptor.get("resources", []), package, lang))
            result.errors.extend(_left_out(result.errors, counted, name, relpath, package, lang))
        for err in report.errors:
            result.errors.append(
                make_error(str(err.type), lang, package=package, file=relpath, resource=name, note=str(err.note))
            )
    return result
