"""The DataStore's view of a package, without a portal: which resources go, their columns and
dictionary, and their rows as typed records read from the state's dialects and archives."""

from __future__ import annotations

import json
import zipfile
from datetime import date, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from state_tables import DESPESAS_FIELDS, RECEITAS_ROWS, despesas_rows, write_despesas, write_receitas

import publisher.validation  # noqa: F401  (imported before the sync modules, as the CLI does)
from publisher.catalog import sha256_file
from publisher.datastore.rows import count_rows, record_batches
from publisher.datastore.schema import cell, datastore_fields, primary_key
from publisher.datastore.sources import table_sources
from publisher.sync.desired import DesiredDataset, DesiredResource


def _package(folder: Path, resources: list[dict[str, Any]], **top: Any) -> DesiredDataset:
    (folder / "datapackage.json").write_text(json.dumps({"name": "p", "resources": resources, **top}), "utf-8")
    desired = DesiredDataset(name="p", organization="o", fields={}, path=folder)
    for res in resources:
        file = folder / res["path"]
        desired.resources.append(DesiredResource(res["name"], {}, file, file.stat().st_size, sha256_file(file)))
    return desired


def _table(name: str, path: str, fields: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {"name": name, "path": path, "format": "csv", "dialect": {"delimiter": ";"},
            "schema": {"fields": fields, "missingValues": ["", "-"]}, **extra}  # fmt: skip


def test_columns_are_typed_from_the_schema_and_labelled_from_titles() -> None:
    schema = {"fields": [*DESPESAS_FIELDS, {"name": "obs", "type": "string"}, {"name": "ano", "type": "year"}],
              "primaryKey": "codigo"}  # fmt: skip
    fields = datastore_fields(schema, kept={"valor": {"label": "antigo", "origem": "SIAFI"}})
    assert [(f["id"], f["type"]) for f in fields] == [
        ("codigo", "int8"), ("municipio", "text"), ("valor", "numeric"), ("data", "date"), ("pago", "bool"),
        ("obs", "text"), ("ano", "text"),
    ]  # fmt: skip
    assert fields[2]["info"] == {"label": "Valor pago (R$)", "notes": "Valor pago no dia, em reais.", "origem": "SIAFI"}
    assert "info" not in fields[5]  # no title, no description: nothing to show
    assert primary_key(schema) == ["codigo"] and primary_key({"fields": []}) == []


@pytest.mark.parametrize(
    ("value", "sent"),
    [(Decimal("1234.50"), "1234.50"), (date(2021, 12, 31), "2021-12-31"), (time(8, 30), "08:30:00"),
     (True, True), (7, 7), (None, None), (["a"], '["a"]'), ({"k": "ã"}, '{"k": "ã"}')],
)  # fmt: skip
def test_cells_are_sent_as_json_the_datastore_casts_exactly(value: Any, sent: Any) -> None:
    assert cell(value) == sent


def test_state_dialects_and_archives_come_out_typed_in_bounded_batches(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    rows = despesas_rows(11)
    write_despesas(tmp_path / "data" / "despesas.csv", rows)
    write_receitas(tmp_path / "data" / "receitas.csv.gz")
    with zipfile.ZipFile(tmp_path / "data" / "copia.zip", "w") as z:
        z.write(tmp_path / "data" / "despesas.csv", "despesas.csv")
    receitas_fields = [{"name": "ano", "type": "integer"}, {"name": "fonte", "type": "string"},
                       {"name": "registrado_em", "type": "datetime"},
                       {"name": "montante", "type": "number", "decimalChar": ","}]  # fmt: skip
    desired = _package(tmp_path, [
        _table("despesas", "data/despesas.csv", DESPESAS_FIELDS, encoding="windows-1252"),
        _table("receitas", "data/receitas.csv.gz", receitas_fields, encoding="utf-8-sig"),
        _table("copia", "data/copia.zip", DESPESAS_FIELDS, encoding="windows-1252"),
    ])  # fmt: skip
    despesas, receitas, copia = table_sources(desired)
    batches = list(record_batches(despesas, 4))
    assert [len(b) for b in batches] == [4, 4, 3]
    first = batches[0][0]
    assert first == {"codigo": 3100000, "municipio": "Belo Horizonte", "valor": "1000000.00",
                     "data": "2021-01-01", "pago": True}  # fmt: skip
    assert batches[0][1]["municipio"] == "Uberlândia" and batches[0][3]["valor"] is None
    assert [r["fonte"] for b in record_batches(receitas, 100) for r in b] == [r[1] for r in RECEITAS_ROWS]
    assert next(record_batches(receitas, 1))[0]["montante"] == "1500.25"
    assert [r for b in record_batches(copia, 100) for r in b] == [r for b in batches for r in b]
    assert count_rows(despesas) == count_rows(copia) == 11


def test_opt_out_and_what_is_not_a_table(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    for name in ("a", "b", "c"):
        write_despesas(tmp_path / "data" / f"{name}.csv", despesas_rows(2))
    (tmp_path / "data" / "nota.pdf").write_bytes(b"%PDF-1.4")
    resources = [
        _table("a", "data/a.csv", DESPESAS_FIELDS),
        _table("b", "data/b.csv", DESPESAS_FIELDS, datastore=False),
        _table("c", "data/c.csv", DESPESAS_FIELDS, datastore=True),
        {"name": "nota", "path": "data/nota.pdf", "format": "pdf"},
    ]
    assert [(s.name, s.wanted) for s in table_sources(_package(tmp_path, resources))] == [
        ("a", True), ("b", False), ("c", True)
    ]  # fmt: skip
    opted_out = _package(tmp_path, resources, datastore=False)
    assert [(s.name, s.wanted) for s in table_sources(opted_out)] == [("a", False), ("b", False), ("c", True)]
