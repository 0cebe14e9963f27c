"""Fixtures of the publish engine's tests.

- `catalogue`: a temporary catalogue in tmp_path holding copies of a small real
  package under unique names and a unique organization (declared in its own
  organizations.json); everything it publishes is purged after the test.
- `fake_portal`: a FAKE HTTP server on 127.0.0.1 — not CKAN — only for the failure
  paths a real CKAN cannot be made to show on demand (503 mid-upload, a connection
  cut mid-body, read timeouts, 429 with Retry-After). Each request pops the next
  scripted reply for its path. Everything else is tested against the real portal.
- helpers of those tests: `only` (a dataset's outcome), `show`/`resources` (what the
  portal holds), `anonymous` (a citizen's GET), `edit_csv` (a same-size change).
"""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Self

import ckanapi
import pytest
import requests

from publisher.ckan.slugs import resource_key
from publisher.settings import Settings
from publisher.sync.result import PublishResult


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # dict -> JSON; str -> text
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0  # sleep before answering (read timeouts)
    read_fraction: float = 1.0  # share of the request body read before answering
    drop: bool = False  # close the connection without answering
    linger_s: float = 0.0  # after an early answer, wait before closing (a slow server-side close)

    @staticmethod
    def ok(result: Any) -> Reply:
        return Reply(200, {"success": True, "result": result})


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    body_length: int
    body_read: int
    at: float
    body: bytes = b""
    client_port: int = 0  # tells whether two requests shared a connection


class LocalServer:
    """Test support: an HTTP server on 127.0.0.1 and a free port, serving from a thread while
    in a `with` block. Subclasses hand it their request handler."""

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


class FakePortal(LocalServer):
    """Scripted replies per action path (`/api/3/action/<name>`); records what arrived."""

    def __init__(self) -> None:
        self.replies: dict[str, deque[Reply]] = defaultdict(deque)
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        portal = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                with portal._lock:
                    queue = portal.replies[self.path.split("?")[0]]
                    reply = (
                        queue.popleft()
                        if queue
                        else Reply(
                            404, {"success": False, "error": {"__type": "Not Found Error", "message": "Not found"}}
                        )
                    )
                to_read = int(length * reply.read_fraction)
                body = self.rfile.read(to_read) if to_read else b""
                portal.seen.append(
                    Seen(
                        self.path, dict(self.headers), length, len(body), time.monotonic(), body, self.client_address[1]
                    )
                )
                if reply.delay_s:
                    time.sleep(reply.delay_s)
                if reply.drop or to_read < length:
                    if not reply.drop:
                        self._answer(reply)
                    self.close_connection = True
                    time.sleep(reply.linger_s)
                    try:
                        self.connection.shutdown(2)
                    except OSError:
                        pass
                    return
                self._answer(reply)

            def _answer(self, reply: Reply) -> None:
                payload = reply.body if isinstance(reply.body, str) else json.dumps(reply.body)
                data = payload.encode()
                try:
                    self.send_response(reply.status)
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.send_header(
                        "Content-Type", "application/json" if not isinstance(reply.body, str) else "text/html"
                    )
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass

            do_POST = _handle
            do_GET = _handle

        super().__init__(Handler)

    def script(self, action: str, *replies: Reply) -> None:
        self.replies[f"/api/3/action/{action}"].extend(replies)

    def calls(self, action: str) -> list[Seen]:
        return [s for s in self.seen if s.path.endswith(f"/action/{action}")]


@pytest.fixture
def fake_portal() -> Any:
    with FakePortal() as fake:
        yield fake


# -- temporary catalogues against the real portal ---------------------------------------------

SOURCE_PACKAGE = "fhemig-indice-crib"  # small (two CSVs, ~1 kB), valid, real profile metadata
REPO = Path(__file__).resolve().parents[1]


class TmpCatalogue:
    def __init__(self, root: Path, org: str, ckan_url: str, token_file: Path, cleanup: Any, make_name: Any) -> None:
        self.root = root
        self.dir = root / "datapackages"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.org = org
        self.ckan_url = ckan_url
        self.token_file = token_file
        self.cleanup = cleanup
        self.make_name = make_name
        cleanup.organization(org)
        source_orgs = json.loads((REPO / "datapackages" / "organizations.json").read_text(encoding="utf-8"))
        template = dict(source_orgs[0])
        template.update(name=org, title=f"Organização de teste {org}")
        (self.dir / "organizations.json").write_text(json.dumps([template], ensure_ascii=False), encoding="utf-8")

    def add(self, prefix: str = "pkg", source: str = SOURCE_PACKAGE) -> str:
        """Copy `source` under a fresh unique name (registered for purge); returns the name."""
        import shutil

        name = self.make_name(prefix)
        target = self.dir / name
        shutil.copytree(REPO / "datapackages" / source, target)
        d = self.descriptor(name)
        d["name"], d["owner_org"] = name, self.org
        self.write(name, d)
        self.cleanup.dataset(name)
        return str(name)

    def path(self, name: str) -> Path:
        return self.dir / name

    def descriptor(self, name: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.dir / name / "datapackage.json").read_text(encoding="utf-8"))
        return data

    def write(self, name: str, descriptor: dict[str, Any]) -> None:
        text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
        (self.dir / name / "datapackage.json").write_text(text, encoding="utf-8")

    def settings(self, **overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "root": self.root,
            "datapackages_dir": self.dir,
            "CKAN_URL": self.ckan_url,
            "CKAN_API_TOKEN_FILE": self.token_file,
            "retries": 2,
            # The whole-package zip changes with every file: tests of other things count without it.
            "package_zip": False,
        }
        values.update(overrides)
        return Settings(**values)


@pytest.fixture
def catalogue(
    tmp_path: Path, unique_name: Any, ckan_url: str, ckan_token_file: Path, ckan_cleanup: Any
) -> TmpCatalogue:
    return TmpCatalogue(tmp_path, unique_name("org"), ckan_url, ckan_token_file, ckan_cleanup, unique_name)


# -- helpers of the tests that publish ------------------------------------------------------------


def only(result: PublishResult, name: str) -> Any:
    (outcome,) = [o for o in result.datasets if o.name == name]
    return outcome


def anonymous(url: str) -> requests.Response:
    return requests.get(url, timeout=30)


def show(ckan: ckanapi.RemoteCKAN, name: str) -> dict[str, Any]:
    result: dict[str, Any] = ckan.action.package_show(id=name)
    return result


def resources(ckan: ckanapi.RemoteCKAN, name: str) -> dict[str, dict[str, Any]]:
    return {resource_key(r): r for r in show(ckan, name)["resources"]}


def edit_csv(path: Path) -> bytes:
    """Change one digit of the first data row's count, keeping the size (and the data valid).

    Same size on purpose: only the sha256 can tell the file changed."""
    lines = path.read_bytes().split(b"\n")
    cells = lines[1].split(b",")
    digit = cells[3][-1] - ord("0")
    cells[3] = cells[3][:-1] + str(digit - 1 if digit > 0 else digit + 1).encode()
    lines[1] = b",".join(cells)
    before = path.stat().st_size
    path.write_bytes(b"\n".join(lines))
    assert path.stat().st_size == before
    return path.read_bytes()
