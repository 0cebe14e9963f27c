"""Naming a wrong delimiter as the one cause of a file's label, type and key errors."""

from __future__ import annotations

import pytest

from publisher.validation.delimiter import actual_delimiter

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
