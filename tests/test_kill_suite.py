"""The kill suite: `publisher publish` in a subprocess against the real local CKAN, SIGKILLed at
seeded points of first publishes and of updates that add, prune and reorder resources (and bump
the version) at once. Each point is a request number and a side: "before" (the request never
reaches CKAN: a kill mid-upload looks the same to CKAN) or "after" (CKAN acted and committed;
the client never learned it). A forwarding proxy (test support) numbers the requests and kills.

After each kill: no public dataset is incomplete or mixed (a citizen, through the anonymous API
and the downloads' sha256, sees the previous version whole, the new one whole, or nothing); the
next run converges to what a clean publish of that version gives (ids, URLs and timestamps
aside); the ledger holds the first publication of every dataset made public. The figures are
printed; rerun one sequence with PUBLISHER_KILL_SEED=<seed> (the seed is printed on failure).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from dataclasses import dataclass, field
from typing import Any

import pytest
from fixtures_kill import HIDDEN, SignalProxy, TwoVersions, View, citizen_view, mixed, portal_shape
from fixtures_publish import TmpCatalogue

from publisher.ledger import Ledger

pytestmark = pytest.mark.slow

CLI = [sys.executable, "-c", "from publisher.cli import main; main()"]
MIN_KILLS = 30
SIDES = ("before", "after")


@dataclass
class Figures:
    seed: int
    kills: int = 0
    points: set[tuple[str, int, str]] = field(default_factory=set)
    mixed: list[str] = field(default_factory=list)
    not_converged: list[str] = field(default_factory=list)
    not_in_ledger: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"kill suite (seed {self.seed}): {self.kills} SIGKILLs at {len(self.points)} points "
            f"(first publishes {sum(p[0] == 'first' for p in self.points)}, updates "
            f"{sum(p[0] != 'first' for p in self.points)}); mixed states seen: {len(self.mixed)}; "
            f"not converged: {len(self.not_converged)}; first publications missing from the ledger: "
            f"{len(self.not_in_ledger)}"
        )


class Suite:
    def __init__(self, catalogue: TmpCatalogue) -> None:
        self.catalogue = catalogue
        self.token = catalogue.token_file.read_text(encoding="utf-8").strip()

    def run(self, name: str, proxy: SignalProxy | None = None) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CKAN_", "PUBLISHER_"))}
        env.update(PUBLISHER_ROOT=str(self.catalogue.root), PUBLISHER_DATAPACKAGES_DIR=str(self.catalogue.dir),
                   CKAN_URL=proxy.url if proxy else self.catalogue.ckan_url, PUBLISHER_LANG="pt",
                   CKAN_API_TOKEN_FILE=str(self.catalogue.token_file), PUBLISHER_RETRIES="0")  # fmt: skip
        args = [*CLI, "publish", "--prune", "--json", "--workers", "1", str(self.catalogue.path(name))]
        proc = subprocess.Popen(args, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if proxy is not None:
            proxy.victim = proc.pid
        out, err = proc.communicate(timeout=300)
        return subprocess.CompletedProcess(args, proc.returncode, out, err)

    def counted(self, name: str) -> int:
        """Publish `name` cleanly through a proxy that only counts: how many requests it takes."""
        with SignalProxy(self.catalogue.ckan_url) as proxy:
            done = self.run(name, proxy)
        assert done.returncode == 0, done.stderr
        return len(proxy.actions)

    def killed(self, name: str, at: int, side: str) -> bool:
        with SignalProxy(self.catalogue.ckan_url, kill_at=at, when=side) as proxy:
            self.run(name, proxy)
        return proxy.killed

    def converge(self, name: str) -> bool:
        return self.run(name).returncode == 0

    def shape(self, name: str) -> dict[str, Any]:
        return portal_shape(self.catalogue.ckan_url, name, self.token)

    def view(self, name: str) -> View:
        return citizen_view(self.catalogue.ckan_url, name)


def first_publications(catalogue: TmpCatalogue) -> set[str]:
    with Ledger.open(catalogue.root / ".publisher" / "ledger.sqlite") as ledger:
        return set(ledger.first_publications())


def test_sigkill_at_seeded_points_never_shows_a_mixed_dataset_and_the_next_run_converges(
    catalogue: TmpCatalogue, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = int(os.environ.get("PUBLISHER_KILL_SEED") or random.SystemRandom().randrange(10**6))
    rng, figures, suite = random.Random(seed), Figures(seed), Suite(catalogue)

    # References: a clean publish of each version, and how many requests each kind of run takes.
    updated = catalogue.add("kill-upd")
    versions = TwoVersions(catalogue, updated)
    assert suite.converge(updated)  # creates the organization: later first publishes do not
    reference = {"a": catalogue.add("kill-ref-a"), "b": catalogue.add("kill-ref-b")}
    TwoVersions(catalogue, reference["b"]).use("b")
    first_requests = suite.counted(reference["a"])
    assert suite.converge(reference["b"])
    shapes = {v: suite.shape(n) for v, n in reference.items()}
    versions.use("b")
    update_requests = suite.counted(updated)
    versions.use("a")
    assert suite.counted(updated) == update_requests

    points = [("first", k, s) for k in range(1, first_requests + 1) for s in SIDES]
    points += [("update", k, s) for k in range(1, update_requests + 1) for s in SIDES]
    rng.shuffle(points)
    current = "a"
    for kind, at, side in (points * 2)[: max(MIN_KILLS + 6, len(points))]:
        if kind == "first":
            name, target, before = catalogue.add("kill"), "a", HIDDEN
        else:
            name, target, before = updated, "b" if current == "a" else "a", suite.view(updated)
            versions.use(target)
        if not suite.killed(name, at, side):
            continue
        label = f"{kind} {current}->{target}" if kind == "update" else kind
        figures.kills += 1
        figures.points.add((label, at, side))
        during = suite.view(name)
        converged = suite.converge(name)
        if kind == "update":
            current = target if converged else current
        if not converged or suite.shape(name) != shapes[target]:
            figures.not_converged.append(f"{label} at {at} {side}")
        if mixed(during, before, suite.view(name)):
            figures.mixed.append(f"{label} at {at} {side}: {during}")
        if kind == "first" and name not in first_publications(catalogue):
            figures.not_in_ledger.append(f"{name} ({label} at {at} {side})")

    with capsys.disabled():
        print("\n" + figures.line())
    detail = json.dumps({"mixed": figures.mixed, "not converged": figures.not_converged,
                         "not in the ledger": figures.not_in_ledger}, ensure_ascii=False)  # fmt: skip
    assert figures.kills >= MIN_KILLS, figures.line()
    assert not (figures.mixed or figures.not_converged or figures.not_in_ledger), f"{figures.line()}\n{detail}"
