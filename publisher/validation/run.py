"""Run every check on a package and join the results into one report.

Order matters: a descriptor that does not parse stops there; safety checks run
before frictionless opens any file; data validation only sees safe resources.
"""

from __future__ import annotations

import logging

from publisher.catalog import DESCRIPTOR, PackageDir, dataset_name
from publisher.messages import text
from publisher.settings import Settings
from publisher.validation.cache import ValidationCache, cache_key
from publisher.validation.data import validate_data
from publisher.validation.organization_check import check_organization
from publisher.validation.profile_check import check_profile
from publisher.validation.report import PackageReport
from publisher.validation.resolve import relocated, resolve_externals, without_echoes
from publisher.validation.safety import check_package_texts, check_resources
from publisher.validation.syntax import load_descriptor

log = logging.getLogger(__name__)


def validate_package(pkg: PackageDir, settings: Settings, *, use_cache: bool | None = None) -> PackageReport:
    """Validate one package; with the cache on, an unchanged package costs only its hashing."""
    if use_cache if use_cache is not None else settings.validation_cache:
        cache = ValidationCache(settings.cache_dir / "validation", settings.lang)
        key = cache_key(pkg, settings)
        cached = cache.get(key) if key else None
        if cached is not None:
            log.info(text("validation.log.unchanged", settings.lang, package=cached.name))
            return cached
        report = validate_uncached(pkg, settings)
        if key:
            cache.put(key, report)
        return report
    return validate_uncached(pkg, settings)


def validate_uncached(pkg: PackageDir, settings: Settings) -> PackageReport:
    """Every check, no cache (a top-level function: worker processes run it)."""
    lang = settings.lang
    # Until the descriptor parses, the package goes by its folder's name.
    descriptor, errors = load_descriptor(pkg.path, DESCRIPTOR, dataset_name(None, pkg.path), lang, settings.limits)
    report = PackageReport(name=dataset_name(descriptor, pkg.path), path=str(pkg.path), errors=errors)
    if descriptor is None:
        return report
    resolved = resolve_externals(descriptor, pkg.path, report.name, settings)
    descriptor = resolved.descriptor
    report.errors.extend(resolved.errors)
    profile = without_echoes(check_profile(descriptor, pkg.path, report.name, lang), resolved.failed)
    report.errors.extend(relocated(profile, resolved.origins))
    report.errors.extend(check_organization(descriptor, report.name, settings))
    report.errors.extend(check_package_texts(descriptor, pkg.path, report.name, settings))
    safe, safety_errors = check_resources(descriptor, pkg.path, report.name, settings)
    report.errors.extend(safety_errors)
    data = validate_data(
        descriptor, pkg.path, report.name, safe, lang, origins=resolved.origins, max_cell_bytes=settings.max_cell_bytes
    )
    report.errors.extend(data.errors)
    report.hashes = data.hashes
    log.info(text("validation.log.validated", lang, package=report.name, count=len(report.errors)))
    return report
