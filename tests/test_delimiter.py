"""Naming a wrong delimiter as the one cause of a file's label, type and key errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from publisher.validation.delimiter import actual_delimiter, diagnose
from publisher.validation.report import make_error

FIELDS = ["id", "municipio", "valor"]


@pytest.mark.parametrize(
    ("header", "declared", "expected"),
    [
        ("id,municipio,valor", ";", ","),
        ("id;municipio;valor", ",", ";"),
        ("id\tmunicipio\tvalor", ";", "\t"),
        ("id|municipio|valor", ",", "|"),
        ('"id";"municipio";"valor"', ",", ";"),  # quoted labels, as spreadsheets write them
        ("id;municipio;valor", ";", None),  # the declared delimiter is right
        ("id;cidade;valor", ",", None),  # a renamed column is not a delimiter problem
        ("id;municipio", ",", None),  # nor is a missing one
        ("id,municipio;valor", ";", None),  # mixed: no single delimiter explains it
    ],
)
def test_the_other_delimiter_is_found_only_when_it_explains_the_header(
    header: str, declared: str, expected: str | None
) -> None:
    assert actual_delimiter(header, declared, FIELDS) == expected


def test_no_fields_no_diagnosis() -> None:
    assert actual_delimiter("a;b", ",", []) is None


def _label_error() -> Any:
    return make_error(
        "incorrect-label", "pt", package="p", file="data/d.csv", resource="d", column=1, value="id,municipio,valor"
    )


@pytest.mark.parametrize(
    ("dialect", "codes"),
    [
        ({"delimiter": ";"}, ["delimiter-mismatch"]),
        ({"csv": {"delimiter": ";"}}, ["delimiter-mismatch"]),  # the nested (v2) form
        ("dialect.json", ["incorrect-label"]),  # kept in another file: nothing is assumed
    ],
)
def test_diagnose_reads_the_declared_dialect(tmp_path: Path, dialect: Any, codes: list[str]) -> None:
    data = tmp_path / "d.csv"
    data.write_text("id,municipio,valor\n1,Betim,2\n", encoding="utf-8")
    resource = {"name": "d", "dialect": dialect, "schema": {"fields": [{"name": n} for n in FIELDS]}}
    diagnosed = diagnose([_label_error()], resource, data, "data/d.csv", "p", "pt")
    assert [e.code for e in diagnosed] == codes
