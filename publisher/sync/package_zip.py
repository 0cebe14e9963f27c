"""The whole data package as one zip, built reproducibly.

Same package, same bytes: entries sorted, fixed timestamps and permissions, each file
deflated (or stored when it is compressed already). So an unchanged package gives a zip
with the same sha256 and the plan sends nothing. The zip holds the descriptor with its
relative paths (schemas and dialects inline, so it stands alone), the data files where the
descriptor says, and README.md / CHANGELOG.md.

Building it reads every data file, so the result is kept in the build folder under a key
made of the members' hashes: a run over an unchanged package reuses it without reading.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from publisher.catalog import sha256_file

# The earliest date a zip can hold: any fixed one makes the bytes independent of file times.
_EPOCH: Final = (1980, 1, 1, 0, 0, 0)
_STORED_SUFFIXES: Final = (".gz", ".zip", ".bz2", ".xz", ".zst", ".xlsx", ".parquet", ".png", ".jpg")
_CHUNK: Final = 1024 * 1024


@dataclass(frozen=True)
class Member:
    """One entry: its name in the zip and either a file (with its sha256) or bytes."""

    arcname: str
    sha256: str
    path: Path | None = None
    data: bytes | None = None


@dataclass(frozen=True)
class BuiltZip:
    path: Path
    size: int
    sha256: str


def member_of_bytes(arcname: str, data: bytes) -> Member:
    return Member(arcname, hashlib.sha256(data).hexdigest(), data=data)


def _key(members: list[Member]) -> str:
    listing = sorted((m.arcname, m.sha256) for m in members)
    return hashlib.sha256(json.dumps(listing).encode()).hexdigest()


def _info(arcname: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(arcname, date_time=_EPOCH)
    info.create_system = 3  # unix, whatever builds it
    info.external_attr = 0o100644 << 16
    stored = arcname.lower().endswith(_STORED_SUFFIXES)
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    return info


def _write(target: Path, members: list[Member]) -> None:
    with zipfile.ZipFile(target, "w") as zf:
        for m in sorted(members, key=lambda m: m.arcname):
            info = _info(m.arcname)
            if m.data is not None:
                zf.writestr(info, m.data)
                continue
            assert m.path is not None
            big = m.path.stat().st_size >= zipfile.ZIP64_LIMIT
            with m.path.open("rb") as src, zf.open(info, "w", force_zip64=big) as dst:
                shutil.copyfileobj(src, dst, _CHUNK)


def build_zip(target: Path, members: list[Member]) -> BuiltZip:
    """The zip of `members` at `target`, reused when a previous build had the same members.
    Written beside and renamed into place, so a reader never sees half a zip."""
    key = _key(members)
    stamp = target.with_name(target.name + ".json")
    try:
        known = json.loads(stamp.read_text())
        if known.get("key") == key and target.stat().st_size == known.get("size"):
            return BuiltZip(target, int(known["size"]), str(known["sha256"]))
    except (OSError, ValueError, AttributeError):
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        _write(partial, members)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    built = BuiltZip(target, target.stat().st_size, sha256_file(target))
    stamp.write_text(json.dumps({"key": key, "size": built.size, "sha256": built.sha256}))
    return built
