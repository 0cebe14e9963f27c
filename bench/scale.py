"""Benchmark: a catalogue of thousands of small datasets (default 10,000) on the local CKAN.

Generates N one-file state-style packages (a ~1 KB `;` CSV with decimal commas, the tests'
valid profile descriptor) spread over `--orgs` organizations, publishes them once (the setup,
timed but not the point), then measures, each as a separate `publisher` CLI process (what a
scheduled job runs), with its wall time, peak RSS (`ru_maxrss` of the process, read at exit),
HTTP requests and bytes (counted inside the process, below requests), and what it did:

  noop          `publish --json` with nothing changed, twice: the setup recorded the datasets it
                created in sync, so both are the steady state of a scheduled run (datasets known
                in sync are not planned again; a reused catalogue's first run may plan some)
  noop-show     the same with batched reads off (`PUBLISHER_PORTAL_BATCH_MIN=0`): one
                `package_show` per dataset, the way every run read the portal before
  noop-nostat   the same with the stat cache off (`PUBLISHER_STAT_CACHE=false`): every file hashed
  ckanapi-noop  plain ckanapi, in this process: one `package_show` per dataset (the minimum
                check a tool without batching makes); ratio noop / ckanapi-noop
  changed       `--changed-pct` (1 %) of the packages get one CSV value rewritten, then
                `publish --json`: which datasets were written (must be exactly those)
  noop-after-change  `publish --json` right after: what the next scheduled run costs (the
                datasets just written are known in sync already)
  plan          `plan --json` with nothing to do
  validate-cold `validate --json` with the validation and stat caches removed
  validate-warm `validate --json` again

Everything is named `bench-<run id>-...` and purged at the end (datasets in 4 threads, their
stored upload files, then the organizations), also after a failure or Ctrl-C (`--keep` skips
the purge). Run it on a portal of its own, not a shared one: it loads N datasets into it.
Not a test: nothing asserts; the targets are printed as met / MISSED.

The setup of 10,000 datasets takes half an hour; `--work DIR --setup-only` builds and publishes
the catalogue in DIR and keeps it, and `--reuse DIR` measures on it later (as often as wanted:
each run rewrites another 1 %), purging at the end unless `--keep` is given again.

    python bench/scale.py [--datasets 10000] [--orgs 10] [--changed-pct 1] [--workers 4] [--json]
    python bench/scale.py --work /var/tmp/scale10k --setup-only      # then, later:
    python bench/scale.py --reuse /var/tmp/scale10k [--keep] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import benchlib as b

from publisher.settings import Settings
from publisher.sync.apply import publish

# Run inside each measured CLI process: count requests and bytes below requests, and print the
# process's own peak RSS at exit (a child's ru_maxrss read from here would start from ours).
PROBE = r"""
import atexit, json, resource, sys
import requests
_send = requests.Session.send
_t = {"requests": 0, "sent_bytes": 0, "received_bytes": 0}
def _count(self, request, **kw):
    r = _send(self, request, **kw)
    _t["requests"] += 1
    body = request.body
    _t["sent_bytes"] += len(body) if isinstance(body, (bytes, str)) else int(request.headers.get("Content-Length") or 0)
    if not kw.get("stream"):
        _t["received_bytes"] += len(r.content)
    return r
