"""Infer a CSV's encoding, dialect and Table Schema the way Minas Gerais files are written.

State files often use `;` between values, `,` as the decimal mark and `.` for
thousands, and come as `utf-8-sig` or `windows-1252`. Frictionless' own inference
reads such numbers as strings, so the rules here are explicit and small.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SAMPLE_BYTES = 4 * 1024 * 1024
SAMPLE_ROWS = 20_000
DELIMITERS = (";", ",", "\t", "|")

_INT = re.compile(r"^[+-]?\d+$")
_DEC_COMMA = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")
_DEC_POINT = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_DATE_BR = re.compile(r"^\d{2}/\d{2}/\d{4}$")
_DATE_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR = re.compile(r"^(19|20)\d{2}$")
_YES = frozenset({"sim", "verdadeiro"})
_NO = frozenset({"não", "nao", "falso"})


@dataclass
class Inferred:
    encoding: str
    delimiter: str
    header: list[str]
    fields: list[dict[str, Any]] = field(default_factory=list)
    rows_sampled: int = 0


def detect_encoding(raw: bytes) -> str:
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        # The sample may end inside a multi-byte character: an incremental decode forgives that.
        codecs.getincrementaldecoder("utf-8")().decode(raw, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        return "windows-1252"


def detect_delimiter(lines: list[str]) -> str:
    """The candidate that splits the first lines into the same number (>1) of columns, most often."""
    best, best_score = ",", -1
    for delim in DELIMITERS:
        counts = [len(row) for row in csv.reader(lines[:50], delimiter=delim)]
        if not counts or counts[0] < 2:
            continue
        score = sum(1 for c in counts if c == counts[0]) * 100 + counts[0]
        if score > best_score:
            best, best_score = delim, score
    return best


def _humanize(name: str) -> str:
    text = re.sub(r"[_\s]+", " ", name).strip()
    return text[:1].upper() + text[1:] if text else name


def infer_field(name: str, values: list[str], delimiter: str) -> dict[str, Any]:
    present = [v.strip() for v in values if v.strip() != ""]
    spec: dict[str, Any] = {"name": name, "title": _humanize(name), "type": "string", "format": "default"}
    if not present:
        return spec
    if all(_INT.match(v) for v in present):
        if all(_YEAR.match(v) for v in present) and "ano" in name.lower():
            spec["type"] = "year"
        else:
            spec["type"] = "integer"
    elif all(_DEC_COMMA.match(v) for v in present) and (
        delimiter != "," and any("," in v or "." in v for v in present)
    ):
        spec.update(type="number", decimalChar=",", groupChar=".")
    elif all(_DEC_POINT.match(v) for v in present):
        spec["type"] = "number"
        if any("," in v for v in present):
            spec["groupChar"] = ","
    elif all(_DATE_ISO.match(v) for v in present):
        spec["type"] = "date"
    elif all(_DATE_BR.match(v) for v in present):
        spec.update(type="date", format="%d/%m/%Y")
    elif {v.lower() for v in present} <= _YES | _NO:
        # The spellings seen in the sample, plus the usual ones, since rows beyond it may differ.
        yes = {v for v in present if v.lower() in _YES} | {"sim", "Sim", "SIM"}
        no = {v for v in present if v.lower() in _NO} | {"não", "Não", "NÃO"}
        spec.update(type="boolean", trueValues=sorted(yes), falseValues=sorted(no))
    return spec


def infer_csv(path: Path) -> Inferred:
    with path.open("rb") as fh:
        raw = fh.read(SAMPLE_BYTES)
    encoding = detect_encoding(raw)
    text = raw.decode(encoding, errors="replace")
    if len(raw) == SAMPLE_BYTES:
        text = text[: text.rfind("\n") + 1]  # drop a row cut by the sample
    lines = text.splitlines()
    delimiter = detect_delimiter(lines)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, [])
    columns: list[list[str]] = [[] for _ in header]
    rows = 0
    for row in reader:
        if rows >= SAMPLE_ROWS:
            break
        rows += 1
        for index, value in enumerate(row[: len(header)]):
            columns[index].append(value)
    fields = [infer_field(name, columns[i], delimiter) for i, name in enumerate(header)]
    return Inferred(encoding=encoding, delimiter=delimiter, header=header, fields=fields, rows_sampled=rows)
