"""The goal report: a self-contained Portuguese HTML page, checked in a real headless
Chromium (Debian's `chromium` package, driven by Playwright), and the goal data package."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from publisher.catalog import PackageDir
from publisher.facts import DatasetFacts, Facts, PortalDataset
from publisher.goals import Goal, GoalStatus, compute
from publisher.ledger import Event, Ledger
from publisher.reports import RunReport, render_goal_report, write_goal_report
from publisher.reports.goal_package import PublicationConfig, load_publication, package_files, write_goal_package
from publisher.reports.runs import recent_runs
from publisher.settings import Settings
from publisher.validation import validate_package

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]  # fmt: skip

GOAL = Goal(id="novos-2022", title="Divulgação de 10 novos conjuntos (2022)", target=10,
            start=date(2022, 1, 1), end=date(2022, 12, 31))  # fmt: skip
SEED = [  # the seed report's seven: month of first publication, organization
    ("fhemig-crib", 4, "fhemig"), ("fhemig-apache", 4, "fhemig"), ("fhemig-cirurgias", 4, "fhemig"),
    ("seplag-vale", 5, "seplag"), ("cge-orcamento", 6, "cge"), ("cge-planejamento", 6, "cge"),
    ("sedese-renda", 8, "sedese"),
]  # fmt: skip


def seed_status() -> GoalStatus:
    datasets = [
        DatasetFacts(
            name=n,
            title=f"Título <b>{n}</b> & cia",
            organization=o,
            issued=date(2022, m, 1),
            in_catalogue=True,
            portal=PortalDataset(name=n),
        )  # fmt: skip
        for n, m, o in SEED
    ]
    datasets.append(
        DatasetFacts(name="retirado", issued=date(2022, 2, 1), portal=PortalDataset(name="retirado", state="deleted"))
    )
    return compute(GOAL, Facts(datasets=datasets, portal_checked=True), as_of=date(2023, 1, 15))


def runs_with_a_failure(tmp_path: Path) -> list[RunReport]:
    with Ledger.open(tmp_path / "ledger.sqlite") as ledger:
        ok = ledger.start_run("verify", "schedule")
        ledger.finish_run(ok, "succeeded", {"verified": 7})
        bad = ledger.start_run("publish", "schedule")
        ledger.record(Event(run_id=bad, at=datetime.now(UTC), dataset="despesas", kind="invalid",
                            error_code="type-error", message='linha 3, campo "valor": não é um número'))  # fmt: skip
        ledger.finish_run(bad, "failed", {"invalid": 1}, "1 pacote(s) inválido(s), 0 falha(s)")
        return recent_runs(ledger)


def test_report_is_portuguese_self_contained_and_escaped(tmp_path: Path) -> None:
    page = render_goal_report(
        [seed_status()], runs=runs_with_a_failure(tmp_path), organizations={"fhemig": "Fundação FHEMIG"}
    )
    assert '<html lang="pt-BR">' in page
    assert "7 de 10" in page and "70,0%" in page and "Faltam" in page
    assert "Fundação FHEMIG" in page and "descritor (issued)" in page
    assert "Conjuntos retirados" in page and "retirado" in page
    assert 'linha 3, campo "valor"' in page.replace("&#34;", '"') and "falhou" in page
    # Titles are escaped, not injected.
    assert "<b>fhemig-crib</b>" not in page and "&lt;b&gt;fhemig-crib&lt;/b&gt;" in page
    # No external assets: no scripts, stylesheets, images or fonts fetched from anywhere.
    assert not re.search(r"<(script|link|img|iframe)\b", page)
    assert not re.search(r'(src|href)\s*=\s*"(https?:)?//', page)
    assert "@import" not in page and "url(" not in page


def test_report_in_headless_chromium_draws_the_chart_without_errors(tmp_path: Path) -> None:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: apt-get install -y chromium", pytrace=False)
    from playwright.sync_api import sync_playwright

    status = seed_status()
    report = write_goal_report(
        tmp_path / "metas.html", render_goal_report([status], runs=runs_with_a_failure(tmp_path))
    )
    problems: list[str] = []
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.on(
                "console",
                lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None,
            )
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(report.as_uri(), wait_until="load")

            chart = page.locator("svg.chart")
            assert chart.count() == 1
            box = chart.bounding_box()
            assert box is not None and box["width"] > 300 and box["height"] > 100
            line = page.locator("svg.chart g.data polyline.cumulative").bounding_box()
            assert line is not None and line["width"] > 100 and line["height"] > 10
            assert page.locator("svg.chart g.data circle.point").count() == 12
            assert page.locator("svg.chart g.data rect.bar").count() == 4  # April, May, June, August
            # The cumulative line climbs to 7 and stays below the target line (10).
            ys = page.eval_on_selector_all("svg.chart g.data circle.point", "els => els.map(e => e.getBBox().y)")
            assert ys == sorted(ys, reverse=True) and ys[0] > ys[-1]
            target_y = page.eval_on_selector("svg.chart g.data line.target", "e => e.getBBox().y")
            assert target_y < ys[-1]
            assert page.locator("h1").inner_text() == "Metas de dados abertos"
            assert "7 de 10" in page.locator(".progress").inner_text()
            page.screenshot(path=str(tmp_path / "metas.png"), full_page=True)
        finally:
            browser.close()
    assert problems == []
    assert requests == [report.as_uri()]  # the page itself, nothing else
    assert (tmp_path / "metas.png").stat().st_size > 10_000


def test_goal_package_is_a_valid_profile_package(tmp_path: Path) -> None:
    cfg = load_publication(REPO / "jobs" / "goals.toml")
    folder = tmp_path / cfg.name
    changed = write_goal_package(folder, cfg, [seed_status()])
    assert set(changed) == {
        "datapackage.json",
        "CHANGELOG.md",
        "README.md",
        "metas.csv",
        "metas-mensal.csv",
        "metas-conjuntos.csv",
        "grafico-novos-2022.svg",
    }
    report = validate_package(PackageDir(folder), Settings(root=tmp_path))
    assert report.valid, [e.message for e in report.errors]
    assert [e for e in report.errors if e.severity == "warning"] == []

    summary = list(csv.DictReader(io.StringIO((folder / "metas.csv").read_text(encoding="utf-8"))))
    assert summary == [{"meta": "novos-2022", "titulo": GOAL.title, "inicio": "2022-01-01", "fim": "2022-12-31",
                        "alvo": "10", "alcancado": "7", "percentual": "70.0", "faltam": "3"}]  # fmt: skip
    monthly = list(csv.DictReader(io.StringIO((folder / "metas-mensal.csv").read_text(encoding="utf-8"))))
    assert {r["mes"]: int(r["novos"]) for r in monthly if r["novos"] != "0"} == {
        "2022-04": 3,
        "2022-05": 1,
        "2022-06": 2,
        "2022-08": 1,
    }
    datasets = list(csv.DictReader(io.StringIO((folder / "metas-conjuntos.csv").read_text(encoding="utf-8"))))
    assert len(datasets) == 7 and datasets[0]["origem_data"] == "informada pelo órgão responsável"
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["owner_org"] == cfg.owner_org and descriptor["frequência de atualização"] == "por evento"


def test_goal_package_is_rewritten_only_when_the_figures_change(tmp_path: Path) -> None:
    cfg = PublicationConfig(owner_org="seplag", homepage="https://www.mg.gov.br/planejamento",
                            publisher_title="SEPLAG", publisher_email="dados@example.org")  # fmt: skip
    status = seed_status()
    folder = tmp_path / "pkg"
    write_goal_package(folder, cfg, [status])
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    assert write_goal_package(folder, cfg, [status]) == []
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before
    # A day later with the same figures: same bytes (no timestamps in the files).
    later = status.model_copy(update={"as_of": date(2023, 1, 16)})
    assert package_files(cfg, [later]) == package_files(cfg, [status])
    fewer = status.model_copy(update={"achieved": 6, "datasets": status.datasets[:6]})
    assert set(write_goal_package(folder, cfg, [fewer])) >= {"metas.csv", "metas-conjuntos.csv"}
