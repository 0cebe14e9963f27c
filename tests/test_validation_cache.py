"""The validation cache serves a report only while everything that made it is unchanged."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_validation_state_style import ROWS, write_state_package

from publisher.catalog import PackageDir
from publisher.settings import Settings
from publisher.validation import cache, validate_package
from publisher.validation.cache import cache_key


@pytest.fixture(autouse=True)
def _new_process_view() -> Iterator[None]:
    """The versions are read once per process: forgetting them stands for the next process."""
    cache.dependency_versions.cache_clear()
    yield
    cache.dependency_versions.cache_clear()


def _settings(root: Path) -> Settings:
    # The repository's catalogue names the package's organization: a report with an unknown
    # organization is never cached, whatever else holds.
    return Settings(root=root, datapackages_dir=Path(__file__).resolve().parents[1] / "datapackages")


def _plant_stale_report(settings: Settings, pkg: PackageDir) -> None:
    """Mark the stored report, so serving it again is visible in the result."""
    key = cache_key(pkg, settings)
    assert key is not None
    stored = settings.cache_dir / "validation" / f"{key}.json"
    stored.write_text(stored.read_text(encoding="utf-8").replace('"despesas-municipios"', '"stale"', 1))


def test_an_unchanged_package_is_served_from_the_cache(tmp_path: Path) -> None:
    pkg = PackageDir(write_state_package(tmp_path / "c", ROWS))
    settings = _settings(tmp_path)
    validate_package(pkg, settings, use_cache=True)
    _plant_stale_report(settings, pkg)
    assert validate_package(pkg, settings, use_cache=True).name == "stale"


@pytest.mark.parametrize("library", ["frictionless", "pydantic"])
def test_a_library_upgrade_is_not_served_a_report_of_the_old_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, library: str
) -> None:
    pkg = PackageDir(write_state_package(tmp_path / "c", ROWS))
    settings = _settings(tmp_path)
    validate_package(pkg, settings, use_cache=True)
    _plant_stale_report(settings, pkg)
    real = cache.version  # type: ignore[attr-defined]  # importlib.metadata's, imported into cache
    monkeypatch.setattr(cache, "version", lambda d: "99.0.0" if d == library else real(d), raising=False)
    cache.dependency_versions.cache_clear()  # the upgraded library is seen by the next process
    report = validate_package(pkg, settings, use_cache=True)
    assert report.name == "despesas-municipios"
    assert report.valid


def test_a_python_upgrade_is_not_served_a_report_of_the_old_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pkg = PackageDir(write_state_package(tmp_path / "c", ROWS))
    settings = _settings(tmp_path)
    validate_package(pkg, settings, use_cache=True)
    _plant_stale_report(settings, pkg)
    monkeypatch.setattr("publisher.validation.cache.platform.python_version", lambda: "3.99.0")
    cache.dependency_versions.cache_clear()
    assert validate_package(pkg, settings, use_cache=True).name == "despesas-municipios"
