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


def _readme(pkg: PackageDir) -> str | None:
    readme = pkg.path / "README.md"
    try:
        return readme.read_text(encoding="utf-8-sig") if readme.is_file() else None
    except (OSError, UnicodeDecodeError):
        return None


def build_desired(pkg: PackageDir, known_hashes: dict[str, str] | None = None) -> DesiredDataset:
    """Raises MappingError for what the portal cannot express, OSError for unreadable files."""
    # The portal holds each schema and dialect inline, whatever file the package keeps it in.
    descriptor = inlined(read_descriptor(pkg), pkg.path)
    name = dataset_name(descriptor, pkg.path)
    org = descriptor.get("owner_org")
    if not isinstance(org, str) or not org:
        raise MappingError("organization-missing", name)
    desired = DesiredDataset(name=name, organization=org, fields=to_dataset(descriptor, _readme(pkg)), path=pkg.path)
    hashes = known_hashes or {}
    for res in descriptor.get("resources") or []:
        rel = res.get("path")
        if not isinstance(rel, str):
            raise MappingError("resource-not-local", f"{name}/{res.get('name')}")
        file = pkg.path / rel
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
