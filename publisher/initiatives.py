"""The plan's initiatives and which of them are late: a deadline (`prazo`) that has passed on
the reference date while the initiative is not concluded.

Lateness depends on the day one looks, so it is computed here, never stored in the table.
The table is a package of the catalogue, named in the `[initiatives]` table of goals.toml;
its rows are read with frictionless, as the package declares them (dialect, encoding).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from publisher.catalog import find_packages, read_descriptor
from publisher.messages import Lang, text


class InitiativesConfig(BaseModel):
    """`[initiatives]` in goals.toml: where the initiatives are and which columns say what."""

    package: str = Field(description="Dataset name of the package in the catalogue.")
    resource: str = "iniciativas"
    id_field: str = "iniciativa_id"
    title_field: str = "iniciativa"
    deadline_field: str = "prazo"
    status_field: str = "status"
    done: list[str] = Field(default_factory=lambda: ["concluída"], description="Statuses that mean concluded.")


class LateInitiative(BaseModel):
    id: str
    title: str
    deadline: dt.date
    status: str
    days_late: int


class InitiativesStatus(BaseModel):
    package: str
    as_of: dt.date
    total: int
    without_deadline: int
    late: list[LateInitiative]


class InitiativesError(ValueError):
    """The initiatives table cannot be read: its package is not in the catalogue, or its table
    does not read (`publisher validate` tells why)."""

    def __init__(self, code: Literal["package-missing", "table-unreadable"], cfg: InitiativesConfig, detail: str = ""):
        self.code = code
        self.values = {"package": cfg.package, "resource": cfg.resource, "detail": detail}
        super().__init__(f"{code}: {cfg.package}/{cfg.resource} {detail}".strip())

    def localized(self, lang: Lang) -> str:
        return text(f"goals.initiatives.{self.code}", lang, **self.values)


def _package_dir(catalogue: Path, cfg: InitiativesConfig) -> Path:
    for pkg in find_packages(catalogue):
        try:
            if read_descriptor(pkg).get("name") == cfg.package or pkg.path.name == cfg.package:
                return pkg.path
        except (OSError, ValueError):
            continue
    raise InitiativesError("package-missing", cfg)


def _rows(folder: Path, cfg: InitiativesConfig) -> list[dict[str, Any]]:
    # Imported here: every command of the CLI imports this module, few read the table.
    from frictionless import Package
    from frictionless.resources import TableResource

    try:
        resource = Package(str(folder / "datapackage.json")).get_resource(cfg.resource)
        if not isinstance(resource, TableResource):
            raise TypeError(cfg.resource)
        return [dict(row) for row in resource.read_rows()]
    except Exception as exc:  # frictionless raises its own errors and plain ones alike
        raise InitiativesError("table-unreadable", cfg, type(exc).__name__) from None


def is_late(deadline: dt.date | None, status: str, as_of: dt.date, done: list[str]) -> bool:
    """Past its deadline on `as_of` (the deadline day itself is still on time) and not concluded."""
    return deadline is not None and deadline < as_of and status.strip().casefold() not in {d.casefold() for d in done}


def late_initiatives(cfg: InitiativesConfig, catalogue: Path, as_of: dt.date) -> InitiativesStatus:
    rows = _rows(_package_dir(catalogue, cfg), cfg)
    late: list[LateInitiative] = []
    without = 0
    for row in rows:
        deadline = row.get(cfg.deadline_field)
        if not isinstance(deadline, dt.date):
            without += 1
            continue
        status = str(row.get(cfg.status_field) or "")
        if is_late(deadline, status, as_of, cfg.done):
            late.append(
                LateInitiative(
                    id=str(row.get(cfg.id_field)),
                    title=str(row.get(cfg.title_field) or ""),
                    deadline=deadline,
                    status=status,
                    days_late=(as_of - deadline).days,
                )
            )
    late.sort(key=lambda i: (i.deadline, i.id))
    return InitiativesStatus(package=cfg.package, as_of=as_of, total=len(rows), without_deadline=without, late=late)
