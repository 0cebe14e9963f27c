"""A table's rows as batches of text columns, read the way frictionless' CSV parser reads them.

The file is streamed in batches of a few megabytes (decompressed on the fly, decoded in the
declared encoding), so memory stays bounded whatever its size. Each batch ends on a record
boundary. Lines with no quote character are split by the delimiter in polars; a batch with
quotes goes through Python's csv reader, the one frictionless uses. Whatever the fast path
cannot read as frictionless would (a NUL byte, a lone carriage return, an empty line, a cell
too many or too few, a header that is not the schema's names) raises NoPlan.
"""

from __future__ import annotations

import codecs
import csv
import functools
import hashlib
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import polars as pl
from frictionless import Dialect
from frictionless.formats.csv.control import CsvControl

from publisher.validation.compressed import open_table
from publisher.validation.fast_plan import NoPlan, TablePlan
from publisher.validation.sniff import CandidateSniffer

BATCH_BYTES: Final = 8 * 1024 * 1024
# A record still open after this much text (an unclosed quote) is frictionless' to read.
MAX_CARRY: Final = 32 * 1024 * 1024
_SAMPLE_LINES: Final = 100  # what frictionless' CSV parser sniffs


def effective_dialect(sample: str, dialect: dict[str, Any]) -> csv.Dialect:
    """The csv dialect frictionless reads the table with: the declared options, the rest sniffed
    from the first lines (the same steps as its CSV parser)."""
    declared = json.dumps(dialect, sort_keys=True)
    try:
        config: Any = CandidateSniffer().sniff(sample, _control(declared).get_defined("delimiter", default=",\t;|"))
    except csv.Error:
        config = csv.excel()
    sniffed = (config.delimiter, config.lineterminator, config.escapechar, config.quotechar, config.skipinitialspace)
    return _python_dialect(declared, sniffed)


# Building frictionless' control from a dialect costs more than sniffing a small table; tables
# of a catalogue share a few dialects, and the result depends on nothing else.
@functools.lru_cache(maxsize=256)
def _control(declared: str) -> CsvControl:
    control: CsvControl = CsvControl.from_dialect(Dialect.from_descriptor(json.loads(declared)))
    return control


@functools.lru_cache(maxsize=1024)
def _python_dialect(declared: str, sniffed: tuple[Any, ...]) -> csv.Dialect:
    control = _control(declared).to_copy()
    delimiter, line_terminator, escape_char, quote_char, skip_initial_space = sniffed
    if quote_char == "'":
        quote_char = '"'
    control.set_not_defined("delimiter", delimiter, distinct=True)
    control.set_not_defined("line_terminator", line_terminator, distinct=True)
    control.set_not_defined("escape_char", escape_char, distinct=True)
    control.set_not_defined("quote_char", quote_char, distinct=True)
    control.set_not_defined("skip_initial_space", skip_initial_space, distinct=True)
    result: csv.Dialect = control.to_python()  # type: ignore[no-untyped-call]
    return result


def _plain(d: csv.Dialect) -> str:
    """The delimiter, when the dialect reads as a plain split with RFC quotes; else NoPlan."""
    ok = d.quotechar == '"' and not d.escapechar and not d.skipinitialspace and d.doublequote
    if not ok or not isinstance(d.delimiter, str) or len(d.delimiter.encode("utf-8")) != 1 or d.delimiter in '"\r\n':
        raise NoPlan("dialect")
    return d.delimiter


class _Hashing:
    """The raw bytes' sha256 as they are read (what frictionless records as the file's hash)."""

    def __init__(self, raw: Any, digest: Any) -> None:
        self.raw, self.digest = raw, digest

    def read(self, size: int = -1, /) -> bytes:
        chunk: bytes = self.raw.read(size)
        self.digest.update(chunk)
        return chunk


def _utf8(chunk: bytes, decoder: Any) -> bytes:
    """The chunk as UTF-8; a UTF-8 table is passed as it is (the safety checks decoded it whole
    already, and polars or the csv path refuse what does not decode)."""
    return chunk if decoder is None else decoder.decode(chunk).encode("utf-8")


