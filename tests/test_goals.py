"""The new-datasets goal: counting rules, date sources, figures, and `publisher goal`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from publisher.facts import DatasetFacts, Facts, PortalDataset, collect
from publisher.goals import Goal, GoalConfigError, compute, first_publication, load_goals
from publisher.ledger import Event, Ledger
from publisher.settings import Settings

REPO = Path(__file__).resolve().parents[1]
GOAL_2022 = Goal(id="g2022", title="10 novos em 2022", target=10, start=date(2022, 1, 1), end=date(2022, 12, 31),
                 exclude=["iniciativas-tic-2022", "metas-dados-abertos"])  # fmt: skip


def published(name: str, **kw: Any) -> DatasetFacts:
    """A dataset the portal shows as public and active."""
    portal = PortalDataset(name=name, metadata_created=kw.pop("portal_created", None))
    return DatasetFacts(name=name, in_catalogue=True, portal=portal, **kw)


def facts(*datasets: DatasetFacts, portal_checked: bool = True) -> Facts:
    return Facts(datasets=list(datasets), portal_checked=portal_checked)


def test_committed_goals_file_has_the_2022_goal_with_its_exclusions() -> None:
    config = load_goals(REPO / "jobs" / "goals.toml")
    goal = config.goals[0]
    assert (goal.target, goal.start, goal.end) == (10, date(2022, 1, 1), date(2022, 12, 31))
    assert {"iniciativas-tic-2022", "metas-dados-abertos"} <= set(goal.exclude)
    assert config.goal(goal.id) is goal
    with pytest.raises(GoalConfigError):
        config.goal("no-such-goal")


def test_first_publication_date_comes_from_issued_then_ledger_then_portal() -> None:
    ledger_day = datetime(2022, 7, 3, 15, tzinfo=UTC)
    portal_day = datetime(2022, 9, 9, 12, tzinfo=UTC)  # midday: the same day in Brasília
    assert first_publication(published("a", issued=date(2022, 4, 1), ledger_first_public=ledger_day,
                                       portal_created=portal_day)) == (date(2022, 4, 1), "issued")  # fmt: skip
    assert first_publication(published("b", ledger_first_public=ledger_day, portal_created=portal_day)) == (
        date(2022, 7, 3),
        "ledger",
    )
    assert first_publication(published("c", portal_created=portal_day)) == (date(2022, 9, 9), "portal")
    private = DatasetFacts(name="d", portal=PortalDataset(name="d", private=True, metadata_created=portal_day))
    assert first_publication(private) is None


def test_counts_each_dataset_once_in_its_first_publication_month() -> None:
    status = compute(
        GOAL_2022,
        facts(
            published("a", issued=date(2022, 4, 1), organization="fhemig"),
            published("b", issued=date(2022, 4, 20), organization="fhemig"),
            published("c", ledger_first_public=datetime(2022, 6, 2, tzinfo=UTC), organization="cge"),
            published("d", portal_created=datetime(2022, 8, 30, tzinfo=UTC), organization="sedese"),
            # Published in 2021 and updated in 2022: updates never count.
            published("old", issued=date(2021, 11, 5), ledger_last_change=datetime(2022, 5, 1, tzinfo=UTC)),
            published("iniciativas-tic-2022", ledger_first_public=datetime(2022, 12, 1, tzinfo=UTC)),
        ),
        as_of=date(2023, 2, 1),
    )
    assert status.achieved == 4
    assert status.by_month == {"2022-04": 2, "2022-06": 1, "2022-08": 1}
    assert status.by_organization == {"fhemig": 2, "cge": 1, "sedese": 1}
    assert [(d.name, d.source) for d in status.datasets] == [
        ("a", "issued"),
        ("b", "issued"),
        ("c", "ledger"),
        ("d", "portal"),
    ]
    assert [(o.name, o.reason) for o in status.not_counted] == [("old", "outside-period")]
    assert "iniciativas-tic-2022" not in {d.name for d in status.datasets + status.not_counted + status.retired}
    assert [m.cumulative for m in status.monthly][-1] == 4 and len(status.monthly) == 12
    assert (status.percent, status.remaining, status.projection, status.on_track) == (40.0, 6, 4, False)
    assert status.required_pace_per_month is None  # the period is over


def test_retired_private_and_unpublished_datasets_are_listed_apart() -> None:
    status = compute(
        GOAL_2022,
        facts(
            DatasetFacts(name="gone", issued=date(2022, 3, 1), portal=PortalDataset(name="gone", state="deleted")),
            DatasetFacts(name="hidden", issued=date(2022, 3, 1), portal=PortalDataset(name="hidden", private=True)),
            DatasetFacts(name="draft", issued=date(2022, 3, 1), in_catalogue=True),  # not on the portal
            published("live", issued=date(2022, 3, 1)),
        ),
        as_of=date(2022, 12, 31),
    )
    assert [d.name for d in status.datasets] == ["live"]
    assert [(d.name, d.reason) for d in status.retired] == [("gone", "retired")]
    assert sorted((d.name, d.reason) for d in status.not_counted) == [("draft", "not-published"), ("hidden", "private")]


def test_without_the_portal_the_ledger_says_what_is_published() -> None:
    status = compute(
        GOAL_2022,
        facts(
            DatasetFacts(
                name="a",
                issued=date(2022, 5, 1),
                ledger_first_public=datetime(2026, 1, 1, tzinfo=UTC),
                ledger_public=True,
            ),
            DatasetFacts(
                name="r",
                issued=date(2022, 5, 1),
                ledger_first_public=datetime(2026, 1, 1, tzinfo=UTC),
                ledger_last_kind="retired",
            ),
            DatasetFacts(name="new", issued=date(2022, 5, 1)),
            portal_checked=False,
        ),
        as_of=date(2022, 12, 31),
    )
    assert [d.name for d in status.datasets] == ["a"]
    assert [d.name for d in status.retired] == ["r"]
    assert [d.name for d in status.not_counted] == ["new"]


def test_organization_scope() -> None:
    goal = GOAL_2022.model_copy(update={"organizations": ["cge"]})
    status = compute(goal, facts(published("a", issued=date(2022, 4, 1), organization="cge"),
                                 published("b", issued=date(2022, 4, 1), organization="fhemig")), as_of=date(2022, 12, 31))  # fmt: skip
    assert [d.name for d in status.datasets] == ["a"]


def test_pace_and_projection_in_the_middle_of_the_period() -> None:
    six = [published(f"d{i}", issued=date(2022, 1 + i, 10)) for i in range(6)]
    status = compute(GOAL_2022, facts(*six), as_of=date(2022, 7, 1))
    assert 0.49 < status.period_elapsed < 0.51
    assert status.pace_per_month == pytest.approx(1.0, abs=0.02)
    # Six in the first half: at that pace, twelve by the end of the year.
    assert status.projection == 12 and status.on_track
    assert status.required_pace_per_month == pytest.approx(4 / 6, abs=0.02)
    assert status.monthly[5].target_line == 5.0


def _catalogue_with_ledger(tmp_path: Path) -> Settings:
    """The repository's catalogue, and a ledger that saw every package published today."""
    root = tmp_path / "root"
    shutil.copytree(REPO / "datapackages", root / "datapackages")
    shutil.copytree(REPO / "jobs", root / "jobs", ignore=shutil.ignore_patterns("__pycache__"))
    settings = Settings(root=root)
    today = datetime.now(UTC)
    with Ledger.open(settings.ledger_file) as ledger:
        run_id = ledger.start_run("publish", "cli")
        for pkg in sorted((root / "datapackages").glob("*/datapackage.json")):
            d = json.loads(pkg.read_text(encoding="utf-8"))
            ledger.record(
                Event(
                    run_id=run_id, at=today, dataset=d["name"], kind="created", public=True, organization=d["owner_org"]
                )
            )
            ledger.record_first_publication(d["name"], today, run_id=run_id, organization=d["owner_org"])
        ledger.finish_run(run_id, "succeeded")
    return settings


