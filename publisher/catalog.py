"""Find and load the data packages of the catalogue; hash their files.

A package is a folder holding a `datapackage.json`. Loading here is plain JSON:
checking what the descriptor says is the job of `publisher.validation`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from publisher import stat_cache
from publisher.package_files import DEFAULT_LIMITS, Limits, load_json, read_package_file

DESCRIPTOR = "datapackage.json"
# Where the state's agencies keep the package inside their own repositories.
REPOSITORY_PACKAGE_DIR = "dataset"
HASH_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class PackageDir:
    """A package folder in the catalogue (its descriptor may still be broken)."""

    path: Path

    @property
    def name(self) -> str:
        # The dataset's name, not the folder's: an agency's repository keeps its package in
        # `dataset/`, and every package there would otherwise go by "dataset".
        return package_dataset_name(self)

    @property
    def descriptor_path(self) -> Path:
        return self.path / DESCRIPTOR


def find_packages(catalogue: Path) -> list[PackageDir]:
    """Every folder directly under `catalogue` that holds a datapackage.json, sorted by name."""
    if not catalogue.is_dir():
        return []
    return [PackageDir(p) for p in sorted(catalogue.iterdir()) if (p / DESCRIPTOR).is_file()]


def repository_package(folder: Path) -> PackageDir | None:
    """The package of an agency's repository run from `folder`: `folder` itself when it holds a
    descriptor, else its `dataset/` folder (how the state's repositories keep it), else None."""
    for candidate in (folder, folder / REPOSITORY_PACKAGE_DIR):
        if (candidate / DESCRIPTOR).is_file():
            return PackageDir(candidate)
    return None


def resolve_targets(paths: list[Path], catalogue: Path, here: Path | None = None) -> list[PackageDir]:
    """Turn CLI arguments (package folders, descriptor files, or the catalogue) into packages.

    No argument means the whole catalogue or, where there is none, the package of the agency
    repository the command runs in (`here`, the working directory by default). A folder
    without a descriptor is searched one level down, so `publisher validate datapackages/`
    and `publisher validate .` in a repository with `dataset/` work too.
    """
    if not paths:
        catalogued = find_packages(catalogue)
        if catalogued:
            return catalogued
        own = repository_package(Path.cwd() if here is None else here)
        return [own] if own is not None else []
    found: list[PackageDir] = []
    for p in paths:
        if p.is_file() and p.name == DESCRIPTOR:
            found.append(PackageDir(p.parent))
        elif (p / DESCRIPTOR).is_file() or not p.is_dir():
            # A missing path is still returned: validation reports it as an error.
            found.append(PackageDir(p))
        else:
            found.extend(find_packages(p))
    return found


def read_descriptor(pkg: PackageDir, limits: Limits = DEFAULT_LIMITS) -> dict[str, Any]:
    """Parse the descriptor, read as every package file is (inside the package, bounded);
    raises PackageFileError (a ValueError) / json.JSONDecodeError / OSError / ValueError."""
    data = load_json(
        read_package_file(pkg.path, DESCRIPTOR, limits.max_metadata_bytes), DESCRIPTOR, limits.max_json_depth
    )
    if not isinstance(data, dict):
        raise ValueError("datapackage.json must hold a JSON object")
    return data


def sha256_file(path: Path, st: os.stat_result | None = None) -> str:
    """Hex sha256 of a file; from the stat cache when one is active and the file is unchanged
    (`st`: the caller's fresh stat of it, saving one)."""
    cache = stat_cache.current()
    return cache.sha256(path, st) if cache is not None else plain_sha256(path)


def plain_sha256(path: Path) -> str:
    """Hex sha256 of a file, read in chunks (never the whole file in memory)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def dataset_name(descriptor: Mapping[str, Any] | None, folder: Path) -> str:
    """The one rule for a package's dataset name: the descriptor's `name` when it is a
    non-empty string, else the folder's name. Whether the name is valid for the portal is
    the profile check's business; this only says which name the package goes by."""
    name = descriptor.get("name") if descriptor is not None else None
    if isinstance(name, str) and name.strip():
        return name.strip()
    return folder.name


def package_dataset_name(pkg: PackageDir) -> str:
    """`dataset_name` of a package whose descriptor may be unreadable or broken."""
    try:
        descriptor: dict[str, Any] | None = read_descriptor(pkg)
    except (OSError, ValueError):  # json.JSONDecodeError is a ValueError
        descriptor = None
    return dataset_name(descriptor, pkg.path)
