"""Validation of data packages: JSON syntax, the portal's metadata profile, safety
checks on paths and files, and frictionless data checks, joined into one `Report`.

Entry points: `validate_package(pkg, settings)` and `validate_all(pkgs, settings)`.
"""

from publisher.validation.report import PackageReport, Report, ValidationError
from publisher.validation.run import validate_all, validate_package

__all__ = ["PackageReport", "Report", "ValidationError", "validate_all", "validate_package"]
