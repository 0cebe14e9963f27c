"""A first SIGTERM stops a publish within one request (the request in flight finishes, no other
is sent) and the run is recorded as interrupted; a second one stops at once and still says so.
Real `publisher publish` subprocesses against the real local CKAN, through a forwarding proxy
(test support) that slows each write down and sends the signal while one is in flight."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

import pytest
from fixtures_kill import SignalProxy
from fixtures_publish import TmpCatalogue

from publisher.ledger import Ledger
from publisher.messages import text

CLI = [sys.executable, "-c", "from publisher.cli import main; main()"]


def many_files(catalogue: TmpCatalogue, count: int) -> str:
    """A package of `count` small tables (copies of the first one under other names)."""
    name = catalogue.add("stop")
    folder, descriptor = catalogue.path(name), catalogue.descriptor(name)
    first = descriptor["resources"][0]
    source = (folder / first["path"]).read_text(encoding="utf-8")
    for i in range(count):
        (folder / "data" / f"copia_{i}.csv").write_text(source, encoding="utf-8")
        descriptor["resources"].append({**first, "name": f"copia-{i}", "path": f"data/copia_{i}.csv"})
    catalogue.write(name, descriptor)
    return name


def start(catalogue: TmpCatalogue, proxy: SignalProxy, *args: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "CKAN_API_TOKEN"}
    env.update(PUBLISHER_ROOT=str(catalogue.root), PUBLISHER_DATAPACKAGES_DIR=str(catalogue.dir),
               CKAN_URL=proxy.url, CKAN_API_TOKEN_FILE=str(catalogue.token_file), PUBLISHER_LANG="pt",
               PUBLISHER_FORM_MAX_PARTS="4")  # fmt: skip  # one file per request: a long step-by-step upload
    proc = subprocess.Popen([*CLI, "publish", "--workers", "1", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    proxy.victim = proc.pid
    return proc


def last_run_status(catalogue: TmpCatalogue) -> str:
    with Ledger.open(catalogue.root / ".publisher" / "ledger.sqlite") as ledger:
        return ledger.last_runs(1)[0].status


def test_a_first_sigterm_stops_after_the_request_in_flight(catalogue: TmpCatalogue) -> None:
    many_files(catalogue, 8)
    with SignalProxy(catalogue.ckan_url, kill_at=("package_revise", 2), sig=signal.SIGTERM, delay_s=0.5) as proxy:
        proc = start(catalogue, proxy)
        _, err = proc.communicate(timeout=300)
    assert proxy.killed
    # The second batch (in flight when the signal came) finished; no third one was sent.
    assert proxy.count("package_revise") == 2, proxy.actions
    assert proc.returncode == 1, err
    assert text("runner.stop.first", "pt", signal="SIGTERM") in " ".join(err.split())
    assert last_run_status(catalogue) == "interrupted"


def test_a_second_signal_stops_at_once_and_says_so(catalogue: TmpCatalogue) -> None:
    many_files(catalogue, 4)
    # The in-flight write is held far longer than the test waits for the process to end.
    with SignalProxy(catalogue.ckan_url, kill_at=("package_revise", 2), sig=signal.SIGTERM, delay_s=60) as proxy:
        proc = start(catalogue, proxy)
        again = threading.Timer(1.0, os.kill, (proc.pid, signal.SIGTERM))
        try:
            while not proxy.killed and proc.poll() is None:
                threading.Event().wait(0.05)
            again.start()
            _, err = proc.communicate(timeout=30)
        finally:
            again.cancel()
            if proc.poll() is None:
                proc.kill()
                pytest.fail("a second SIGTERM did not stop the publish at once")
    assert proc.returncode == 1, err
    assert text("cli.publish.stopped_at_once", "pt") in " ".join(err.split())
    assert last_run_status(catalogue) == "interrupted"
