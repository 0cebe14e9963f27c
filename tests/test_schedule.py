"""The runner: schedule.toml, the single-runner lock, signals, logs, and job failures."""

from __future__ import annotations

import io
import json
import logging
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from publisher.runner import LockHeld, RunnerLock, ScheduleConfigError, StopFlag, install_signal_handlers, load_schedule
from publisher.runner.config import DEFAULT, JobSpec, ScheduleConfig
from publisher.runner.lock import is_locked, read_holder
from publisher.runner.logs import configure_logging

REPO = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from publisher.cli import main; main()"]


def test_committed_schedule_runs_the_four_jobs_in_order() -> None:
    config = load_schedule(REPO / "jobs" / "schedule.toml", missing_ok=False)
    assert [j.name for j in config.enabled] == ["publish", "verify", "goal-report", "freshness"]
    assert config.get("publish").at == "02:00" and config.get("publish").options["workers"] == 4
    now = datetime.now(UTC)
    nexts = config.next_runs()
    assert all(n is not None and n > now for n in nexts.values())
    assert config.timezone == "America/Sao_Paulo"
    assert config.describe(config.get("freshness"), "pt") == "toda segunda-feira às 07:00 (America/Sao_Paulo)"
    # The built-in defaults (used when the file is missing) say the same as the committed file.
    assert [(j.name, j.every, j.at) for j in DEFAULT.jobs] == [(j.name, j.every, j.at) for j in config.jobs]
    assert DEFAULT.timezone == config.timezone


@pytest.mark.parametrize(("zone", "utc_hour"), [("Asia/Tokyo", 17), ("America/Sao_Paulo", 5), ("UTC", 2)])
def test_at_times_follow_the_configured_time_zone_whatever_the_machine_says(zone: str, utc_hour: int) -> None:
    # None of these zones has daylight saving time today, so the UTC hour is fixed.
    config = ScheduleConfig(jobs=[JobSpec(name="publish", every="day", at="02:00")], timezone=zone)
    next_run = config.next_runs()["publish"]
    assert next_run is not None and next_run.tzinfo is not None
    assert (next_run.astimezone(UTC).hour, next_run.minute) == (utc_hour, 0)
    assert timedelta(0) < next_run - datetime.now(UTC) <= timedelta(days=1)


