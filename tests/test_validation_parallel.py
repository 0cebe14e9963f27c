"""Validating many packages in worker processes gives the same reports, in order, as one by one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_validation_state_style import ROWS, write_state_package

from publisher.catalog import PackageDir
from publisher.settings import Settings
from publisher.validation import validate_many
from publisher.validation.run import validate_uncached


def _catalogue(tmp_path: Path) -> list[PackageDir]:
    pkgs = []
    for i, rows in enumerate([ROWS, [*ROWS, ("4", "Contagem", "99,9", "7")], ROWS]):
        pkgs.append(PackageDir(write_state_package(tmp_path / f"c{i}", rows)))
    return pkgs


def test_processes_give_the_same_reports_in_order(tmp_path: Path) -> None:
    pkgs = _catalogue(tmp_path)
    settings = Settings(root=tmp_path, validation_cache=False)
    parallel = list(validate_many(pkgs, settings, processes=2))
    assert [p for p, _ in parallel] == pkgs
    assert [r for _, r in parallel] == [validate_uncached(p, settings) for p in pkgs]
    assert [r.valid for _, r in parallel if not isinstance(r, Exception)] == [True, False, True]


def test_cached_reports_are_served_without_workers_and_misses_are_stored(tmp_path: Path) -> None:
    pkgs = _catalogue(tmp_path)
    settings = Settings(root=tmp_path)
    first = [r for _, r in validate_many(pkgs, settings, processes=2)]
    cache_files = list((settings.cache_dir / "validation").glob("*.json"))
    assert len(cache_files) == 3
    again = [r for _, r in validate_many(pkgs, settings, processes=2)]
    assert again == first


def test_closing_early_cancels_what_has_not_started(tmp_path: Path) -> None:
    pkgs = _catalogue(tmp_path) * 3
    settings = Settings(root=tmp_path, validation_cache=False)
    gen = validate_many(pkgs, settings, processes=2)
    pkg, report = next(gen)
    gen.close()  # must return promptly and leave no worker behind
    assert pkg == pkgs[0] and not isinstance(report, Exception) and report.valid


def test_leading_cache_hits_come_out_before_the_rest_is_hashed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from publisher.validation import parallel

    pkgs = _catalogue(tmp_path)
    settings = Settings(root=tmp_path)
    list(validate_many(pkgs, settings, processes=1))  # every report cached
    (tmp_path / "c1" / "CHANGELOG.md").write_text("# Controle de alterações\n\n## 1.0.0\n\n- mudou\n", encoding="utf-8")
    keyed: list[PackageDir] = []
    real_key = parallel.cache_key  # type: ignore[attr-defined]  # imported into parallel, patched there

    def counted(pkg: PackageDir, s: Settings, shared: Any = None) -> Any:
        keyed.append(pkg)
        return real_key(pkg, s, shared)

    monkeypatch.setattr(parallel, "cache_key", counted)

    outcomes = validate_many(pkgs, settings, processes=1)
    first_pkg, first_report = next(outcomes)
    # The first package was served from the cache before the second was even keyed.
    assert first_pkg == pkgs[0] and keyed == [pkgs[0]]
    rest = list(outcomes)
    assert [p for p, _ in rest] == pkgs[1:]  # a miss (c1, its CHANGELOG changed) in the middle keeps the order
    assert [first_report, *(r for _, r in rest)] == [validate_uncached(p, settings) for p in pkgs]


def _pool_starts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of packages missing when each pool was started; PARALLEL_MIN_PACKAGES set to 2."""
    from publisher.validation import parallel

    monkeypatch.setattr(parallel, "PARALLEL_MIN_PACKAGES", 2)
    starts: list[int] = []
    real_start = parallel._Many._start

    def start(self: Any, size: int, expected: int) -> None:
        starts.append(len(self.misses))
        real_start(self, size, expected)

    monkeypatch.setattr(parallel._Many, "_start", start)
    return starts


def test_with_nothing_cached_the_workers_start_before_any_package_is_keyed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pkgs = _catalogue(tmp_path)
    settings = Settings(root=tmp_path)
    starts = _pool_starts(monkeypatch)
    reports = [r for _, r in validate_many(pkgs, settings, processes=2)]
    assert starts == [0]
    assert reports == [validate_uncached(p, settings) for p in pkgs]
    assert len(list((settings.cache_dir / "validation").glob("*.json"))) == 3


def test_with_a_cache_the_workers_start_once_enough_packages_are_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pkgs = _catalogue(tmp_path) + _catalogue(tmp_path / "more")
    settings = Settings(root=tmp_path)
    list(validate_many(pkgs[:1], settings, processes=1))  # one report cached: the cache is not empty
    starts = _pool_starts(monkeypatch)
    outcomes = list(validate_many(pkgs, settings, processes=2))
    assert starts == [2]  # after the second miss, the first package being a hit
    assert [p for p, _ in outcomes] == pkgs
    assert [r for _, r in outcomes] == [validate_uncached(p, settings) for p in pkgs]
