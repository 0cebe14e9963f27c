"""The columnar fast path against frictionless alone: the same report, error for error.

The fast path only says "valid"; any doubt hands the package to frictionless. These tests
hold it to that: on every case of the bad-input corpus and on invalid variants of a
state-style package, the report with the fast path equals the report with frictionless
alone (code, row, field, value, message); on valid state-style packages the fast path
decides alone (frictionless' row-by-row validation is never called) with the same hashes.
"""

from __future__ import annotations

import csv
import gzip
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import frictionless
import polars as pl
import pytest
from test_validation_state_style import state_metadata

from publisher.catalog import PackageDir
from publisher.settings import Settings
from publisher.validation import data as data_module
from publisher.validation.fast_check import KeyTracker
from publisher.validation.fast_plan import NoPlan
from publisher.validation.report import PackageReport
from publisher.validation.run import validate_uncached

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
CORPUS_CASES = sorted(d.name for d in CORPUS.iterdir() if (d / "datapackage.json").is_file())


class FrictionlessCalls:
    """Counts the package validations handed to frictionless."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = frictionless.Package

        def counting(*args: Any, **kwargs: Any) -> Any:
            self.count += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(data_module, "Package", counting)


def _settings() -> Settings:
    return Settings(lang="pt", validation_cache=False)


def _both(pkg: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[PackageReport, PackageReport]:
    fast = validate_uncached(PackageDir(pkg), _settings())
    with monkeypatch.context() as m:
        m.setattr(data_module, "fast_hashes", lambda *a: None)
        alone = validate_uncached(PackageDir(pkg), _settings())
    return fast, alone


def _rows(report: PackageReport) -> list[tuple[Any, ...]]:
    return [(e.code, e.file, e.resource, e.row, e.column, e.field, e.value, e.message, e.hint) for e in report.errors]


def assert_same(fast: PackageReport, alone: PackageReport) -> None:
    assert _rows(fast) == _rows(alone)
    if alone.valid:
        assert fast.hashes == alone.hashes


@pytest.mark.parametrize("case", CORPUS_CASES)
def test_corpus_case_reports_the_same_with_the_fast_path(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, alone = _both(CORPUS / case, monkeypatch)
    assert_same(fast, alone)


# A state-style package: `;`, decimal comma and thousands dot, dates dd/mm/yyyy, an enum,
# a primary key, a foreign key to a lookup table, booleans in Portuguese, "NA" as missing.
TOWNS = [("3106200", "Belo Horizonte"), ("3170206", "Uberlândia"), ("3118601", "Contagem"), ("3136702", "Juiz de Fora")]
HEADER = ["id", "codigo_ibge", "valor", "faixa", "data", "pago", "processo"]


def _row(i: int) -> list[str]:
    value = f"{(i * 7919) % 9_999_999:,}".replace(",", ".") + f",{i % 100:02d}"
    pago = "sim" if i % 2 else "não"
    processo = f"SEI-{i:06d}" if i % 5 else "NA"
    return [
        str(i),
        TOWNS[i % len(TOWNS)][0],
        value,
        str(1 + i % 3),
        f"{1 + i % 28:02d}/{1 + i % 12:02d}/2024",
        pago,
        processo,
    ]


def _field(name: str, ftype: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "title": name.title(), "type": ftype, "description": f"{name}.", **extra}


def _descriptor(encoding: str, path: str) -> dict[str, Any]:
    despesas = {
        "profile": "tabular-data-resource",
        "name": "despesas",
        "title": "Despesas",
        "description": "Uma linha por despesa.",
        "path": path,
        "format": "csv",
        "encoding": encoding,
        "dialect": {"delimiter": ";"},
        "schema": {
            "fields": [
                _field("id", "integer", format="default"),
                _field("codigo_ibge", "integer", format="default", constraints={"required": True}),
                _field("valor", "number", format="default", decimalChar=",", groupChar=".", constraints={"minimum": 0}),
                _field("faixa", "integer", format="default", constraints={"enum": ["1", "2", "3"]}),
                _field("data", "date", format="%d/%m/%Y"),
                _field("pago", "boolean", format="default", trueValues=["sim"], falseValues=["não"]),
                _field("processo", "string", format="default", constraints={"pattern": "SEI-[0-9]{6}", "unique": True}),
            ],
            "missingValues": ["", "NA"],
            "primaryKey": ["id"],
            "foreignKeys": [{"fields": ["codigo_ibge"], "reference": {"resource": "municipios", "fields": ["codigo"]}}],
        },
    }
    municipios = {
        "profile": "tabular-data-resource",
        "name": "municipios",
        "title": "Municípios",
        "description": "Municípios de Minas Gerais.",
        "path": "data/municipios.csv",
        "format": "csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ";"},
        "schema": {
            "fields": [
                _field("codigo", "integer", format="default"),
                _field("nome", "string", format="default", constraints={"required": True, "maxLength": 40}),
            ],
            "primaryKey": ["codigo"],
        },
    }
    return {
        **state_metadata("despesas-estado", "Despesas do estado"),
        "resources": [municipios, despesas],
    }


def _csv_text(rows: list[list[str]], quote_all: bool = False) -> str:
    lines = [";".join(f'"{c}"' if quote_all else c for c in row) for row in [HEADER, *rows]]
    return "\n".join(lines) + "\n"


def write_package(
    root: Path,
    rows: list[list[str]],
    *,
    encoding: str = "utf-8-sig",
    compression: str | None = None,
    quote_all: bool = False,
) -> Path:
    pkg = root / "despesas-estado"
    (pkg / "data").mkdir(parents=True)
    lookup = "codigo;nome\n" + "".join(f"{code};{name}\n" for code, name in TOWNS)
    (pkg / "data" / "municipios.csv").write_text(lookup, encoding="utf-8")
    raw = _csv_text(rows, quote_all).encode(encoding)
    path = "data/despesas.csv" + {None: "", "gz": ".gz", "zip": ".zip"}[compression]
    if compression == "gz":
        (pkg / path).write_bytes(gzip.compress(raw))
    elif compression == "zip":
        with zipfile.ZipFile(pkg / path, "w") as archive:
            archive.writestr("despesas.csv", raw)
    else:
        (pkg / path).write_bytes(raw)
    descriptor = _descriptor(encoding, path)
    (pkg / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    (pkg / "CHANGELOG.md").write_text("## 1.0.0\n- primeira versão\n", encoding="utf-8")
    return pkg


ROWS = [_row(i) for i in range(1, 301)]


def _set(rows: list[list[str]], index: int, column: str, value: str) -> list[list[str]]:
    out = [list(r) for r in rows]
    out[index][HEADER.index(column)] = value
    return out


VARIANTS: dict[str, Callable[[list[list[str]]], list[list[str]]]] = {
    "wrong-type": lambda rows: _set(rows, 40, "valor", "mil reais"),
    "point-in-decimal-comma": lambda rows: _set(rows, 41, "valor", "12.5"),
    "missing-required": lambda rows: _set(rows, 50, "codigo_ibge", ""),
    "missing-as-na": lambda rows: _set(rows, 51, "codigo_ibge", "NA"),
    "duplicate-key": lambda rows: _set(rows, 60, "id", "3"),
    "enum-miss": lambda rows: _set(rows, 70, "faixa", "7"),
    "bad-date": lambda rows: _set(rows, 80, "data", "31/02/2024"),
    "iso-date": lambda rows: _set(rows, 81, "data", "2024-02-01"),
    "below-minimum": lambda rows: _set(rows, 82, "valor", "-1,00"),
    "boolean-english": lambda rows: _set(rows, 83, "pago", "true"),
    "pattern-miss": lambda rows: _set(rows, 84, "processo", "SEI-12"),
    "unique-miss": lambda rows: _set(rows, 85, "processo", rows[86][HEADER.index("processo")]),
    "foreign-key-miss": lambda rows: _set(rows, 90, "codigo_ibge", "3100000"),
    "extra-cell": lambda rows: [*rows[:95], [*rows[95], "sobra"], *rows[96:]],
    "missing-cell": lambda rows: [*rows[:96], rows[96][:-1], *rows[97:]],
    "blank-row": lambda rows: [*rows[:97], [""] * len(HEADER), *rows[98:]],
    "empty-line": lambda rows: [*rows[:98], [""], *rows[99:]],
    "spaces-around-integer": lambda rows: _set(rows, 99, "faixa", " 2 "),
    "plus-sign": lambda rows: _set(rows, 100, "id", "+101"),
    "keys-not-growing": lambda rows: [rows[5], *rows[:5], *rows[6:]],
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_state_style_variant_reports_the_same(
    variant: str, encoding: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pkg = write_package(tmp_path, VARIANTS[variant](ROWS), encoding=encoding)
    fast, alone = _both(pkg, monkeypatch)
    assert_same(fast, alone)


def test_invalid_variants_are_invalid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Not every variant is an error for frictionless (a plus sign, spaces, an id out of order
    # are fine), but the ones that are must be reported: the comparison is not of two empty lists.
    for variant in ("wrong-type", "duplicate-key", "enum-miss", "extra-cell", "bad-date", "foreign-key-miss"):
        pkg = write_package(tmp_path / variant, VARIANTS[variant](ROWS))
        report = validate_uncached(PackageDir(pkg), _settings())
        assert not report.valid, variant


def _valid_shapes() -> Iterator[tuple[str, dict[str, Any]]]:
    yield "utf-8-sig", {}
    yield "cp1252", {"encoding": "cp1252"}
    yield "latin-1", {"encoding": "latin-1"}
    yield "utf-8", {"encoding": "utf-8"}
    yield "gz", {"compression": "gz"}
    yield "zip", {"compression": "zip"}
    yield "quoted", {"quote_all": True}


@pytest.mark.parametrize(("shape", "options"), list(_valid_shapes()), ids=[s for s, _ in _valid_shapes()])
def test_valid_state_style_package_is_decided_by_the_fast_path_alone(
    shape: str, options: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pkg = write_package(tmp_path, ROWS, **options)
    with monkeypatch.context() as m:
        calls = FrictionlessCalls(m)
        fast = validate_uncached(PackageDir(pkg), _settings())
        assert calls.count == 0
    assert fast.valid, _rows(fast)
    _fast_again, alone = _both(pkg, monkeypatch)
    assert_same(fast, alone)


def test_a_table_larger_than_one_batch_is_read_in_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("publisher.validation.fast_read.BATCH_BYTES", 4096)
    rows = [_row(i) for i in range(1, 2001)]
    pkg = write_package(tmp_path, rows)
    with monkeypatch.context() as m:
        calls = FrictionlessCalls(m)
        assert validate_uncached(PackageDir(pkg), _settings()).valid
        assert calls.count == 0
    # A duplicate key far from its twin, in another batch, is still frictionless' to report.
    pkg = write_package(tmp_path / "dup", _set(rows, 1900, "id", "2"))
    fast, alone = _both(pkg, monkeypatch)
    assert not alone.valid
    assert_same(fast, alone)


def test_a_schema_feature_the_fast_path_does_not_know_goes_to_frictionless(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pkg = write_package(tmp_path, ROWS)
    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][1]["dialect"]["commentChar"] = "#"  # frictionless skips such lines
    (pkg / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    with monkeypatch.context() as m:
        calls = FrictionlessCalls(m)
        assert validate_uncached(PackageDir(pkg), _settings()).valid
        assert calls.count == 1


def test_quoted_cells_with_the_delimiter_and_newlines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pkg = write_package(tmp_path, ROWS)
    file = pkg / "data" / "municipios.csv"
    with file.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerows([["codigo", "nome"], *[[c, f"{n}; MG\nBrasil"] for c, n in TOWNS]])
    fast, alone = _both(pkg, monkeypatch)
    assert_same(fast, alone)
    assert fast.valid


# Texts near the edge of what each type reads: the fast path must never call one valid that
# frictionless rejects (it may doubt one frictionless takes: frictionless then decides).
EDGE_VALUES: dict[str, list[str]] = {
    "id": ["1.0", "1e3", "0x10", " 7", "1_000", "٣", "+-1", "99999999999999999999", "-", "007"],
    "valor": ["1,2,3", "1.000.000,5", ",5", "5,", "1e5", "Infinity", "nan", "--1", "0,00", "-0,00", "1.2.3,4"],
    "data": [
        "00/01/2024",
        "29/02/2023",
        "29/02/2024",
        "01/13/2024",
        "1/1/2024",
        "01/01/0000",
        "01/01/24",
        "31/04/2024",
    ],
    "pago": ["Sim", "TRUE", "1", ""],
    "processo": ["SEI-1234567", "sei-000001", "SEI-00000a", "SEI-000001\u00a0"],
    "faixa": ["01", "+1", "3.0", "4"],
}


@pytest.mark.parametrize(
    ("column", "value"), [(c, v) for c, values in EDGE_VALUES.items() for v in values], ids=lambda x: repr(x)
)
def test_edge_value_reports_the_same(column: str, value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pkg = write_package(tmp_path, _set(ROWS, 150, column, value))
    fast, alone = _both(pkg, monkeypatch)
    assert_same(fast, alone)


def test_a_repeated_text_key_in_another_batch_is_found() -> None:
    tracker = KeyTracker(integer=False)
    tracker.add(pl.Series([f"SEI-{i}" for i in range(5000)]).hash(seed=0))
    tracker.add(pl.Series([f"SEI-{i}" for i in range(5000, 9000)]).hash(seed=0))
    tracker.check()  # no repeat: nothing raised
    tracker.add(pl.Series(["SEI-4321"]).hash(seed=0))
    with pytest.raises(NoPlan):
        tracker.check()
