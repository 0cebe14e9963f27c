"""Remember validation reports by content, so an unchanged package is never validated twice.

Validation is the slow step of a publish (frictionless parses every row); hashing is
two orders of magnitude faster. The key covers everything a report depends on: the
descriptor's bytes, every file it names (by sha256), the CHANGELOG, the language,
the limits in the settings, this code (its version, the validator and the profile) and
the versions of what judges the data: Python, frictionless and pydantic float within
their ranges, and an upgrade may change what they accept or how they word it. Any change
is a new key.

So every change leaves an entry behind. Each use refreshes an entry's time, and once a day
a run drops the entries nobody used for `KEEP_UNUSED_DAYS`: the folder holds about what the
catalogue uses, not its whole history.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import platform
import stat
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Final

from publisher import __version__
from publisher.atomic_file import write_text_atomic
from publisher.catalog import DESCRIPTOR, PackageDir, sha256_file
from publisher.messages import Lang, text
from publisher.package_files import (
    DEFAULT_MAX_JSON_DEPTH,
    PackageFileError,
    load_json,
    read_package_file,
    resolved_below,
)
from publisher.settings import Settings
from publisher.validation.report import PackageReport

log = logging.getLogger(__name__)


@functools.cache
def _code_fingerprint() -> str:
    """A hash of the checking code itself, so a changed validator never serves old reports."""
    digest = hashlib.sha256(__version__.encode())
    here = Path(__file__).resolve().parent
    for source in sorted([*here.glob("*.py"), here.parent / "profile.py"]):
        digest.update(source.read_bytes())
    return digest.hexdigest()


# Problems that may go away with no change to the package (an organization created on the
# portal): a report holding one is never reused.
UNCACHED_CODES: Final = frozenset({"organization-unknown"})

KEEP_UNUSED_DAYS: Final = 30
PRUNE_EVERY_SECONDS: Final = 24 * 3600
# Its time says when the folder was last pruned; a name no key can take (keys are hex).
PRUNED_MARK: Final = ".pruned"
# A temporary file this old was left by a run that was killed while writing it.
_STALE_TEMP_SECONDS: Final = 24 * 3600

# The libraries whose verdicts a report holds; their versions float within pyproject's ranges.
JUDGES = ("frictionless", "pydantic", "polars")


def _installed_version(distribution: str) -> str:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return "-"


@functools.cache
def dependency_versions() -> list[str]:
    """Python's version and each judging library's, read once per process: the libraries that
    judge are the ones this process imported, so an upgrade on disk changes nothing until the
    next process, which reads the new versions. (Read per package, the lookup through package
    metadata was half the time of a no-op over a large catalogue.)"""
    return [f"python {platform.python_version()}", *(f"{d} {_installed_version(d)}" for d in JUDGES)]


def resource_paths(descriptor_bytes: bytes) -> list[str]:
    try:
        # Bounded like every read of a package file: a deeply nested descriptor is no crash here.
        data: Any = load_json(descriptor_bytes, DESCRIPTOR, DEFAULT_MAX_JSON_DEPTH)
    except (ValueError, UnicodeDecodeError):
        return []
    resources = data.get("resources") if isinstance(data, dict) else None
    if not isinstance(resources, list):
        return []
    # External schema and dialect files judge the data as much as the data files do.
    named = [r.get(key) for r in resources if isinstance(r, dict) for key in ("path", "schema", "dialect")]
    return list(dict.fromkeys(n for n in named if isinstance(n, str)))


def run_part(settings: Settings) -> hashlib._Hash:
    """The part of every package's key that one run shares (this code, the judging libraries,
    the settings, the catalogue's organizations), as a sha256 object to `copy()` per package."""
    digest = hashlib.sha256()
    parts = [_code_fingerprint(), *dependency_versions()]
    parts += [settings.lang, str(settings.max_file_bytes), str(settings.allow_remote_data), settings.ckan_url]
    parts += [str(settings.limits), str(settings.max_line_bytes), str(settings.max_cell_bytes)]
    # The owner_org check reads the catalogue's organizations.json: a new entry there changes the verdict.
    orgs = settings.catalogue_dir / "organizations.json"
    parts.append(sha256_file(orgs) if orgs.is_file() else "-")
    for part in parts:
        digest.update(part.encode() + b"\0")
    return digest


