"""The stat cache: an unchanged file keeps its recorded hash; any doubt means hashing again."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from publisher import stat_cache
from publisher.catalog import sha256_file
from publisher.stat_cache import RACY_NS, StatCache, active_stat_cache

OLD_NS = 1_600_000_000 * 10**9  # an mtime far in the past: the entry is not racy


def make(path: Path, data: bytes, mtime_ns: int = OLD_NS) -> Path:
    path.write_bytes(data)
    os.utime(path, ns=(mtime_ns, mtime_ns))
    return path


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def cache_file(tmp_path: Path) -> Path:
    return tmp_path / "state" / "stat-cache.json"


def warm(cache_file: Path, *files: Path) -> None:
    cache = StatCache(cache_file)
    for f in files:
        cache.sha256(f)
    cache.save()


def test_unchanged_file_is_not_read_again(tmp_path: Path, cache_file: Path) -> None:
    f = make(tmp_path / "a.csv", b"x;y\n1;2\n")
    warm(cache_file, f)
    cache = StatCache(cache_file)
    assert cache.sha256(f) == sha(b"x;y\n1;2\n")
    assert (cache.hits, cache.misses) == (1, 0)


def test_touching_a_file_rehashes_it(tmp_path: Path, cache_file: Path) -> None:
    f = make(tmp_path / "a.csv", b"x;y\n1;2\n")
    warm(cache_file, f)
    # Same size, new content, and an mtime moved on: the recorded hash must not be served.
    make(f, b"x;y\n1;3\n", OLD_NS + 10**9)
    cache = StatCache(cache_file)
    assert cache.sha256(f) == sha(b"x;y\n1;3\n")
    assert (cache.hits, cache.misses) == (0, 1)


def test_same_size_and_mtime_but_another_inode_rehashes(tmp_path: Path, cache_file: Path) -> None:
    f = make(tmp_path / "a.csv", b"x;y\n1;2\n")
    warm(cache_file, f)
    # Replaced by another file (a checkout, a copy): same size and mtime, another inode.
    other = make(tmp_path / "b.csv", b"x;y\n9;9\n")
    keep = tmp_path / "keep.csv"
    f.rename(keep)  # hold the old inode so the new file cannot reuse its number
    other.rename(f)
    os.utime(f, ns=(OLD_NS, OLD_NS))
    cache = StatCache(cache_file)
    assert cache.sha256(f) == sha(b"x;y\n9;9\n")
    assert cache.misses == 1


def test_racy_entry_is_hashed_again(tmp_path: Path, cache_file: Path) -> None:
    """A file modified within the clock's granularity of being hashed may have changed since
    without its stat showing it: such an entry is never trusted."""
    f = tmp_path / "a.csv"
    f.write_bytes(b"fresh\n")  # mtime is now
    warm(cache_file, f)
    cache = StatCache(cache_file)
    (entry,) = cache.entries.values()
    assert entry[1] + RACY_NS >= entry[5]
    assert cache.sha256(f) == sha(b"fresh\n")
    assert (cache.hits, cache.misses) == (0, 1)


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"[]", b'{"format": "publisher-stat-cache-1", "entries": {"/x": [1, 2]}}', b"\xff\xfe", b""],
)
def test_corrupt_cache_file_is_ignored(tmp_path: Path, cache_file: Path, content: bytes) -> None:
    f = make(tmp_path / "a.csv", b"data\n")
    cache_file.parent.mkdir(parents=True)
    cache_file.write_bytes(content)
    cache = StatCache(cache_file)
    assert cache.sha256(f) == sha(b"data\n")
    cache.save()  # and it is replaced by a good one
    assert StatCache(cache_file).sha256(f) == sha(b"data\n")


def test_a_forged_entry_with_matching_stat_is_served(tmp_path: Path, cache_file: Path) -> None:
    """What proves hashing is skipped: an entry whose stat matches wins over the content."""
    f = make(tmp_path / "a.csv", b"data\n")
    warm(cache_file, f)
    cache = StatCache(cache_file)
    key = next(iter(cache.entries))
    cache.entries[key] = (*cache.entries[key][:6], "0" * 64)
    assert cache.sha256(f) == "0" * 64


def test_sha256_file_uses_the_active_cache_and_saves_it(tmp_path: Path, cache_file: Path) -> None:
    f = make(tmp_path / "a.csv", b"data\n")
    assert stat_cache.current() is None
    with active_stat_cache(cache_file) as cache:
        assert cache is not None
        with active_stat_cache(tmp_path / "inner.json") as inner:
            assert inner is cache  # nested commands share the outer cache
        assert sha256_file(f) == sha(b"data\n")
    assert stat_cache.current() is None
    assert cache_file.is_file() and not (tmp_path / "inner.json").exists()
    with active_stat_cache(cache_file) as again:
        assert again is not None
        sha256_file(f)
        assert (again.hits, again.misses) == (1, 0)


def test_turned_off_means_plain_hashing(tmp_path: Path) -> None:
    f = make(tmp_path / "a.csv", b"data\n")
    with active_stat_cache(None) as cache:
        assert cache is None
        assert sha256_file(f) == sha(b"data\n")


def test_second_validation_of_an_unchanged_package_reads_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The validation cache is keyed by the files' hashes: with the stat cache, the second
    `validate` finds them without reading a byte of any file."""
    from test_validation_state_style import ROWS, write_state_package

    from publisher import catalog
    from publisher.catalog import PackageDir
    from publisher.settings import Settings
    from publisher.validation import validate_all

    monkeypatch.delenv("CKAN_URL", raising=False)
    pkg = write_state_package(tmp_path / "cat", ROWS)
    for f in [p for p in pkg.rglob("*") if p.is_file()]:
        os.utime(f, ns=(OLD_NS, OLD_NS))
    settings = Settings(root=tmp_path, datapackages_dir=tmp_path / "cat")
    assert validate_all([PackageDir(pkg)], settings).packages[0].valid
    read: list[Path] = []
    real = catalog.plain_sha256

    def counting(path: Path) -> str:
        read.append(path)
        return real(path)

    monkeypatch.setattr(catalog, "plain_sha256", counting)
    assert validate_all([PackageDir(pkg)], settings).packages[0].valid
    assert read == []
    validate_all([PackageDir(pkg)], settings.model_copy(update={"stat_cache": False}))
    assert len(read) >= 2  # without it, the descriptor and the CSV are read again
