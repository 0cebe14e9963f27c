"""Read a descriptor, turning JSON syntax problems into report errors with line and column."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Final

from publisher.messages import Lang, text
from publisher.package_files import DEFAULT_LIMITS, Limits, PackageFileError, load_json, read_package_file
from publisher.validation.report import Problem, make_error

# Python's json messages for the mistakes people actually make by hand, by how they start,
# and the catalogue key that says them (in English, as Python does; in Portuguese, plainly).
_JSON_NOTES = {
    "Expecting ',' delimiter": "validation.json-note.comma",
    "Expecting ':' delimiter": "validation.json-note.colon",
    "Expecting property name enclosed in double quotes": "validation.json-note.property-name",
    "Expecting value": "validation.json-note.value",
    "Extra data": "validation.json-note.extra-data",
    "Unterminated string starting at": "validation.json-note.unterminated-string",
    "Invalid control character at": "validation.json-note.control-character",
    "Invalid \\escape": "validation.json-note.escape",
}


# A file left mid-merge: git's markers at the start of a line, which no JSON can hold there.
_CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7})(?:[ \t].*)?$", re.M)


def _conflict_marker(source: str, package: str, file: str, lang: Lang) -> Problem | None:
    found = _CONFLICT_MARKER.search(source)
    if found is None:
        return None
    line = source.count("\n", 0, found.start()) + 1
    return make_error(
        "merge-conflict", lang, package=package, file=file, row=line, line=line, value=found.group(0).rstrip()
    )


def _note(msg: str, lang: Lang) -> str:
    key = next((key for prefix, key in _JSON_NOTES.items() if msg.startswith(prefix)), None)
    return text(key, lang) if key else msg


# What a refused metadata file is called, by what `publisher.package_files` found wrong with it.
_REFUSED: Final = {
    "path-absolute": "file-outside-package",
    "path-traversal": "file-outside-package",
    "file-too-large": "metadata-too-large",
    "json-too-deep": "json-too-deep",
}


def refused_file(exc: PackageFileError, package: str, lang: Lang) -> Problem:
    """A package file `publisher.package_files` will not read, as a validation problem naming it."""
    code = _REFUSED.get(exc.code, "descriptor-unreadable")
    params = {k: v for k, v in exc.params.items() if k not in ("row", "column")}
    row = exc.params.get("row")
    column = exc.params.get("column")
    return make_error(
        code,
        lang,
        package=package,
        file=exc.rel,
        value=exc.value,
        row=row if isinstance(row, int) else None,
        column=column if isinstance(column, int) else None,
        note=str(exc),
        **params,
    )


def load_descriptor(
    package_dir: Path, rel: str, package: str, lang: Lang, limits: Limits = DEFAULT_LIMITS
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The parsed descriptor (or external schema or dialect file) `rel` of the package in
    `package_dir`, or None with the errors that stopped it from being read or parsed."""
    try:
        raw = read_package_file(package_dir, rel, limits.max_metadata_bytes)
        data = load_json(raw, rel, limits.max_json_depth)
    except PackageFileError as exc:
        if exc.code == "path-missing":
            return None, [make_error("descriptor-missing", lang, package=package, file=str(package_dir / rel))]
        return None, [refused_file(exc, package, lang)]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [make_error("descriptor-unreadable", lang, package=package, file=rel, note=str(exc))]
    except json.JSONDecodeError as exc:
        return None, [_syntax_error(exc, raw.decode("utf-8-sig", errors="replace"), package, rel, lang)]
    if not isinstance(data, dict):
        return None, [make_error("json-not-object", lang, package=package, file=rel, value=type(data).__name__)]
    return data, []


def _syntax_error(exc: json.JSONDecodeError, source: str, package: str, file: str, lang: Lang) -> Problem:
    conflict = _conflict_marker(source, package, file, lang)
    if conflict is not None:
        return conflict
    return make_error(
        "json-syntax",
        lang,
        package=package,
        file=file,
        row=exc.lineno,
        column=exc.colno,
        line=exc.lineno,
        note=_note(exc.msg, lang),
    )
