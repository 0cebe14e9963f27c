"""The goal data package as citizens read it: plain Portuguese (no word of how the publisher
works inside) and the chart of each goal as a resource of its own."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from publisher.catalog import PackageDir
from publisher.goals import CountedDataset, GoalStatus, MonthFigure
from publisher.reports.goal_package import PublicationConfig, package_files, write_goal_package
from publisher.settings import Settings
from publisher.validation import validate_package

# What a citizen does not understand: the publisher's own machinery and property names.
JARGON = re.compile(
    r"issued|metadata_created|registro de execuções|publicador|goal-report|\bjob\b|descritor|\bslug\b|identificador estável",
    re.IGNORECASE,
)
CFG = PublicationConfig(
    owner_org="secretaria-de-estado-de-planejamento-e-gestao-seplag",
    homepage="https://www.mg.gov.br/planejamento",
    publisher_title="SEPLAG",
    publisher_email="dados@planejamento.mg.gov.br",
)


def status(goal_id: str = "novos-2022", sources: tuple[str, ...] = ("issued", "ledger", "portal")) -> GoalStatus:
    """Three datasets, one per date source, in April, May and June."""
    counted = [
        CountedDataset(
            name=f"conjunto-{i}",
            title=f"Conjunto {i}",
            organization="orgao",
            date=date(2022, 4 + i, 1),
            source=source,  # type: ignore[arg-type]  # the three sources, spelled as DateSource
            month=f"2022-{4 + i:02d}",
        )
        for i, source in enumerate(sources)
    ]
    months = [
        MonthFigure(
            month=f"2022-{m:02d}",
            new=int(4 <= m < 4 + len(sources)),
            cumulative=max(0, min(m - 3, 3)),
            target_line=round(10 * m / 12, 2),
        )  # fmt: skip
        for m in range(1, 13)
    ]
    return GoalStatus(
        id=goal_id, title="Divulgar 10 novos conjuntos de dados", target=10, start=date(2022, 1, 1),
        end=date(2022, 12, 31), as_of=date(2022, 12, 31), achieved=len(counted), percent=30.0, remaining=7,
        pace_per_month=0.25, required_pace_per_month=None, projection=3, on_track=False, period_elapsed=1.0,
        by_month={}, by_organization={"orgao": 3}, monthly=months, datasets=counted, retired=[], not_counted=[],
        portal_checked=False,
    )  # fmt: skip


def test_descriptions_readme_and_data_speak_plain_portuguese() -> None:
    files = package_files(CFG, [status()])
    descriptor = json.loads(files["datapackage.json"])
    texts = [descriptor["description"], descriptor["methodology"], files["README.md"], files["CHANGELOG.md"]]
    for resource in descriptor["resources"]:
        texts += [resource["title"], resource["description"]]
        texts += [f["description"] for f in resource.get("schema", {}).get("fields", [])]
    texts.append(files["metas-conjuntos.csv"])
    found = [(m.group(0), t[:80]) for t in texts for m in [JARGON.search(t)] if m]
    assert found == []
    first = next(r for r in descriptor["resources"] if r["name"] == "metas-conjuntos")["schema"]["fields"]
    assert next(f for f in first if f["name"] == "data_publicacao")["description"] == (
        "Data em que o conjunto foi publicado pela primeira vez no portal."
    )
    origins = {line.rsplit(",", 1)[1] for line in files["metas-conjuntos.csv"].splitlines()[1:]}
    assert origins == {
        "informada pelo órgão responsável",
        "registrada pelo portal na primeira publicação",
        "data de criação no portal",
    }


def test_each_goal_carries_its_chart_as_a_resource(tmp_path: Path) -> None:
    goals = [status("novos-2022"), status("novos-2023")]
    folder = tmp_path / "metas-dados-abertos"
    write_goal_package(folder, CFG, goals)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    charts = [r for r in descriptor["resources"] if r["format"] == "svg"]
    assert [(r["name"], r["path"], r["mediatype"], r["profile"]) for r in charts] == [
        ("grafico-novos-2022", "grafico-novos-2022.svg", "image/svg+xml", "data-resource"),
        ("grafico-novos-2023", "grafico-novos-2023.svg", "image/svg+xml", "data-resource"),
    ]
    svg = ET.parse(folder / "grafico-novos-2022.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    styles = svg.findall("{http://www.w3.org/2000/svg}style")
    assert styles and ".cumulative" in (styles[0].text or "")  # styled on its own, outside the page
    report = validate_package(PackageDir(folder), Settings(root=tmp_path))
    assert report.valid, [e.message for e in report.errors]


def test_a_table_still_needs_its_schema_a_picture_does_not(tmp_path: Path) -> None:
    folder = tmp_path / "metas-dados-abertos"
    write_goal_package(folder, CFG, [status()])
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    chart = next(r for r in descriptor["resources"] if r["format"] == "svg")
    chart["profile"] = "tabular-data-resource"  # a table without a schema: refused as before
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    report = validate_package(PackageDir(folder), Settings(root=tmp_path, validation_cache=False))
    assert any(e.code == "profile-missing" and "schema" in (e.field or e.message) for e in report.errors)
