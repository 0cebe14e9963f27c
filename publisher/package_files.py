"""The one way a file of a package is read: from inside the package, and bounded.

Whatever a package names (its descriptor, README, CHANGELOG, external schemas and dialects,
data) must be a file inside the package folder once every symlink is followed: an absolute
path, a `..` that climbs out or a link to a file elsewhere would otherwise put a file of the
machine (a key, another agency's draft) on the public portal. Text files are read whole, so
they are capped in size; JSON is checked for depth before it is parsed, because Python's
parser recurses once per level and a deeply nested file would crash it.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

DEFAULT_MAX_METADATA_BYTES: Final = 10 * 1024**2
DEFAULT_MAX_JSON_DEPTH: Final = 64
# The notes (description and README sections) a dataset may carry on the portal.
DEFAULT_MAX_NOTES_BYTES: Final = 100_000

_WINDOWS_DRIVE = re.compile(r"^[a-zA-Z]:[\\/]")
# A JSON string (skipped whole: brackets inside it do not nest) or a bracket. Possessive, so a
# long string keeps no backtracking state (a plain `*` held ~120 bytes per character of it).
_JSON_TOKEN = re.compile(rb'"(?:[^"\\]++|\\.)*+"|[\[\]{}]', re.S)
_OPENERS: Final = frozenset(b"[{")


@dataclass(frozen=True)
class Limits:
    """How much of a package is read whole; `Settings.limits` carries the configured ones."""

    max_metadata_bytes: int = DEFAULT_MAX_METADATA_BYTES
    max_json_depth: int = DEFAULT_MAX_JSON_DEPTH
    max_notes_bytes: int = DEFAULT_MAX_NOTES_BYTES


DEFAULT_LIMITS: Final = Limits()


class PackageFileError(ValueError):
    """A package file that must not be read. `code` is a validation problem code
    (`path-traversal`, `file-too-large`, `json-too-deep`...), `rel` the file as the package names it."""

    def __init__(self, code: str, rel: str, value: object = None, **params: Any) -> None:
        super().__init__(f"{rel}: {code}")
        self.code = code
        self.rel = rel
        self.value = value
        self.params = params


def resolved_below(root: Path, rel: str) -> Path:
    """`(root / rel).resolve()` for a `root` already resolved, looking only at the components of
    `rel` (one `lstat` each) instead of every folder from `/` (a no-op over 10,000 packages made
    70,000 such walks); a link or `..` among them takes the full resolution."""
    parts = Path(rel).parts
    if not parts or os.path.isabs(rel) or ".." in parts:
        return (root / rel).resolve()
    current = root
    for part in parts:
        current = current / part
        if current.is_symlink():
            return (root / rel).resolve()
    return current


def _locate(rel: str, package_dir: Path) -> tuple[str | None, Path]:
    if os.path.isabs(rel) or _WINDOWS_DRIVE.match(rel) or rel.startswith("\\"):
        return "path-absolute", package_dir / rel
    root = package_dir.resolve()
    target = resolved_below(root, rel)
    if root != target and root not in target.parents:
        return "path-traversal", target
    if not target.is_file():
        return "path-missing", target
    return None, target


def location_problem(rel: str, package_dir: Path) -> str | None:
    """The code of what is wrong with where a local path points, or None when it is a file inside."""
    return _locate(rel, package_dir)[0]


def package_file(package_dir: Path, rel: str) -> Path:
    """The real file `rel` names, once it is known to be a file inside the package."""
    where, target = _locate(rel, package_dir)
    if where is not None:
        raise PackageFileError(where, rel, rel)
    return target


def read_package_file(package_dir: Path, rel: str, max_bytes: int) -> bytes:
    """The bytes of a package file read whole, refused when outside the package or over `max_bytes`.

    Reads at most one byte past the cap, so a file that grows after its size was taken
    still costs no more than the cap."""
    target = package_file(package_dir, rel)
    with target.open("rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise PackageFileError("file-too-large", rel, target.stat().st_size, limit=max_bytes)
    return data


def optional_package_file(package_dir: Path, rel: str, max_bytes: int) -> bytes | None:
    """Like `read_package_file`, None when the package has no such file (a README is optional).
    A link that points nowhere is no file either, but one that points out is still refused."""
    if not os.path.lexists(package_dir / rel):
        return None
    try:
        return read_package_file(package_dir, rel, max_bytes)
    except PackageFileError as exc:
        if exc.code == "path-missing":
            return None
        raise


def json_too_deep(data: bytes, max_depth: int) -> tuple[int, int] | None:
    """(line, column) where nesting first goes past `max_depth`, or None. A scan of the
    brackets outside strings, never a recursion, so any depth is safe to measure."""
    if data.count(b"[") + data.count(b"{") <= max_depth:
        return None  # not even that many brackets, in strings or not: most descriptors
    depth = 0
    for token in _JSON_TOKEN.finditer(data):
        first = data[token.start()]
        if first in _OPENERS:
            depth += 1
            if depth > max_depth:
                line_start = data.rfind(b"\n", 0, token.start()) + 1
                return data.count(b"\n", 0, token.start()) + 1, token.start() - line_start + 1
        elif first != ord('"'):
            depth -= 1
    return None


def load_json(data: bytes, rel: str, max_depth: int) -> Any:
    """Parsed JSON (`utf-8-sig`: the state's files often carry a BOM), refused when nested
    deeper than `max_depth`; raises UnicodeDecodeError and json.JSONDecodeError as json does."""
    deep = json_too_deep(data, max_depth)
    if deep is not None:
        line, column = deep
        raise PackageFileError("json-too-deep", rel, limit=max_depth, row=line, column=column)
    return json.loads(data.decode("utf-8-sig"))
