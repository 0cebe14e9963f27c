"""One clear error for the commonest broken CSV: a file separated by another delimiter than
the one its resource declares (`;` from a Brazilian spreadsheet under the default `,`, or
the reverse).

Frictionless then reads each line as one cell and reports every column as missing, every
row as of the wrong type and every key as repeated: dozens of true but useless errors,
none naming the cause. When the header splits into exactly the schema's field names on
another delimiter, those errors are replaced by a single `delimiter-mismatch`.
"""

from __future__ import annotations

import codecs
import csv
import re
from pathlib import Path
from typing import Any

from publisher.messages import Lang, text
from publisher.validation.compressed import COMPRESSION_ERRORS, ZipNotSingle, compression_of, open_table
from publisher.validation.report import Problem, make_error

CANDIDATES = (",", ";", "\t", "|")
# Codes that follow from reading a line as one cell; their presence is what starts the check.
_SYMPTOMS = frozenset({"incorrect-label", "missing-label", "extra-label"})
_FIRST_LINE_LIMIT = 64 * 1024
# A header that cannot be read leaves frictionless' errors as they are.
_UNREADABLE: tuple[type[Exception], ...] = (OSError, LookupError, ValueError, ZipNotSingle, *COMPRESSION_ERRORS)

_NAME_KEYS: dict[str, str] = {
    ",": "validation.delimiter.comma",
    ";": "validation.delimiter.semicolon",
    "\t": "validation.delimiter.tab",
    "|": "validation.delimiter.pipe",
}


def delimiter_name(delimiter: str, lang: Lang) -> str:
    key = _NAME_KEYS.get(delimiter)
    # Any other character has no name in either language: it is shown quoted.
    return text(key, lang) if key else f'"{delimiter}"'


def _header(file: Path, encoding: str, compression: str | None) -> str | None:
    try:
        codecs.lookup(encoding)
        with open_table(file, compression) as raw:
            start = raw.read(_FIRST_LINE_LIMIT)
        line = re.split("\r\n|\r|\n", start.decode(encoding, errors="replace"), maxsplit=1)[0]
    except _UNREADABLE:
        return None
    return line.lstrip("\ufeff").rstrip("\r\n")


def actual_delimiter(header: str, declared: str, fields: list[str]) -> str | None:
    """The other delimiter that splits `header` into exactly `fields`, if one does."""
    if not fields or next(csv.reader([header], delimiter=declared), []) == fields:
        return None
    for candidate in CANDIDATES:
        if candidate != declared and next(csv.reader([header], delimiter=candidate), []) == fields:
            return candidate
    return None


def diagnose(
    errors: list[Problem], resource: dict[str, Any], file: Path, relpath: str, package: str, lang: Lang
) -> list[Problem]:
    """`errors` of one resource, or a single delimiter-mismatch in their place."""
    if not any(e.code in _SYMPTOMS for e in errors):
        return errors
    dialect = resource.get("dialect", {})
    if not isinstance(dialect, dict):
        return errors  # a dialect kept in another file: what it declares is not known here
    csv_options = dialect.get("csv")
    nested = csv_options.get("delimiter") if isinstance(csv_options, dict) else None
    declared = dialect.get("delimiter") or nested or ","
    schema = resource.get("schema") if isinstance(resource.get("schema"), dict) else {}
    fields = [f.get("name") for f in (schema or {}).get("fields", []) if isinstance(f, dict)]
    encoding = resource.get("encoding") if isinstance(resource.get("encoding"), str) else "utf-8"
    header = _header(file, encoding or "utf-8", compression_of(resource))
    if header is None or not isinstance(declared, str) or not all(isinstance(f, str) for f in fields):
        return errors
    actual = actual_delimiter(header, declared, [str(f) for f in fields])
    if actual is None:
        return errors
    return [
        make_error(
            "delimiter-mismatch",
            lang,
            package=package,
            file=relpath,
            resource=str(resource.get("name")),
            row=1,
            value=header,
            declared=delimiter_name(declared, lang),
            actual=delimiter_name(actual, lang),
            actual_json=json_delimiter(actual),
            hidden=len(errors),
        )  # fmt: skip
    ]


def json_delimiter(delimiter: str) -> str:
    return "\\t" if delimiter == "\t" else delimiter
