"""What a citizen reads on a dataset page, without a portal: extras as text, the DCAT keys
beside them, the exact licences the portal offers, and no text meant for stewards."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from publisher.catalog import find_packages, read_descriptor
from publisher.ckan.mapping import (
    DCAT_KEYS,
    br_date,
    from_dataset,
    to_dataset,
)
from publisher.portal_notes import STEWARD_CLOSE, STEWARD_OPEN, notes_for, public_text
from publisher.profile import LICENSES_TO_CKAN
from publisher.vocabularies import FREQUENCY_EU, THEME_BASE

REPO = Path(__file__).resolve().parents[1]
CATALOGUE = REPO / "datapackages"
PACKAGES = find_packages(CATALOGUE)

# What only a steward should read: instructions to the agency, repository commands, local paths.
STEWARD_TEXT = re.compile(
    r"Se você é d[aoe] |publisher (validate|new|adopt)|datapackages/|Para substituir|Para quem mantém"
    r"|substitua os arquivos|troque os arquivos|[\"'`]data/|/home/|/root/|~/|C:\\\\"
)


def _readme(pkg: Any) -> str | None:
    readme = Path(pkg.path) / "README.md"
    return readme.read_text(encoding="utf-8") if readme.exists() else None


def _extras(ds: dict[str, Any]) -> dict[str, str]:
    return {e["key"]: e["value"] for e in ds["extras"]}


def state_descriptor(**overrides: Any) -> dict[str, Any]:
    d: dict[str, Any] = {
        "name": "exemplo",
        "title": "Exemplo",
        "description": "Dados.\n\n## Como participar\n\nEscreva.",
        "homepage": "https://www.mg.gov.br",
        "owner_org": "seplag",
        "version": "1.0.0",
        "contributors": [{"title": "SEPLAG", "email": "dados@mg.gov.br", "role": "publisher"}],
        "licenses": [
            {"name": "CC-BY-4.0", "title": "CC BY 4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}
        ],
        "keywords": ["saúde"],
        "frequência de atualização": "mensal",
        "issued": "2022-04-01",
        "spatial": "Minas Gerais",
        "temporal": {"start": "2021-01-01", "end": "2021-12-31"},
        "themes": ["Saúde", "Educação", "Ciência, Informação e Comunicação"],
        "resources": [],
    }
    d.update(overrides)
    return d


@pytest.mark.parametrize("pkg", PACKAGES, ids=lambda p: p.name)
def test_no_steward_text_reaches_the_portal(pkg: Any) -> None:
    notes = to_dataset(read_descriptor(pkg), _readme(pkg))["notes"]
    assert not STEWARD_TEXT.search(notes), STEWARD_TEXT.search(notes)


@pytest.mark.parametrize("pkg", PACKAGES, ids=lambda p: p.name)
def test_catalogue_extras_read_as_text_not_json(pkg: Any) -> None:
    extras = _extras(to_dataset(read_descriptor(pkg), _readme(pkg)))
    for key, value in extras.items():
        assert not value.lstrip().startswith(("{", "[")), (key, value)
    assert re.fullmatch(r"\d\d/\d\d/\d{4} a \d\d/\d\d/\d{4}", extras["cobertura temporal"])


def test_structured_extras_as_a_citizen_reads_them() -> None:
    extras = _extras(to_dataset(state_descriptor()))
    assert extras["cobertura temporal"] == "01/01/2021 a 31/12/2021"
    assert extras["data de publicação"] == "01/04/2022"
    assert extras["temas VCGE"] == "Saúde; Educação; Ciência, Informação e Comunicação"
    assert extras["frequência de atualização"] == "mensal"
    only_start = _extras(to_dataset(state_descriptor(temporal={"start": "2021-03"})))
    assert only_start["cobertura temporal"] == "a partir de 03/2021"
    only_end = _extras(to_dataset(state_descriptor(temporal={"end": "2021-12-31"})))
    assert only_end["cobertura temporal"] == "até 31/12/2021"


def test_dcat_keys_hold_the_machine_values() -> None:
    extras = _extras(to_dataset(state_descriptor()))
    assert (extras["temporal_start"], extras["temporal_end"], extras["issued"]) == (
        "2021-01-01",
        "2021-12-31",
        "2022-04-01",
    )
    assert extras["frequency"] == "http://publications.europa.eu/resource/authority/frequency/MONTHLY"
    assert extras["theme"].split(",") == [THEME_BASE + c for c in ("EDUC", "HEAL", "TECH")]
    assert (extras["publisher_name"], extras["publisher_email"], extras["spatial_text"]) == (
        "SEPLAG",
        "dados@mg.gov.br",
        "Minas Gerais",
    )
    assert set(extras) - {"cobertura espacial", "cobertura temporal", "data de publicação"} >= set(DCAT_KEYS) - {
        "publisher_url"
    }


def test_every_frequency_of_the_profile_has_an_eu_code() -> None:
    from publisher.profile import FREQUENCIES

    assert set(FREQUENCIES) == set(FREQUENCY_EU)


def test_round_trip_reads_the_text_and_dcat_keys_back() -> None:
    d = state_descriptor(
        references=["Relatório, 2022", "Outro (CETIC)"],
        sources=[{"title": "SIAFI", "path": "https://www.fazenda.mg.gov.br"}, {"title": "Censo"}],
    )
    ds = to_dataset(d)
    ds["organization"] = {"name": ds["owner_org"]}
    back = from_dataset(ds)
    for key in ("issued", "temporal", "themes", "spatial", "references", "sources"):
        assert back[key] == d[key], key
    assert back["frequência de atualização"] == "mensal"


def test_values_published_as_json_before_still_read_back() -> None:
    ds = to_dataset(state_descriptor())
    ds["organization"] = {"name": ds["owner_org"]}
    ds["extras"] = [
        {"key": "temas VCGE", "value": '["Saúde"]'},
        {"key": "cobertura temporal", "value": '{"end":"2021-12-31","start":"2021-01-01"}'},
    ]
    back = from_dataset(ds)
    assert (back["themes"], back["temporal"]) == (["Saúde"], {"start": "2021-01-01", "end": "2021-12-31"})


def test_dates_as_brazilians_write_them() -> None:
    assert [br_date(x) for x in ("2021-03-05", "2021-03", "2021", "março")] == [
        "05/03/2021",
        "03/2021",
        "2021",
        "março",
    ]


def test_steward_section_and_marked_blocks_stay_in_the_repository() -> None:
    readme = (
        "# Pacote\n\n## Como usar\n\nBaixe o CSV.\n\n"
        f"{STEWARD_OPEN}\nRode `publisher validate datapackages/x`.\n{STEWARD_CLOSE}\n\n"
        "```bash\n# comentário, não um título\ncurl -O arquivo.csv\n```\n\n"
        "## Para quem mantém este pacote\n\nTroque os arquivos em `data/`.\n\n### Validar\n\n`publisher validate`\n\n"
        "## Origem\n\nSEPLAG.\n"
    )
    public = public_text(readme)
    assert "publisher validate" not in public and "Troque" not in public and "Validar" not in public
    assert "## Origem\n\nSEPLAG." in public and "# comentário, não um título" in public and "Baixe o CSV." in public
    description = f"Dados. {STEWARD_OPEN}Se você é da SEPLAG, troque os arquivos.{STEWARD_CLOSE}\n\n## Como participar\n\nEscreva."
    notes = notes_for(description, readme)
    assert "SEPLAG, troque" not in notes and notes.startswith("Dados.\n\n## Como participar")
    assert "## Como usar\n\nBaixe o CSV." in notes
    # Untouched text is left exactly as written (the plan compares notes character by character).
    assert public_text("Dados.\n\n\n\nMais.") == "Dados.\n\n\n\nMais."


def test_the_portal_offers_every_licence_the_profile_maps_to_with_its_version() -> None:
    offered = {lic["id"]: lic for lic in json.loads((REPO / "portal" / "licenses.json").read_text(encoding="utf-8"))}
    assert set(LICENSES_TO_CKAN.values()) <= set(offered)
    assert offered["cc-by"]["title"] == "Creative Commons Atribuição 4.0 Internacional (CC BY 4.0)"
    assert offered["cc-by"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    for name, ckan_id in LICENSES_TO_CKAN.items():
        version = re.search(r"-(\d+\.\d+)$", name)
        if version:  # a versioned licence lands on the portal's licence of that version
            assert version.group(1) in offered[ckan_id]["title"], (name, offered[ckan_id]["title"])


@pytest.mark.parametrize("lang", ["pt", "en"])
def test_a_scaffolded_package_keeps_its_steward_section_off_the_portal(tmp_path: Path, lang: Any) -> None:
    from publisher.profile import STEWARD_SECTION
    from publisher.scaffold import scaffold

    csv = tmp_path / "despesas.csv"
    csv.write_text("ano;valor\n2021;10,5\n", encoding="utf-8")
    scaffold("despesas", csv, tmp_path / "datapackages", lang=lang)
    pkg = tmp_path / "datapackages" / "despesas"
    readme = (pkg / "README.md").read_text(encoding="utf-8")
    assert f"## {STEWARD_SECTION}" in readme and "publisher validate datapackages/despesas" in readme
    description = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))["description"]
    assert not STEWARD_TEXT.search(notes_for(description, readme + "\n## Como usar\n\nBaixe.\n"))