def test_an_unknown_time_zone_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "schedule.toml"
    path.write_text('timezone = "America/Belo_Horizonte"\n[[job]]\nname = "publish"\nat = "02:00"\n', encoding="utf-8")
    with pytest.raises(ScheduleConfigError, match="Belo_Horizonte"):
        load_schedule(path)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[[job]]\nname = "deploy"\n', "name"),
        ('[[job]]\nname = "publish"\nat = "25:00"\n', "publish"),
        ('[[job]]\nname = "publish"\nevery = "minute"\nat = "02:00"\n', "publish"),
        ('[[job]]\nname = "verify"\n[[job]]\nname = "verify"\n', "duas vezes"),
        ("[[job]\n", "schedule.toml"),
    ],
)
def test_impossible_schedules_are_refused(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "schedule.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScheduleConfigError, match=problem):
        load_schedule(path)


def test_interval_jobs_register_with_schedule() -> None:
    spec = JobSpec(name="verify", every="hour", interval=2, at=":15")
    assert spec.describe("en") == "every 2 hours at :15" and spec.describe() == "a cada 2 horas às :15"


def test_status_shows_next_runs_on_the_schedules_clock_on_a_utc_machine(tmp_path: Path) -> None:
    root = _root(tmp_path, 'timezone = "Asia/Tokyo"\n[[job]]\nname = "verify"\nevery = "day"\nat = "02:00"\n')
    env = _env(TZ="UTC", COLUMNS="200")
    done = subprocess.run([*CLI, "status", "--json"], cwd=root, env=env, capture_output=True, text=True, timeout=60)
    view = json.loads(done.stdout)
    [job] = view["jobs"]
    assert view["timezone"] == "Asia/Tokyo" and job["schedule"] == "todo dia às 02:00 (Asia/Tokyo)"
    assert job["next_run"].endswith("T02:00:00+09:00")
    human = subprocess.run(
        [*CLI, "status", "--lang", "en"], cwd=root, env=env, capture_output=True, text=True, timeout=60
    )
    assert "Jobs: times (Asia/Tokyo)" in human.stdout and " 02:00 " in human.stdout.split("every day at 02:00", 1)[1]


def _hold_lock_in_child(path: Path) -> subprocess.Popen[str]:
    code = (
        "import sys, time; from pathlib import Path; from publisher.runner import RunnerLock\n"
        f"lock = RunnerLock(Path({str(path)!r}), command='holder-test'); lock.acquire(); print('locked', flush=True); time.sleep(60)"
    )
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "locked"
    return child


def test_lock_names_its_holder_and_is_freed_when_the_holder_dies(tmp_path: Path) -> None:
    path = tmp_path / "runner.lock"
    child = _hold_lock_in_child(path)
    try:
        assert is_locked(path)
        with pytest.raises(LockHeld) as info:
            RunnerLock(path).acquire()
        holder = info.value.holder
        assert holder is not None and holder.pid == child.pid and holder.command == "holder-test"
        assert str(child.pid) in str(info.value)
    finally:
        child.kill()  # SIGKILL: no clean-up code runs; the kernel drops the flock
        child.wait()
    assert not is_locked(path)
    with RunnerLock(path) as mine:
        assert mine.pid == os.getpid()
        assert read_holder(path) == mine
    assert path.exists() and read_holder(path) is None  # released: file kept, holder cleared


def test_stop_flag_is_set_by_sigterm_and_handlers_are_restored() -> None:
    before = signal.getsignal(signal.SIGTERM)
    stop = StopFlag()
    restore = install_signal_handlers(stop)
    try:
        assert not stop()
        os.kill(os.getpid(), signal.SIGTERM)
        assert stop.wait(5) and stop() and stop.signal_name == "SIGTERM"
    finally:
        restore()
    assert signal.getsignal(signal.SIGTERM) == before


def test_logs_mask_the_token_in_plain_and_json_lines() -> None:
    token = "tok-ABCDEF-0123456789-secret"
    for as_json in (False, True):
        out = io.StringIO()
        handler = configure_logging(json_lines=as_json, secrets=[token, None], stream=out)
        try:
            log = logging.getLogger("publisher.test")
            log.info("calling with %s", token)
            try:
                raise RuntimeError(f"header Authorization: {token}")
            except RuntimeError:
                log.exception("boom")
        finally:
            logging.getLogger().removeHandler(handler)
        text = out.getvalue()
        assert token not in text and "***" in text
        if as_json:
            lines = [json.loads(line) for line in text.splitlines()]
            assert lines[0]["message"] == "calling with ***" and lines[0]["level"] == "info"
            assert "exception" in lines[1]


def _root(tmp_path: Path, schedule: str) -> Path:
    root = tmp_path / "root"
    (root / "jobs").mkdir(parents=True)
    (root / "datapackages").mkdir()
    (root / "jobs" / "schedule.toml").write_text(schedule, encoding="utf-8")
    return root


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CKAN_", "PUBLISHER_"))}
    env.update(extra)
    return env


def test_two_runners_started_together_one_runs_the_other_exits_3_naming_it(tmp_path: Path) -> None:
    # Jobs far in the future: both runners would just wait, so only the lock decides.
    root = _root(tmp_path, '[[job]]\nname = "verify"\nevery = "sunday"\nat = "03:00"\n')
    env = _env(CKAN_URL="http://127.0.0.1:9")
    procs = [subprocess.Popen([*CLI, "schedule"], cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while all(p.poll() is None for p in procs) and time.monotonic() < deadline:
            time.sleep(0.1)
        losers = [p for p in procs if p.poll() is not None]
        assert len(losers) == 1, "exactly one runner must give up"
        [loser] = losers
        [winner] = [p for p in procs if p is not loser]
        _, err = loser.communicate(timeout=10)
        assert loser.returncode == 3, err
        assert f"pid {winner.pid}" in err and "runner.lock" in err
        time.sleep(0.5)
        assert winner.poll() is None  # still running
        status = subprocess.run(
            [*CLI, "status", "--json"], cwd=root, env=env, capture_output=True, text=True, timeout=60
        )
        assert json.loads(status.stdout)["runner"]["pid"] == winner.pid
        winner.send_signal(signal.SIGTERM)
        assert winner.wait(timeout=30) == 0
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
            p.wait()


class WebhookReceiver:
    """A real HTTP server on 127.0.0.1 keeping the JSON bodies POSTed to it."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, object]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                receiver.bodies.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"


def _once_against_a_dead_portal(
    root: Path, token: str
) -> tuple[subprocess.CompletedProcess[str], list[dict[str, object]]]:
    """`schedule --once --json` with nothing listening at CKAN_URL; the webhook bodies it sent."""
    hook = WebhookReceiver()
    try:
        env = _env(CKAN_URL="http://127.0.0.1:9", CKAN_API_TOKEN=token, PUBLISHER_RETRIES="0",
                   PUBLISHER_NOTIFY_WEBHOOK_URL=hook.url)  # fmt: skip
        done = subprocess.run(
            [*CLI, "schedule", "--once", "--json"], cwd=root, env=env, capture_output=True, text=True, timeout=120
        )
    finally:
        hook.server.shutdown()
        hook.server.server_close()
    return done, hook.bodies


def test_a_job_that_raises_is_recorded_as_failed_and_the_runner_goes_on(tmp_path: Path) -> None:
    root = _root(tmp_path, '[[job]]\nname = "goal-report"\n[[job]]\nname = "freshness"\n')
    shutil.copytree(REPO / "datapackages" / "fhemig-indice-crib", root / "datapackages" / "fhemig-indice-crib")
    (root / "jobs" / "goals.toml").write_text("[[goal]]\nid = 'x'\n", encoding="utf-8")  # no target, no period
    token = "tok-NEVER-SHOW-ME-0123456789"
    done, bodies = _once_against_a_dead_portal(root, token)
    assert done.returncode == 1, done.stderr
    runs = {r["job"]: r for r in json.loads(done.stdout)["runs"]}
    assert runs["goal-report"]["status"] == "failed" and "goals.toml" in runs["goal-report"]["error"]
    # The portal is down too: freshness says so and goes on from the ledger and the catalogue.
    assert runs["freshness"]["status"] == "succeeded" and runs["freshness"]["counts"]["portal_checked"] is False
    [body] = bodies
    assert body["kind"] == "run-failed" and body["job"] == "goal-report" and "goals.toml" in str(body["error"])
    ledger_bytes = b"".join(p.read_bytes() for p in (root / ".publisher").glob("ledger.sqlite*"))
    for text in (done.stdout, done.stderr, ledger_bytes.decode("utf-8", "replace"), json.dumps(body)):
        assert token not in text


def test_a_portal_that_is_down_fails_publish_and_verify_once_each_and_says_so(tmp_path: Path) -> None:
    root = _root(tmp_path, '[[job]]\nname = "publish"\n[[job]]\nname = "verify"\n')
    for name in ("fhemig-indice-crib", "fhemig-indice-apache"):
        shutil.copytree(REPO / "datapackages" / name, root / "datapackages" / name)
    done, bodies = _once_against_a_dead_portal(root, "tok-x-0123456789abcdef")
    assert done.returncode == 1, done.stderr
    runs = {r["job"]: r for r in json.loads(done.stdout)["runs"]}
    for job in ("publish", "verify"):
        assert runs[job]["status"] == "failed"
        # In the run's language (Portuguese by default), like every message the operator reads.
        assert "http://127.0.0.1:9" in runs[job]["error"] and "conexão recusada" in runs[job]["error"]
    assert [b["job"] for b in bodies] == ["publish", "verify"]


def test_bad_schedule_file_is_a_usage_error(tmp_path: Path) -> None:
    root = _root(tmp_path, '[[job]]\nname = "publish"\nat = "99:99"\n')
    done = subprocess.run(
        [*CLI, "schedule", "--once"], cwd=root, env=_env(), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2 and "publish" in done.stderr
    unknown = subprocess.run([*CLI, "schedule", "--once", "--job", "deploy"], cwd=root, env=_env(),
                             capture_output=True, text=True, timeout=60)  # fmt: skip
    assert unknown.returncode == 2


def test_status_reports_failures_and_exits_1(tmp_path: Path) -> None:
    from publisher.ledger import Event, Ledger

    root = _root(tmp_path, (REPO / "jobs" / "schedule.toml").read_text(encoding="utf-8"))
    with Ledger.open(root / ".publisher" / "ledger.sqlite") as ledger:
        ok = ledger.start_run("verify", "schedule")
        ledger.finish_run(ok, "succeeded", {"verified": 3})
        bad = ledger.start_run("publish", "schedule")
        ledger.record(Event(run_id=bad, at=datetime.now().astimezone(), dataset="despesas", kind="failed",
                            error_code="portal-unavailable", message="o portal não respondeu (503)"))  # fmt: skip
        ledger.finish_run(bad, "failed", {"failed": 1}, "0 pacote(s) inválido(s), 1 falha(s)")
    done = subprocess.run([*CLI, "status", "--json"], cwd=root, env=_env(), capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    data = json.loads(done.stdout)
    jobs = {j["job"]: j for j in data["jobs"]}
    assert jobs["publish"]["last_run"]["status"] == "failed"
    assert jobs["publish"]["last_run"]["failures"][0]["message"] == "o portal não respondeu (503)"
    assert jobs["goal-report"]["last_run"] is None and jobs["goal-report"]["next_run"]
    assert [r["id"] for r in data["runs"]] == [bad, ok]
    human = subprocess.run(
        [*CLI, "status"], cwd=root, env=_env(COLUMNS="200"), capture_output=True, text=True, timeout=60
    )
    assert (
        human.returncode == 1
        and "o portal não respondeu (503)" in human.stdout
        and "portal-unavailable" in human.stdout
    )
    with sqlite3.connect(root / ".publisher" / "ledger.sqlite") as conn:
        assert conn.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 2  # status only reads
