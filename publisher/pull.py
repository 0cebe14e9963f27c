"""`publisher pull`: a dataset from the portal back into a local data package.

A steward starts from what is online. The published datapackage.json is the metadata (the
schemas and dialects inline, as published); each resource's file is downloaded to the path
it has in the package (the `package_path` the publisher stores on the resource) and checked
against the sha256 the portal records; README.md and CHANGELOG.md come back too. The result
validates with `publisher validate` and holds the same bytes as the package published.

Anonymous for a public dataset; with the token when one is set (a private dataset). The token
goes only to the portal's own address, never to a file hosted elsewhere.

Everything lands in a staging folder beside the target and is moved into place only once
every file checked out, so a pull cut short leaves no half package. An existing non-empty
folder is refused unless `force`: then the pulled files replace theirs, other files stay.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import requests
from pydantic import BaseModel, Field

from publisher import USER_AGENT
from publisher.ckan.client import CkanClient
from publisher.ckan.download import stored_bytes, through_portal_url
from publisher.ckan.errors import CkanError, NotAuthorized
from publisher.ckan.mapping import CHANGELOG_RESOURCE, DESCRIPTOR_RESOURCE, README_RESOURCE
from publisher.ckan.slugs import resource_key
from publisher.ckan.transport import check_status
from publisher.settings import Settings
from publisher.sync.desired import descriptor_json

log = logging.getLogger(__name__)

# Called with (file's path in the package, bytes received so far for it, its size on the portal).
PullProgress = Callable[[str, int, int | None], None]


class PullError(CkanError):
    """A pull that cannot give the package: the catalogue key says why."""

    code = "pull-failed"

    def __init__(self, code: str, **values: Any) -> None:
        super().__init__(key=f"pull.error.{code}", **values)
        self.code = code


class PulledFile(BaseModel):
    path: str
    size: int
    sha256: str


class PullResult(BaseModel):
    name: str
    folder: str
    files: list[PulledFile] = Field(default_factory=list)

    @property
    def bytes(self) -> int:
        return sum(f.size for f in self.files)


def _safe_rel(rel: str, name: str) -> str:
    """A package path that stays inside the package: a portal cannot make a pull write elsewhere."""
    path = PurePosixPath(rel)
    if not rel or path.is_absolute() or ".." in path.parts or "\\" in rel or ":" in path.parts[0]:
        raise PullError("unsafe-path", name=name, path=rel)
    return str(path)


def _expected_sha(res: dict[str, Any]) -> str | None:
    value = str(res.get("hash") or "")
    return value.removeprefix("sha256:") if value.startswith("sha256:") else None


class _Fetcher:
    """Streamed downloads into files, hashed on the way, bytes as the portal stores them."""

    def __init__(self, client: CkanClient, token: str | None, timeout: float) -> None:
        self.client = client
        self.portal = urlsplit(client.url)
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.token = token
        self.timeout = timeout

    def _headers(self, url: str) -> dict[str, str]:
        target = urlsplit(url)
        ours = (target.scheme, target.netloc) == (self.portal.scheme, self.portal.netloc)
        return {"Authorization": self.token} if ours and self.token else {}

    def get(self, url: str, target: Path, rel: str, expected: int | None, progress: PullProgress | None) -> PulledFile:
        url = through_portal_url(url, self.client.site_url(), self.client.url)
        digest, size = hashlib.sha256(), 0
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with self.session.get(url, headers=self._headers(url), stream=True, timeout=self.timeout) as response:
                check_status(response)
                if response.status_code != 200:
                    raise PullError("download", path=rel, status=response.status_code)
                with target.open("wb") as out:
                    for chunk in stored_bytes(response):
                        out.write(chunk)
                        digest.update(chunk)
                        size += len(chunk)
                        if progress is not None:
                            progress(rel, size, expected)
        except requests.RequestException as exc:
            raise PullError("network", path=rel, reason=type(exc).__name__) from None
        return PulledFile(path=rel, size=size, sha256=digest.hexdigest())

    def close(self) -> None:
        self.session.close()


def _checked(got: PulledFile, res: dict[str, Any]) -> PulledFile:
    want = _expected_sha(res)
    if want is not None and got.sha256 != want:
        raise PullError("hash", path=got.path, got=got.sha256[:12], want=want[:12])
    return got


def _target_ready(folder: Path, force: bool) -> None:
    if folder.exists() and not folder.is_dir():
        raise PullError("not-a-folder", folder=str(folder))
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise PullError("exists", folder=str(folder))


def _fill(stage: Path, name: str, portal: dict[str, Any], fetch: _Fetcher,
          progress: PullProgress | None) -> list[PulledFile]:  # fmt: skip
    """Every file of the dataset into `stage`; the descriptor written with package paths."""
    by_key: dict[str, dict[str, Any]] = {}
    for res in portal.get("resources") or []:
        by_key.setdefault(resource_key(res), res)
    own = by_key.get(DESCRIPTOR_RESOURCE)
    if own is None:
        raise PullError("no-descriptor", name=name)
    raw = stage / ".published-datapackage.json"
    _checked(fetch.get(str(own.get("url") or ""), raw, DESCRIPTOR_RESOURCE, None, None), own)
    try:
        descriptor: dict[str, Any] = json.loads(raw.read_text(encoding="utf-8"))
    except ValueError:
        raise PullError("bad-descriptor", name=name) from None
    raw.unlink()
    files = []
    for item in descriptor.get("resources") or []:
        res = by_key.get(str(item.get("name")))
        if res is None:
            raise PullError("missing", name=name, resource=str(item.get("name")))
        fallback = "data/" + str(res.get("url") or "").rsplit("/", 1)[-1]
        rel = _safe_rel(str(res.get("package_path") or fallback), name)
        got = fetch.get(str(res.get("url") or ""), stage / rel, rel, _size(res), progress)
        files.append(_checked(got, res))
        item["path"] = rel
    for rel in (README_RESOURCE, CHANGELOG_RESOURCE):
        if rel in by_key:
            got = fetch.get(str(by_key[rel].get("url") or ""), stage / rel, rel, _size(by_key[rel]), progress)
            files.append(_checked(got, by_key[rel]))
    data = descriptor_json(descriptor)
    (stage / DESCRIPTOR_RESOURCE).write_bytes(data)
    files.append(PulledFile(path=DESCRIPTOR_RESOURCE, size=len(data), sha256=hashlib.sha256(data).hexdigest()))
    return files


def _size(res: dict[str, Any]) -> int | None:
    size = res.get("size")
    return int(size) if isinstance(size, int | str) and str(size).isdigit() else None


def _move_into(stage: Path, folder: Path, files: list[PulledFile]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for f in files:
        target = folder / f.path
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(stage / f.path, target)


def pull(
    settings: Settings, name: str, folder: Path, *, force: bool = False, progress: PullProgress | None = None
) -> PullResult:
    """Download dataset `name` into `folder` as a data package. Raises `PullError` (not found,
    folder in the way, a file whose sha256 is not the portal's...), `PortalUnreachable`."""
    _target_ready(folder, force)
    with CkanClient(settings) as client:
        client.ensure_reachable()
        try:
            portal = client.package_show(name)
        except NotAuthorized:
            raise PullError("not-allowed", name=name) from None
        if portal is None or portal.get("state") != "active":
            raise PullError("not-found", name=name)
        fetch = _Fetcher(client, settings.token_value(), settings.timeout_seconds)
        folder.parent.mkdir(parents=True, exist_ok=True)
        stage = folder.parent / f".{folder.name}.pull-{os.getpid()}"
        try:
            files = _fill(stage, name, portal, fetch, progress)
            _move_into(stage, folder, files)
        finally:
            fetch.close()
            shutil.rmtree(stage, ignore_errors=True)
    log.info("pulled %s into %s (%d files)", name, folder, len(files))
    return PullResult(name=name, folder=str(folder), files=files)