def cache_key(pkg: PackageDir, settings: Settings, shared: hashlib._Hash | None = None) -> str | None:
    """The content key of a package, or None when it cannot be keyed (then it is not cached).
    `shared` is `run_part(settings)`, computed once by a caller keying many packages."""
    root = pkg.path.resolve()
    try:
        descriptor = read_package_file(root, DESCRIPTOR, settings.max_metadata_bytes)
    except (OSError, PackageFileError):
        return None
    digest = (shared if shared is not None else run_part(settings)).copy()
    # The report names its folder (and warns when it differs from the package name).
    digest.update(str(root).encode() + b"\0")
    digest.update(descriptor)
    for rel in [*resource_paths(descriptor), "CHANGELOG.md", "README.md"]:
        file = resolved_below(root, rel)
        # Paths outside the package are never read here; the safety check reports them.
        inside = file == root or root in file.parents
        digest.update(rel.encode() + b"\0")
        digest.update((_sha256_if_file(file) if inside else "-").encode() + b"\0")
    return digest.hexdigest()


def _sha256_if_file(file: Path) -> str:
    """The file's sha256, "-" when it is not a regular file; one stat serves both questions."""
    try:
        st = file.stat()
    except OSError:
        return "-"
    return sha256_file(file, st) if stat.S_ISREG(st.st_mode) else "-"


class ValidationCache:
    def __init__(self, folder: Path, lang: Lang = "pt") -> None:
        self.folder = folder
        self.lang: Lang = lang  # of the log line when the cache cannot be written

    def get(self, key: str) -> PackageReport | None:
        file = self.folder / f"{key}.json"
        try:
            report = PackageReport.model_validate_json(file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        try:
            os.utime(file)  # used now: kept by `prune` for another KEEP_UNUSED_DAYS
        except OSError:
            pass  # a read-only cache still answers
        return report

    def prune(self, now: float | None = None) -> int:
        """Drops the entries unused for KEEP_UNUSED_DAYS, and temporary files left by killed runs;
        at most once every PRUNE_EVERY_SECONDS (the mark is taken first, so two runners at once
        rarely both look). Returns how many files went; never raises."""
        now = time.time() if now is None else now
        mark = self.folder / PRUNED_MARK
        try:
            if now - mark.stat().st_mtime < PRUNE_EVERY_SECONDS:
                return 0
        except FileNotFoundError:
            pass
        except OSError:
            return 0
        removed = 0
        try:
            mark.touch()
            os.utime(mark, (now, now))
            with os.scandir(self.folder) as entries:
                for entry in entries:
                    removed += _drop_if_stale(entry, now)
        except OSError as exc:  # a read-only disk only costs space
            log.debug("validation cache not pruned: %s", exc)
        return removed

    def put(self, key: str, report: PackageReport) -> None:
        if any(e.code in UNCACHED_CODES for e in report.errors):
            return  # the verdict depends on the portal, which the key cannot cover
        try:
            write_text_atomic(self.folder / f"{key}.json", report.model_dump_json())
        except OSError as exc:  # a read-only disk only costs speed
            log.warning(text("validation.log.cache-not-written", self.lang, reason=exc))


def _drop_if_stale(entry: os.DirEntry[str], now: float) -> int:
    if entry.name.endswith(".json"):
        limit = KEEP_UNUSED_DAYS * 86400
    elif entry.name.endswith(".tmp"):
        limit = _STALE_TEMP_SECONDS
    else:
        return 0
    try:
        if now - entry.stat(follow_symlinks=False).st_mtime <= limit:
            return 0
        os.unlink(entry.path)
    except OSError:
        return 0  # gone already, or another runner's
    return 1
