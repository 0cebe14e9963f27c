"""The scheduled `verify` job checks the token at its start like publish, and `publisher
schedule` warns of a token file others can read like publish does (real subprocesses, the real
local CKAN)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from fixtures_publish import TmpCatalogue

from publisher.sync.apply import publish

CLI = [sys.executable, "-c", "from publisher.cli import main; main()"]


def schedule_once(catalogue: TmpCatalogue, token_file: Path) -> subprocess.CompletedProcess[str]:
    jobs = catalogue.root / "jobs"
    jobs.mkdir(exist_ok=True)
    (jobs / "schedule.toml").write_text('[[job]]\nname = "verify"\n', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CKAN_", "PUBLISHER_"))}
    env.update(PUBLISHER_ROOT=str(catalogue.root), PUBLISHER_DATAPACKAGES_DIR=str(catalogue.dir),
               CKAN_URL=catalogue.ckan_url, CKAN_API_TOKEN_FILE=str(token_file), PUBLISHER_LANG="pt",
               PUBLISHER_RETRIES="0")  # fmt: skip
    return subprocess.run([*CLI, "schedule", "--once", "--json"], cwd=catalogue.root, env=env,
                          capture_output=True, text=True, timeout=300)  # fmt: skip


def test_the_scheduled_verify_stops_at_a_garbage_token_with_one_message(
    catalogue: TmpCatalogue, tmp_path: Path
) -> None:
    catalogue.add()
    assert publish(catalogue.settings()).ok
    garbage = tmp_path / "garbage.token"
    garbage.write_text("not-a-token-" + "x" * 40)
    garbage.chmod(0o600)
    done = schedule_once(catalogue, garbage)
    assert done.returncode == 1, done.stderr
    (run,) = json.loads(done.stdout)["runs"]
    assert (run["job"], run["status"]) == ("verify", "failed")
    assert "não reconhece o token de API" in run["error"] and "x" * 40 not in done.stdout + done.stderr
    assert not run["counts"].get("datasets")  # stopped before any dataset was looked at


def test_schedule_warns_of_a_token_file_others_can_read(catalogue: TmpCatalogue, tmp_path: Path) -> None:
    loose = tmp_path / "loose.token"
    loose.write_text(catalogue.token_file.read_text())
    os.chmod(loose, 0o666)
    done = schedule_once(catalogue, loose)
    said = " ".join(done.stderr.split())
    assert "pode ser lido por outros usuários" in said and "(permissões 0666)" in said, done.stderr
    loose.chmod(0o600)
    assert "pode ser lido" not in schedule_once(catalogue, loose).stderr
