"""Mapping data package <-> CKAN dataset: deterministic, round-trippable, faithful to the profile."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest

from publisher.catalog import find_packages, read_descriptor
from publisher.ckan.mapping import (
    DESCRIPTOR_RESOURCE,
    MappingError,
    comparable_dataset,
    comparable_resource,
    from_dataset,
    tag_name,
    to_dataset,
    to_resource,
)
from publisher.portal_notes import description_of
from publisher.profile import frequency_of

CATALOGUE = Path(__file__).resolve().parents[1] / "datapackages"


def descriptor(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": "exemplo-mapeamento",
        "title": "Exemplo de mapeamento",
        "description": "Um exemplo.\n\n## Como participar\n\nEscreva.\n\n## Controle de alterações\n\n- 1.0.0",
        "homepage": "https://www.mg.gov.br/planejamento",
        "owner_org": "seplag",
        "version": "1.0.0",
        "contributors": [{"title": "SEPLAG", "email": "dados@planejamento.mg.gov.br", "role": "publisher"}],
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "title": "Creative Commons Attribution 4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
            }
        ],
        "keywords": ["tecnologia da informação", "governo digital", "saúde"],
        "frequência de atualização": "anual",
        "issued": "2022-05-01",
        "spatial": "Minas Gerais",
        "temporal": {"start": "2022-01-01", "end": "2022-12-31"},
        "themes": ["Governo e Política"],
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": "dados",
                "title": "Dados",
                "description": "Os dados.",
                "path": "data/dados.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ";"},
                "schema": {
                    "fields": [
                        {"name": "id", "title": "Id", "type": "integer", "format": "default", "description": "Número."}
                    ]
                },
            }
        ],
    }
    base.update(overrides)
    return base


def as_portal(d: dict[str, Any], readme: str | None = None) -> dict[str, Any]:
    """What CKAN answers for a dataset made from `d`: owner_org becomes an id, the name moves to organization."""
    ds = to_dataset(d, readme)
    ds["organization"] = {"name": ds["owner_org"]}
    ds["owner_org"] = "5f1c0e6e-0000-4000-8000-000000000000"
    ds["resources"] = [to_resource(r, size=10, sha256="ab" * 32) for r in d["resources"]]
    ds["resources"].append({"name": DESCRIPTOR_RESOURCE, "format": "JSON"})
    return ds


def profile_view(d: dict[str, Any]) -> dict[str, Any]:
    """The profile's fields, normalised where a descriptor may legitimately vary."""
    publisher = next(c for c in d["contributors"] if c.get("role") == "publisher")
    return {
        "name": d["name"],
        "title": d["title"],
        "description": d["description"].strip(),
        "homepage": d["homepage"],
        "owner_org": d["owner_org"],
        "version": d["version"],
        "publisher": (publisher["title"], publisher.get("email")),
        "license": d["licenses"][0]["name"].lower(),
        "keywords": sorted(k for k in (tag_name(k) for k in d["keywords"]) if k),
        "frequency": frequency_of(d),
        "optional": {
            k: d.get(k) for k in ("issued", "spatial", "temporal", "themes", "temporal_granularity", "documentation")
        },
        "resources": [
            {k: r.get(k) for k in ("name", "title", "description", "encoding", "schema", "dialect")}
            | {"format": r["format"].lower(), "mediatype": r.get("mediatype")}
            for r in d["resources"]
        ],
    }


def test_round_trip_keeps_every_profile_field() -> None:
    d = descriptor()
    back = from_dataset(as_portal(d))
    assert profile_view(back) == profile_view(d)


@pytest.mark.parametrize("pkg", find_packages(CATALOGUE), ids=lambda p: p.name)
def test_round_trip_on_the_catalogue(pkg: Any) -> None:
    d = read_descriptor(pkg)
    assert profile_view(from_dataset(as_portal(d))) == profile_view(d)


def test_ckan_side_round_trip_is_stable() -> None:
    portal = as_portal(descriptor())
    again = to_dataset(from_dataset(portal))
    assert comparable_dataset(again) == comparable_dataset(portal)


def test_same_descriptor_same_dict_whatever_the_key_order() -> None:
    d = descriptor()
    shuffled = copy.deepcopy(d)
    random.Random(4).shuffle(shuffled["keywords"])
    shuffled["temporal"] = {"end": "2022-12-31", "start": "2022-01-01"}
    assert json.dumps(to_dataset(d), sort_keys=True) == json.dumps(to_dataset(shuffled), sort_keys=True)
    extras = {e["key"]: e["value"] for e in to_dataset(d)["extras"]}
    assert extras["cobertura temporal"] == "01/01/2022 a 31/12/2022"
    assert extras["frequência de atualização"] == "anual"
    assert extras["temas VCGE"] == "Governo e Política"


def test_plain_frequency_key_maps_to_the_same_extra() -> None:
    d = descriptor()
    d["frequency"] = d.pop("frequência de atualização")
    extras = {e["key"]: e["value"] for e in to_dataset(d)["extras"]}
    assert extras["frequência de atualização"] == "anual"


