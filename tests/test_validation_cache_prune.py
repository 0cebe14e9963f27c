"""The validation cache keeps what runs use and drops what nobody used for a month."""

from __future__ import annotations

import os
import time
from pathlib import Path

from test_validation_state_style import ROWS, write_state_package

from publisher.catalog import PackageDir
from publisher.settings import Settings
from publisher.validation import validate_all
from publisher.validation.cache import KEEP_UNUSED_DAYS, PRUNE_EVERY_SECONDS, PRUNED_MARK, ValidationCache, cache_key
from publisher.validation.report import PackageReport

DAY = 86400


def _aged(file: Path, days: float) -> None:
    then = time.time() - days * DAY
    os.utime(file, (then, then))


def _entry(cache: ValidationCache, key: str, days: float) -> Path:
    cache.put(key, PackageReport(name=key, path="x"))
    file = cache.folder / f"{key}.json"
    _aged(file, days)
    return file


def test_unused_entries_go_used_and_recent_ones_stay(tmp_path: Path) -> None:
    cache = ValidationCache(tmp_path / "validation")
    old = _entry(cache, "aa", KEEP_UNUSED_DAYS + 5)
    used = _entry(cache, "bb", KEEP_UNUSED_DAYS + 5)
    recent = _entry(cache, "cc", KEEP_UNUSED_DAYS - 5)
    temp = cache.folder / ".dd.json.123.tmp"
    temp.write_text("{", encoding="utf-8")
    _aged(temp, 2)
    assert cache.get("bb") is not None  # a use refreshes the entry
    assert cache.prune() == 2
    assert not old.exists() and not temp.exists()
    assert used.exists() and recent.exists() and cache.get("cc") is not None


def test_pruning_looks_at_most_once_a_day(tmp_path: Path) -> None:
    cache = ValidationCache(tmp_path / "validation")
    now = time.time()
    _entry(cache, "aa", 0)
    assert cache.prune(now) == 0
    stale = _entry(cache, "bb", KEEP_UNUSED_DAYS + 1)
    assert cache.prune(now + 60) == 0 and stale.exists()  # looked a minute ago
    assert (cache.folder / PRUNED_MARK).is_file()
    assert cache.prune(now + PRUNE_EVERY_SECONDS + 1) == 1 and not stale.exists()


def test_a_run_keeps_the_reports_of_its_packages_and_drops_stale_ones(tmp_path: Path) -> None:
    pkg = PackageDir(write_state_package(tmp_path / "c", ROWS))
    settings = Settings(root=tmp_path, datapackages_dir=Path(__file__).resolve().parents[1] / "datapackages")
    validate_all([pkg], settings)
    cache = ValidationCache(settings.cache_dir / "validation")
    key = cache_key(pkg, settings)
    assert key is not None
    mine = cache.folder / f"{key}.json"
    _aged(mine, KEEP_UNUSED_DAYS + 10)  # written long ago, but this package still uses it
    stale = _entry(cache, "ee", KEEP_UNUSED_DAYS + 10)
    (cache.folder / PRUNED_MARK).unlink()
    validate_all([pkg], settings)
    assert mine.exists() and not stale.exists()