def _batches(file: Path, plan: TablePlan, digest: Any) -> Iterator[bytes]:
    """The table in UTF-8, in batches that each end on a record boundary (a newline outside
    quotes: in UTF-8 neither byte is ever part of another character)."""
    if plan.compression is not None:
        _hash_file(file, digest)  # the archive's bytes, not the table's
    with open_table(file, plan.compression) as stream:
        fh = stream if plan.compression is not None else _Hashing(stream, digest)
        chunk = fh.read(BATCH_BYTES)
        decoder = None
        if plan.encoding in ("utf-8", "utf-8-sig"):
            # A BOM is dropped, also in a file declared utf-8, as frictionless does.
            chunk = chunk.removeprefix(codecs.BOM_UTF8)
        else:
            decoder = codecs.getincrementaldecoder(plan.encoding)(errors="strict")
        carry = b""
        while chunk:
            data = carry + _utf8(chunk, decoder)
            cut = data.rfind(b"\n") + 1
            if cut and data.count(b'"', 0, cut) % 2 == 0:
                yield data[:cut]
                carry = data[cut:]
            else:
                carry = data
            if len(carry) > MAX_CARRY:
                raise NoPlan("record too long")
            chunk = fh.read(BATCH_BYTES)
        if carry:
            yield carry


def _hash_file(file: Path, digest: Any) -> None:
    with file.open("rb") as fh:
        while chunk := fh.read(BATCH_BYTES):
            digest.update(chunk)


def _nth_line_end(data: bytes, n: int) -> int:
    end = 0
    for _ in range(n):
        found = data.find(b"\n", end)
        if found == -1:
            return len(data)
        end = found + 1
    return end


def _normalized(data: bytes) -> bytes:
    if b"\x00" in data:
        raise NoPlan("NUL")
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n")
        if b"\r" in data:
            raise NoPlan("carriage return")
    return data


def _header(data: bytes, dialect: csv.Dialect, names: list[str]) -> bytes:
    """The rows after the header line, once its labels are the schema's names in order."""
    line, _, rest = data.partition(b"\n")
    if line.count(b'"') % 2:
        raise NoPlan("header")
    labels = next(csv.reader([line.decode("utf-8")], dialect=dialect), [])
    if labels != names:
        raise NoPlan("header")
    return rest


def _split_frame(data: bytes, delimiter: str, names: list[str]) -> pl.DataFrame:
    """Lines with no quote character, split by polars' CSV reader; the counts prove each line
    held exactly one cell per field (polars refuses a line with more)."""
    if data.startswith(b"\n") or b"\n\n" in data:
        raise NoPlan("empty line")
    frame = pl.read_csv(
        data,
        has_header=False,
        separator=delimiter,
        quote_char=None,
        schema=dict.fromkeys(names, pl.String),
        empty_string_is_null=False,
        infer_schema=False,
        truncate_ragged_lines=False,
        raise_if_empty=False,
    )
    lines = data.count(b"\n") + 1
    if frame.height != lines or data.count(delimiter.encode("utf-8")) != lines * (len(names) - 1):
        raise NoPlan("row shape")
    # Python's csv reader, and so frictionless, refuses a cell over its limit (set by
    # data.cell_limit, in characters; bytes are at least as many). A batch shorter than the
    # limit cannot hold such a cell, and most tables are.
    if len(data) >= csv.field_size_limit():
        longest = frame.select(pl.max_horizontal(pl.all().str.len_bytes().max())).item()
        if longest is not None and longest >= csv.field_size_limit():
            raise NoPlan("cell over the limit")
    return frame


def _csv_frame(data: bytes, dialect: csv.Dialect, names: list[str]) -> pl.DataFrame:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline=""), dialect=dialect))
    if any(len(row) != len(names) for row in rows):
        raise NoPlan("row shape")
    return pl.DataFrame(rows, schema=dict.fromkeys(names, pl.String), orient="row")


def read_frames(file: Path, plan: TablePlan) -> tuple[Iterator[pl.DataFrame], Any]:
    """The table's rows as string columns named after the schema, batch by batch, and the
    sha256 object that holds the file's hash once the batches are all read."""
    digest = hashlib.sha256()
    return _frames(file, plan, digest), digest


def _frames(file: Path, plan: TablePlan, digest: Any) -> Iterator[pl.DataFrame]:
    names = plan.names
    dialect: csv.Dialect | None = None
    delimiter = ""
    for raw in _batches(file, plan, digest):
        data = _normalized(raw)
        if dialect is None:
            sample = data[: _nth_line_end(data, _SAMPLE_LINES)].decode("utf-8")
            dialect = effective_dialect(sample, plan.dialect)
            delimiter = _plain(dialect)
            data = _header(data, dialect, names)
        data = data.removesuffix(b"\n")
        if not data:
            continue
        yield _csv_frame(data, dialect, names) if b'"' in data else _split_frame(data, delimiter, names)
    if dialect is None:
        raise NoPlan("no header")
