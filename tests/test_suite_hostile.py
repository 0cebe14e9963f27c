"""Reliability suite: the hostile corpus, each case published by a `publisher publish` process.

Every case is a state-shaped package (tests/bad_inputs/_base) with one hostile thing in it:
paths that climb out, absolute paths, symlinks out (data, README, CHANGELOG, the descriptor, an
external schema), `file://` and remote URLs, look-alike names (homoglyphs, accents, capitals),
a 2 GB sparse CSV, a 2 GB file of one line, a descriptor nested 100,000 levels, a 50 MB
description, gzip and zip bombs, a cell of 5 Mi characters. Cases that exist in the bad-input
corpus are taken from it. Each must end in a clear error (code, file, field and a hint) with
NOTHING written to the portal (requests counted by `FaultProxy` with no faults, a counting
proxy in front of the REAL local CKAN, and the dataset absent), in bounded time and memory:
the child's peak RSS (`os.wait4`) is printed per case. Legal look-alikes (many resources, a
symlink that stays inside) must publish correctly. A FAKE portal echoing the token back must
not get it into any output, log or ledger.

Figures are printed at the end of the session ("reliability figures").
Rerun: `pytest -m slow -k suite_hostile`.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ckanapi
import pytest
from fault_proxy import FaultProxy
from fixtures_publish import FakePortal, Reply, TmpCatalogue
from test_bad_inputs import CORPUS, RUNTIME

from publisher.ckan.mapping import DESCRIPTOR_RESOURCE
from publisher.ckan.slugs import resource_key

pytestmark = pytest.mark.slow

BASE = CORPUS / "_base"
GB2 = 2 * 1024**3
MAX_SECONDS = 180  # a case still running after this is killed (the test fails)
MAX_RSS_MB = 400  # far above what a bounded read needs, far below what reading 2 GB whole takes
BOMB_MB = 512  # decompressed size of the bombs (about 0.5 MB compressed)
CORPUS_CASES = (
    "path-traversal",
    "path-absolute",
    "path-remote",
    "path-file-url",
    "schema-external-traversal",
    "json-too-deep",
    "name-accents",
    "name-uppercase",
    "name-homoglyph",
    "resource-name-invalid",
    "resource-name-homoglyph",
    "duplicate-resource-names",
)
RUNTIME_CASES = (
    "symlink-escape",
    "readme-linked-out",
    "changelog-linked-out",
    "descriptor-linked-out",
    "schema-linked-out",
    "sparse-data-file",
)


@dataclass
class Child:
    code: int
    out: dict[str, Any]
    stdout: str
    stderr: str
    seconds: float
    rss_mb: float


# The child measures itself: its peak RSS counted since its exec (VmHWM; Linux's rusage would
# carry over the parent's peak through fork and exec), or its own children's if higher.
LAUNCH = """
import resource, sys
from publisher.cli import main
out = sys.argv.pop(1)
try:
    main()
finally:
    with open("/proc/self/status", encoding="ascii") as status:
        hwm = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(out, "w", encoding="ascii") as peak:
        peak.write(str(max(hwm, kids)))
