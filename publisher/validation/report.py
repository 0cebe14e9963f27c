"""Validation results as data: one `Problem` per problem found, grouped per package.

Validation never raises for bad input; it returns these. Messages are already
rendered in the requested language so every consumer (CLI, JSON, notifications,
ledger) shows the same text.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from publisher.messages import Lang, text

Severity = Literal["error", "warning", "todo"]


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


class Report(BaseModel):
    packages: list[PackageReport] = Field(default_factory=list)

    @property
    def valid(self) -> bool:
        return all(p.valid for p in self.packages)

    @property
    def error_count(self) -> int:
        return sum(len(p.errors) for p in self.packages)

    def to_json(self) -> dict[str, object]:
        return {
            "valid": self.valid,
            "error_count": self.error_count,
            "packages": [
                {
                    "name": p.name,
                    "path": p.path,
                    "valid": p.valid,
                    "errors": [e.model_dump() for e in p.errors],
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
