"""What the portal should hold for one local package: dataset fields, and per resource
its fields and the file to upload (the descriptor itself included).

Hashes validated moments ago are reused (`known_hashes`, from the validation
report): a large file is read once per run, not once per step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from publisher.catalog import PackageDir, dataset_name, read_descriptor, sha256_file
from publisher.ckan.mapping import DESCRIPTOR_RESOURCE, MappingError, descriptor_resource, to_dataset, to_resource
from publisher.package_files import DEFAULT_LIMITS, Limits, PackageFileError, optional_package_file, package_file
from publisher.validation.resolve import inlined


@dataclass(frozen=True)
class DesiredResource:
    name: str
    fields: dict[str, Any]
    path: Path
    size: int
    sha256: str


@dataclass
class DesiredDataset:
    name: str
    organization: str
    fields: dict[str, Any]
    resources: list[DesiredResource] = field(default_factory=list)
    path: Path | None = None

    @property
    def upload_bytes(self) -> int:
        return sum(r.size for r in self.resources)


def _readme(pkg: PackageDir, limits: Limits) -> str | None:
    """The README as notes may quote it: never a file outside the package, never past the cap."""
    try:
        raw = optional_package_file(pkg.path, "README.md", limits.max_metadata_bytes)
    except PackageFileError as exc:
        raise MappingError("package-file-refused", exc.rel) from None
    return None if raw is None else raw.decode("utf-8-sig", errors="replace")


def build_desired(
    pkg: PackageDir, known_hashes: dict[str, str] | None = None, limits: Limits = DEFAULT_LIMITS
) -> DesiredDataset:
    """Raises MappingError for what the portal cannot express or a package file it must not
    read, OSError for unreadable files."""
    try:
        raw = read_descriptor(pkg, limits)
    except PackageFileError as exc:
        raise MappingError("package-file-refused", exc.rel) from None
    # The portal holds each schema and dialect inline, whatever file the package keeps it in.
    descriptor = inlined(raw, pkg.path)
    name = dataset_name(descriptor, pkg.path)
    org = descriptor.get("owner_org")
    if not isinstance(org, str) or not org:
        raise MappingError("organization-missing", name)
    desired = DesiredDataset(
        name=name,
        organization=org,
        fields=to_dataset(descriptor, _readme(pkg, limits), limits.max_notes_bytes),
        path=pkg.path,
    )
    hashes = known_hashes or {}
    for res in descriptor.get("resources") or []:
        rel = res.get("path")
        if not isinstance(rel, str):
            raise MappingError("resource-not-local", f"{name}/{res.get('name')}")
        try:
            file = package_file(pkg.path, rel)
        except PackageFileError as exc:
            raise MappingError("package-file-refused", f"{name}/{exc.rel}") from None
        size = file.stat().st_size
        sha = hashes.get(str(res.get("name"))) or sha256_file(file)
        if res.get("name") == DESCRIPTOR_RESOURCE:
            raise MappingError("resource-name-reserved", f"{name}/{DESCRIPTOR_RESOURCE}")
        desired.resources.append(
            DesiredResource(str(res.get("name")), to_resource(res, size=size, sha256=sha), file, size, sha)
        )
    dp = pkg.descriptor_path
    dp_size, dp_sha = dp.stat().st_size, sha256_file(dp)
    desired.resources.append(
        DesiredResource(DESCRIPTOR_RESOURCE, descriptor_resource(size=dp_size, sha256=dp_sha), dp, dp_size, dp_sha)
    )
    return desired