"""


def run_child(args: list[str], env: dict[str, str], workdir: Path) -> Child:
    """`publisher ARGS` in a child process that reports its own peak RSS (kB) in a file."""
    out_path, err_path, peak_path = workdir / "stdout", workdir / "stderr", workdir / "peak-rss-kb"
    command = [sys.executable, "-c", LAUNCH, str(peak_path), *args]
    start = time.monotonic()
    with out_path.open("wb") as out, err_path.open("wb") as err:
        code = subprocess.run(command, env=env, stdout=out, stderr=err, timeout=MAX_SECONDS, check=False).returncode
    stdout = out_path.read_text(encoding="utf-8", errors="replace")
    try:
        parsed: dict[str, Any] = json.loads(stdout)
    except json.JSONDecodeError:
        parsed = {}
    seconds = time.monotonic() - start
    rss_mb = int(peak_path.read_text(encoding="ascii")) / 1024
    return Child(code, parsed, stdout, err_path.read_text(errors="replace"), seconds, rss_mb)


def child_env(catalogue: TmpCatalogue, url: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if k != "CKAN_API_TOKEN" and not k.startswith("PUBLISHER_")}
    return {
        **base,
        "PUBLISHER_ROOT": str(catalogue.root),
        "PUBLISHER_DATAPACKAGES_DIR": str(catalogue.dir),
        "CKAN_URL": url,
        "CKAN_API_TOKEN_FILE": str(catalogue.token_file),
        "PUBLISHER_LANG": "pt",
        "PUBLISHER_VALIDATION_CACHE": "false",
        **(extra or {}),
    }


# -- the cases built here (the corpus cannot hold giant or linked files) ------------------------


def _descriptor(pkg: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    return data


def _write(pkg: Path, descriptor: dict[str, Any]) -> None:
    (pkg / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")


def _one_line_file(pkg: Path) -> None:
    # 2 GB with no line break at all, the header included (sparse: costs no disk).
    data = pkg / "data/atendimentos.csv"
    data.write_bytes(b"id;codigo_ibge;ano;tipo;quantidade;valor;data")
    os.truncate(data, GB2)


def _deep_descriptor(pkg: Path) -> None:
    text = (pkg / "datapackage.json").read_text(encoding="utf-8").rstrip()
    deep = ', "x": ' + "[" * 100_000 + "]" * 100_000
    (pkg / "datapackage.json").write_text(text[:-1] + deep + "}", encoding="utf-8")


def _huge_description(pkg: Path) -> None:
    descriptor = _descriptor(pkg)
    descriptor["description"] += "\n\n" + "Dados mensais de atendimento por município. " * (50 * 1024**2 // 45)
    _write(pkg, descriptor)


def _huge_cell(pkg: Path) -> None:
    # 5 Mi characters in one quoted cell over short lines: no line is long, the cell is.
    data = pkg / "data/municipios.csv"
    lines = data.read_text(encoding="utf-8").splitlines()
    lines[2] = '3170206;"' + "Uberlândia\n" * (5 * 1024**2 // 11) + '";Triângulo do Norte'
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _compressed(pkg: Path, suffix: str) -> Path:
    descriptor = _descriptor(pkg)
    res = next(r for r in descriptor["resources"] if r["name"] == "atendimentos")
    res.update(path=f"data/atendimentos.csv.{suffix}", compression=suffix)
    _write(pkg, descriptor)
    (pkg / "data/atendimentos.csv").unlink()
    return pkg / f"data/atendimentos.csv.{suffix}"


def _gz_bomb(pkg: Path) -> None:
    head = (pkg / "data/atendimentos.csv").read_bytes()
    with gzip.open(_compressed(pkg, "gz"), "wb", compresslevel=6) as out:
        out.write(head)
        for _ in range(BOMB_MB):
            out.write(bytes(1024**2))


def _zip_bomb(pkg: Path) -> None:
    head = (pkg / "data/atendimentos.csv").read_bytes()
    with zipfile.ZipFile(_compressed(pkg, "zip"), "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("atendimentos.csv", "w", force_zip64=True) as out:
            out.write(head)
            for _ in range(BOMB_MB):
                out.write(bytes(1024**2))


def _many_resources(pkg: Path) -> None:
    descriptor = _descriptor(pkg)
    template = next(r for r in descriptor["resources"] if r["name"] == "municipios")
    for i in range(200):
        (pkg / f"data/municipios_{i:03d}.csv").write_bytes((pkg / "data/municipios.csv").read_bytes())
        extra = json.loads(json.dumps(template))
        extra.update(
            name=f"municipios-{i:03d}", title=f"Municípios, cópia {i + 1}", path=f"data/municipios_{i:03d}.csv"
        )
        descriptor["resources"].append(extra)
    _write(pkg, descriptor)


def _symlink_inside(pkg: Path) -> None:
    shutil.move(pkg / "data/municipios.csv", pkg / "municipios-real.csv")
    (pkg / "data/municipios.csv").symlink_to(Path("..") / "municipios-real.csv")


@dataclass(frozen=True)
class Built:
    build: Callable[[Path], None]
    code: str | None  # the error expected; None: a legal package that must publish
    file: str
    field: str | None = None


BUILT: dict[str, Built] = {
    "one-line-2gb": Built(_one_line_file, "line-too-long", "data/atendimentos.csv"),
    "nested-100000": Built(_deep_descriptor, "json-too-deep", "datapackage.json"),
    "description-50mb": Built(_huge_description, "metadata-too-large", "datapackage.json"),
    "cell-5mi": Built(_huge_cell, "cell-too-long", "data/municipios.csv"),
    "gz-bomb": Built(_gz_bomb, "line-too-long", "data/atendimentos.csv.gz"),
    "zip-bomb": Built(_zip_bomb, "line-too-long", "data/atendimentos.csv.zip"),
    "many-resources": Built(_many_resources, None, ""),
    "symlink-inside": Built(_symlink_inside, None, ""),
}


# -- placing a case in a catalogue --------------------------------------------------------------


def _retarget(pkg: Path, catalogue: TmpCatalogue) -> str:
    """Point the package at the test organization; returns its dataset name (registered for purge)."""
    try:
        descriptor = _descriptor(pkg)
    except (ValueError, RecursionError, OSError):  # broken on purpose: its folder names it
        return str(catalogue.cleanup.dataset(pkg.name))
    if isinstance(descriptor, dict) and not (pkg / "datapackage.json").is_symlink():
        descriptor["owner_org"] = catalogue.org
        _write(pkg, descriptor)
    name = descriptor.get("name") if isinstance(descriptor, dict) else None
    return str(catalogue.cleanup.dataset(str(name or pkg.name)))


def place(case: str, catalogue: TmpCatalogue, tmp_path: Path) -> tuple[Path, str, dict[str, Any]]:
    """(package folder, dataset name, expected {code, file, field}) of one case."""
    if case in CORPUS_CASES:
        pkg = catalogue.dir / case
        shutil.copytree(CORPUS / case, pkg, symlinks=True)
        (pkg / "expected.json").unlink()
        expected = json.loads((CORPUS / case / "expected.json").read_text(encoding="utf-8"))
    elif case in RUNTIME_CASES:
        (tmp_path / "runtime").mkdir()
        built_pkg, expected, env = RUNTIME[case](tmp_path / "runtime")
        assert not env, f"{case} needs lowered limits: not a case of this suite"
        pkg = catalogue.dir / case
        shutil.move(built_pkg, pkg)
    else:
        built = BUILT[case]
        pkg = catalogue.dir / case
        shutil.copytree(BASE, pkg)
        descriptor = _descriptor(pkg)
        descriptor["name"] = case
        _write(pkg, descriptor)
        built.build(pkg)
        expected = {"code": built.code, "file": built.file, "field": built.field}
    return pkg, _retarget(pkg, catalogue), expected


def errors_of(child: Child) -> list[dict[str, Any]]:
    datasets = child.out.get("datasets") or []
    return [e for d in datasets for e in d.get("validation_errors") or []]


CASES = sorted(CORPUS_CASES + RUNTIME_CASES + tuple(BUILT))


@pytest.mark.parametrize("case", CASES)
def test_a_hostile_input_is_refused_clearly_with_nothing_sent_or_published_right(
    case: str,
    catalogue: TmpCatalogue,
    ckan: ckanapi.RemoteCKAN,
    tmp_path: Path,
    suite_figures: Callable[[str], None],
) -> None:
    pkg, name, expected = place(case, catalogue, tmp_path)
    with FaultProxy(catalogue.ckan_url) as counter:
        child = run_child(["publish", "--json", str(pkg)], child_env(catalogue, counter.url), tmp_path)
    errors = errors_of(child)
    found = [e for e in errors if e["code"] == expected["code"]]
    shown = found[0] if found else {}
    suite_figures(
        f"hostile {case}: exit {child.code}, "
        + (f"{shown.get('code')} in {shown.get('file')}" if found else "published")
        + f", {counter.writes()} writes, {child.seconds:.1f} s, peak RSS {child.rss_mb:.0f} MB"
    )
    assert child.out, (child.code, child.stdout[-2000:], child.stderr[-2000:])
    assert child.rss_mb < MAX_RSS_MB
    if expected["code"] is None:
        (dataset,) = child.out["datasets"]
        assert (child.code, dataset["action"], dataset["public"]) == (0, "created", True), child.out
        held = ckan.action.package_show(id=name)
        keys = [resource_key(r) for r in held["resources"]]
        data = [r["name"] for r in _descriptor(pkg)["resources"]]
        # The data in the package's order, then the package's own files (README, CHANGELOG,
        # the zip when it fits, the descriptor).
        assert keys[: len(data)] == data and keys[-1] == DESCRIPTOR_RESOURCE, keys
        return
    assert child.code == 1, child.out
    assert found, errors
    # Named in the expected file (a foreign key reading the same file may name it a second time).
    assert any(e["file"] == expected["file"] for e in found), found
    assert all(e["hint"] and e["message"] for e in found), found
    if expected.get("field"):
        assert any(e["field"] == expected["field"] for e in found), found
    assert counter.writes() == 0, counter.calls
    with pytest.raises(ckanapi.NotFound):
        ckan.action.package_show(id=name)


def test_a_token_echoed_by_a_fake_portal_reaches_no_output_log_or_ledger(
    catalogue: TmpCatalogue, tmp_path: Path, suite_figures: Callable[[str], None]
) -> None:
    """A FAKE portal (not CKAN) that puts the token it received into every answer and error."""
    token = catalogue.token_file.read_text(encoding="utf-8").strip()
    name = catalogue.add("eco")
    with FakePortal() as fake:
        echo = {"success": False, "error": {"__type": "Validation Error", "message": f"token {token} recusado"}}
        fake.script("status_show", *[Reply.ok({"ckan_version": "2.12.0", "site_url": fake.url})] * 5)
        fake.script("user_show", *[Reply.ok({"name": f"user-{token}", "id": token, "sysadmin": True})] * 5)
        for action in ("organization_show", "package_show", "organization_create", "package_create"):
            fake.script(action, *[Reply(409, echo, {"X-Echo": token})] * 20)
        child = run_child(["publish", "--json"], child_env(catalogue, fake.url), tmp_path)
        sent = len(fake.seen)
    leaks = [where for where, text in (("stdout", child.stdout), ("stderr", child.stderr)) if token in text]
    leaks += [str(p) for p in catalogue.root.rglob("*") if p.is_file() and token.encode() in p.read_bytes()]
    suite_figures(
        f"hostile token-echo ({name}): exit {child.code}, {sent} requests to the fake, token in output, logs "
        f"or ledger {len(leaks)} (must be 0)"
    )
    assert sent > 0 and child.code != 0
    assert not leaks, leaks
