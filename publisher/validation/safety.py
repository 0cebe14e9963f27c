"""Safety checks on resource paths and files, run before any data file is opened.

A resource path must stay inside its package folder (no absolute paths, no `..`,
no symlink out), must not be a URL unless remote data is allowed, and must point at
an existing, non-empty file under the size limit whose bytes decode in the declared
encoding. A compressed file (`.gz`, a `.zip` of one file) is checked as the table it holds,
decompressed on the fly. Only resources that pass go on to frictionless.
"""

from __future__ import annotations

import codecs
import gzip
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from publisher.package_files import PackageFileError, location_problem, optional_package_file
from publisher.portal_notes import notes_for
from publisher.settings import Lang, Settings
from publisher.validation.compressed import COMPRESSION_ERRORS, ZipNotSingle, compression_of, open_table
from publisher.validation.report import Problem, make_error
from publisher.validation.syntax import refused_file

_REMOTE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_CHUNK = 1024 * 1024
_DESCRIPTOR = "datapackage.json"


@dataclass(frozen=True)
class SafeResource:
    index: int
    name: str
    relpath: str
    file: Path


def resource_name(res: dict[str, Any], index: int) -> str:
    name = res.get("name")
    return name if isinstance(name, str) and name else f"#{index + 1}"


def check_encoding(file: Path, encoding: str, compression: str | None = None) -> tuple[int, int, int] | None:
    """(row, byte offset, byte value) of the first byte that does not decode, or None.

    Streams the file (decompressed when it is compressed) with an incremental decoder:
    constant memory, one pass; the offset counts bytes of the table, not of the archive.
    """
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    row = 1
    offset = 0
    with open_table(file, compression) as fh:
        while chunk := fh.read(_CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                # Re-decode up to the bad byte only to count the lines before it.
                # exc.object is what the decoder held: this chunk, plus at most a few
                # bytes of an unfinished character from the last one (never a newline).
                pending = bytes(exc.object[: exc.start])
                row += pending.count(b"\n")
                return row, offset + exc.start, exc.object[exc.start]
            row += chunk.count(b"\n")
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return row, offset, 0
    return None


def long_line(file: Path, max_bytes: int, compression: str | None = None) -> int | None:
    """The row of the first line longer than `max_bytes`, or None.

    Streams the table and stops at the first line over the limit, so a file of one endless
    line (or a sparse file of zeros, which has no newline at all) costs one limit's worth
    of reading, not the whole file; frictionless, which holds a line at a time, would
    otherwise take the whole file into memory."""
    row = 1
    current = 0  # bytes of the line still open at the end of the last chunk
    with open_table(file, compression) as fh:
        while chunk := fh.read(_CHUNK):
            lines = chunk.split(b"\n")
            lengths = [current + len(lines[0]), *map(len, lines[1:])]
            over = next((i for i, n in enumerate(lengths) if n > max_bytes), None)
            if over is not None:
                return row + over
            row += len(lines) - 1
            current = lengths[-1]
    return None


# Single-byte encodings that accept any byte: a UTF-8 file declared as one of them reads
# without an error, every accent turned into two characters ("São" becomes "SÃ£o").
_LEGACY = frozenset({"cp1252", "iso8859-1", "iso8859-15"})


def utf8_read_as_legacy(file: Path, encoding: str, compression: str | None = None) -> tuple[int, str] | None:
    """(row, a sample word) when a file declared in a legacy encoding is in fact UTF-8 with
    accents, or None. Streams the file once; only called for the legacy encodings."""
    if codecs.lookup(encoding).name not in _LEGACY:
        return None
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    first: tuple[int, str] | None = None
    word_open = False  # the sample word ran to the end of a read and may go on in the next
    row = 1
    with open_table(file, compression) as fh:
        while chunk := fh.read(_CHUNK):
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError:
                return None  # not UTF-8: the declared encoding may well be right
            if first is None and not text.isascii():
                index = next(i for i, ch in enumerate(text) if ord(ch) > 127)
                start = max(text.rfind(sep, 0, index) for sep in _WORD_ENDS) + 1
                end = _word_end(text, index)
                first, word_open = (row + text.count("\n", 0, index), text[start:end]), end == len(text)
            elif first is not None and word_open:
                end = _word_end(text, 0)
                first, word_open = (first[0], first[1] + text[:end]), end == len(text) and len(first[1]) < 40
            row += text.count("\n")
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    return (first[0], first[1][:40]) if first else None


_WORD_ENDS = (" ", ";", ",", "\t", "\n", '"')


def _word_end(text: str, start: int) -> int:
    found = [i for i in (text.find(sep, start) for sep in _WORD_ENDS) if i != -1]
    return min(found) if found else len(text)


@dataclass(frozen=True)
class Reporter:
    """Problems of one resource, named after it; `field` is its property (`path`, `encoding`)."""

    lang: Lang
    package: str
    resource: str

    def __call__(
        self, code: str, value: object = None, *, field: str | None = "path", file: str = _DESCRIPTOR, **params: Any
    ) -> Problem:
        prop = f'resources["{self.resource}"].{field}' if field else None
        return make_error(
            code, self.lang, package=self.package, resource=self.resource, value=value, file=file, field=prop, **params
        )


# A corrupt archive; gzip's own complaint is an OSError, which a missing file also is.
_UNPACKABLE: tuple[type[Exception], ...] = (*COMPRESSION_ERRORS, gzip.BadGzipFile)
_UNREADABLE_TABLE: tuple[type[Exception], ...] = (ZipNotSingle, *_UNPACKABLE)


def is_remote(rel: str) -> bool:
    return bool(_REMOTE.match(rel))


def _unresolved(ref: object, settings: Settings) -> bool:
    """A schema or dialect still named by path after resolution: frictionless must not open it."""
    return isinstance(ref, str) and not (is_remote(ref) and settings.allow_remote_data)


def _size_problem(target: Path, rel: str, settings: Settings, report: Reporter) -> Problem | None:
    size = target.stat().st_size
    if size == 0:
        return report("file-empty", file=rel, field=None)
    if size > settings.max_file_bytes:
        return report("file-too-large", value=size, file=rel, field=None, limit=settings.max_file_bytes)
    return None


def _line_problem(target: Path, rel: str, res: dict[str, Any], settings: Settings, report: Reporter) -> Problem | None:
    try:
        row = long_line(target, settings.max_line_bytes, compression_of(res))
    except _UNREADABLE_TABLE:
        return None  # the encoding check names what is wrong with the archive
    if row is None:
        return None
    return report("line-too-long", file=rel, field=None, row=row, limit=settings.max_line_bytes)


def _encoding_problem(target: Path, rel: str, res: dict[str, Any], report: Reporter) -> Problem | None:
    encoding = str(res.get("encoding")) if isinstance(res.get("encoding"), str) else "utf-8"
    try:
        codecs.lookup(encoding)
    except LookupError:
        return report("encoding-unknown", value=encoding, field="encoding")
    compression = compression_of(res)
    try:
        return _decoding_problem(target, rel, encoding, compression, report)
    except ZipNotSingle as exc:
        return report("zip-not-single", value=len(exc.members), file=rel, field=None, members=str(exc))
    except _UNPACKABLE as exc:
        return report("compression-error", file=rel, field=None, note=str(exc))


def _decoding_problem(
    target: Path, rel: str, encoding: str, compression: str | None, report: Reporter
) -> Problem | None:
    bad = check_encoding(target, encoding, compression)
    if bad is not None:
        row, _offset, byte = bad
        return report(
            "encoding-mismatch", value=f"0x{byte:02X}", file=rel, field="encoding", row=row, declared=encoding
        )
    misread = utf8_read_as_legacy(target, encoding, compression)
    if misread is not None:
        row, word = misread
        garbled = word.encode("utf-8").decode(encoding, errors="replace")
        return report(
            "encoding-looks-utf8", value=word, file=rel, field="encoding", row=row, declared=encoding, garbled=garbled
        )
    return None


def _check_resource(
    res: dict[str, Any], index: int, package_dir: Path, package: str, settings: Settings
) -> SafeResource | Problem | None:
    """The resource made safe to open, the problem that stops it, or None when it is not ours to
    judge (no path, which the profile check reports; remote data that is allowed)."""
    name = resource_name(res, index)
    report = Reporter(settings.lang, package, name)
    rel = res.get("path")
    if not isinstance(rel, str) or not rel.strip():
        if "path" not in res:
            return None
        return report("path-invalid", value=rel if rel is None or isinstance(rel, str) else type(rel).__name__)
    if any(_unresolved(res.get(p), settings) for p in ("schema", "dialect")):
        return None  # an external schema or dialect that could not be read: already reported
    if is_remote(rel):
        return None if settings.allow_remote_data else report("path-remote", value=rel)
    where = location_problem(rel, package_dir)
    if where is not None:
        return report(where, value=rel)
    target = (package_dir / rel).resolve()
    problem = (
        _size_problem(target, rel, settings, report)
        or _line_problem(target, rel, res, settings, report)
        or _encoding_problem(target, rel, res, report)
    )
    return problem or SafeResource(index=index, name=name, relpath=rel, file=target)


def check_resources(
    descriptor: dict[str, Any], package_dir: Path, package: str, settings: Settings
) -> tuple[list[SafeResource], list[Problem]]:
    """The resources safe to hand to frictionless, and the problems of the others."""
    errors: list[Problem] = []
    safe: list[SafeResource] = []
    resources = descriptor.get("resources")
    if not isinstance(resources, list):
        return safe, errors
    for index, res in enumerate(resources):
        if not isinstance(res, dict):
            continue
        outcome = _check_resource(res, index, package_dir, package, settings)
        if isinstance(outcome, SafeResource):
            safe.append(outcome)
        elif outcome is not None:
            errors.append(outcome)
    return safe, errors


# The package's own text files, read whole (the README goes to the portal as notes).
PACKAGE_TEXTS = ("README.md", "CHANGELOG.md")


def _package_text(package_dir: Path, rel: str, package: str, settings: Settings) -> str | Problem | None:
    try:
        raw = optional_package_file(package_dir, rel, settings.max_metadata_bytes)
    except PackageFileError as exc:
        return refused_file(exc, package, settings.lang)
    return None if raw is None else raw.decode("utf-8-sig", errors="replace")


def _notes_problem(descriptor: dict[str, Any], readme: str | None, package: str, settings: Settings) -> Problem | None:
    """The description, and the notes the portal gets (description and README sections), over the cap."""
    description = descriptor.get("description")
    if not isinstance(description, str):
        return None
    limit = settings.max_notes_bytes
    size = len(description.encode("utf-8"))
    if size > limit:
        return make_error(
            "description-too-large",
            settings.lang,
            package=package,
            file=_DESCRIPTOR,
            field="description",
            value=size,
            limit=limit,
        )
    notes = len(notes_for(description, readme).encode("utf-8"))
    if notes > limit:
        return make_error("notes-too-large", settings.lang, package=package, file="README.md", value=notes, limit=limit)
    return None


def check_package_texts(
    descriptor: dict[str, Any], package_dir: Path, package: str, settings: Settings
) -> list[Problem]:
    """README.md and CHANGELOG.md read as every package file is (inside the package, under the
    metadata size limit), and the notes they make on the portal under theirs."""
    problems: list[Problem] = []
    readme: str | None = None
    for rel in PACKAGE_TEXTS:
        found = _package_text(package_dir, rel, package, settings)
        if isinstance(found, Problem):
            problems.append(found)
        elif rel == "README.md":
            readme = found
    notes = _notes_problem(descriptor, readme, package, settings)
    return [*problems, notes] if notes else problems
