"""Remember file hashes by what `stat` says, like git's index: an unchanged file is not re-read.

A run over a catalogue of thousands of packages hashes every descriptor and data file to key
the validation cache and to compare with the portal; with this cache a file whose path, size,
mtime, ctime, inode and device are as recorded keeps its recorded sha256. When in doubt the
file is hashed: an entry whose mtime fell within `RACY_NS` of the moment it was hashed
("racy": the file may have changed again within the clock's granularity after it was read),
a file whose stat differs in any way, or a cache file that is missing, unreadable or not what
this module wrote (ignored without an error: it only costs speed).

One cache is active per process at a time (`active_stat_cache`), opened by the commands that
hash (validate, plan, publish) and saved when the outermost of them ends; `catalog.sha256_file`
consults it. Worker processes hash without it.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Final

from publisher.atomic_file import write_text_atomic

if TYPE_CHECKING:
    from publisher.settings import Settings

log = logging.getLogger(__name__)

FORMAT: Final = "publisher-stat-cache-1"
# Modification times are trusted only when they are older than this at hashing time.
RACY_NS: Final = 2_000_000_000

Entry = tuple[int, int, int, int, int, int, str]  # size, mtime_ns, ctime_ns, ino, dev, hashed_at_ns, sha256


def _signature(st: os.stat_result) -> tuple[int, int, int, int, int]:
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev


class StatCache:
    """sha256 by path, trusted while the file's stat is unchanged (thread-safe)."""

    def __init__(self, file: Path | None) -> None:
        self.file = file
        self.entries: dict[str, Entry] = self._load(file) if file is not None else {}
        self.hits = 0
        self.misses = 0
        self._dirty = False
        self._lock = threading.Lock()

    @staticmethod
    def _load(file: Path) -> dict[str, Entry]:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                return {}
            entries = data["entries"]
            loaded: dict[str, Entry] = {}
            for path, e in entries.items():
                ints = [int(v) for v in e[:6]]
                sha = str(e[6])
                if len(e) != 7 or len(sha) != 64:
                    return {}
                loaded[str(path)] = (ints[0], ints[1], ints[2], ints[3], ints[4], ints[5], sha)
            return loaded
        except (OSError, ValueError, TypeError, KeyError, AttributeError, IndexError):
            return {}  # a missing or damaged cache: everything is hashed again

    def lookup(self, path: Path, st: os.stat_result) -> str | None:
        """The recorded sha256 when the file is as recorded and the entry is not racy."""
        entry = self.entries.get(str(path))
        if entry is None or entry[:5] != _signature(st):
            return None
        if entry[1] + RACY_NS >= entry[5]:
            return None
        return entry[6]

    def sha256(self, path: Path, st: os.stat_result | None = None) -> str:
        """`st`, when given, is a stat of `path` the caller has just taken."""
        from publisher.catalog import plain_sha256  # catalog imports this module

        key = Path(os.path.abspath(path))
        before = st if st is not None else key.stat()
        known = self.lookup(key, before)
        if known is not None:
            with self._lock:
                self.hits += 1
            return known
        hashed_at = time.time_ns()
        sha = plain_sha256(key)
        after = key.stat()
        with self._lock:
            self.misses += 1
            # A file that changed while it was read is not remembered: its hash may mix both.
            if _signature(after) == _signature(before):
                self.entries[str(key)] = (*_signature(after), hashed_at, sha)
                self._dirty = True
        return sha

    def save(self) -> None:
        """Write the cache atomically; a failure is logged and only costs speed next time."""
        if self.file is None or not self._dirty:
            return
        with self._lock:
            payload = {"format": FORMAT, "entries": {k: list(v) for k, v in self.entries.items()}}
            self._dirty = False
        try:
            write_text_atomic(self.file, json.dumps(payload, separators=(",", ":")))
        except OSError as exc:
            log.debug("stat cache not written: %s", exc)


def stat_cache_file(settings: Settings) -> Path | None:
    """Where the settings keep the stat cache (None when it is turned off)."""
    return settings.cache_dir / "stat-cache.json" if settings.stat_cache else None


_active: StatCache | None = None
_depth = 0
_guard = threading.Lock()


def current() -> StatCache | None:
    """The stat cache of the command running in this process, if any."""
    return _active


@contextmanager
def active_stat_cache(file: Path | None) -> Iterator[StatCache | None]:
    """Make a stat cache stored in `file` the process's for the block (None: no cache). Nested
    blocks share the outer one; the outermost saves it on the way out."""
    global _active, _depth
    with _guard:
        if _active is None and file is not None and _depth == 0:
            _active = StatCache(file)
        _depth += 1
        cache = _active
    try:
        yield cache
    finally:
        with _guard:
            _depth -= 1
            outermost = _depth == 0
            if outermost:
                _active = None
        if outermost and cache is not None:
            cache.save()
