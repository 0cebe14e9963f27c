"""The CLI's publish, verify and retire go into the ledger as they happen, through the
same recorded path as the scheduled jobs (`Runner.run_recorded`), against the local portal."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import ckanapi
import pytest
from fixtures_publish import TmpCatalogue
from typer.testing import CliRunner

from publisher.cli import _register, app
from publisher.ledger import Ledger
from publisher.runner.stop import StopFlag, install_signal_handlers


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    _register()
    return CliRunner()


def env_for(catalogue: TmpCatalogue, **extra: str) -> dict[str, str | None]:
    return {
        "PUBLISHER_ROOT": str(catalogue.root),
        "PUBLISHER_DATAPACKAGES_DIR": str(catalogue.dir),
        "CKAN_URL": catalogue.ckan_url,
        "CKAN_API_TOKEN_FILE": str(catalogue.token_file),
        "CKAN_API_TOKEN": None,
        "PUBLISHER_LANG": "pt",
        **extra,
    }


def cli(runner: CliRunner, catalogue: TmpCatalogue, *args: str, **env: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env=env_for(catalogue, **env))
    return result.exit_code, result.output


def ledger_file(catalogue: TmpCatalogue) -> Path:
    return catalogue.root / ".publisher" / "ledger.sqlite"


def on_portal(ckan: ckanapi.RemoteCKAN, name: str) -> bool:
    try:
        ckan.action.package_show(id=name)
    except ckanapi.NotFound:
        return False
    return True


def without_issued(catalogue: TmpCatalogue, name: str) -> None:
    # The first publication then comes from the ledger alone (no `issued` to fall back on).
    descriptor = catalogue.descriptor(name)
    descriptor.pop("issued", None)
    catalogue.write(name, descriptor)


def publish_signalled_after_first_dataset(
    catalogue: TmpCatalogue, paths: list[Path], sig: signal.Signals = signal.SIGKILL
) -> tuple[int, int]:
    """Start `publisher publish` in a subprocess and send it `sig` once the ledger holds its
    first dataset's outcome; returns the run's id and the process's exit code."""
    env = {k: v for k, v in {**os.environ, **env_for(catalogue)}.items() if v is not None}
    args = [sys.executable, "-c", "from publisher.cli import main; main()", "publish", "--workers", "1"]
    proc = subprocess.Popen([*args, *map(str, paths)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            run_id = _run_with_a_created_dataset(ledger_file(catalogue))
            if run_id is not None:
                proc.send_signal(sig)
                return run_id, proc.wait(timeout=120)
            time.sleep(0.02)
        pytest.fail(f"the publish ended ({proc.poll()}) before it could be signalled after its first dataset")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _run_with_a_created_dataset(path: Path) -> int | None:
    if not path.exists():
        return None
    with Ledger.open(path) as ledger:
        running = [r for r in ledger.last_runs(5) if r.status == "running"]
        if running and ledger.events(run_id=running[0].id, kinds=("created",)):
            return running[0].id
    return None


def test_cli_publish_verify_and_a_crashed_publish_are_all_in_status_and_the_goal(
    runner: CliRunner, catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN
) -> None:
    first = catalogue.add("a")
    assert cli(runner, catalogue, "publish", "--json", str(catalogue.path(first)))[0] == 0
    assert cli(runner, catalogue, "verify", "--json", str(catalogue.path(first)))[0] == 0
    crashed = [catalogue.add("b"), catalogue.add("c")]
    for name in crashed:
        without_issued(catalogue, name)
    killed_run, _ = publish_signalled_after_first_dataset(catalogue, [catalogue.path(n) for n in crashed])

    code, out = cli(runner, catalogue, "status", "--json")
    runs = {r["id"]: r for r in json.loads(out)["runs"]}
    assert [(r["job"], r["trigger"], r["status"]) for _, r in sorted(runs.items())] == [
        ("publish", "cli", "succeeded"),
        ("verify", "cli", "succeeded"),
        ("publish", "cli", "running"),  # killed outright: nothing closed it
    ]
    publish_run, verify_run = sorted(runs)[:2]
    assert runs[publish_run]["counts"]["created"] == 1 and runs[verify_run]["counts"]["verified"] == 1
    with Ledger.open(ledger_file(catalogue)) as ledger:
        assert {e.kind for e in ledger.events(run_id=publish_run)} >= {"validated", "uploaded", "created"}
        assert [e.kind for e in ledger.events(run_id=verify_run)] == ["verified"]
        created = [e.dataset for e in ledger.events(run_id=killed_run, kinds=("created",))]
        assert created and set(created) <= set(crashed)

    goals = _goals_around_now(catalogue)
    code, out = cli(runner, catalogue, "goal", "--json", "--offline", "--goals-file", str(goals["file"]),
                    "--as-of", goals["as_of"])  # fmt: skip
    assert code == 0, out
    (status,) = json.loads(out)["goals"]
    counted = {d["name"]: d["source"] for d in status["datasets"]}
    assert created[0] in counted and counted[created[0]] != "issued"


def test_sigterm_finishes_the_dataset_in_hand_and_records_the_run_as_interrupted(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN
) -> None:
    names = [catalogue.add("s") for _ in range(3)]
    run_id, code = publish_signalled_after_first_dataset(catalogue, [catalogue.path(n) for n in names], signal.SIGTERM)
    assert code == 1
    with Ledger.open(ledger_file(catalogue)) as ledger:
        run = ledger.run(run_id)
        assert run is not None and run.status == "interrupted" and run.counts["skipped"] >= 1
        created = {e.dataset for e in ledger.events(run_id=run_id, kinds=("created",))}
    assert created and all(on_portal(ckan, n) == (n in created) for n in names)


def test_plan_shows_the_dataset_state_in_the_reader_language(
    runner: CliRunner, catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN
) -> None:
    name = catalogue.add()
    assert cli(runner, catalogue, "publish", "--json")[0] == 0
    descriptor = catalogue.descriptor(name)
    descriptor["title"] = descriptor["title"] + " (revisto)"
    catalogue.write(name, descriptor)
    code, out = cli(runner, catalogue, "plan")
    assert code == 0 and f"{name} ({catalogue.org}) ativo" in out and "active" not in out
    code, out = cli(runner, catalogue, "plan", "--lang", "en")
    assert code == 0 and f"{name} ({catalogue.org}) active" in out


def _goals_around_now(catalogue: TmpCatalogue) -> dict[str, Any]:
    today = datetime.now(UTC).date()
    start, end = today - timedelta(days=40), today + timedelta(days=40)
    path = catalogue.root / "goals.toml"
    path.write_text(
        f'[[goal]]\nid = "teste"\ntitle = "Teste"\ntarget = 3\nstart = {start}\nend = {end}\norganizations = []\n',
        encoding="utf-8",
    )
    return {"file": path, "as_of": end.isoformat()}


@pytest.mark.parametrize("broken", ["directory", "corrupt"])
def test_a_ledger_that_cannot_be_opened_stops_publish_before_the_portal(
    runner: CliRunner, catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN, broken: str
) -> None:
    name = catalogue.add()
    path = ledger_file(catalogue)
    path.parent.mkdir(parents=True, exist_ok=True)
    if broken == "directory":
        path.mkdir()
    else:
        path.write_bytes(b"this is not a SQLite database, only some text " * 100)
    code, out = cli(runner, catalogue, "publish")
    assert code == 2
    assert "não pode ser aberto" in out and "Nada foi escrito no portal" in out and "Traceback" not in out
    assert not on_portal(ckan, name)


def test_a_ledger_that_cannot_be_opened_stops_verify_and_retire_too(runner: CliRunner, catalogue: TmpCatalogue) -> None:
    catalogue.add()
    ledger_file(catalogue).mkdir(parents=True)
    for args in (["verify", "--json"], ["retire", "nao-existe-xyz", "--json"]):
        code, out = cli(runner, catalogue, *args, PUBLISHER_LANG="en")
        assert code == 2 and "cannot be opened" in out
        assert '"ledger-unavailable"' in out


def test_a_dry_run_is_not_recorded(runner: CliRunner, catalogue: TmpCatalogue) -> None:
    catalogue.add()
    assert cli(runner, catalogue, "publish", "--dry-run", "--json")[0] == 0
    assert not ledger_file(catalogue).exists()


@pytest.mark.parametrize(
    ("first", "second"),
    [(signal.SIGTERM, signal.SIGTERM), (signal.SIGINT, signal.SIGTERM), (signal.SIGTERM, signal.SIGINT)],
)
def test_a_second_signal_of_either_kind_stops_at_once(first: signal.Signals, second: signal.Signals) -> None:
    stop = StopFlag()
    restore = install_signal_handlers(stop)
    try:
        os.kill(os.getpid(), first)
        assert stop.wait(5) and stop.signal_name == first.name
        # Python runs the handler as soon as os.kill returns, so it raises right here.
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), second)
    finally:
        restore()


def test_the_signal_handler_says_what_it_does_in_the_run_language() -> None:
    said: list[str] = []
    restore = install_signal_handlers(StopFlag(), "pt", said.append)
    try:
        os.kill(os.getpid(), signal.SIGTERM)
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
    finally:
        restore()
    assert said == [
        "SIGTERM recebido: parando depois do pedido em andamento ao portal (de novo para parar já)",
        "SIGINT recebido de novo: parando já",
    ]
