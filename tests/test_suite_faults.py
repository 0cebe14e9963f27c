"""Reliability suite: the whole catalogue published through a FAULT-INJECTING FAKE proxy.

A copy of `datapackages/` (every package renamed to a unique name, every organization to a
test organization of the same shape, all purged afterwards) is published through `FaultProxy`
(tests/fault_proxy.py) in front of the REAL local CKAN. The proxy injects, seeded: 500/502/
503/504 before CKAN acts and after it acted, 429 with Retry-After, answers slower than the
client's timeout, connection resets mid-upload and answers truncated at 20%; each kind at least
once on the first publishes' own writes, the rest drawn from the seed over every request.
`publish` is rerun until a run succeeds (a bounded number of runs), then `verify` runs through
the proxy (faults still on) and directly, and the portal itself is checked: every dataset
public, no resource twice, every file's sha256 the package's.

The figures are printed at the end of the session ("reliability figures").
Rerun: `pytest -m slow -k suite_faults`.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ckanapi
import pytest
import requests
from fault_proxy import KINDS, Fault, FaultPlan, FaultProxy
from fixtures_publish import REPO, show
from typer.testing import CliRunner

from publisher.catalog import PackageDir
from publisher.ckan.mapping import DESCRIPTOR_RESOURCE
from publisher.ckan.slugs import resource_key
from publisher.cli import _register, app
from publisher.sync.desired import build_desired

pytestmark = pytest.mark.slow

SEED = 11
RATE = 0.12  # share of all requests given a seeded fault
MAX_RUNS = 6
TIMEOUT_S = 4.0  # the client's timeout in this suite; `slow` answers come after it
# Each kind once on the first publishes' writes, so every kind is seen whatever the seed draws.
SURE_FAULTS = (
    Fault("package_create", "before:502", 1),
    Fault("package_create", "after:502", 2),
    Fault("package_create", "after:504", 3),
    Fault("package_revise", "reset", 1),
    Fault("package_revise", "after:503", 2),
    Fault("package_revise", "slow", 3),
    Fault("package_revise", "before:500", 4),
    Fault("package_revise", "after:500", 5),
    Fault("package_revise", "truncate", 6),
    Fault("package_show", "429", 2),
    Fault("package_show", "before:503", 3),
    Fault("package_patch", "before:504", 1),
    Fault("package_show", "truncate", 4),
)


class Catalogue:
    """A copy of the project's catalogue under unique dataset and organization names."""

    def __init__(self, root: Path, make_name: Callable[[str], str], cleanup: Any) -> None:
        self.root = root
        self.dir = root / "datapackages"
        self.dir.mkdir(parents=True)
        source = REPO / "datapackages"
        orgs: list[dict[str, Any]] = json.loads((source / "organizations.json").read_text(encoding="utf-8"))
        renamed = {org["name"]: cleanup.organization(make_name(org["name"][:60])) for org in orgs}
        for org in orgs:
            org["name"] = renamed[org["name"]]
        (self.dir / "organizations.json").write_text(json.dumps(orgs, ensure_ascii=False), encoding="utf-8")
        self.names: list[str] = []
        for folder in sorted(p for p in source.iterdir() if (p / "datapackage.json").is_file()):
            name = cleanup.dataset(make_name(folder.name[:60]))
            shutil.copytree(folder, self.dir / name)
            path = self.dir / name / "datapackage.json"
            descriptor = json.loads(path.read_text(encoding="utf-8"))
            descriptor["name"], descriptor["owner_org"] = name, renamed[descriptor["owner_org"]]
            path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            self.names.append(name)

    def env(self, ckan_url: str, token_file: Path) -> dict[str, str | None]:
        return {
            "PUBLISHER_ROOT": str(self.root),
            "PUBLISHER_DATAPACKAGES_DIR": str(self.dir),
            "CKAN_URL": ckan_url,
            "CKAN_API_TOKEN_FILE": str(token_file),
            "CKAN_API_TOKEN": None,
            "PUBLISHER_LANG": "pt",
            "PUBLISHER_TIMEOUT_SECONDS": str(TIMEOUT_S),
        }


