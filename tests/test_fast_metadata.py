"""The fast path's descriptor check gives frictionless' verdict with fewer of its steps.

Frictionless' validate checks the descriptor as given, then the package's export, then each
resource's export again. The fast path skips a resource's own check when the package's check
already ran it on the same export; these tests hold its verdict to the three steps' on the
bad-input corpus and on descriptors made to miss each condition of that skip.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from frictionless import FrictionlessException, Package
from test_validation_state_style import state_metadata

from publisher.validation.fast import _metadata_valid
from publisher.validation.fast_plan import NoPlan

CORPUS = Path(__file__).resolve().parent / "bad_inputs"


def _json_object(path: Path) -> dict[str, Any] | None:
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return loaded if isinstance(loaded, dict) else None


CORPUS_DESCRIPTORS = sorted(
    d.name for d in CORPUS.iterdir() if (d / "datapackage.json").is_file() and _json_object(d / "datapackage.json")
)


def _all_steps(descriptor: dict[str, Any], basepath: Path) -> bool:
    """Frictionless' own steps, every one of them."""
    try:
        package = Package(copy.deepcopy(descriptor), basepath=str(basepath))
        package.to_descriptor(validate=True)
        for resource in package.resources:
            resource.to_descriptor(validate=True)
    except (FrictionlessException, TypeError, AttributeError, KeyError, IndexError, ValueError):
        return False
    return True


def _fast_verdict(descriptor: dict[str, Any], basepath: Path) -> bool:
    try:
        _metadata_valid(copy.deepcopy(descriptor), basepath)
    except NoPlan:
        return False
    return True


@pytest.mark.parametrize("case", CORPUS_DESCRIPTORS)
def test_corpus_descriptor_gets_the_same_verdict(case: str) -> None:
    descriptor = _json_object(CORPUS / case / "datapackage.json")
    assert descriptor is not None
    assert _fast_verdict(descriptor, CORPUS / case) == _all_steps(descriptor, CORPUS / case)


def _resource(name: str = "despesas") -> dict[str, Any]:
    return {
        "profile": "tabular-data-resource",
        "name": name,
        "path": f"data/{name}.csv",
        "format": "csv",
        "encoding": "utf-8",
        "schema": {"fields": [{"name": "id", "type": "integer"}, {"name": "valor", "type": "number"}]},
    }


def _package(*resources: dict[str, Any]) -> dict[str, Any]:
    return {**state_metadata("despesas", "Despesas"), "resources": list(resources or [_resource()])}


def _with(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    descriptor = _package(_resource("despesas"), _resource("municipios"))
    change(descriptor)
    return descriptor


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(descriptor: dict[str, Any]) -> None:
        target: Any = descriptor
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


VARIANTS: dict[str, Callable[[dict[str, Any]], None]] = {
    "as written": lambda d: None,
    "v2 package": _set(("$schema",), "https://datapackage.org/profiles/2.0/datapackage.json"),
    "custom package profile": _set(("$schema",), "https://example.invalid/profile.json"),
    "v2 resource in a v1 package": _set(
        ("resources", 1, "$schema"), "https://datapackage.org/profiles/2.0/dataresource.json"
    ),
    "resource name with capitals": _set(("resources", 1, "name"), "Municipios"),
    "resource without path or data": lambda d: d["resources"][1].pop("path"),
    "resource path outside": _set(("resources", 1, "path"), "../fora.csv"),
    "resource of a custom profile": _set(("resources", 1, "profile"), "https://example.invalid/resource.json"),
    "resource with an unknown type": _set(("resources", 1, "type"), "nada"),
    "field of an unknown type": _set(("resources", 1, "schema", "fields", 0, "type"), "inteiro"),
    "field constraint of the wrong type": _set(
        ("resources", 1, "schema", "fields", 0, "constraints"), {"minimum": "x"}
    ),
    "primary key not a field": _set(("resources", 1, "schema", "primaryKey"), ["nenhum"]),
    "foreign key to nowhere": _set(
        ("resources", 1, "schema", "foreignKeys"),
        [{"fields": ["id"], "reference": {"resource": "outro", "fields": ["id"]}}],
    ),
    "resource contributor email": _set(("resources", 1, "contributors"), [{"title": "x", "email": "não"}]),
    "resource as a number": _set(("resources", 1), 7),
}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_descriptor_variant_gets_the_same_verdict(variant: str, tmp_path: Path) -> None:
    descriptor = _with(VARIANTS[variant])
    assert _fast_verdict(descriptor, tmp_path) == _all_steps(descriptor, tmp_path)


def test_the_checks_can_tell_a_bad_descriptor() -> None:
    """The comparisons above are only worth something if both verdicts occur among them."""
    verdicts = {_all_steps(_with(change), CORPUS) for change in VARIANTS.values()}
    assert verdicts == {True, False}
