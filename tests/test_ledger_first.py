"""Ledger first: the ledger is opened, checked and proven writable before the portal is
touched; a damaged file or a full disk is one clear message and exit 2; a ledger lost where
one existed before (its marker says so) is a loud warning, and `publisher status` says where
history starts."""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
from pathlib import Path

import ckanapi
import pytest
from fixtures_publish import TmpCatalogue
from test_publish_recorded import cli, ledger_file, on_portal
from typer.testing import CliRunner

from publisher.cli import _register
from publisher.ledger import Ledger, LedgerError
from publisher.ledger import store as ledger_store
from publisher.runner.lock import RunnerLock, is_locked


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    _register()
    return CliRunner()


def _ledger_with_history(path: Path, runs: int = 40) -> None:
    with Ledger.open(path) as ledger:
        for _ in range(runs):
            ledger.finish_run(ledger.start_run("publish", "cli"), "succeeded", {"note": "x" * 300})
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _damage_a_page(path: Path) -> None:
    # The header stays valid (the file still opens as SQLite): a page in the middle is garbage.
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 2, 4096 * 3, 7):
        data[offset] = 0xAB
    path.write_bytes(bytes(data))


def test_a_full_disk_is_a_ledger_error_in_the_users_language(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def full(*args: object) -> object:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(ledger_store, "identify", full)
    with pytest.raises(LedgerError) as caught:
        Ledger.open(tmp_path / ".publisher" / "ledger.sqlite", "pt")
    assert caught.value.reason == "o disco está cheio"


def test_a_damaged_page_is_found_at_open(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    _ledger_with_history(path)
    _damage_a_page(path)
    with pytest.raises(LedgerError) as caught:
        Ledger.open(path, "en")
    assert caught.value.reason.startswith("the file is corrupt")


def test_taking_the_lock_on_a_full_disk_is_no_traceback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def no_space(*args: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "pwrite", no_space)
    lock = RunnerLock(tmp_path / "runner.lock")
    lock.acquire()
    try:
        assert is_locked(tmp_path / "runner.lock")  # held all the same: a second runner is kept out
    finally:
        lock.release()


def test_a_lost_ledger_is_said_loudly_once_and_status_says_where_history_starts(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / ".publisher" / "ledger.sqlite"
    _ledger_with_history(path, runs=2)
    assert (tmp_path / ".publisher" / "ledger.id").exists()
    path.write_bytes(b"")  # truncated to 0 bytes: SQLite would start an empty ledger without a word
    with caplog.at_level(logging.WARNING), Ledger.open(path, "pt") as ledger:
        assert ledger.history is not None and ledger.history.lost_at is not None
        assert ledger.last_runs() == []
    assert "ATENÇÃO" in caplog.text and "histórico anterior se perdeu" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING), Ledger.open(path, "pt") as ledger:
        assert ledger.history is not None and ledger.history.lost_at is not None
    assert "ATENÇÃO" not in caplog.text  # said once; status keeps saying where history starts


def test_status_says_where_history_starts_after_a_loss(runner: CliRunner, catalogue: TmpCatalogue) -> None:
    path = ledger_file(catalogue)
    _ledger_with_history(path, runs=1)
    path.unlink()
    code, out = cli(runner, catalogue, "status")
    assert "Histórico desde" in out and "o registro anterior se perdeu" in out
    code, out = cli(runner, catalogue, "status", "--json")
    assert '"earlier_ledger_lost_at": "20' in out


def test_a_damaged_ledger_stops_publish_before_the_portal(
    runner: CliRunner, catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN
) -> None:
    name = catalogue.add("livro-danificado")
    path = ledger_file(catalogue)
    _ledger_with_history(path)
    _damage_a_page(path)
    code, out = cli(runner, catalogue, "publish", "--json")
    assert code == 2, out
    assert "corrompido" in out and "Nada foi escrito no portal" in out and "Traceback" not in out
    assert '"ledger-unavailable"' in out
    assert not on_portal(ckan, name)
