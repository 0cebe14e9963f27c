"""What the portal should hold for one local package: dataset fields, and per resource
its fields and the file to upload: the data, then the package's own files (README.md,
CHANGELOG.md, the whole package as one zip when it fits, and last its datapackage.json).

The datapackage.json published is not the local file: each resource's `path` is that
resource's download URL on the portal (schemas and dialects inline), so tools read the
dataset straight from the portal. Those URLs hold the resources' ids, so the descriptor is
written once the portal's dataset is known (`attach_descriptor`): resources already there
keep their ids, new ones get theirs here and are created with them, and the URLs are right
on the first publish. Same package, same ids, same bytes: a no-op stays a no-op.

Hashes validated moments ago are reused (`known_hashes`, from the validation
report): a large file is read once per run, not once per step.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import tempfile
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from publisher.catalog import PackageDir, dataset_name, read_descriptor, sha256_file
from publisher.ckan.mapping import (
    CHANGELOG_RESOURCE,
    DESCRIPTOR_RESOURCE,
    OWN_FILES,
    README_RESOURCE,
    ZIP_SUFFIX,
    MappingError,
    changelog_resource,
    descriptor_resource,
    download_url,
    readme_resource,
    to_dataset,
    to_resource,
    zip_resource,
)
from publisher.package_files import DEFAULT_LIMITS, Limits, PackageFileError, optional_package_file, package_file
from publisher.settings import Settings
from publisher.sync.package_zip import Member, build_zip, member_of_bytes
from publisher.validation.compressed import compression_of
from publisher.validation.resolve import inlined


@dataclass(frozen=True)
class DesiredResource:
    name: str
    fields: dict[str, Any]
    path: Path
    size: int
    sha256: str


@dataclass(frozen=True)
class BuildOptions:
    """Where files made for the portal go, and the largest zip worth offering (None: no zip)."""

    build_dir: Path
    zip_max_bytes: int | None = None


def build_options(settings: Settings) -> BuildOptions:
    return BuildOptions(settings.build_dir, settings.max_resource_size_bytes if settings.package_zip else None)


def default_build() -> BuildOptions:
    return BuildOptions(Path(tempfile.gettempdir()) / "publisher-portal-files")


@dataclass
class DesiredDataset:
    name: str
    organization: str
    fields: dict[str, Any]
    resources: list[DesiredResource] = field(default_factory=list)
    path: Path | None = None
    # The package's descriptor, schemas and dialects inline, paths as the package has them.
    descriptor: dict[str, Any] = field(default_factory=dict)
    build: BuildOptions = field(default_factory=default_build)

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


def _data_resource(pkg: PackageDir, name: str, res: dict[str, Any], hashes: Mapping[str, str]) -> DesiredResource:
    rel = res.get("path")
    if not isinstance(rel, str):
        raise MappingError("resource-not-local", f"{name}/{res.get('name')}")
    if res.get("name") in OWN_FILES or res.get("name") == name + ZIP_SUFFIX:
        raise MappingError("resource-name-reserved", f"{name}/{res.get('name')}")
    try:
        file = package_file(pkg.path, rel)
    except PackageFileError as exc:
        raise MappingError("package-file-refused", f"{name}/{exc.rel}") from None
    size = file.stat().st_size
    sha = hashes.get(str(res.get("name"))) or sha256_file(file)
    return DesiredResource(str(res.get("name")), to_resource(res, size=size, sha256=sha), file, size, sha)


_OWN_TEXTS: tuple[tuple[str, Callable[..., dict[str, Any]]], ...] = (
    (README_RESOURCE, readme_resource),
    (CHANGELOG_RESOURCE, changelog_resource),
)


def _own_texts(pkg: PackageDir, limits: Limits) -> list[DesiredResource]:
    """README.md and CHANGELOG.md, published as they are: citizens read the CHANGELOG whole,
    and `publisher pull` gives a steward both back."""
    found = []
    for rel, fields_of in _OWN_TEXTS:
        try:
            raw = optional_package_file(pkg.path, rel, limits.max_metadata_bytes)
        except PackageFileError as exc:
            raise MappingError("package-file-refused", exc.rel) from None
        if raw is not None:
            sha = hashlib.sha256(raw).hexdigest()
            found.append(
                DesiredResource(rel, fields_of(size=len(raw), sha256=sha), package_file(pkg.path, rel), len(raw), sha)
            )
    return found


def descriptor_json(descriptor: dict[str, Any]) -> bytes:
    """A descriptor as a file: indented for people, keys in the package's order, UTF-8."""
    return (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _package_zip(desired: DesiredDataset) -> DesiredResource | None:
    """The whole package as one zip, or None when it is not wanted or does not fit the portal."""
    limit = desired.build.zip_max_bytes
    if limit is None:
        return None
    members = [member_of_bytes("datapackage.json", descriptor_json(desired.descriptor))]
    members += [Member(str(r.fields.get("package_path") or r.name), r.sha256, path=r.path) for r in desired.resources]
    built = build_zip(desired.build.build_dir / desired.name / (desired.name + ZIP_SUFFIX), members)
    if built.size > limit:
        return None
    fields = zip_resource(desired.name, size=built.size, sha256=built.sha256)
    return DesiredResource(desired.name + ZIP_SUFFIX, fields, built.path, built.size, built.sha256)


def build_desired(
    pkg: PackageDir,
    known_hashes: dict[str, str] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    build: BuildOptions | None = None,
) -> DesiredDataset:
    """Raises MappingError for what the portal cannot express or a package file it must not
    read, OSError for unreadable files. The descriptor resource is attached for a dataset not
    yet on the portal; `attach_descriptor` writes it again once the portal's dataset is read."""
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
        descriptor=descriptor,
        build=build or default_build(),
    )
    hashes = known_hashes or {}
    for res in descriptor.get("resources") or []:
        desired.resources.append(_data_resource(pkg, name, res, hashes))
    desired.resources += _own_texts(pkg, limits)
    zipped = _package_zip(desired)
    if zipped is not None:
        desired.resources.append(zipped)
    attach_descriptor(desired, {}, "")
    return desired


