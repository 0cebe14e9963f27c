"""Validation results as data: one `Problem` per problem found, grouped per package.

Validation never raises for bad input; it returns these. Messages are already
rendered in the requested language so every consumer (CLI, JSON, notifications,
ledger) shows the same text.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Literal

from pydantic import BaseModel, Field

from publisher.messages import Lang, text

Severity = Literal["error", "warning", "todo"]
# The code of an entry standing for errors counted past the cap but not kept one by one.
LEFT_OUT = "errors-left-out"


class Problem(BaseModel):
    """One problem found in a package: where it is, what is wrong and how to fix it."""

    code: str = Field(description="Stable machine code, e.g. 'json-syntax', 'constraint-error', 'profile-missing'.")
    severity: Severity = "error"
    package: str
    file: str | None = Field(default=None, description="Path of the offending file, relative to the package folder.")
    resource: str | None = None
    row: int | None = Field(default=None, description="Row number in the file, header = 1.")
    column: int | None = None
    field: str | None = Field(default=None, description="Field (column) or descriptor property, e.g. 'contributors'.")
    value: str | None = None
    message: str
    hint: str | None = None
    count: int | None = Field(
        default=None,
        description="For an entry that stands for errors not listed one by one (code 'errors-left-out', "
        "past the cap): how many; their own code is in `value`.",
    )

    def to_json(self) -> dict[str, object]:
        # `count` only on the entries it describes: every other error keeps its documented keys.
        return self.model_dump(exclude=None if self.count is not None else {"count"})

    @property
    def counted_code(self) -> str:
        """The code this entry counts under: its own, or that of the errors it stands for."""
        return (self.value or self.code) if self.code == LEFT_OUT else self.code

    @property
    def weight(self) -> int:
        """How many errors this entry stands for."""
        return self.count if self.count is not None else 1

    @property
    def blocking(self) -> bool:
        # A TODO left by `publisher new` blocks publication like an error does.
        return self.severity in ("error", "todo")


class PackageReport(BaseModel):
    name: str
    path: str
    errors: list[Problem] = Field(default_factory=list)
    # sha256 of each data file checked, by resource name: lets publish skip re-validation.
    hashes: dict[str, str] = Field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not any(e.blocking for e in self.errors)

    def totals(self) -> list[dict[str, object]]:
        """Exact counts per file, resource and code, errors left out past the cap included."""
        counts: dict[tuple[str | None, str | None, str, Severity], int] = {}
        for err in self.errors:
            key = (err.file, err.resource, err.counted_code, err.severity)
            counts[key] = counts.get(key, 0) + err.weight
        return [
            {"file": file, "resource": resource, "code": code, "severity": severity, "count": count}
            for (file, resource, code, severity), count in counts.items()
        ]

    @property
    def left_out(self) -> int:
        """Errors counted but not listed one by one in `errors`."""
        return sum(e.count or 0 for e in self.errors if e.code == LEFT_OUT)


class Report(BaseModel):
    packages: list[PackageReport] = Field(default_factory=list)

    @property
    def valid(self) -> bool:
        return all(p.valid for p in self.packages)

    @property
    def error_count(self) -> int:
        return sum(len(p.errors) for p in self.packages)

    @property
    def error_total(self) -> int:
        """Every problem found, those counted past the cap included."""
        return sum(e.weight for p in self.packages for e in p.errors)

    def to_json(self) -> dict[str, object]:
        return {
            "valid": self.valid,
            "error_count": self.error_count,
            "error_total": self.error_total,
            "packages": [
                {
                    "name": p.name,
                    "path": p.path,
                    "valid": p.valid,
                    "errors": [e.to_json() for e in p.errors],
                    "totals": p.totals(),
                    "left_out": p.left_out,
                }
                for p in self.packages
            ],
        }


VALUE_PREVIEW = 120


def preview(value: object, lang: Lang = "pt") -> str | None:
    """A value as shown in reports: cut so a huge cell cannot flood a report."""
    if value is None:
        return None
    shown = value if isinstance(value, str) else repr(value)
    if len(shown) > VALUE_PREVIEW:
        shown = shown[:VALUE_PREVIEW] + text("validation.value.cut", lang, more=len(shown) - VALUE_PREVIEW)
    return shown


def make_error(
    code: str,
    lang: Lang,
    *,
    package: str,
    file: str | None = None,
    resource: str | None = None,
    row: int | None = None,
    column: int | None = None,
    field: str | None = None,
    value: object = None,
    severity: Severity = "error",
    **params: object,
) -> Problem:
    """Build a problem with its message and hint rendered in `lang`."""
    from publisher.validation.messages import render

    shown = preview(value, lang)
    message, hint = render(
        code,
        lang,
        file=file,
        resource=resource,
        row=row,
        column=column,
        field=field,
        value=f'"{shown}"' if shown is not None else None,
        **params,
    )
    return Problem(
        code=code,
        severity=severity,
        package=package,
        file=file,
        resource=resource,
        row=row,
        column=column,
        field=field,
        value=shown,
        message=message,
        hint=hint,
    )


@dataclasses.dataclass
class ProblemGroup:
    """Problems of the same kind, field and cause (same code, place and hint), shown once."""

    first: Problem
    rows: list[int] = dataclasses.field(default_factory=list)
    values: list[str] = dataclasses.field(default_factory=list)
    # For findings on descriptor properties: which resources/fields share the problem ("ano", ...).
    places: list[str] = dataclasses.field(default_factory=list)
    count: int = 0

    def add(self, problem: Problem, keep_values: int) -> None:
        self.count += problem.weight
        if problem.row is not None:
            self.rows.append(problem.row)
        selectors = _SELECTOR.findall(problem.field or "") if problem.row is None else []
        if selectors:
            self.places.append("/".join(selectors))
        if problem.value is not None and len(self.values) < keep_values and problem.value not in self.values:
            self.values.append(problem.value)


# A named item in a property path: resources["receitas"].schema.fields["ano"].title
_SELECTOR = re.compile(r'\["([^"]*)"\]')


def _property_shape(err: Problem) -> tuple[str | None, str | None]:
    """The field and hint of a descriptor finding with its named items blanked, so that "title
    missing" on 40 fields is one group; cell findings keep their field (a column) as it is."""
    if err.row is not None or not err.field or not _SELECTOR.search(err.field):
        return err.field, err.hint
    shape = _SELECTOR.sub("[*]", err.field)
    return shape, err.hint.replace(err.field, shape) if err.hint else err.hint


def group_problems(errors: list[Problem], keep_values: int = 5) -> list[ProblemGroup]:
    """`errors` grouped by code, file, resource, field and hint, in the order they were found;
    findings on descriptor properties group across the resources and fields they name."""
    groups: dict[tuple[object, ...], ProblemGroup] = {}
    for err in errors:
        field, hint = _property_shape(err)
        resource = err.resource if field == err.field else None
        key = (err.severity, err.code, err.counted_code, err.file, resource, field, hint)
        group = groups.get(key)
        if group is None:
            group = groups[key] = ProblemGroup(first=err)
        group.add(err, keep_values)
    return list(groups.values())
