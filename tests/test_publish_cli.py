"""`publisher plan | publish | verify | retire` end to end against the local portal:
JSON shapes, exit codes, languages, and no token in any output."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import ckanapi
import pytest
from fixtures_publish import TmpCatalogue
from typer.testing import CliRunner

from publisher.cli import _register, app


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    _register()
    return CliRunner()


def env_for(catalogue: TmpCatalogue, **extra: str | None) -> dict[str, str | None]:
    env: dict[str, str | None] = {
        "PUBLISHER_ROOT": str(catalogue.root),
        "PUBLISHER_DATAPACKAGES_DIR": str(catalogue.dir),
        "CKAN_URL": catalogue.ckan_url,
        "CKAN_API_TOKEN_FILE": str(catalogue.token_file),
        "CKAN_API_TOKEN": None,  # None unsets it: the token comes from the file
        "PUBLISHER_LANG": "pt",
    }
    env.update(extra)
    return env


def run(runner: CliRunner, catalogue: TmpCatalogue, *args: str, **env: str | None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env=env_for(catalogue, **env))
    return result.exit_code, result.output


def test_plan_publish_verify_retire_in_json(
    runner: CliRunner, catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN
) -> None:
    name = catalogue.add()
    code, out = run(runner, catalogue, "plan", "--json")
    plan = json.loads(out)
    assert code == 0 and plan["write_requests"] == 0
    assert [a["kind"] for a in plan["datasets"][0]["actions"]][:2] == ["create_organization", "create_dataset"]

    code, out = run(runner, catalogue, "publish", "--json")
    result = json.loads(out)
    assert code == 0
    assert {"write_requests", "uploaded_bytes", "failed", "invalid", "requests", "datasets"} <= set(result)
    (ds,) = result["datasets"]
    assert (ds["name"], ds["action"], ds["public"], ds["uploaded_files"]) == (
        name,
        "created",
        True,
        6,
    )  # 2 tables, README, CHANGELOG, zip, descriptor
    assert result["uploaded_bytes"] == ds["uploaded_bytes"] > 0 and result["failed"] == 0

    code, out = run(runner, catalogue, "publish", "--json")
    again = json.loads(out)
    assert code == 0 and (again["write_requests"], again["uploaded_bytes"]) == (0, 0)

    code, out = run(runner, catalogue, "verify", "--json")
    checked = json.loads(out)
    assert code == 0 and checked["ok"] is True and checked["datasets"][0]["checked_files"] == 6

    code, out = run(runner, catalogue, "retire", name, "--json")
    assert code == 0 and json.loads(out)["retired"] is True
    assert ckan.action.package_show(id=name)["state"] == "deleted"
    # Retired stays retired: plan shows it, verify leaves it out instead of failing on it.
    code, out = run(runner, catalogue, "plan", "--json")
    assert code == 0 and json.loads(out)["datasets"][0]["status"] == "retired"
    code, out = run(runner, catalogue, "verify", "--json")
    assert code == 0 and json.loads(out)["retired"] == [name]

    token = catalogue.token_file.read_text().strip()
    assert all(token not in text for text in (json.dumps(plan), json.dumps(result), out))


def test_invalid_package_exits_1_and_says_why_in_the_chosen_language(
    runner: CliRunner, catalogue: TmpCatalogue
) -> None:
    name = catalogue.add()
    d = catalogue.descriptor(name)
    del d["title"]
    catalogue.write(name, d)
    code, out = run(runner, catalogue, "publish", "--lang", "en")
    assert code == 1
    assert "invalid" in out and "Publish" in out
    code, out = run(runner, catalogue, "publish")
    assert code == 1 and "inválido" in out and "Publicação" in out


def test_publish_without_token_is_a_usage_error(runner: CliRunner, catalogue: TmpCatalogue) -> None:
    catalogue.add()
    result = runner.invoke(app, ["publish"], env=env_for(catalogue, CKAN_API_TOKEN_FILE=None))
    assert result.exit_code == 2
    assert "CKAN_API_TOKEN" in result.output


def test_retire_unknown_dataset_exits_1(runner: CliRunner, catalogue: TmpCatalogue) -> None:
    code, out = run(runner, catalogue, "retire", "conjunto-que-nao-existe-xyz", "--lang", "en")
    assert code == 1 and "does not exist" in out


def test_plain_lines_when_not_a_terminal(catalogue: TmpCatalogue) -> None:
    name = catalogue.add()
    env = {k: v for k, v in {**os.environ, **env_for(catalogue), "PUBLISHER_LANG": "en"}.items() if v is not None}
    proc = subprocess.run([sys.executable, "-c", "from publisher.cli import main; main()", "publish", "--workers", "2"],
                          env=env, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert f"{name}: created" in proc.stdout and "Publish: created: 1." in proc.stdout
    code = subprocess.run([sys.executable, "-c", "from publisher.cli import main; main()", "plan"],
                          env=env, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert code.returncode == 0 and "nothing to do" in code.stdout


def test_manual_publish_and_retire_are_recorded_in_the_ledger(
    runner: CliRunner, catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN
) -> None:
    from publisher.ledger import Ledger

    name = catalogue.add()
    assert run(runner, catalogue, "publish", "--json")[0] == 0
    assert run(runner, catalogue, "retire", name, "--json")[0] == 0
    with Ledger.open(catalogue.root / ".publisher" / "ledger.sqlite") as ledger:
        runs = ledger.last_runs(10)
        assert [(r.job, r.trigger, r.status) for r in reversed(runs)] == [
            ("publish", "cli", "succeeded"),
            ("retire", "cli", "succeeded"),
        ]
        kinds = [e.kind for e in ledger.events(dataset=name)]
    assert {"created", "retired"} <= set(kinds)


def test_publish_waits_for_no_one_when_the_runner_holds_the_lock(runner: CliRunner, catalogue: TmpCatalogue) -> None:
    from publisher.runner.lock import RunnerLock

    catalogue.add()
    lock = RunnerLock(catalogue.root / ".publisher" / "runner.lock", command="publisher schedule")
    lock.acquire()
    try:
        code, out = run(runner, catalogue, "publish", "--json")
    finally:
        lock.release()
    assert code == 3
    assert "publisher schedule" in out and str(os.getpid()) in out


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("command", ["plan", "publish", "verify"])
def test_a_portal_that_does_not_answer_stops_the_command_once(
    runner: CliRunner, catalogue: TmpCatalogue, command: str
) -> None:
    for _ in range(3):
        catalogue.add()
    url = f"http://127.0.0.1:{_closed_port()}"
    result = runner.invoke(app, [command, "--json"], env=env_for(catalogue, CKAN_URL=url, PUBLISHER_RETRIES="1"))
    assert result.exit_code == 1
    error = json.loads(result.stdout)["error"]
    assert error["code"] == "portal-unreachable"
    # One failure for the run, naming the address and the cause, not one per dataset.
    assert url in error["message"] and "conexão recusada" in error["message"] and "CKAN_URL" in error["message"]
    assert result.output.count("não responde") == 2  # once on stderr, once in the JSON
    assert catalogue.token_file.read_text(encoding="utf-8").strip() not in result.output


def test_an_address_that_is_not_the_api_root_is_named_as_such(runner: CliRunner, catalogue: TmpCatalogue) -> None:
    catalogue.add()
    code, out = run(runner, catalogue, "plan", "--lang", "en", CKAN_URL=catalogue.ckan_url + "/dataset")
    assert code == 1
    assert "does not answer" in out and "root address" in out
