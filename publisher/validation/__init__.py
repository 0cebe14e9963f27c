"""Validation of data packages: JSON syntax, the portal's metadata profile, safety
checks on paths and files, and frictionless data checks, joined into one `Report`.

Entry points: `validate_package(pkg, settings)`, and for many packages (in parallel
processes when there is enough data) `validate_many` / `validate_all`.
"""

from publisher.validation.parallel import validate_all, validate_many
from publisher.validation.report import PackageReport, Problem, Report
from publisher.validation.run import validate_package

__all__ = ["PackageReport", "Problem", "Report", "validate_all", "validate_many", "validate_package"]