def portal_descriptor(descriptor: dict[str, Any], urls: Mapping[str, str]) -> dict[str, Any]:
    """The descriptor as published: each resource's path is its download URL (`urls` by
    resource name); schemas and dialects are already inline, so nothing local is left."""
    published = copy.deepcopy(descriptor)
    for res in published.get("resources") or []:
        compression = compression_of(res)
        res["path"] = urls[str(res.get("name"))]
        if compression:
            # Said outright: the URL no longer ends in the suffix it was read from.
            res["compression"] = compression
    return published


def _write_once(folder: Path, name: str, data: bytes) -> Path:
    """`data` as `folder/<its sha256>/name`: content-addressed, so runners at once never
    overwrite a file another is uploading; written beside and renamed into place."""
    target = folder / hashlib.sha256(data).hexdigest()[:32] / name
    if target.is_file() and target.stat().st_size == len(data):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{name}.{os.getpid()}.part")
    partial.write_bytes(data)
    os.replace(partial, target)
    return target


def attach_descriptor(desired: DesiredDataset, ids: Mapping[str, str], site_url: str) -> None:
    """Give every resource its portal id (`ids` by resource name: those already on the portal;
    the others get a new one, sent when they are created) and (re)write the published
    datapackage.json with each resource's download URL at `site_url`."""
    data = [r for r in desired.resources if r.name != DESCRIPTOR_RESOURCE]
    with_ids = [
        replace(r, fields={**r.fields, "id": ids.get(r.name) or r.fields.get("id") or str(uuid.uuid4())}) for r in data
    ]
    urls = {
        r.name: download_url(site_url, desired.name, str(r.fields["id"]), r.path.name)
        for r in with_ids
        if r.name in {str(res.get("name")) for res in desired.descriptor.get("resources") or []}
    }
    raw = descriptor_json(portal_descriptor(desired.descriptor, urls))
    path = _write_once(desired.build.build_dir / desired.name, DESCRIPTOR_RESOURCE, raw)
    sha = hashlib.sha256(raw).hexdigest()
    before = next((r.fields.get("id") for r in desired.resources if r.name == DESCRIPTOR_RESOURCE), None)
    rid = ids.get(DESCRIPTOR_RESOURCE) or before or str(uuid.uuid4())
    fields = {**descriptor_resource(size=len(raw), sha256=sha), "id": rid}
    desired.resources = [*with_ids, DesiredResource(DESCRIPTOR_RESOURCE, fields, path, len(raw), sha)]