def test_the_catalogue_once_published_reads_7_of_10_in_2022(tmp_path: Path) -> None:
    settings = _catalogue_with_ledger(tmp_path)
    config = load_goals(settings.root / "jobs" / "goals.toml")
    with Ledger.open(settings.ledger_file) as ledger:
        status = compute(config.goals[0], collect(settings, ledger, None), as_of=date(2026, 11, 28))
    assert (status.achieved, status.target) == (7, 10)
    assert status.by_month == {"2022-04": 3, "2022-05": 1, "2022-06": 2, "2022-08": 1}
    assert status.by_organization == {
        "fundacao-hospitalar-do-estado-de-minas-gerais-fhemig": 3,
        "controladoria-geral-do-estado-cge": 2,
        "secretaria-de-estado-de-desenvolvimento-social-sedese": 1,
        "secretaria-de-estado-de-planejamento-e-gestao-seplag": 1,
    }
    assert all(d.source == "issued" for d in status.datasets)


def test_as_of_counts_only_datasets_first_published_by_that_date(tmp_path: Path) -> None:
    settings = _catalogue_with_ledger(tmp_path)
    config = load_goals(settings.root / "jobs" / "goals.toml")
    with Ledger.open(settings.ledger_file) as ledger:
        status = compute(config.goals[0], collect(settings, ledger, None), as_of=date(2022, 6, 30))
    # The August dataset did not exist yet at the end of June.
    assert (status.achieved, status.remaining) == (6, 4)
    assert status.by_month == {"2022-04": 3, "2022-05": 1, "2022-06": 2}
    assert all(d.date <= date(2022, 6, 30) for d in status.datasets)
    later = [d for d in status.not_counted if d.reason == "after-as-of"]
    assert [d.date.month for d in later if d.date] == [8]
    # Pace as of that date: six in half a year, twelve by December.
    assert status.pace_per_month == pytest.approx(1.0, abs=0.02)
    assert status.projection == 12 and status.on_track
    assert status.monthly[7].cumulative == 6


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from publisher.cli import main; main()", *args],
                          cwd=root, capture_output=True, text=True, timeout=120)  # fmt: skip


