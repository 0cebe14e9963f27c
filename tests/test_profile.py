"""The portal's metadata profile: models, vocabulary, license mapping and the committed JSON Schema."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from publisher.profile import (
    FREQUENCIES,
    SCHEMA_FILE,
    DataPackage,
    ckan_license_id,
    frequency_of,
    is_valid_name,
    json_schema_text,
)

ROOT = Path(__file__).resolve().parents[1]

VALID: dict[str, Any] = {
    "profile": "tabular-data-package",
    "name": "receitas-2022",
    "title": "Receitas 2022",
    "description": "Receitas.\n\n## Como participar\nEscreva.\n\n## Controle de alterações\nVer CHANGELOG.",
    "homepage": "https://www.mg.gov.br/planejamento",
    "owner_org": "secretaria-de-estado-de-planejamento-e-gestao-seplag",
    "version": "1.2.0",
    "contributors": [{"title": "SEPLAG", "email": "dados@planejamento.mg.gov.br", "role": "publisher"}],
    "licenses": [{"name": "CC-BY-4.0", "title": "CC BY 4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
    "keywords": ["orçamento"],
    "frequência de atualização": "mensal",
    "resources": [
        {
            "profile": "tabular-data-resource",
            "name": "receitas",
            "title": "Receitas",
            "description": "Uma linha por receita.",
            "format": "csv",
            "encoding": "utf-8",
            "path": "data/receitas.csv",
            "schema": {
                "fields": [
                    {"name": "id", "title": "Id", "type": "integer", "format": "default", "description": "Código."}
                ]
            },
        }
    ],
}


def test_a_complete_descriptor_is_accepted() -> None:
    model = DataPackage.model_validate(VALID)
    assert model.frequency == "mensal"
    schema = model.resources[0].schema_
    assert schema is not None and schema.fields[0].type == "integer"


def test_plain_frequency_key_is_accepted_too() -> None:
    data = copy.deepcopy(VALID)
    data["frequency"] = data.pop("frequência de atualização")
    assert DataPackage.model_validate(data).frequency == "mensal"
    assert frequency_of(data) == "mensal"


@pytest.mark.parametrize("value", ["Mensal", "monthly", "todo mês", ""])
def test_frequency_outside_the_vocabulary_is_rejected(value: str) -> None:
    data = copy.deepcopy(VALID)
    data["frequência de atualização"] = value
    with pytest.raises(ValidationError):
        DataPackage.model_validate(data)


def test_vocabulary_is_the_state_portals() -> None:
    assert FREQUENCIES == ("diária", "semanal", "quinzenal", "mensal", "bimestral", "trimestral", "anual", "por evento")


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("receitas-2022", True),
        ("a_b", True),
        ("Receitas", False),
        ("execução", False),
        ("com espaço", False),
        ("x", False),
        ("a" * 101, False),
    ],
)
def test_name_rules(name: str, ok: bool) -> None:
    assert is_valid_name(name) is ok


@pytest.mark.parametrize(
    ("license_name", "ckan_id"),
    [
        ("CC-BY-4.0", "cc-by"),
        ("cc0-1.0", "cc-zero"),
        ("ODbL-1.0", "odc-odbl"),
        ("CC-BY-SA-4.0", "cc-by-sa"),
        ("GPL-3.0", None),
    ],
)
def test_license_mapping_to_ckan_ids(license_name: str, ckan_id: str | None) -> None:
    assert ckan_license_id(license_name) == ckan_id


@pytest.mark.parametrize(
    "missing", ["title", "homepage", "owner_org", "version", "licenses", "keywords", "contributors"]
)
def test_each_required_dataset_field_is_required(missing: str) -> None:
    data = copy.deepcopy(VALID)
    del data[missing]
    with pytest.raises(ValidationError) as info:
        DataPackage.model_validate(data)
    assert any(err["loc"] == (missing,) for err in info.value.errors())


@pytest.mark.parametrize("missing", ["name", "title", "type", "description"])
def test_each_table_field_property_is_required(missing: str) -> None:
    data = copy.deepcopy(VALID)
    del data["resources"][0]["schema"]["fields"][0][missing]
    with pytest.raises(ValidationError) as info:
        DataPackage.model_validate(data)
    assert ("resources", 0, "schema", "fields", 0, missing) in [err["loc"] for err in info.value.errors()]


def test_committed_json_schema_is_current() -> None:
    committed = (ROOT / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == json_schema_text(), "schemas/ is stale: run `python -m publisher.profile`"


def test_json_schema_names_the_accented_frequency_key() -> None:
    schema = json.loads(json_schema_text())
    assert "frequência de atualização" in schema["required"]
