"""Late initiatives: a deadline passed on the report's date and not concluded, in the goal
report's human, `--json` and `--html` outputs. Tables are built here in the state's style."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from publisher.goals import load_goals
from publisher.initiatives import InitiativesConfig, InitiativesError, is_late, late_initiatives

REPO = Path(__file__).resolve().parents[1]
DONE = ["concluída"]

ROWS = [
    # id; title; deadline; status
    ("1", "Publicar a norma", "31/03/2023", "concluída"),  # past, but concluded
    ("2", "Migrar sistemas", "30/06/2023", "em andamento"),  # late from 01/07/2023
    ("3", "Ampliar a rede", "29/02/2024", "parcialmente concluída"),  # late from 01/03/2024
    ("4", "Implantar o portal", "", "em andamento"),  # no deadline: never late
    ("5", "Definir o modelo", "31/12/2030", "não iniciada"),  # not yet due
]


def initiatives_package(catalogue: Path, name: str = "iniciativas-teste") -> Path:
    """A table as the state writes one: `;`, windows-1252, Brazilian dates, an empty deadline."""
    folder = catalogue / name
    (folder / "data").mkdir(parents=True)
    lines = ["iniciativa_id;iniciativa;prazo;status"] + [";".join(r) for r in ROWS]
    (folder / "data" / "iniciativas.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("windows-1252"))
    fields = [
        {"name": "iniciativa_id", "type": "integer", "format": "default"},
        {"name": "iniciativa", "type": "string", "format": "default"},
        {"name": "prazo", "type": "date", "format": "%d/%m/%Y"},
        {"name": "status", "type": "string", "format": "default"},
    ]
    descriptor = {
        "name": name,
        "resources": [
            {
                "name": "iniciativas",
                "path": "data/iniciativas.csv",
                "format": "csv",
                "encoding": "windows-1252",
                "dialect": {"delimiter": ";"},
                "schema": {"fields": fields},
            }
        ],
    }
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    return folder


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    folder = tmp_path / "datapackages"
    folder.mkdir()
    initiatives_package(folder)
    return folder


def test_is_late_only_past_the_deadline_and_not_concluded() -> None:
    deadline = date(2023, 6, 30)
    assert not is_late(deadline, "em andamento", date(2023, 6, 30), DONE)  # the day itself is on time
    assert is_late(deadline, "em andamento", date(2023, 7, 1), DONE)
    assert not is_late(deadline, "concluída", date(2030, 1, 1), DONE)
    assert not is_late(deadline, " Concluída ", date(2030, 1, 1), DONE)
    assert not is_late(None, "em andamento", date(2030, 1, 1), DONE)


@pytest.mark.parametrize(
    ("as_of", "late"),
    [
        (date(2023, 6, 30), []),
        (date(2023, 7, 1), ["2"]),
        (date(2024, 3, 1), ["2", "3"]),
        (date(2031, 1, 1), ["2", "3", "5"]),
    ],
)
def test_late_initiatives_on_a_date(catalogue: Path, as_of: date, late: list[str]) -> None:
    cfg = InitiativesConfig(package="iniciativas-teste")
    status = late_initiatives(cfg, catalogue, as_of)
    assert [i.id for i in status.late] == late
    assert (status.total, status.without_deadline) == (5, 1)
    if late:
        assert status.late[0].days_late == (as_of - date(2023, 6, 30)).days
        assert status.late[0].title == "Migrar sistemas"


def test_a_missing_package_is_said_in_portuguese(catalogue: Path) -> None:
    with pytest.raises(InitiativesError) as caught:
        late_initiatives(InitiativesConfig(package="nao-existe"), catalogue, date(2024, 1, 1))
    assert "nao-existe" in caught.value.localized("pt") and "não está no catálogo" in caught.value.localized("pt")


def test_the_repository_table_has_deadlines_only_where_the_report_gives_one() -> None:
    config = load_goals(REPO / "jobs" / "goals.toml")
    assert config.initiatives is not None
    catalogue = REPO / "datapackages"
    at_report = late_initiatives(config.initiatives, catalogue, date(2022, 12, 31))
    assert at_report.late == [] and (at_report.total, at_report.without_deadline) == (27, 25)
    later = late_initiatives(config.initiatives, catalogue, date(2024, 3, 1))
    assert {(i.id, i.deadline) for i in later.late} == {("7", date(2024, 2, 29)), ("27", date(2023, 12, 31))}


def _goal(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PUBLISHER_", "CKAN_"))}
    env.update(PUBLISHER_ROOT=str(root), PUBLISHER_LANG="pt", COLUMNS="200")
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])
    return subprocess.run(
        [sys.executable, "-c", "from publisher.cli import main; main()", "goal", "--offline", *args],
        env=env,
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


def _root(tmp_path: Path, catalogue: Path, package: str = "iniciativas-teste") -> Path:
    (tmp_path / "jobs").mkdir()
    goals = (
        '[[goal]]\nid = "g"\ntitle = "Meta"\ntarget = 3\nstart = 2023-01-01\nend = 2023-12-31\n\n'
        f'[initiatives]\npackage = "{package}"\n'
    )
    (tmp_path / "jobs" / "goals.toml").write_text(goals, encoding="utf-8")
    return tmp_path


def test_goal_lists_late_initiatives_in_human_json_and_html(tmp_path: Path, catalogue: Path) -> None:
    root = _root(tmp_path, catalogue)
    human = _goal(root, "--as-of", "2024-03-01")
    assert human.returncode == 0, human.stderr
    assert "Iniciativas atrasadas em 01/03/2024" in human.stdout
    assert "Migrar sistemas" in human.stdout and "Ampliar a rede" in human.stdout
    assert "Publicar a norma" not in human.stdout and "Definir o modelo" not in human.stdout

    html = tmp_path / "metas.html"
    data = _goal(root, "--as-of", "2024-03-01", "--json", "--html", str(html))
    assert data.returncode == 0, data.stderr
    late = json.loads(data.stdout)["late_initiatives"]
    assert [(i["id"], i["deadline"], i["status"]) for i in late["late"]] == [
        ("2", "2023-06-30", "em andamento"),
        ("3", "2024-02-29", "parcialmente concluída"),
    ]
    assert late["without_deadline"] == 1
    page = html.read_text(encoding="utf-8")
    assert 'id="iniciativas-atrasadas"' in page and "Migrar sistemas" in page and "29/02/2024" in page
    assert "Publicar a norma" not in page

    none = _goal(root, "--as-of", "2023-01-01")
    assert none.returncode == 0 and "Nenhuma iniciativa atrasada em 01/01/2023" in none.stdout


def test_an_unreadable_initiatives_table_is_said_not_fatal(tmp_path: Path, catalogue: Path) -> None:
    root = _root(tmp_path, catalogue, package="nao-existe")
    done = _goal(root, "--json")
    assert done.returncode == 0, done.stderr
    assert "nao-existe" in json.loads(done.stdout)["late_initiatives"]["error"]