def test_goal_command_json_and_html_offline(tmp_path: Path) -> None:
    settings = _catalogue_with_ledger(tmp_path)
    html = tmp_path / "out" / "metas.html"
    done = _cli(settings.root, "goal", "--json", "--offline", "--html", str(html))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    [goal] = data["goals"]
    assert (goal["id"], goal["target"], goal["achieved"]) == ("novos-conjuntos-2022", 10, 7)
    assert goal["by_month"] == {"2022-04": 3, "2022-05": 1, "2022-06": 2, "2022-08": 1}
    assert {d["name"]: (d["date"], d["source"]) for d in goal["datasets"]}["fhemig-indice-crib"] == (
        "2022-04-01",
        "issued",
    )
    assert goal["portal_checked"] is False
    page = html.read_text(encoding="utf-8")
    assert "7 de 10" in page and "<svg" in page


def test_goal_command_rejects_an_unknown_goal_and_a_broken_file(tmp_path: Path) -> None:
    settings = _catalogue_with_ledger(tmp_path)
    unknown = _cli(settings.root, "goal", "--offline", "--goal", "nope")
    assert unknown.returncode == 2 and "nope" in unknown.stderr
    (settings.root / "jobs" / "goals.toml").write_text("[[goal]]\nid = 'x'\ntarget = 'ten'\n", encoding="utf-8")
    broken = _cli(settings.root, "goal", "--offline")
    assert broken.returncode == 2 and "goals.toml" in broken.stderr


def test_a_first_publication_counts_on_the_day_of_the_goals_clock() -> None:
    # 22:30 in Brasília on 1 December is 01:30 UTC on the 2nd: as of the 1st (Brasília), it counts.
    late_evening = datetime(2022, 12, 2, 1, 30, tzinfo=UTC)
    status = compute(GOAL_2022, facts(published("a", ledger_first_public=late_evening)), as_of=date(2022, 12, 1))
    assert (status.achieved, [d.date for d in status.datasets]) == (1, [date(2022, 12, 1)])
    # The same moment on a UTC clock is the 2nd: after the as-of date, not counted yet.
    utc = compute(
        GOAL_2022, facts(published("a", ledger_first_public=late_evening)), as_of=date(2022, 12, 1), zone="UTC"
    )
    assert (utc.achieved, [d.reason for d in utc.not_counted]) == (0, ["after-as-of"])
