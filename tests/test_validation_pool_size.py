"""When validating many packages starts worker processes: enough data, or enough packages."""

from __future__ import annotations

from pathlib import Path

import pytest

from publisher.catalog import PackageDir
from publisher.validation import parallel


@pytest.fixture(autouse=True)
def _two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("publisher.validation.parallel.os.cpu_count", lambda: 2)


def _packages(root: Path, count: int) -> list[PackageDir]:
    return [PackageDir(root / f"p{i}") for i in range(count)]


def test_a_few_small_packages_stay_in_this_process(tmp_path: Path) -> None:
    assert parallel._pool_size(_packages(tmp_path, 10), None) == 1


def test_many_small_packages_use_both_cores(tmp_path: Path) -> None:
    # Each small package costs its descriptor and metadata checks: many of them repay the workers.
    assert parallel._pool_size(_packages(tmp_path, parallel.PARALLEL_MIN_PACKAGES), None) == 2


def test_an_explicit_process_count_is_kept(tmp_path: Path) -> None:
    assert parallel._pool_size(_packages(tmp_path, 3), 2) == 2
    assert parallel._pool_size(_packages(tmp_path, 300), 1) == 1