requests.Session.send = _count
def _report():
    _t["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    _t["children_maxrss_kb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    sys.stderr.write("\nSCALE-PROBE " + json.dumps(_t) + "\n")
atexit.register(_report)
from publisher.cli import main
sys.argv = ["publisher", *sys.argv[1:]]
main()
"""

ROWS = 20


def log(msg: str) -> None:
    print(f"[scale] {time.strftime('%H:%M:%S')} {msg}", file=sys.stderr, flush=True)


def small_csv(path: Path, seed: int) -> None:
    rng = random.Random(seed)
    lines = ["id;municipio;valor;faixa"]
    for i in range(1, ROWS + 1):
        value = f"{rng.randint(0, 9_999_999):,}".replace(",", ".") + f",{rng.randint(0, 99):02d}"
        lines.append(f"{i};{rng.choice(b.TOWNS)};{value};{rng.randint(1, 3)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8-sig"))


def make_catalogue(root: Path, prefix: str, n: int, orgs: list[str], c: b.Cleanup) -> tuple[Path, list[str]]:
    template, changelog = b.template_descriptor(root)
    cat = root / "datapackages"
    cat.mkdir(parents=True)
    (cat / "organizations.json").write_text(
        json.dumps([{"name": o, "title": f"Benchmark {o}"} for o in orgs], ensure_ascii=False), encoding="utf-8"
    )
    names = []
    for i in range(n):
        name = c.dataset(f"{prefix}-{i:05d}")
        pkg = cat / name
        small_csv(pkg / "data" / "parte-1.csv", seed=i)
        desc = b.package_descriptor(template, name, orgs[i % len(orgs)], ["data/parte-1.csv"])
        (pkg / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False, indent=2), encoding="utf-8")
        (pkg / "CHANGELOG.md").write_text(changelog, encoding="utf-8")
        names.append(name)
    return cat, names


def cli(root: Path, p: b.Portal, args: list[str], env_extra: dict[str, str] | None = None) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PUBLISHER_", "CKAN_"))}
    env.update(
        PYTHONPATH=str(b.ROOT), CKAN_URL=p.url, CKAN_API_TOKEN_FILE=str(p.token_file), PUBLISHER_ROOT=str(root),
        PUBLISHER_DATAPACKAGES_DIR=str(root / "datapackages"), PUBLISHER_MAX_REQUESTS_PER_SECOND="0",
        **(env_extra or {}),
    )  # fmt: skip
    with b.Timer() as t:
        proc = subprocess.run(
            [sys.executable, "-c", PROBE, *args], cwd=root, env=env, capture_output=True, text=True, check=False
        )
    probe: dict[str, Any] = {}
    for line in proc.stderr.splitlines():
        if line.startswith("SCALE-PROBE "):
            probe = json.loads(line.removeprefix("SCALE-PROBE "))
    try:
        answer: Any = json.loads(proc.stdout)
    except ValueError:
        answer = None
    fig: dict[str, Any] = {
        "wall_s": round(t.seconds, 2),
        "exit": proc.returncode,
        "peak_rss_mb": round(probe.get("maxrss_kb", 0) / 1024, 1),
        "children_peak_rss_mb": round(probe.get("children_maxrss_kb", 0) / 1024, 1),
        "requests": probe.get("requests"),
        "sent_bytes": probe.get("sent_bytes"),
        "received_bytes": probe.get("received_bytes"),
    }
    if answer is None:
        fig["stderr_tail"] = proc.stderr[-800:]
    fig["_answer"] = answer
    return fig


def publish_summary(fig: dict[str, Any]) -> dict[str, Any]:
    answer = fig.pop("_answer") or {}
    datasets = answer.get("datasets") or []
    actions: dict[str, int] = {}
    for d in datasets:
        actions[d["action"]] = actions.get(d["action"], 0) + 1
    fig.update(
        actions=actions,
        write_requests=answer.get("write_requests"),
        uploaded_bytes=answer.get("uploaded_bytes"),
        written=sorted(d["name"] for d in datasets if d.get("write_requests")),
    )
    return fig


def change_some(cat: Path, names: list[str], pct: float) -> list[str]:
    step = max(1, round(100 / pct))
    chosen = names[::step]
    for name in chosen:
        f = cat / name / "data" / "parte-1.csv"
        lines = f.read_bytes().decode("utf-8-sig").split("\n")
        cells = lines[1].split(";")
        cells[3] = "2" if cells[3] != "2" else "3"  # faixa stays in its enum (1-3)
        lines[1] = ";".join(cells)
        f.write_bytes("\n".join(lines).encode("utf-8-sig"))
    return chosen


def purge(c: b.Cleanup, threads: int = 4) -> None:
    names = list(c.datasets)
    shares = [names[i::threads] for i in range(threads)]
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(c.purge_datasets, shares))
    c.datasets.clear()


STATE = "scale-run.json"


def setup(args: argparse.Namespace, p: b.Portal, c: b.Cleanup, work: Path, prefix: str) -> dict[str, Any]:
    """Generate the catalogue in `work`, publish it once, and write down what a later `--reuse` needs."""
    orgs = [f"{prefix}-org-{k:02d}" for k in range(args.orgs)]
    for org in orgs:
        b.create_organization(p, c, org)
    log(f"generating {args.datasets} packages in {args.orgs} organizations")
    root = work / "p"
    cat, names = make_catalogue(root, prefix, args.datasets, orgs, c)
    settings = Settings(root=root, datapackages_dir=cat, CKAN_URL=p.url, CKAN_API_TOKEN_FILE=p.token_file,
                        max_requests_per_second=0)  # fmt: skip
    log("first publish (setup: validates every package, creates every dataset)")
    with b.Timer() as t:
        first = publish(settings, workers=args.workers)
    actions: dict[str, int] = {}
    for o in first.datasets:
        actions[o.action] = actions.get(o.action, 0) + 1
    fig = {"wall_s": round(t.seconds, 1), "requests": first.requests, "actions": actions,
           "datasets_per_s": round(args.datasets / t.seconds, 1)}  # fmt: skip
    log(f"first publish: {fig}")
    state = {"prefix": prefix, "portal": p.url, "orgs": orgs, "names": names, "first_publish": fig}
    (work / STATE).write_text(json.dumps(state), encoding="utf-8")
    return state


def reuse(work: Path, p: b.Portal, c: b.Cleanup) -> dict[str, Any]:
    """The state a `--setup-only` run left in `work`, its datasets and organizations registered for the purge."""
    state: dict[str, Any] = json.loads((work / STATE).read_text(encoding="utf-8"))
    if state["portal"] != p.url:
        sys.exit(f"{work} was set up on {state['portal']}, not on {p.url}")
    for org in state["orgs"]:
        c.organization(org)
    for name in state["names"]:
        c.dataset(name)
    return state


def measure(args: argparse.Namespace, p: b.Portal, state: dict[str, Any], work: Path) -> dict[str, Any]:
    out: dict[str, Any] = {"first_publish": state["first_publish"]}
    root = work / "p"
    cat, names = root / "datapackages", state["names"]
    for key, extra in (("noop", None), ("noop_again", None), ("noop_show", {"PUBLISHER_PORTAL_BATCH_MIN": "0"}),
                       ("noop_nostat", {"PUBLISHER_STAT_CACHE": "false"})):  # fmt: skip
        if key in args.skip:
            continue
        log(key)
        out[key] = publish_summary(cli(root, p, ["publish", "--json", "--workers", str(args.workers)], extra))
        out[key].pop("written")
        log(f"{key}: {out[key]}")
    if "ckanapi_noop" not in args.skip:
        log("plain ckanapi no-op (package_show each)")
        out["ckanapi_noop"] = b.plain_noop(p, names)
    changed = change_some(cat, names, args.changed_pct)
    log(f"changed {len(changed)} packages; publish")
    fig = publish_summary(cli(root, p, ["publish", "--json", "--workers", str(args.workers)]))
    fig["changed"] = len(changed)
    fig["only_changed_written"] = fig["written"] == sorted(changed)
    fig["written"] = len(fig["written"])
    out["changed"] = fig
    log(f"changed: {fig}")
    if "noop_after_change" not in args.skip:
        log("noop_after_change")
        fig = publish_summary(cli(root, p, ["publish", "--json", "--workers", str(args.workers)]))
        fig.pop("written")
        out["noop_after_change"] = fig
        log(f"noop_after_change: {fig}")
    log("plan --json")
    plan = cli(root, p, ["plan", "--json"])
    answer = plan.pop("_answer") or {}
    plan["datasets"] = len(answer.get("datasets") or [])
    plan["nothing_to_do"] = sum(bool(d.get("nothing_to_do")) for d in answer.get("datasets") or [])
    out["plan"] = plan
    shutil.rmtree(root / ".publisher" / "cache", ignore_errors=True)
    for key in ("validate_cold", "validate_warm"):
        log(key)
        fig = cli(root, p, ["validate", "--json"])
        answer = fig.pop("_answer") or {}
        fig["valid"] = sum(bool(x.get("valid")) for x in answer.get("packages") or [])
        out[key] = fig
    return out


TARGETS = (
    ("noop", "wall_s", "<", 10.0, "no-op publish < 10 s"),
    ("noop", "peak_rss_mb", "<", 300.0, "no-op publish < 300 MB RSS"),
    ("plan", "wall_s", "<", 15.0, "plan --json < 15 s"),
)


def report(out: dict[str, Any]) -> None:
    rows = [("first_publish", "first publish (setup, in-process)")]
    rows += [(k, k.replace("_", " ")) for k in ("noop", "noop_again", "noop_show", "noop_nostat", "ckanapi_noop",
                                                 "changed", "noop_after_change", "plan", "validate_cold",
                                                 "validate_warm")]  # fmt: skip
    print(f"\nscale run {out['run_id']}: {out['datasets']} datasets, {out['orgs']} organizations, "
          f"load at start {out['machine']['load_1min_at_start']}")  # fmt: skip
    print(f"{'scenario':<34}{'wall':>9}{'requests':>10}{'RSS MB':>9}  notes")
    for key, label in rows:
        fig = out.get(key)
        if not fig:
            continue
        notes = {k: v for k, v in fig.items() if k not in ("wall_s", "requests", "peak_rss_mb")}
        rss = fig.get("peak_rss_mb", "")
        print(f"{label:<34}{fig['wall_s']:>8}s{fig.get('requests') or '':>10}{rss:>9}  {json.dumps(notes)}")
    print()
    for key, field, op, limit, label in TARGETS:
        value = out.get(key, {}).get(field)
        print(f"{label}: {b.bar(value, op, limit)}")
    noop, plain = out.get("noop_again", {}).get("wall_s"), out.get("ckanapi_noop", {}).get("wall_s")
    if noop and plain:
        print(f"no-op / plain ckanapi no-op: {b.ratio(noop, plain)}")
    if "changed" in out:
        print(f"1% changed: only those written: {out['changed']['only_changed_written']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--datasets", type=int, default=10_000)
    parser.add_argument("--orgs", type=int, default=10)
    parser.add_argument("--changed-pct", type=float, default=1.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--keep", action="store_true", help="do not purge (for a look at the portal)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--skip", type=lambda v: set(v.split(",")), default=set(),
                        help="steps to leave out: noop_show,noop_nostat,ckanapi_noop (each reads every dataset once), "
                        "noop_after_change")  # fmt: skip
    parser.add_argument("--work", type=Path, help="build the catalogue in this folder (default: a temporary one)")
    parser.add_argument("--setup-only", action="store_true", help="publish the catalogue and keep it, for --reuse")
    parser.add_argument("--reuse", type=Path, metavar="DIR", help="measure on the catalogue a --setup-only left in DIR")
    args = parser.parse_args()
    b.warn_if_busy()
    p = b.portal()
    rid = b.run_id()
    prefix = f"bench-{rid}"
    keep = args.keep  # a --setup-only run keeps what it made once the setup has finished
    work = args.reuse or args.work or Path(tempfile.mkdtemp(prefix=f"{prefix}-"))
    c = b.Cleanup(p)
    state = reuse(work, p, c) if args.reuse else None
    datasets = len(state["names"]) if state else args.datasets
    orgs = len(state["orgs"]) if state else args.orgs
    out: dict[str, Any] = {"benchmark": "scale", "run_id": rid, "machine": b.machine(), "datasets": datasets,
                           "orgs": orgs, "reused": str(args.reuse) if args.reuse else None}  # fmt: skip
    try:
        if state is None:
            work.mkdir(parents=True, exist_ok=True)
            state = setup(args, p, c, work, prefix)
            keep = keep or args.setup_only
        if not args.setup_only:
            out.update(measure(args, p, state, work))
    finally:
        if not keep:
            log("purging")
            with b.Timer() as t:
                purge(c)
                c.purge()
            out["purge_s"] = round(t.seconds, 1)
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        report(out)


if __name__ == "__main__":
    main()
