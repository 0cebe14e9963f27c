"""Helpers of the atomic-update and kill tests: two versions of one package that differ by an
added, a pruned and a moved resource, and what a citizen sees of a dataset (anonymous API and
downloads, hashed)."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import signal
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any

import requests
from fixtures_publish import LocalServer, TmpCatalogue

from publisher.ckan.slugs import resource_key

HOP_HEADERS = {"host", "content-length", "connection", "transfer-encoding", "keep-alive", "accept-encoding"}


@dataclass(frozen=True)
class View:
    """A public dataset as a citizen sees it: its version and each listed file's sha256 (None
    when the download fails), in order."""

    version: str | None
    files: tuple[tuple[str, str | None], ...]
    broken: tuple[str, ...]  # listed files whose download does not hash to the declared hash


HIDDEN = View(None, (), ())  # private or absent: nothing shown


def citizen_view(ckan_url: str, name: str) -> View:
    answer = requests.get(f"{ckan_url}/api/3/action/package_show", params={"id": name}, timeout=60)
    if answer.status_code in (403, 404):
        return HIDDEN
    ds = answer.json()["result"]
    if ds.get("private") or ds.get("state") != "active":
        return HIDDEN
    files: list[tuple[str, str | None]] = []
    broken: list[str] = []
    for res in ds.get("resources") or []:
        got = requests.get(res["url"], timeout=60)
        sha = hashlib.sha256(got.content).hexdigest() if got.ok else None
        # The published datapackage.json names the resources' ids (their download addresses):
        # its bytes are not a property of a package version, only that it is whole.
        key = resource_key(res)
        files.append((key, "generated" if key == "datapackage.json" and sha else sha))
        if sha is None or sha not in str(res.get("hash") or ""):
            broken.append(resource_key(res))
    return View(ds.get("version"), tuple(files), tuple(broken))


def mixed(view: View, *versions: View) -> bool:
    """A public dataset that is not whole one of `versions` (files, order aside, and version)."""
    if view == HIDDEN:
        return False
    if view.broken:
        return True
    return not any(v.version == view.version and sorted(v.files) == sorted(view.files) for v in versions)


class TwoVersions:
    """Version "a" is the package as copied (unidades, crib-mensal); version "b" adds `extra`
    first, drops crib-mensal and bumps the version: from one to the other is an add, a prune and
    a reorder together."""

    def __init__(self, catalogue: TmpCatalogue, name: str) -> None:
        self.catalogue, self.name = catalogue, name
        folder = catalogue.path(name)
        lines = (folder / "data" / "unidades.csv").read_text(encoding="utf-8").splitlines()
        (folder / "data" / "extra.csv").write_text("\n".join([lines[0], *reversed(lines[1:])]) + "\n", encoding="utf-8")
        self.a = catalogue.descriptor(name)
        self.b = copy.deepcopy(self.a)
        unidades, _crib = self.b["resources"]
        extra = {
            **copy.deepcopy(unidades),
            "name": "extra",
            "title": "Unidades (outra ordem)",
            "path": "data/extra.csv",
        }
        self.b["resources"] = [extra, unidades]
        self.b["version"] = "0.2.0"

    def use(self, which: str) -> None:
        self.catalogue.write(self.name, self.a if which == "a" else self.b)


def portal_shape(ckan_url: str, name: str, token: str) -> dict[str, Any]:
    """A dataset as a clean publish leaves it, without what differs between two datasets
    (ids, names, URLs, timestamps; the generated datapackage.json and zip, which name the dataset)."""
    ds = requests.get(f"{ckan_url}/api/3/action/package_show", params={"id": name},
                      headers={"Authorization": token}, timeout=60).json()["result"]  # fmt: skip
    skip = {"id", "name", "url", "package_id", "created", "metadata_modified", "metadata_created", "position",
            "last_modified", "revision_id", "cache_last_updated"}  # fmt: skip

    def clean(d: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in d.items() if k not in skip and name not in json.dumps(v)}

    def generated(res: dict[str, Any]) -> bool:
        # The descriptor names the resources' ids; the zip holds a descriptor naming the dataset.
        key = resource_key(res)
        return key == "datapackage.json" or key.endswith(".zip")

    resources = [{"generated": True} if generated(r) else clean(r) for r in ds["resources"]]
    return {
        "version": ds.get("version"),
        "private": ds.get("private"),
        "state": ds.get("state"),
        "notes": ds.get("notes"),
        "tags": sorted(t["name"] for t in ds.get("tags") or []),
        "resources": resources,
    }


class SignalProxy(LocalServer):
    """Test support: a forwarding proxy to the real portal that numbers the requests it gets
        and may, at one of them, signal the process under test (`victim`): "before" forwarding
        (CKAN never sees that request) or "after" CKAN answered (CKAN acted; the client never
        learns it). `delay_s` holds a request signalled "before" back that long, so a signal other
    than SIGKILL lands while it is in flight."""

    def __init__(self, upstream: str, *, kill_at: int | tuple[str, int] | None = None, when: str = "before",
                 sig: signal.Signals = signal.SIGKILL, delay_s: float = 0.0) -> None:  # fmt: skip
        self.upstream, self.kill_at, self.when, self.sig, self.delay_s = upstream, kill_at, when, sig, delay_s
        self.victim: int | None = None
        self.actions: list[str] = []
        self.killed = False
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def _handle(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                action = self.path.split("?")[0].rsplit("/", 1)[-1]
                with proxy._lock:
                    proxy.actions.append(action)
                    strike = proxy._strikes(action)
                if strike and proxy.when == "before":
                    proxy.strike()
                    if proxy.sig == signal.SIGKILL:
                        return
                    time.sleep(proxy.delay_s)
                    strike = False
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_HEADERS}
                answer = requests.request(self.command, proxy.upstream + self.path, data=body, headers=headers,
                                          allow_redirects=False, timeout=120)  # fmt: skip
                if strike:
                    proxy.strike()
                    return
                try:
                    self.send_response(answer.status_code)
                    self.send_header("Content-Type", answer.headers.get("Content-Type", ""))
                    self.send_header("Content-Length", str(len(answer.content)))
                    self.end_headers()
                    self.wfile.write(answer.content)
                except OSError:
                    pass  # the client is gone

            do_POST = _handle
            do_GET = _handle

        super().__init__(Handler)
        # A request held back for a process already gone must not hold the test at the end.
        self.server.block_on_close = False

    def _strikes(self, action: str) -> bool:
        """Whether the request just numbered is the one to signal at: the n-th request, or the
        n-th call of an action."""
        if isinstance(self.kill_at, tuple):
            return self.kill_at == (action, self.count(action))
        return self.kill_at == len(self.actions)

    def strike(self) -> None:
        deadline = time.monotonic() + 30
        while self.victim is None and time.monotonic() < deadline:
            time.sleep(0.01)
        if self.victim is not None:
            os.kill(self.victim, self.sig)
            self.killed = True

    def count(self, action: str) -> int:
        return sum(a == action for a in self.actions)
