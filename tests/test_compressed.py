"""Compressed resources (`.csv.gz`, a `.zip` with one CSV) get the same checks as plain files.

The state's budget and planning packages ship every table gzipped. Each corpus case with a
data problem is copied with its tables gzipped (or zipped); the report must hold the same
findings (code, resource, row, field, value) as the plain package's, and the same as
frictionless' own on the compressed copy.
"""

from __future__ import annotations

import gzip
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from frictionless import Package

from publisher.catalog import PackageDir
from publisher.settings import Settings
from publisher.validation.report import PackageReport
from publisher.validation.run import validate_uncached

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
# Cases whose problem is in the data: each must be found the same inside a compressed file.
DATA_CASES = (
    "primary-key-duplicate",
    "type-integer-text",
    "constraint-minimum",
    "decimal-comma",
    "date-brazilian",
    "enum-region",
    "missing-cell",
    "extra-cell",
    "blank-row",
    "header-renamed",
    "foreign-key-violation",
    "unique-violation",
    "delimiter-mismatch",
    "encoding-cp1252-as-utf8",
    "encoding-utf8-as-cp1252",
)
_CHUNK = 64 * 1024


def _gzip(src: Path, dst: Path) -> None:
    # mtime=0: the same bytes on every run.
    with src.open("rb") as fin, dst.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fout:
        shutil.copyfileobj(fin, fout, _CHUNK)


def _zip(src: Path, dst: Path) -> None:
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(src, src.name)


def compressed_copy(case: Path, dst: Path, kind: str = "gz", *, declare: bool = False) -> Path:
    """`case` with every table compressed; `declare` adds `"compression"` as well as the suffix."""
    shutil.copytree(case, dst, ignore=shutil.ignore_patterns("expected.json"))
    descriptor = json.loads((dst / "datapackage.json").read_text(encoding="utf-8"))
    for res in descriptor["resources"]:
        plain = dst / res["path"]
        packed = plain.with_name(plain.name + f".{kind}")
        (_gzip if kind == "gz" else _zip)(plain, packed)
        plain.unlink()
        res["path"] += f".{kind}"
        if declare:
            res["compression"] = kind
    (dst / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    return dst


def _validate(folder: Path) -> PackageReport:
    return validate_uncached(PackageDir(folder), Settings(validation_cache=False))


def findings(report: PackageReport) -> list[tuple[Any, ...]]:
    """What a problem says about the data, less the file name (which differs by its suffix)."""
    return sorted(
        (p.code, p.resource, p.row, p.column, p.field, p.value, p.severity)
        for p in report.errors
        if not p.code.startswith("profile")
    )


def _frictionless(folder: Path) -> list[tuple[Any, ...]]:
    report = Package(str(folder / "datapackage.json")).validate()
    return sorted(tuple(e) for e in report.flatten(["type", "rowNumber", "fieldNumber", "cell"]))


@pytest.mark.parametrize("case", DATA_CASES)
def test_gzipped_case_finds_what_the_plain_one_finds(case: str, tmp_path: Path) -> None:
    plain = _validate(CORPUS / case)
    packed = _validate(compressed_copy(CORPUS / case, tmp_path / case))
    assert findings(plain), "the corpus case must have a data finding to compare"
    assert findings(packed) == findings(plain)


@pytest.mark.parametrize("case", ["primary-key-duplicate", "type-integer-text", "foreign-key-violation"])
def test_gzipped_case_matches_frictionless_own(case: str, tmp_path: Path) -> None:
    folder = compressed_copy(CORPUS / case, tmp_path / case, declare=True)
    ours = {(p.code, p.row) for p in _validate(folder).errors if not p.code.startswith("profile")}
    theirs = _frictionless(folder)
    assert theirs == _frictionless(CORPUS / case)
    assert ours == {(code, row) for code, row, _col, _cell in theirs}


@pytest.mark.parametrize("case", ["primary-key-duplicate", "encoding-cp1252-as-utf8", "delimiter-mismatch"])
def test_zipped_case_finds_what_the_plain_one_finds(case: str, tmp_path: Path) -> None:
    plain = _validate(CORPUS / case)
    packed = _validate(compressed_copy(CORPUS / case, tmp_path / case, "zip"))
    assert findings(packed) == findings(plain)


def test_a_valid_gzipped_package_is_valid(tmp_path: Path) -> None:
    report = _validate(compressed_copy(CORPUS / "_base", tmp_path / "_base"))
    assert report.valid, [p.message for p in report.errors]
    assert set(report.hashes) == {"municipios", "atendimentos"}


def test_a_corrupt_gzip_is_a_compression_error(tmp_path: Path) -> None:
    folder = compressed_copy(CORPUS / "_base", tmp_path / "_base")
    table = folder / "data" / "municipios.csv.gz"
    table.write_bytes(table.read_bytes()[:30])  # cut short, as an interrupted copy leaves it
    errors = [p for p in _validate(folder).errors if p.resource == "municipios"]
    assert [(p.code, p.file) for p in errors] == [("compression-error", "data/municipios.csv.gz")]


def test_a_zip_of_two_files_is_refused(tmp_path: Path) -> None:
    folder = compressed_copy(CORPUS / "_base", tmp_path / "_base", "zip")
    with zipfile.ZipFile(folder / "data" / "municipios.csv.zip", "a") as archive:
        archive.writestr("leia-me.txt", "outro arquivo")
    errors = [p for p in _validate(folder).errors if p.resource == "municipios"]
    assert [(p.code, p.value) for p in errors] == [("zip-not-single", "2")]
    assert "leia-me.txt" in errors[0].message
