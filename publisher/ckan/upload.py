"""Streaming multipart uploads.

requests builds a whole multipart body in memory (a 1 GB file costs over 1 GB of
RAM); `MultipartEncoder` reads the file in chunks as the socket accepts them. The
file is hashed while it streams, so the caller can check that what reached the
portal is what was validated, without reading the file a second time.
"""

from __future__ import annotations

import hashlib
import mimetypes
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, TypeVar

import requests
from requests_toolbelt.multipart.encoder import MultipartEncoder, MultipartEncoderMonitor

from publisher.ckan.errors import FormTooLarge, TransientError
from publisher.ckan.transport import check_status, translate

BytesCallback = Callable[[int], None]
T = TypeVar("T")


@dataclass(frozen=True)
class FormCost:
    """What an item adds to a multipart body: parts, and bytes to named non-file fields
    (several items may add to the same field, e.g. a JSON list of new resources)."""

    parts: int = 0
    field_bytes: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class FormLimits:
    """A portal's multipart limits (Werkzeug's `max_form_memory_size` per non-file field,
    `max_form_parts` per body). Over them the portal answers 413 without acting, so a request
    is measured before it is sent and a large change split into batches that fit."""

    max_field_bytes: int = 500_000
    max_parts: int = 1000

    def fits(self, parts: int, field_bytes: Mapping[str, int]) -> bool:
        return parts <= self.max_parts and all(n <= self.max_field_bytes for n in field_bytes.values())

    def batches(
        self, items: Iterable[T], base: FormCost, cost: Callable[[T], FormCost], label: Callable[[T], str] = str
    ) -> list[list[T]]:
        """`items` in order, cut into the fewest consecutive batches whose body (`base` plus
        the batch's items) fits. Raises `FormTooLarge` with an item that fits in no batch."""
        batches: list[list[T]] = []
        current: list[T] = []
        parts, sizes = base.parts, Counter(base.field_bytes)
        for item in items:
            more = cost(item)
            grown = sizes + Counter(more.field_bytes)
            if current and not self.fits(parts + more.parts, grown):
                batches.append(current)
                current, parts, sizes = [], base.parts, Counter(base.field_bytes)
                grown = sizes + Counter(more.field_bytes)
            if not self.fits(parts + more.parts, grown):
                raise FormTooLarge(label(item), self.max_field_bytes, self.max_parts)
            current.append(item)
            parts, sizes = parts + more.parts, grown
        if current:
            batches.append(current)
        return batches


def form_bytes(value: str) -> int:
    """The size of a form field as the body carries it (UTF-8)."""
    return len(value.encode("utf-8"))


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


def _early_refusal(response: requests.Response, *, body_sent: bool) -> TransientError | None:
    """A 429/5xx answered before the whole body was read: the application never had the
    request, so even a write that cannot be repeated may be sent again (any other 5xx to a
    write leaves unknown whether CKAN acted, and is read back instead)."""
    if body_sent:
        return None
    try:
        check_status(response)
    except TransientError as exc:
        exc.safe = True
        return exc
    return None


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
        else:
            error = _early_refusal(response, body_sent=monitor.bytes_read >= encoder.len)
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
