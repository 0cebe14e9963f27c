"""Benchmark: publishing a 20 x 3 x ~1 MB catalogue to the local CKAN, publisher vs plain ckanapi.

One run, one generated catalogue (state-style CSVs, valid in the portal profile), one
benchmark organization, every dataset named `bench-<run id>-...`:

  a   plain ckanapi, first publish: package_create + one resource_create (upload) per file,
      sequential (the minimum any tool must do);
  a4  the same calls from 4 threads: what parallel clients can gain on this portal at all;
  b   publisher `publish(workers=1)`, first publish, validation cache warm (the catalogue is
      validated once beforehand, as `publisher validate` would, and that time is reported);
  c   the same with `workers=4` (the default);
  bx/cx  b and c with the publisher's request-rate limit off (ckanapi has none);
  c0  first publish with the validation cache cold (fresh files are always cold), i.e. what
      one `publisher publish` costs when nobody validated first;
  d   second publish, nothing changed (median of 3); dx: the same with no rate limit;
  e   plain ckanapi no-op minimum: one package_show per dataset (median of 3);
  f   one CSV rewritten, then publish: only that file goes up, same resource id and URL.

First publishes run in `--rounds` rounds (default 3) of every scenario; after each run its
datasets are purged, so the next run again publishes names the portal does not hold, and
medians are reported (figures on this shared 2-core machine move by +-30 % between runs).
HTTP requests of the ckanapi runs are counted on the requests Session handed to RemoteCKAN;
the publisher counts its own (retries included). Everything created is purged at the end,
also on failure. Not a test: nothing asserts; bars are printed as met / MISSED.

    python bench/publish_catalogue.py [--packages 20] [--files 3] [--size-mb 1] [--rounds 3]
                                      [--no-cold] [--max-rps N] [--json]
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import benchlib as b

from publisher.catalog import find_packages
from publisher.ckan.slugs import resource_key
from publisher.settings import Settings
from publisher.sync.apply import publish
from publisher.sync.result import PublishResult
from publisher.validation import validate_all


def settings_for(cat: b.Catalogue, p: b.Portal, rate: dict[str, float]) -> Settings:
    # The DataStore off: plain ckanapi publishes files only, so the publisher is measured doing
    # the same (loading 60 MB of tables into the DataStore takes CKAN minutes; datastore_load.py
    # measures that apart).
    return Settings(root=cat.root, datapackages_dir=cat.dir, CKAN_URL=p.url, CKAN_API_TOKEN_FILE=p.token_file,
                    datastore=False, **rate)  # fmt: skip


def plain_first_publish(
    p: b.Portal, cat_names: list[str], org: str, files: list[list[Path]], c: b.Cleanup
) -> dict[str, Any]:
    """(a): the fewest calls that put the files on the portal with ckanapi alone."""
    session = b.CountingSession()
    ckan = b.remote(p, session)
    file_bytes = 0
    with b.Timer() as t:
        for name, paths in zip(cat_names, files, strict=False):
            c.dataset(name)
            ds = ckan.action.package_create(
                name=name, title=f"Despesas por município ({name})", owner_org=org, license_id="cc-by",
                notes="Amostra.", tags=[{"name": "despesas"}],
            )  # fmt: skip
            for i, path in enumerate(paths, start=1):
                with path.open("rb") as fh:
                    ckan.call_action("resource_create", {"package_id": ds["id"], "name": f"parte-{i}", "format": "CSV"},
                                     files={"upload": (path.name, fh)})  # fmt: skip
                file_bytes += path.stat().st_size
    ckan.close()
    return {"wall_s": round(t.seconds, 3), "requests": session.requests, "uploaded_bytes": file_bytes,
            "body_bytes": session.body_bytes}  # fmt: skip


plain_noop = b.plain_noop  # (e): one package_show per dataset


def run_publish(settings: Settings, workers: int) -> tuple[dict[str, Any], PublishResult]:
    with b.Timer() as t:
        result = publish(settings, workers=workers)
    problems = [f"{o.name}: {o.action} {o.error_code} {o.error_message}" for o in result.datasets
                if o.action in ("failed", "invalid", "skipped")]  # fmt: skip
    figures = {
        "wall_s": round(t.seconds, 3),
        "requests": result.requests,
        "write_requests": result.write_requests,
        "uploaded_bytes": result.uploaded_bytes,
        "uploaded_files": sum(o.uploaded_files for o in result.datasets),
        "actions": sorted({o.action for o in result.datasets}),
    }
    if problems:
        figures["problems"] = problems[:5]
    return figures, result


def prevalidate(settings: Settings) -> float:
    with b.Timer() as t:
        report = validate_all(find_packages(settings.catalogue_dir), settings)
    if not all(pkg.valid for pkg in report.packages):
        bad = [(pkg.name, [e.message for e in pkg.errors[:2]]) for pkg in report.packages if not pkg.valid]
        raise SystemExit(f"generated catalogue is not valid: {bad[:3]}")
    return round(t.seconds, 3)


def resource_of(p: b.Portal, dataset: str, resource: str) -> dict[str, Any]:
    with b.remote(p) as ckan:
        ds = ckan.action.package_show(id=dataset)
    (res,) = [r for r in ds["resources"] if resource_key(r) == resource]  # names are titles on the portal
    return {"id": res["id"], "url": res["url"], "size": res.get("size"), "hash": res.get("hash")}


def plain_first_publish_parallel(p: b.Portal, names: list[str], org: str, files: list[list[Path]], c: b.Cleanup,
                                 threads: int) -> dict[str, Any]:  # fmt: skip
    """(a4): the same calls as (a), one thread per share of the packages: what parallelism can gain here."""
    shares = [list(range(i, len(names), threads)) for i in range(threads)]
    with b.Timer() as t, ThreadPoolExecutor(threads) as pool:
        parts = list(pool.map(lambda idx: plain_first_publish(p, [names[i] for i in idx], org, [files[i] for i in idx], c),
                              shares))  # fmt: skip
    return {"wall_s": round(t.seconds, 3), "requests": sum(x["requests"] for x in parts),
            "uploaded_bytes": sum(x["uploaded_bytes"] for x in parts), "threads": threads}  # fmt: skip


def noop(cat: b.Catalogue, p: b.Portal, rate: dict[str, float]) -> dict[str, Any]:
    runs = [run_publish(settings_for(cat, p, rate), 4)[0] for _ in range(3)]
    return median_of(runs)


def median_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run with the median wall time, with every run's wall time beside it."""
    ordered = sorted(runs, key=lambda r: r["wall_s"])
    fig = dict(ordered[len(ordered) // 2])
    fig["wall_s_all"] = [r["wall_s"] for r in runs]
    return fig


FIRST = {  # scenario: (label, workers or None for plain ckanapi, rate limit on?)
    "a": ("plain ckanapi, sequential", None, True),
    "a4": ("plain ckanapi, 4 threads", 4, True),
    "b": ("publisher workers=1", 1, True),
    "bx": ("publisher workers=1, no rate limit", 1, False),
    "c": ("publisher workers=4", 4, True),
    "cx": ("publisher workers=4, no rate limit", 4, False),
}


def run(args: argparse.Namespace) -> dict[str, Any]:
    p = b.portal()
    rid = b.run_id()
    prefix = f"bench-{rid}"
    size = int(args.size_mb * b.MB)
    work = Path(tempfile.mkdtemp(prefix=f"{prefix}-"))
    default_rps = Settings().max_requests_per_second
    limited = {} if args.max_rps is None else {"max_requests_per_second": args.max_rps}
    unlimited = {"max_requests_per_second": 0.0}
    out: dict[str, Any] = {"benchmark": "publish_catalogue", "run_id": rid, "machine": b.machine(), "rounds": args.rounds,
                           "catalogue": {"packages": args.packages, "files_per_package": args.files},
                           "publisher_rate_limit_rps": args.max_rps if args.max_rps is not None else default_rps}  # fmt: skip
    names = {s: [f"{prefix}-{s}-{i:02d}" for i in range(args.packages)] for s in ("a", "a4", "p", "k")}
    try:
        with b.cleanup(p) as c:
            org = f"{prefix}-org"
            b.create_organization(p, c, org)
            data = b.make_data(work / "source", args.packages, args.files, size)
            out["catalogue"]["total_bytes"] = sum(f.stat().st_size for row in data for f in row)
            for s in ("a", "a4"):
                for n in names[s]:
                    c.dataset(n)
            # One catalogue for every publisher scenario: between runs its datasets are purged,
            # so each run is a first publish of names the portal does not hold.
            cat = b.make_catalogue(work / "p", org, names["p"], data, c)
            log("validating the catalogue (fills the validation cache the publisher runs then use)")
            out["validation_s"] = prevalidate(settings_for(cat, p, limited))

            runs: dict[str, list[dict[str, Any]]] = {s: [] for s in FIRST}
            times = b.ActionTimes()  # where the time of the sequential runs goes, action by action
            out["action_times_last_round"] = {}
            for r in range(args.rounds):
                for s, (label, workers, limit) in FIRST.items():
                    log(f"round {r + 1}/{args.rounds}: {s} {label}")
                    times.take()
                    if s == "a":
                        runs[s].append(plain_first_publish(p, names["a"], org, data, c))
                    elif s == "a4":
                        runs[s].append(plain_first_publish_parallel(p, names["a4"], org, data, c, 4))
                    else:
                        figures, _ = run_publish(settings_for(cat, p, limited if limit else unlimited), workers or 1)
                        runs[s].append(figures)
                    if s in ("a", "bx"):
                        out["action_times_last_round"][s] = times.take()
                    if not (r == args.rounds - 1 and s == list(FIRST)[-1]):
                        c.purge_datasets(names["p"] if s not in ("a", "a4") else names[s])
            for s in FIRST:
                out[f"first_{s}"] = median_of(runs[s])

            if not args.no_cold:
                log("c0: publisher first publish, workers=4, cache cold")
                cold = b.make_catalogue(work / "k", org, names["k"], data, c)
                out["first_c0_cold"], _ = run_publish(settings_for(cold, p, limited), 4)
                c.purge_datasets(names["k"])

            log("d / dx: publish again, nothing changed (x3)")
            out["noop_d"] = noop(cat, p, limited)
            out["noop_dx"] = noop(cat, p, unlimited)
            log("e: plain ckanapi no-op (x3)")
            out["noop_e"] = median_of([plain_noop(p, names["p"]) for _ in range(3)])

            log("f: one CSV changed, publish again")
            target_ds, target_res = names["p"][0], "parte-2"
            before = resource_of(p, target_ds, target_res)
            changed = cat.package(target_ds) / "data" / "parte-2.csv"
            tmp = changed.with_suffix(".new")
            b.write_csv(tmp, size, seed=999_999)
            tmp.replace(changed)
            f, result = run_publish(settings_for(cat, p, limited), 4)
            after = resource_of(p, target_ds, target_res)
            f.update({
                "changed_file_bytes": changed.stat().st_size,
                "updated_datasets": [o.name for o in result.datasets if o.action == "updated"],
                "resource_before": before,
                "resource_after": after,
                "same_id": before["id"] == after["id"],
                "same_url": before["url"] == after["url"],
            })  # fmt: skip
            out["one_file_f"] = f
        out["cleanup_notes"] = c.notes
    finally:
        shutil.rmtree(work, ignore_errors=True)

    wall = {s: [x["wall_s"] for x in runs[s]] for s in FIRST}
    med = {s: out[f"first_{s}"]["wall_s"] for s in FIRST}
    e = out["noop_e"]["wall_s"]
    out["ratios"] = {
        "b_over_a": b.ratio(med["b"], med["a"]),
        "c_over_a": b.ratio(med["c"], med["a"]),
        "d_over_e": b.ratio(out["noop_d"]["wall_s"], e),
        "bx_over_a": b.ratio(med["bx"], med["a"]),
        "cx_over_a": b.ratio(med["cx"], med["a"]),
        "dx_over_e": b.ratio(out["noop_dx"]["wall_s"], e),
        "a4_over_a": b.ratio(med["a4"], med["a"]),
    }
    # Per round, each ratio against that round's own (a): how much the figures move.
    out["ratios_per_round"] = {
        f"{s}_over_a": [b.ratio(x, y) for x, y in zip(wall[s], wall["a"], strict=False)] for s in ("b", "c", "bx", "cx")
    }
    if "first_c0_cold" in out:
        out["ratios"]["c0_cold_over_a"] = b.ratio(out["first_c0_cold"]["wall_s"], med["a"])
    out["bars"] = {"b_over_a": "<= 1.3", "c_over_a": "< 1.0", "d_over_e": "<= 1.5"}
    return out


def log(text: str) -> None:
    print(f"[bench] {text}", file=sys.stderr, flush=True)


def human(out: dict[str, Any]) -> str:
    cat = out["catalogue"]
    lines = [f"publish_catalogue run {out['run_id']} ({out['machine']['date']}, {out['machine']['cpus']} CPUs, "
             f"load {out['machine']['load_1min_at_start']} at start)",
             f"catalogue: {cat['packages']} packages x {cat['files_per_package']} CSVs, {cat['total_bytes'] / b.MB:.1f} MB; "
             f"publisher rate limit {out['publisher_rate_limit_rps']} requests/s unless 'no rate limit'",
             f"validating it once beforehand: {out['validation_s']:.1f} s (the publisher runs below find every report in the cache)",
             f"first publishes: median of {out['rounds']} rounds (each round runs every scenario; its datasets are purged after)"]  # fmt: skip

    def row(label: str, key: str) -> None:
        fig = out.get(key)
        if fig is None:
            return
        parts = [f"{fig['wall_s']:6.2f} s", f"{fig['requests']:4d} requests"]
        if "write_requests" in fig:
            parts.append(f"{fig['write_requests']:4d} writes")
        if "uploaded_bytes" in fig:
            parts.append(f"{fig['uploaded_bytes'] / b.MB:6.2f} MB up")
        if "wall_s_all" in fig:
            parts.append(f"runs {fig['wall_s_all']}")
        extra = f"  [{'; '.join(fig['problems'])}]" if fig.get("problems") else ""
        lines.append(f"  {label:<54} " + ", ".join(parts) + extra)

    for s, (label, _, _) in FIRST.items():
        row(f"{s:<3}first publish, {label}", f"first_{s}")
    row("c0 first publish, publisher workers=4, cache cold", "first_c0_cold")
    row("d  publisher again, nothing changed", "noop_d")
    row("dx publisher again, nothing changed, no limit", "noop_dx")
    row("e  plain ckanapi no-op (package_show each)", "noop_e")
    row("f  publisher, one CSV changed", "one_file_f")
    f = out["one_file_f"]
    lines.append(f"     changed file {f['changed_file_bytes']} bytes, uploaded {f['uploaded_bytes']} bytes; "
                 f"updated {f['updated_datasets']}")  # fmt: skip
    lines.append(
        f"     resource id  before {f['resource_before']['id']}  after {f['resource_after']['id']}  same: {f['same_id']}"
    )
    lines.append(f"     resource URL before {f['resource_before']['url']}")
    lines.append(f"                  after  {f['resource_after']['url']}  same: {f['same_url']}")
    r = out["ratios"]
    lines.append(
        f"ratios of medians (publisher at {out['publisher_rate_limit_rps']} requests/s; with no limit in brackets):"
    )
    lines.append(f"  (b)/(a) = {b.bar(r['b_over_a'], '<=', 1.3)}   [(bx)/(a) = {b.bar(r['bx_over_a'], '<=', 1.3)}]")
    lines.append(f"  (c)/(a) = {b.bar(r['c_over_a'], '<', 1.0)}   [(cx)/(a) = {b.bar(r['cx_over_a'], '<', 1.0)}]")
    lines.append(f"  (d)/(e) = {b.bar(r['d_over_e'], '<=', 1.5)}   [(dx)/(e) = {b.bar(r['dx_over_e'], '<=', 1.5)}]")
    lines.append(f"  (a4)/(a) = {r['a4_over_a']}: what 4 parallel clients gain over 1 on this portal")
    if "c0_cold_over_a" in r:
        lines.append(f"  (c0)/(a) = {r['c0_cold_over_a']}: cold cache, validation of every file included (no bar)")
    lines.append(f"  per round: {out['ratios_per_round']}")
    lines.append("where the time goes (last round, sequential runs; seconds waiting on each action, count, ms each):")
    for s in ("a", "bx"):
        acts = out["action_times_last_round"].get(s, {})
        total = sum(v["seconds"] for v in acts.values())
        lines.append(
            f"  {s:<3} total {total:.2f} s: "
            + "; ".join(f"{k} {v['seconds']:.2f} s ({v['count']} x {v['ms_each']:.0f} ms)" for k, v in acts.items())
        )
    lines.append(
        "notes: per new dataset the publisher sends 3 requests to ckanapi's 4: package_show (plan), package_create"
    )
    lines.append(
        "       (private), one package_revise streaming the 3 CSVs + datapackage.json and making it public, atomically."
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--packages", type=int, default=20)
    parser.add_argument("--files", type=int, default=3)
    parser.add_argument("--size-mb", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of first publishes (medians reported)")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold-cache first publish (c0)")
    parser.add_argument(
        "--max-rps",
        type=float,
        default=None,
        help="the publisher's request-rate limit (default: the product's setting; 0 = none)",
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    b.warn_if_busy()
    out = run(args)
    print(json.dumps(out, default=str) if args.json else human(out))


if __name__ == "__main__":
    main()
