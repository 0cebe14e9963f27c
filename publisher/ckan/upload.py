"""Streaming multipart uploads.

requests builds a whole multipart body in memory (a 1 GB file costs over 1 GB of
RAM); `MultipartEncoder` reads the file in chunks as the socket accepts them. The
file is hashed while it streams, so the caller can check that what reached the
portal is what was validated, without reading the file a second time.
"""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Callable, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import requests
from requests_toolbelt.multipart.encoder import MultipartEncoder, MultipartEncoderMonitor

from publisher.ckan.transport import translate

BytesCallback = Callable[[int], None]


class HashingReader:
    """A read-only file view that hashes what is read and reports progress.

    `len` is the number of bytes *left*, the protocol MultipartEncoder expects; there
    is deliberately no `fileno`, so the encoder reads through this wrapper.
    """

    def __init__(self, fh: BinaryIO, size: int, on_bytes: BytesCallback | None = None) -> None:
        self._fh = fh
        self._size = size
        self._pos = 0
        self._on_bytes = on_bytes
        self.digest = hashlib.sha256()

    @property
    def len(self) -> int:
        return max(0, self._size - self._pos)

    def tell(self) -> int:
        return self._pos

    def read(self, n: int = -1) -> bytes:
        chunk = self._fh.read(n if n is not None and n >= 0 else -1)
        if chunk:
            self._pos += len(chunk)
            self.digest.update(chunk)
            if self._on_bytes is not None:
                self._on_bytes(len(chunk))
        return chunk


@dataclass(frozen=True)
class SentFiles:
    response: requests.Response
    sha256: dict[str, str]  # by form field
    size: int


def post_files(
    session: requests.Session,
    url: str,
    *,
    fields: Mapping[str, str],
    files: Sequence[tuple[str, Path]],
    headers: Mapping[str, str],
    timeout: float,
    what: str,
    secret: str | None,
    on_bytes: BytesCallback | None = None,
) -> SentFiles:
    """POST `fields` plus each (form field, file) streamed in one body; network failures come back token-free."""
    error: Exception | None = None
    with ExitStack() as stack:
        readers: dict[str, HashingReader] = {}
        # Sorted fields: the same resource always produces the same body layout.
        parts: list[tuple[str, object]] = sorted(fields.items())
        for form_field, path in files:
            fh = stack.enter_context(path.open("rb"))
            readers[form_field] = HashingReader(fh, path.stat().st_size, on_bytes)
            mimetype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            parts.append((form_field, (path.name, readers[form_field], mimetype)))
        encoder = MultipartEncoder(fields=parts)
        monitor = MultipartEncoderMonitor(encoder)
        all_headers = {**headers, "Content-Type": monitor.content_type}
        try:
            response = session.post(url, data=monitor, headers=all_headers, timeout=timeout, allow_redirects=False)
        except requests.RequestException as exc:
            error = translate(exc, what, body_sent=monitor.bytes_read >= encoder.len, secret=secret)
    if error is not None or not response.ok:
        # A server that refuses an upload often answers before reading the whole body and then
        # closes the connection; until that close arrives the connection looks reusable, and a
        # retry sent on it would die as "connection lost" (which a create cannot retry). Dropping
        # the session's idle connections makes the next request open a fresh one.
        session.close()
    if error is not None:
        raise error
    return SentFiles(
        response=response,
        sha256={f: r.digest.hexdigest() for f, r in readers.items()},
        size=sum(r.tell() for r in readers.values()),
    )
