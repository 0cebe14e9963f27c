"""Transient means transient: answers cut short are retried on safe reads, and `verify`
downloads through CKAN_URL's host.

The truncation tests use a FAKE server (`FakeTruncatingServer`, not CKAN): a real CKAN cannot
be made to cut an answer at 20% on demand. The proxy test talks to the real local portal
through a small forwarding proxy (`ForwardingProxy`) on another port.
"""

from __future__ import annotations

import hashlib
import http.client
import json
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import urlsplit

import pytest
from fixtures_publish import LocalServer, TmpCatalogue

from publisher.ckan.client import CkanClient
from publisher.ckan.download import through_portal_url
from publisher.ckan.errors import PortalUnavailable
from publisher.ckan.retry import RetryPolicy
from publisher.settings import Settings
from publisher.sync.apply import publish
from publisher.sync.verify import verify

TOKEN = "tok-SECRET-transient-never-show-me"

# A state-shaped table: `;` delimiter, decimal comma, UTF-8 with BOM, accents.
STATE_CSV = (
    "\ufeffmunicípio;ano;valor\n" + "".join(f"Belo Horizonte;{2000 + i % 25};{i},5\n" for i in range(4000))
).encode("utf-8")


class FakeTruncatingServer(LocalServer):
    """A FAKE server: the first answer on each path stops after 20% of its announced
    Content-Length and the connection is closed; later answers are whole."""

    def __init__(self, bodies: dict[str, bytes]) -> None:
        self.bodies = bodies
        self.hits: Counter[str] = Counter()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                path = self.path.split("?")[0]
                server.hits[path] += 1
                body = server.bodies.get(path, b"")
                self.send_response(200 if path in server.bodies else 404)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if server.hits[path] == 1:
                    self.wfile.write(body[: len(body) // 5])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.wfile.write(body)

            do_GET = _handle
            do_POST = _handle

        super().__init__(Handler)


def _ok(result: Any) -> bytes:
    return json.dumps({"success": True, "result": result}).encode()


def _client(url: str) -> CkanClient:
    settings = Settings(CKAN_URL=url, CKAN_API_TOKEN=TOKEN, timeout_seconds=5)
    return CkanClient(settings, policy=RetryPolicy(attempts=3, base_s=0.01, max_wait_s=0.02, sleep=lambda s: None))


@pytest.fixture
def truncating() -> Iterator[FakeTruncatingServer]:
    dataset = {"name": "despesas-secretaria-de-estado-de-planejamento-e-gestao-seplag", "notes": "x" * 20_000}
    bodies = {
        "/api/3/action/package_show": _ok(dataset),
        "/api/3/action/status_show": _ok({"site_url": "", "ckan_version": "2.12.0"}),
        "/api/3/action/package_create": _ok(dataset),
        "/dataset/d/resource/r/download/despesas.csv": STATE_CSV,
    }
    with FakeTruncatingServer(bodies) as fake:
        yield fake


def test_a_read_cut_at_20_percent_is_retried_and_succeeds(truncating: FakeTruncatingServer) -> None:
    with _client(truncating.url) as client:
        got = client.package_show("despesas-secretaria-de-estado-de-planejamento-e-gestao-seplag")
    assert got is not None and len(got["notes"]) == 20_000
    assert truncating.hits["/api/3/action/package_show"] == 2


def test_a_download_cut_at_20_percent_is_retried_and_hashes_whole(truncating: FakeTruncatingServer) -> None:
    with _client(truncating.url) as client:
        got = client.download(f"{truncating.url}/dataset/d/resource/r/download/despesas.csv")
    assert (got.status, got.size, got.sha256) == (200, len(STATE_CSV), hashlib.sha256(STATE_CSV).hexdigest())
    assert truncating.hits["/dataset/d/resource/r/download/despesas.csv"] == 2


def test_a_create_cut_short_is_not_repeated(truncating: FakeTruncatingServer) -> None:
    # The portal acted before its answer broke: repeating a create could duplicate the dataset.
    with _client(truncating.url) as client, pytest.raises(PortalUnavailable) as caught:
        client.call("package_create", {"name": "x"})
    assert truncating.hits["/api/3/action/package_create"] == 1
    assert TOKEN not in str(caught.value)
    assert "incomplete" in str(caught.value)


def test_site_url_links_are_rewritten_to_ckan_url_only_when_they_differ() -> None:
    link = "http://127.0.0.1:5000/dataset/d/resource/r/download/despesas.csv"
    assert through_portal_url(link, "http://127.0.0.1:5000", "http://127.0.0.1:7000") == link.replace("5000", "7000")
    assert through_portal_url(link, "http://127.0.0.1:5000", "http://127.0.0.1:5000/") == link
    assert through_portal_url("https://outro.host/x.csv", "http://127.0.0.1:5000", "http://proxy") == (
        "https://outro.host/x.csv"
    )
    assert (
        through_portal_url("https://dados.mg.gov.br/ckan/dataset/a", "https://dados.mg.gov.br/ckan", "https://cdn.mg/")
        == "https://cdn.mg/dataset/a"
    )


class ForwardingProxy(LocalServer):
    """A small reverse proxy on its own port: forwards every request to `target` and counts
    the downloads (`/download/` paths) that went through it."""

    def __init__(self, target: str) -> None:
        upstream = urlsplit(target)
        self.downloads = 0
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _forward(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if "/download/" in self.path:
                    proxy.downloads += 1
                conn = http.client.HTTPConnection(upstream.hostname or "", upstream.port or 80, timeout=60)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
                conn.request(self.command, self.path, body=body or None, headers=headers)
                answer = conn.getresponse()
                data = answer.read()
                self.send_response(answer.status)
                for k, v in answer.getheaders():
                    if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                conn.close()

            do_GET = _forward
            do_POST = _forward

        super().__init__(Handler)


def test_verify_downloads_through_ckan_url_not_site_url(catalogue: TmpCatalogue, ckan_url: str) -> None:
    name = catalogue.add("proxied")
    assert publish(catalogue.settings(), [catalogue.path(name)]).ok
    files = len(catalogue.descriptor(name)["resources"]) + 3  # and README, CHANGELOG, the descriptor
    with ForwardingProxy(ckan_url) as proxy:
        result = verify(catalogue.settings(CKAN_URL=proxy.url), [catalogue.path(name)])
    assert result.ok, [d.problems for d in result.datasets]
    assert proxy.downloads == files
