"""Validation of data packages: JSON syntax, the portal's metadata profile, safety
checks on paths and files, and frictionless data checks, joined into one `Report`.

Entry points: `validate_package(pkg, settings)`, and for many packages (in parallel
processes when there is enough data) `validate_many` / `validate_all`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from publisher.lazy import lazy_exports
from publisher.validation.report import PackageReport, Problem, Report

if TYPE_CHECKING:
    from publisher.validation.parallel import validate_all, validate_many
    from publisher.validation.run import validate_package

__all__ = ["PackageReport", "Problem", "Report", "validate_all", "validate_many", "validate_package"]

# The validators import frictionless and polars, a third of a second: a process that only reads
# reports, or hands packages to worker processes, gets them when it first asks.
__getattr__ = lazy_exports(
    __name__,
    {
        "validate_all": "publisher.validation.parallel",
        "validate_many": "publisher.validation.parallel",
        "validate_package": "publisher.validation.run",
    },
)
