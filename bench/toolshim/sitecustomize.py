"""Loaded (via PYTHONPATH) into the processes of the tools that compare_tools.py runs, only
when BENCH_HTTP_COUNT names a file: counts HTTP requests (by action) and the bytes sent and
received on sockets, and appends the totals to that file as one JSON line at exit.

Counting happens below every HTTP library the tools use (requests/urllib3 and urllib both
go through http.client and socket), so nothing about their behaviour changes.
"""

from __future__ import annotations

import atexit
import http.client
import json
import os
import socket
from typing import Any

_FILE = os.environ.get("BENCH_HTTP_COUNT")

if _FILE:
    _counts: dict[str, Any] = {"requests": 0, "sent": 0, "received": 0, "actions": {}}

    _putrequest = http.client.HTTPConnection.putrequest

    def putrequest(self: http.client.HTTPConnection, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        _counts["requests"] += 1
        path = url.split("?", 1)[0]
        key = path.rsplit("/", 1)[-1] if "/api/" in path else f"{method} (download)"
        _counts["actions"][key] = _counts["actions"].get(key, 0) + 1
        return _putrequest(self, method, url, *args, **kwargs)

    http.client.HTTPConnection.putrequest = putrequest  # type: ignore[method-assign]

    _sendall, _send, _recv_into, _recv = (
        socket.socket.sendall,
        socket.socket.send,
        socket.socket.recv_into,
        socket.socket.recv,
    )

    def _nbytes(data: Any) -> int:
        return memoryview(data).nbytes

    def sendall(self: socket.socket, data: Any, *args: Any) -> Any:
        _counts["sent"] += _nbytes(data)
        return _sendall(self, data, *args)

    def send(self: socket.socket, data: Any, *args: Any) -> int:
        n = _send(self, data, *args)
        _counts["sent"] += n
        return n

    def recv_into(self: socket.socket, buffer: Any, *args: Any) -> int:
        n = _recv_into(self, buffer, *args)
        _counts["received"] += n
        return n

    def recv(self: socket.socket, *args: Any) -> bytes:
        data = _recv(self, *args)
        _counts["received"] += len(data)
        return data

    socket.socket.sendall = sendall  # type: ignore[method-assign,assignment]
    socket.socket.send = send  # type: ignore[method-assign,assignment]
    socket.socket.recv_into = recv_into  # type: ignore[method-assign,assignment]
    socket.socket.recv = recv  # type: ignore[method-assign,assignment]

    _path: str = _FILE

    @atexit.register
    def _write() -> None:
        with open(_path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(_counts) + "\n")