@pytest.mark.parametrize(
    ("name", "ckan_id"),
    [
        ("CC-BY-4.0", "cc-by"),
        ("CC0-1.0", "cc-zero"),
        ("ODbL-1.0", "odc-odbl"),
        ("CC-BY-SA-4.0", "cc-by-sa"),
        ("PDDL-1.0", "odc-pddl"),
    ],
)
def test_license_ids(name: str, ckan_id: str) -> None:
    d = descriptor(licenses=[{"name": name, "title": name, "path": "https://example.org"}])
    assert to_dataset(d)["license_id"] == ckan_id
    assert from_dataset(as_portal(d))["licenses"][0]["name"].lower() == name.lower()


def test_unknown_license_is_an_error_not_a_guess() -> None:
    with pytest.raises(MappingError) as exc:
        to_dataset(descriptor(licenses=[{"name": "Licença-da-Casa", "title": "x", "path": "https://x.org"}]))
    assert exc.value.code == "license-unknown"


def test_tags_keep_accents_and_drop_what_ckan_refuses() -> None:
    assert tag_name("saúde/hospitais") == "saúde hospitais"
    assert tag_name("ação social") == "ação social"
    assert tag_name("a") is None
    assert tag_name("x" * 150) == "x" * 100
    tags = [t["name"] for t in to_dataset(descriptor(keywords=["b", "saúde", "saúde", "índice (CRIB)"]))["tags"]]
    assert tags == ["saúde", "índice CRIB"]


def test_author_and_maintainer() -> None:
    d = descriptor()
    ds = to_dataset(d)
    assert (ds["author"], ds["author_email"]) == ("SEPLAG", "dados@planejamento.mg.gov.br")
    assert (ds["maintainer"], ds["maintainer_email"]) == ("SEPLAG", "dados@planejamento.mg.gov.br")
    d["contributors"].append({"title": "Equipe de dados", "email": "equipe@mg.gov.br", "role": "maintainer"})
    ds = to_dataset(d)
    assert (ds["maintainer"], ds["maintainer_email"]) == ("Equipe de dados", "equipe@mg.gov.br")
    back = from_dataset(as_portal(d))
    assert {"title": "Equipe de dados", "email": "equipe@mg.gov.br", "role": "maintainer"} in back["contributors"]


def test_resource_fields_are_strings_ckan_keeps() -> None:
    res = descriptor()["resources"][0]
    fields = to_resource(res, size=1234, sha256="cd" * 32)
    assert fields["format"] == "CSV"
    assert fields["hash"] == "sha256:" + "cd" * 32
    assert fields["size"] == 1234
    assert isinstance(fields["schema"], str) and json.loads(fields["schema"]) == res["schema"]
    assert json.loads(fields["dialect"]) == {"delimiter": ";"}
    # The comparable view parses JSON, so key order or spacing on the portal does not matter.
    portal_side = dict(fields, schema=json.dumps(res["schema"], indent=2), format="csv")
    assert comparable_resource(portal_side) == comparable_resource(fields)


def test_readme_sections_worth_having_are_added_and_stripped_back() -> None:
    d = descriptor()
    readme = "# Exemplo\n\n## Fonte\n\nSEPLAG, 2022.\n\n## Como participar\n\nRepetida.\n\n## Como usar\n\nAbra o CSV.\n\n## Outra\n\nNão.\n"
    ds = to_dataset(d, readme)
    assert "## Fonte\n\nSEPLAG, 2022." in ds["notes"]
    assert "## Como usar" in ds["notes"]
    assert "Repetida" not in ds["notes"] and "## Outra" not in ds["notes"]
    assert description_of(ds["notes"]) == d["description"]
    assert to_dataset(d)["notes"] == d["description"]


def test_comparable_view_reads_the_portals_organization_name() -> None:
    d = descriptor()
    assert comparable_dataset(as_portal(d)) == comparable_dataset(to_dataset(d))
    changed = as_portal(d)
    changed["title"] = "Outro título"
    diff = {k for k, v in comparable_dataset(changed).items() if v != comparable_dataset(to_dataset(d))[k]}
    assert diff == {"title"}


def test_readme_code_fences_become_indented_blocks_ckan_can_render() -> None:
    from publisher.portal_notes import notes_for

    readme = (
        "# X\n\n## Como usar\n\nValide:\n\n```bash\nfrictionless validate datapackage.json\npublisher validate .\n```\n"
    )
    notes = notes_for("Descrição.", readme)
    assert "```" not in notes
    assert notes.endswith("\n\n    frictionless validate datapackage.json\n    publisher validate .")


@pytest.mark.parametrize(
    ("path", "declared", "expected"),
    [
        ("data/despesas.csv.gz", {}, ("CSV", "application/gzip", "gz")),
        ("data/despesas.csv.gz", {"format": "csv", "mediatype": "text/csv"}, ("CSV", "application/gzip", "gz")),
        ("data/despesas.zip", {"format": "csv", "compression": "zip"}, ("CSV", "application/zip", "zip")),
        ("data/despesas.csv", {"format": "csv"}, ("CSV", "text/csv", None)),
    ],
)
def test_a_compressed_table_is_published_as_its_archive(
    path: str, declared: dict[str, str], expected: tuple[str, str, str | None]
) -> None:
    """The format names the table a citizen gets; the media type what the download is."""
    fields = to_resource({"name": "despesas", "path": path, **declared}, size=10, sha256="0" * 64)
    assert (fields["format"], fields["mimetype"], fields.get("compression")) == expected
    assert comparable_resource(fields)["compression"] == expected[2]
