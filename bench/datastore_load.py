"""Benchmark: what loading a table into CKAN's DataStore adds to a publish, on the local CKAN.

One generated state-style CSV (`;`, decimal comma, thousands dot, utf-8-sig) of `--size-mb`,
in one package of a benchmark organization (everything purged at the end, also on failure):

  files   first publish with the DataStore off (PUBLISHER_DATASTORE=false): the files alone;
  load    the same package published again with the DataStore on: the table is loaded
          (typed columns, dictionary, preview), nothing else changes;
  noop    a third publish, nothing changed: requests sent (0 DataStore requests expected);
  rss     the process's peak RSS before and after the load (bounded memory: the load streams
          the file in batches of `--batch` rows, so the peak should not grow with the file).

Not a test: nothing asserts, figures move by +-30 % on this shared 2-core machine.

    python bench/datastore_load.py [--size-mb 20] [--batch 5000] [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
from pathlib import Path
from typing import Any

import benchlib as b

import publisher.validation  # noqa: F401  (first: importing publisher.ckan.mapping first is circular)
from publisher.settings import Settings
from publisher.sync.apply import publish


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=float, default=20)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    p = b.portal()
    rid = b.run_id()
    out: dict[str, Any] = {"machine": b.machine(), "size_mb": args.size_mb, "batch_rows": args.batch}
    with b.cleanup(p) as c, tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        data = b.make_data(root / "src", packages=1, files=1, size=int(args.size_mb * b.MB))
        org = c.organization(f"bench-{rid}-org")
        cat = b.make_catalogue(root / "cat", org, [f"bench-{rid}-ds"], data, c)
        rows = sum(1 for _ in data[0][0].open(encoding="utf-8-sig")) - 1

        def settings(**extra: Any) -> Settings:
            return Settings(root=cat.root, datapackages_dir=cat.dir, CKAN_URL=p.url, CKAN_API_TOKEN_FILE=p.token_file,
                            max_requests_per_second=0, datastore_batch_rows=args.batch, **extra)  # fmt: skip

        with b.Timer() as t:
            first = publish(settings(datastore=False))
        out["files"] = {"s": round(t.seconds, 2), "ok": first.ok, "uploaded_mb": round(first.uploaded_bytes / b.MB, 1)}
        rss_before = peak_rss_mb()
        with b.Timer() as t:
            load = publish(settings())
        out["load"] = {"s": round(t.seconds, 2), "ok": load.ok, "rows": rows, "rows_per_s": round(rows / t.seconds),
                       "requests": load.requests, "changes": load.datasets[0].changes}  # fmt: skip
        out["rss_mb"] = {"before_load": round(rss_before), "after_load": round(peak_rss_mb())}
        with b.Timer() as t:
            noop = publish(settings())
        out["noop"] = {"s": round(t.seconds, 2), "requests": noop.requests, "write_requests": noop.write_requests}
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return
    print(f"table: {args.size_mb} MB, {rows:,} rows, batches of {args.batch}")
    print(f"files only (DataStore off): {out['files']['s']} s")
    print(f"DataStore load: {out['load']['s']} s, {out['load']['rows_per_s']:,} rows/s, "
          f"{out['load']['requests']} requests")  # fmt: skip
    print(f"peak RSS: {out['rss_mb']['before_load']} MB before the load, {out['rss_mb']['after_load']} MB after")
    print(f"no-op publish: {out['noop']['requests']} requests, {out['noop']['write_requests']} writes")


if __name__ == "__main__":
    main()