def run(cli: CliRunner, command: str, env: dict[str, str | None]) -> tuple[int, dict[str, Any]]:
    result = cli.invoke(app, [command, "--json"], env=env)
    try:
        return result.exit_code, json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"{command} gave no JSON (exit {result.exit_code}): {result.output[-3000:]}")


def duplicates(dataset: dict[str, Any]) -> int:
    return sum(n - 1 for n in Counter(resource_key(r) for r in dataset["resources"]).values())


def wrong_files(ckan_url: str, catalogue: Catalogue, name: str, dataset: dict[str, Any]) -> list[str]:
    """Resources whose file on the portal (downloaded directly) is not the package's, byte for byte."""
    held = {resource_key(r): r for r in dataset["resources"]}
    wrong = []
    for want in build_desired(PackageDir(catalogue.dir / name)).resources:
        url = str(held.get(want.name, {}).get("url", ""))
        path = url.split("/dataset/", 1)[-1] if "/dataset/" in url else None
        got = requests.get(f"{ckan_url}/dataset/{path}", timeout=60) if path else None
        sha = hashlib.sha256(got.content).hexdigest() if got is not None and got.status_code == 200 else None
        # The published datapackage.json (and the zip holding it) name the dataset's resource ids:
        # they are generated for the portal, so they are checked whole against what CKAN stored.
        generated = want.name == DESCRIPTOR_RESOURCE or want.name.endswith(".zip")
        if sha is None or (sha not in str(held[want.name].get("hash")) if generated else sha != want.sha256):
            wrong.append(f"{name}/{want.name}")
    return wrong


def test_the_catalogue_converges_through_a_faulty_proxy(
    tmp_path: Path,
    unique_name: Callable[[str], str],
    ckan_url: str,
    ckan_token_file: Path,
    ckan_cleanup: Any,
    ckan: ckanapi.RemoteCKAN,
    suite_figures: Callable[[str], None],
) -> None:
    _register()
    cli = CliRunner()
    catalogue = Catalogue(tmp_path, unique_name, ckan_cleanup)
    exits: list[int] = []
    with FaultProxy(ckan_url, *SURE_FAULTS, plan=FaultPlan(SEED, RATE), slow_s=TIMEOUT_S + 1.5) as proxy:
        env = catalogue.env(proxy.url, ckan_token_file)
        while len(exits) < MAX_RUNS and (not exits or exits[-1] != 0):
            exits.append(run(cli, "publish", env)[0])
        _, again = run(cli, "publish", env)
        changed_again = [d["name"] for d in again["datasets"] if d["action"] != "unchanged"]
        verify_proxy_code, verify_proxy = run(cli, "verify", env)
    verify_code, verified = run(cli, "verify", catalogue.env(ckan_url, ckan_token_file))

    portal = {name: show(ckan, name) for name in catalogue.names}
    dup = sum(duplicates(d) for d in portal.values())
    private = [n for n, d in portal.items() if d["private"] or d["state"] != "active"]
    wrong = [w for n, d in portal.items() for w in wrong_files(ckan_url, catalogue, n, d)]
    problems = sum(len(d["problems"]) for d in verified["datasets"])
    problems_proxy = sum(len(d["problems"]) for d in verify_proxy["datasets"])
    kinds = proxy.injected_by_kind()
    suite_figures(
        f"fault proxy (seed {SEED}): {len(catalogue.names)} datasets, {sum(len(d['resources']) for d in portal.values())} "
        f"resources, {sum(proxy.calls.values())} requests, {len(proxy.injected)} faults injected "
        f"({', '.join(f'{k} {kinds[k]}' for k in KINDS if kinds[k])}); runs to converge {len(exits)} "
        f"(exits {exits}), datasets changed by a rerun {len(changed_again)} (must be 0), duplicates {dup} (must be 0), "
        f"left private {len(private)} (must be 0), wrong sha256 {len(wrong)} (must be 0), "
        f"verify problems through the proxy {problems_proxy} (must be 0), directly {problems} (must be 0)"
    )
    assert set(KINDS) <= set(kinds), kinds
    assert exits[-1] == 0, exits
    assert not changed_again, again
    assert dup == 0 and not private and not wrong, (dup, private, wrong)
    assert (verify_proxy_code, problems_proxy) == (0, 0), verify_proxy
    assert (verify_code, problems) == (0, 0), verified
