"""Test support: `FaultProxy`, a FAULT-INJECTING FAKE proxy in front of the REAL local CKAN.

It forwards every request to CKAN and, for the requests its rules pick, misbehaves the way a
reverse proxy, a load balancer or a flaky network does: the failures a real CKAN cannot show
on demand. Two ways to pick them:

- `Fault(action, mode, nth)`: one named fault on the nth call of an action (targeted tests);
- `FaultPlan(seed, rate)`: a seeded share of all requests, each given a kind drawn from the
  seed, the action and the call's number, so a rerun with the same seed injects the same faults
  into the same calls (the threads' order aside).

Kinds (`KINDS`): `before:5xx` answers 500/502/503/504 without forwarding (CKAN did nothing);
`after:5xx` forwards, CKAN acts and commits, then answers 5xx; `drop` forwards then closes the
connection unanswered; `429` answers 429 with `Retry-After` without forwarding; `slow` forwards
and answers only after `slow_s` (past the client's timeout); `reset` reads part of an upload and
resets the connection (TCP RST), nothing forwarded; `truncate` forwards and sends the first 20%
of the answer under the full `Content-Length`, then closes.
"""

from __future__ import annotations

import random
import socket
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any

import requests
from fixtures_publish import LocalServer

HOP_HEADERS = {"host", "content-length", "connection", "transfer-encoding", "keep-alive", "accept-encoding"}
KINDS = (
    "before:500",
    "before:502",
    "before:503",
    "before:504",
    "after:500",
    "after:502",
    "after:503",
    "after:504",
    "429",
    "slow",
    "reset",
    "truncate",
)
TRUNCATE_SHARE = 0.2


@dataclass
class Fault:
    action: str
    mode: str  # "502": CKAN acts, the client gets a proxy's 502 page; "drop": CKAN acts, no answer; or a KINDS entry
    nth: int = 1  # which call of the action (1 = the first)


@dataclass(frozen=True)
class FaultPlan:
    """A seeded share of requests gets a fault; `reset` only where there is an upload to cut."""

    seed: int
    rate: float
    kinds: tuple[str, ...] = KINDS

    def pick(self, action: str, nth: int, upload: bool) -> str | None:
        draw = random.Random(f"{self.seed}:{action}:{nth}")
        if draw.random() >= self.rate:
            return None
        kinds = [k for k in self.kinds if upload or k != "reset"]
        return draw.choice(kinds)


def action_of(path: str) -> str:
    """`/api/3/action/package_show?id=x` -> `package_show`; anything else (a file) -> `download`."""
    path = path.split("?")[0]
    return path.rsplit("/", 1)[-1] if "/api/" in path else "download"


class _FaultHandler(BaseHTTPRequestHandler):
    """What the fake proxy does with one request (the proxy's rules decide the fault)."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    @property
    def proxy(self) -> FaultProxy:
        proxy: FaultProxy = self.server.proxy  # type: ignore[attr-defined]
        return proxy

    def _handle(self) -> None:
        proxy = self.proxy
        length = int(self.headers.get("Content-Length") or 0)
        upload = "multipart/form-data" in self.headers.get("Content-Type", "")
        fault = proxy._fault_for(action_of(self.path), upload)
        if fault == "reset":
            self.rfile.read(length // 2)
            self._reset()
            return
        body = self.rfile.read(length)
        if fault and fault.startswith("before:"):
            self._send(int(fault[7:]), b"<html><body>Gateway error</body></html>", "text/html")
            return
        if fault == "429":
            self._send(429, b"<html><body>Too Many Requests</body></html>", "text/html", {"Retry-After": "1"})
            return
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_HEADERS}
        answer = requests.request(self.command, proxy.upstream + self.path, data=body, headers=headers,
                                  allow_redirects=False, timeout=300)  # fmt: skip
        self._after(fault, answer)

    def _after(self, fault: str | None, answer: requests.Response) -> None:
        proxy = self.proxy
        content_type = answer.headers.get("Content-Type", "")
        extra = {"Location": answer.headers["Location"]} if "Location" in answer.headers else {}
        if fault == "drop":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
        elif fault == "502" or (fault or "").startswith("after:"):
            status = 502 if fault == "502" else int(str(fault)[6:])
            self._send(status, b"<html><body>Bad Gateway</body></html>", "text/html")
        elif fault == "truncate":
            self._send(answer.status_code, answer.content, content_type, extra, share=TRUNCATE_SHARE)
        else:
            if fault == "slow":
                time.sleep(proxy.slow_s)
            self._send(answer.status_code, answer.content, content_type, extra)

    def _reset(self) -> None:
        # SO_LINGER 0: close() sends a RST, as a network cut mid-upload does.
        self.close_connection = True
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()

    def _send(
        self, status: int, data: bytes, content_type: str, headers: dict[str, str] | None = None,
        share: float = 1.0,
    ) -> None:  # fmt: skip
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data if share >= 1 else data[: int(len(data) * share)])
            if share < 1:
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # the client gave up (a slow answer past its timeout)

    do_POST = _handle
    do_GET = _handle


class FaultProxy(LocalServer):
    """FAULT-INJECTING FAKE: a proxy to the real CKAN that misbehaves on the requests its rules pick."""

    def __init__(self, upstream: str, *faults: Fault, plan: FaultPlan | None = None, slow_s: float = 5.0) -> None:
        self.upstream = upstream
        self.faults = list(faults)
        self.plan = plan
        self.slow_s = slow_s
        self.enabled = True
        self.calls: Counter[str] = Counter()
        self.injected: list[str] = []
        self._lock = threading.Lock()
        super().__init__(_FaultHandler)
        self.server.proxy = self  # type: ignore[attr-defined]

    def _fault_for(self, action: str, upload: bool) -> str | None:
        with self._lock:
            self.calls[action] += 1
            if not self.enabled:
                return None
            for fault in self.faults:
                if fault.action == action and fault.nth == self.calls[action]:
                    self.injected.append(f"{action}:{fault.mode}")
                    return fault.mode
            mode = self.plan.pick(action, self.calls[action], upload) if self.plan else None
            if mode is not None:
                self.injected.append(f"{action}:{mode}")
            return mode

    def injected_by_kind(self) -> Counter[str]:
        return Counter(entry.split(":", 1)[1] for entry in self.injected)

    def writes(self) -> int:
        """Requests that could change the portal (anything but reads and downloads)."""
        reads = ("_show", "_list", "status_show", "download", "_search")
        return sum(n for action, n in self.calls.items() if not action.endswith(reads))
