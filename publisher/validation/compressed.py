"""A resource's bytes as frictionless reads them: decompressed when the file is compressed.

The state ships whole packages as `.csv.gz`; the checks run before frictionless (encoding,
delimiter) must see the table, not the gzip header. Streams only: a compressed table of a
few hundred megabytes is never held in memory, whatever it inflates to.
"""

from __future__ import annotations

import gzip
import lzma
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final, Protocol

# Frictionless' names for the compressions it reads, and the suffixes it infers them from.
SUFFIXES: Final[dict[str, str]] = {".gz": "gz", ".zip": "zip"}
MEDIATYPES: Final[dict[str, str]] = {"gz": "application/gzip", "zip": "application/zip"}
# What Python's decompressors raise on an archive cut short or corrupt.
COMPRESSION_ERRORS: tuple[type[Exception], ...] = (EOFError, zlib.error, zipfile.BadZipFile, lzma.LZMAError)


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class ZipNotSingle(Exception):
    """A zip archive that does not hold exactly one file: which one is the table is not known."""

    def __init__(self, members: list[str]) -> None:
        super().__init__(", ".join(members))
        self.members = members


def compression_of(res: dict[str, Any]) -> str | None:
    """`gz`, `zip` or None: declared by `compression`, else inferred from the path as frictionless does."""
    declared = res.get("compression")
    if isinstance(declared, str) and declared.strip().lower() in MEDIATYPES:
        return declared.strip().lower()
    path = res.get("path")
    if not isinstance(path, str):
        return None
    return SUFFIXES.get(Path(path).suffix.lower())


def inner_suffix(path: str, compression: str | None) -> str:
    """The extension of the table inside: `csv` for `dados.csv.gz`."""
    name = Path(path)
    if compression is not None and name.suffix.lower() in SUFFIXES:
        name = name.with_suffix("")
    return name.suffix.lstrip(".")


@contextmanager
def open_table(file: Path, compression: str | None) -> Iterator[Readable]:
    """The table's bytes as a stream. Raises OSError, EOFError, zlib.error, BadZipFile, ZipNotSingle."""
    if compression == "gz":
        with gzip.open(file, "rb") as fh:
            yield fh
    elif compression == "zip":
        with zipfile.ZipFile(file) as archive:
            members = [m.filename for m in archive.infolist() if not m.is_dir()]
            if len(members) != 1:
                raise ZipNotSingle(members)
            with archive.open(members[0]) as fh:
                yield fh
    else:
        with file.open("rb") as fh:
            yield fh
