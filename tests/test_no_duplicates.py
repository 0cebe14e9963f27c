"""No duplicate resources: writes that cannot be repeated are read back, not retried; duplicates
on the portal are repaired and reported; two runners with separate state never duplicate.

Everything runs against the REAL local CKAN. Only the failures a real CKAN cannot show on demand
(a proxy's 502 answered after CKAN committed, a connection dropped once CKAN acted) come from
`FaultProxy` (tests/fault_proxy.py), a FAULT-INJECTING FAKE proxy placed in front of the real
portal: it forwards every request to CKAN and, for the requests a rule picks, lets CKAN act and
then lies about it.

Packages are in the state's shape (`;` delimiter, decimal comma, `utf-8-sig`, long
organization slug).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ckanapi
import pytest
from fault_proxy import Fault, FaultProxy
from fixtures_publish import TmpCatalogue, show
from test_publish_many_resources import state_package
from typer.testing import CliRunner

from publisher.catalog import PackageDir
from publisher.ckan.client import CkanClient
from publisher.ckan.retry import WriteUnconfirmed
from publisher.ckan.slugs import resource_key
from publisher.cli import _register, app
from publisher.sync.desired import build_desired, build_options
from publisher.sync.plan import plan_catalogue
from publisher.sync.verify import verify

# A state organization's slug is long (e.g. the planning secretariat's).
LONG_ORG = "secretaria-de-estado-de-planejamento-e-gestao"


@pytest.fixture
def state_catalogue(
    tmp_path: Path,
    unique_name: Any,
    ckan_url: str,
    ckan_token_file: Path,
    ckan_cleanup: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> TmpCatalogue:
    # These tests count the files' requests (package_revise) through the proxy and check the files;
    # the DataStore's own writes (and two runners loading one table at once) are tested apart.
    monkeypatch.setenv("PUBLISHER_DATASTORE", "false")
    return TmpCatalogue(tmp_path, unique_name(LONG_ORG), ckan_url, ckan_token_file, ckan_cleanup, unique_name)


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    _register()
    return CliRunner()


def cli_env(
    catalogue: TmpCatalogue, root: Path | None = None, extra: dict[str, str] | None = None
) -> dict[str, str | None]:
    return {
        "PUBLISHER_ROOT": str(root or catalogue.root),
        "PUBLISHER_DATAPACKAGES_DIR": str(catalogue.dir),
        "CKAN_URL": catalogue.ckan_url,
        "CKAN_API_TOKEN_FILE": str(catalogue.token_file),
        "CKAN_API_TOKEN": None,
        "PUBLISHER_LANG": "pt",
        "PUBLISHER_PACKAGE_ZIP": "false",  # as the catalogue's settings: counts without the zip
        **(extra or {}),
    }


def publish_cli(runner: CliRunner, catalogue: TmpCatalogue, **extra: str) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(app, ["publish", "--json"], env=cli_env(catalogue, extra=extra))
    return result.exit_code, json.loads(result.stdout)


def copies(ckan: ckanapi.RemoteCKAN, name: str) -> Counter[str]:
    """How many resources of each name the dataset holds."""
    return Counter(resource_key(r) for r in show(ckan, name)["resources"])


def wanted(catalogue: TmpCatalogue, name: str) -> Counter[str]:
    """Each resource the package publishes (its tables and its own descriptor), once."""
    build = build_options(catalogue.settings())
    return Counter(r.name for r in build_desired(PackageDir(catalogue.path(name)), build=build).resources)


def add_table(catalogue: TmpCatalogue, name: str, n: int) -> None:
    """One more `;`-separated `utf-8-sig` table with decimal commas, like the ones it has."""
    descriptor = catalogue.descriptor(name)
    last = dict(descriptor["resources"][-1])
    path = catalogue.path(name) / "data" / f"acrescimo_{n:02d}.csv"
    path.write_text(f"orgao;valor\nSEF;{n}.001,25\nIEF;7,5\n", encoding="utf-8-sig")
    last.update(name=f"acrescimo-{n:02d}", title=f"Acréscimo {n}", path=f"data/{path.name}")
    descriptor["resources"].append(last)
    catalogue.write(name, descriptor)


# -- an ambiguous failure is read back, not retried -------------------------------------------


def test_a_create_answered_502_after_ckan_acted_is_not_repeated(
    state_catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = state_package(state_catalogue, 1)
    settings = state_catalogue.settings()
    from publisher.sync.apply import publish

    publish(settings)
    extra = tmp_path / "extra.csv"
    extra.write_text("orgao;valor\nSEPLAG;1.234,56\n", encoding="utf-8-sig")

    def create_through(proxy: FaultProxy) -> None:
        with CkanClient(state_catalogue.settings(CKAN_URL=proxy.url)) as client:
            client.upload("resource_create", {"package_id": name, "name": "extra"}, extra)

    with FaultProxy(state_catalogue.ckan_url, Fault("resource_create", "502")) as proxy:
        with pytest.raises(WriteUnconfirmed, match="502"):
            create_through(proxy)
    assert proxy.calls["resource_create"] == 1 and copies(ckan, name)["extra"] == 1

    # The old rule (a 502 counted as "the portal did not act", so a create was retried) on the
    # same fault: the dataset ends with the resource twice.
    monkeypatch.setattr("publisher.ckan.client.is_idempotent", lambda action: True)
    with FaultProxy(state_catalogue.ckan_url, Fault("resource_create", "502")) as proxy:
        create_through(proxy)
    assert proxy.calls["resource_create"] == 2 and copies(ckan, name)["extra"] == 3


@pytest.mark.parametrize(
    "faults",
    [
        [Fault("package_create", "drop"), Fault("package_revise", "502")],
        [Fault("package_revise", "drop")],
        # The read-back private dataset gets its files and publication in one revise (no patch).
        [Fault("package_create", "502"), Fault("package_revise", "502")],
    ],
    ids=["create-dropped+revise-502", "revise-dropped", "create-502+revise-502"],
)
def test_first_publish_through_ambiguous_failures_ends_whole_without_duplicates(
    runner: CliRunner, state_catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN, faults: list[Fault]
) -> None:
    name = state_package(state_catalogue, 3)
    with FaultProxy(state_catalogue.ckan_url, *faults) as proxy:
        code, out = publish_cli(runner, state_catalogue, CKAN_URL=proxy.url)
    assert len(proxy.injected) == len(faults)
    assert code == 0, out
    assert copies(ckan, name) == wanted(state_catalogue, name)
    dataset = show(ckan, name)
    assert (dataset["state"], dataset["private"]) == ("active", False)
    # Every file went once: a revise CKAN carried out was read back, never sent again.
    assert proxy.calls["package_revise"] == 1
    assert verify(state_catalogue.settings()).ok


def test_an_added_resource_answered_502_after_ckan_acted_is_there_once(
    runner: CliRunner, state_catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN
) -> None:
    name = state_package(state_catalogue, 2)
    assert publish_cli(runner, state_catalogue)[0] == 0
    add_table(state_catalogue, name, 1)
    with FaultProxy(state_catalogue.ckan_url, Fault("package_revise", "502")) as proxy:
        code, out = publish_cli(runner, state_catalogue, CKAN_URL=proxy.url)
    assert proxy.injected == ["package_revise:502"] and proxy.calls["package_revise"] == 1
    assert code == 0, out
    assert copies(ckan, name) == wanted(state_catalogue, name)
    assert verify(state_catalogue.settings()).ok


# -- duplicates on the portal are reported and repaired -----------------------------------------


def test_a_duplicate_is_reported_by_verify_planned_and_repaired_without_prune(
    runner: CliRunner, state_catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN
) -> None:
    name = state_package(state_catalogue, 2)
    settings = state_catalogue.settings()
    assert publish_cli(runner, state_catalogue)[0] == 0
    keeper = {resource_key(r): r["id"] for r in show(ckan, name)["resources"]}
    # A second copy under the same name, as a repeated create leaves it (newer, no hash).
    ckan.action.resource_create(package_id=name, name="remuneracao-001", url="https://example.org/copia.csv")

    before = verify(settings)
    assert not before.ok
    assert any("duplicado" in p and "remuneracao-001 (2×)" in p for p in before.datasets[0].problems)

    (plan,) = plan_catalogue(settings).datasets
    deletes = [(a.kind, a.resource, a.reason) for a in plan.actions if a.kind == "delete_resource"]
    assert deletes == [("delete_resource", "remuneracao-001", "duplicate")] and not plan.held

    code, out = publish_cli(runner, state_catalogue)
    assert code == 0, out
    assert {resource_key(r): r["id"] for r in show(ckan, name)["resources"]} == keeper
    assert verify(settings).ok


def test_of_two_copies_the_one_holding_the_package_file_is_kept(
    runner: CliRunner, state_catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN
) -> None:
    name = state_package(state_catalogue, 1)
    assert publish_cli(runner, state_catalogue)[0] == 0
    before = [r["id"] for r in show(ckan, name)["resources"]]
    good = show(ckan, name)["resources"][0]
    # Listed first does not matter: the copy whose sha256 is the package's stays.
    stale = ckan.action.resource_create(
        package_id=name, name=good["name"], slug=good["slug"], url="https://example.org/velho.csv"
    )
    ckan.action.package_resource_reorder(id=name, order=[stale["id"], *before])
    assert publish_cli(runner, state_catalogue)[0] == 0
    assert [r["id"] for r in show(ckan, name)["resources"]] == before


# -- two runners with separate state on one portal ----------------------------------------------


def run_two(catalogue: TmpCatalogue, roots: list[Path]) -> list[subprocess.CompletedProcess[str]]:
    """Two `publisher publish` processes started together, each with its own state folder."""
    base = {k: v for k, v in os.environ.items() if k != "CKAN_API_TOKEN"}
    command = [sys.executable, "-c", "from publisher.cli import main; main()", "publish", "--json"]
    procs = []
    for root in roots:
        env = {**base, **{k: v for k, v in cli_env(catalogue, root=root).items() if v is not None}}
        procs.append(subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    done = []
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=300)
        done.append(subprocess.CompletedProcess(command, proc.returncode, stdout, stderr))
    return done


def test_two_runners_with_separate_state_never_duplicate(
    state_catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN, tmp_path: Path, suite_figures: Callable[[str], None]
) -> None:
    names = [state_package(state_catalogue, 3) for _ in range(4)]
    roots = [tmp_path / "operador", tmp_path / "cron"]
    for root in roots:
        root.mkdir()
    figures: list[str] = []
    total = {"both wrote": 0, "duplicates": 0}
    # Round 1 creates every dataset; rounds 2 and 3 append a table to each while both run.
    for round_ in range(1, 4):
        if round_ > 1:
            for name in names:
                add_table(state_catalogue, name, round_)
        procs = run_two(state_catalogue, roots)
        duplicates = sum(sum(n - 1 for n in copies(ckan, name).values()) for name in names)
        incomplete = [name for name in names if copies(ckan, name) != wanted(state_catalogue, name)]
        changed = [{d["name"] for d in json.loads(p.stdout)["datasets"] if d["action"] != "unchanged"} for p in procs]
        figures.append(
            f"round {round_}: exits {[p.returncode for p in procs]}, "
            f"datasets both runners wrote {len(changed[0] & changed[1])}, duplicates {duplicates}"
        )
        total["both wrote"] += len(changed[0] & changed[1])
        total["duplicates"] += duplicates
        assert duplicates == 0, figures
        assert not incomplete, (incomplete, figures)
        assert all(p.returncode == 0 for p in procs), [p.stdout[-2000:] + p.stderr[-2000:] for p in procs]
    private = sum(bool(show(ckan, name)["private"]) for name in names)
    problems = sum(len(d.problems) for d in verify(state_catalogue.settings()).datasets)
    suite_figures(
        f"two runners (separate state, one portal): 3 rounds x {len(names)} datasets, "
        f"dataset-rounds both runners wrote {total['both wrote']}, duplicates {total['duplicates']} (must be 0), "
        f"left private {private} (must be 0), verify problems {problems} (must be 0)"
    )
    assert private == 0 and problems == 0
