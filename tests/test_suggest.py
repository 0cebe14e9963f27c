"""Naming the allowed value, or the schema's column name, a steward most likely meant."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from publisher.cli import _register, app
from publisher.validation.suggest import closest_choice

CHOICES = ["consulta", "exame", "internação"]
CORPUS = Path(__file__).parent / "bad_inputs"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Exame", "exame"),
        ("exame ", "exame"),  # a trailing space from the spreadsheet
        ("INTERNACAO", "internação"),  # case and accent
        ("internaçao", "internação"),
        ("consultaa", "consulta"),  # one letter off
        ("cirurgia", None),  # nothing close
        ("exame", None),  # allowed already
        ("", None),
    ],
)
def test_closest_choice(value: str, expected: str | None) -> None:
    assert closest_choice(value, CHOICES) == expected


def _hints(case: str, lang: str) -> list[str]:
    import json

    _register()
    result = CliRunner().invoke(app, ["validate", str(CORPUS / case), "--json", "--lang", lang],
                                env={"PUBLISHER_VALIDATION_CACHE": "false"})  # fmt: skip
    return [e["hint"] for e in json.loads(result.stdout)["packages"][0]["errors"]]


def test_an_enum_value_off_by_case_names_the_allowed_one() -> None:
    assert any('Seria "exame"?' in h for h in _hints("enum-string", "pt"))
    assert any('Did you mean "exame"?' in h for h in _hints("enum-string", "en"))
    assert not any("Seria" in h for h in _hints("enum-region", "pt"))  # "Zona da Mata" is like no region


def test_a_header_label_off_by_an_accent_says_so() -> None:
    assert any("só de espaços, maiúsculas ou acentos" in h for h in _hints("header-accented", "pt"))
    assert not any("acentos" in h for h in _hints("header-renamed", "pt"))
