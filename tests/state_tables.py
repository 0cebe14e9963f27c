"""Test support: state-style tabular packages, as Minas Gerais agencies write them.

`despesas` is a `windows-1252` CSV separated by `;`, with decimal comma and thousands dot, dates
`dd/mm/aaaa`, `sim`/`não` booleans and `-` for a missing value; `receitas` is a `utf-8-sig`
CSV in `.csv.gz`. Built in the test's temporary catalogue from the small package the publish
fixtures copy, with its tables replaced by these.
"""

from __future__ import annotations

import gzip
from decimal import Decimal
from pathlib import Path
from typing import Any

from fixtures_publish import TmpCatalogue

MISSING = ["", "-"]
DESCRIPTION = "Pagamentos feitos e receitas arrecadadas por municípios mineiros, em tabelas de teste."

DESPESAS_FIELDS: list[dict[str, Any]] = [
    {"name": "codigo", "title": "Código IBGE do município", "type": "integer", "format": "default",
     "description": "Código do município no IBGE, sete dígitos."},
    {"name": "municipio", "title": "Município", "type": "string", "format": "default",
     "description": "Nome do município mineiro."},
    {"name": "valor", "title": "Valor pago (R$)", "type": "number", "format": "default",
     "description": "Valor pago no dia, em reais.", "decimalChar": ",", "groupChar": "."},
    {"name": "data", "title": "Data do pagamento", "type": "date", "format": "%d/%m/%Y",
     "description": "Dia em que o pagamento foi feito."},
    {"name": "pago", "title": "Pagamento efetuado", "type": "boolean", "format": "default",
     "description": "Se o pagamento já foi efetuado.", "trueValues": ["sim"], "falseValues": ["não"]},
]  # fmt: skip
RECEITAS_FIELDS: list[dict[str, Any]] = [
    {"name": "ano", "title": "Ano de referência", "type": "integer", "format": "default",
     "description": "Ano da receita."},
    {"name": "fonte", "title": "Fonte da receita", "type": "string", "format": "default",
     "description": "De onde veio a receita."},
    {"name": "registrado_em", "title": "Registrado em", "type": "datetime", "format": "default",
     "description": "Momento do registro."},
    {"name": "montante", "title": "Montante arrecadado", "type": "number", "format": "default",
     "description": "Em reais.", "decimalChar": ","},
]  # fmt: skip
MUNICIPIOS = ["Belo Horizonte", "Uberlândia", "Juiz de Fora", "Montes Claros", "Governador Valadares"]


def despesas_rows(n: int, shift: int = 0) -> list[list[str]]:
    rows = []
    for i in range(n):
        valor = "-" if i % 7 == 3 else f"{1000 + i + shift}.{i % 1000:03d},{i % 100:02d}"
        rows.append([str(3100000 + i), MUNICIPIOS[i % 5], valor, f"{1 + i % 28:02d}/{1 + i % 12:02d}/2021",
                     "sim" if i % 2 == 0 else "não"])  # fmt: skip
    return rows


def despesas_typed(row: list[str]) -> dict[str, Any]:
    """A `despesas_rows` row as the DataStore should hold it."""
    day, month, year = row[3].split("/")
    valor = None if row[2] == "-" else Decimal(row[2].replace(".", "").replace(",", "."))
    return {"codigo": int(row[0]), "municipio": row[1], "valor": valor, "data": f"{year}-{month}-{day}",
            "pago": row[4] == "sim"}  # fmt: skip


RECEITAS_ROWS = [
    ["2021", "ICMS", "2021-03-01T10:00:00", "1500,25"],
    ["2021", "IPVA — cota-parte", "2021-04-15T08:30:00", "-"],
    ["2022", "Transferências da União", "2022-01-10T12:00:00", "98765,4"],
]


def write_despesas(path: Path, rows: list[list[str]]) -> None:
    lines = [";".join(f["name"] for f in DESPESAS_FIELDS)] + [";".join(r) for r in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("windows-1252"))


def write_receitas(path: Path) -> None:
    lines = [";".join(f["name"] for f in RECEITAS_FIELDS)] + [";".join(r) for r in RECEITAS_ROWS]
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8-sig"), mtime=0))


def _resource(name: str, title: str, path: str, encoding: str, fields: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "profile": "tabular-data-resource",
        "name": name,
        "title": title,
        "description": f"{title}: tabela de teste no formato das secretarias de Minas Gerais.",
        "path": path,
        "format": "csv",
        "encoding": encoding,
        "dialect": {"delimiter": ";"},
        "schema": {"fields": fields, "missingValues": MISSING},
    }


def add_state_package(catalogue: TmpCatalogue, prefix: str = "ds", rows: int = 12) -> str:
    """A valid state-style package in `catalogue` (purged after the test); returns its name."""
    name = catalogue.add(prefix)
    folder = catalogue.path(name)
    for old in (folder / "data").iterdir():
        old.unlink()
    write_despesas(folder / "data" / "despesas.csv", despesas_rows(rows))
    write_receitas(folder / "data" / "receitas.csv.gz")
    d = catalogue.descriptor(name)
    d["title"] = f"Despesas e receitas municipais de teste {name}"
    d["description"] = f"{DESCRIPTION}\n\n{d['description']}"
    despesas = _resource("despesas", "Despesas pagas por município", "data/despesas.csv", "windows-1252",
                         DESPESAS_FIELDS)  # fmt: skip
    despesas["schema"]["primaryKey"] = ["codigo"]
    receitas = _resource("receitas", "Receitas arrecadadas", "data/receitas.csv.gz", "utf-8-sig", RECEITAS_FIELDS)
    d["resources"] = [despesas, receitas]
    catalogue.write(name, d)
    return name
