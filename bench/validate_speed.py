"""Benchmark: validating a state-style CSV, publisher (columnar fast path) vs frictionless alone.

The package is the tests' state-style one (`;`, decimal comma and thousands dot, dates
dd/mm/yyyy, an enum, a primary key, a unique pattern-checked text, booleans "sim"/"não",
"NA" as missing, a foreign key to a lookup table), with N generated rows. Each measurement
runs in its own child process, so its peak RSS is its own: the publisher's `validate_uncached`
(descriptor, profile and safety checks included) and frictionless' `Package.validate` on the
same files, in the same run. `--gigabyte` also times the fast path on a ~1 GB file (generated
under --dir, deleted after). Not a test: nothing asserts.

    python bench/validate_speed.py [--rows 1000000] [--repeat 1] [--gigabyte] [--dir /tmp] [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from test_fast_path_parity import _row, write_package  # noqa: E402  (one package for tests and bench)

GIGABYTE = 1_000_000_000


def make_package(root: Path, rows: int, min_bytes: int = 0) -> Path:
    """The tests' package with `rows` rows (or as many as make `min_bytes`), written in blocks."""
    pkg = write_package(root, [_row(1)])
    target = pkg / "data" / "despesas.csv"
    with target.open("w", encoding="utf-8-sig", newline="") as fh:
        fh.write("id;codigo_ibge;valor;faixa;data;pago;processo\n")
        i, written = 0, 0
        while i < rows or written < min_bytes:
            block = "".join(";".join(_row(n)) + "\n" for n in range(i + 1, i + 10_001))
            fh.write(block)
            i, written = i + 10_000, written + len(block)
    if min_bytes:
        descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
        for res in descriptor["resources"]:
            for f in res["schema"]["fields"]:
                f.get("constraints", {}).pop("pattern", None)  # past 999,999 the numbers outgrow it
        (pkg / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    return pkg


def child(mode: str, pkg: Path) -> None:
    """One measurement in this process: seconds, validity, peak RSS, whether frictionless read rows."""
    start = time.perf_counter()
    if mode == "frictionless":
        from frictionless import Package

        valid = bool(Package(str(pkg / "datapackage.json")).validate().valid)
        fallback = True
    else:
        from publisher.catalog import PackageDir
        from publisher.settings import Settings
        from publisher.validation import data
        from publisher.validation.run import validate_uncached

        called: list[bool] = []
        real = data.Package

        def counting(*args: Any, **kwargs: Any) -> Any:
            called.append(True)
            return real(*args, **kwargs)

        data.Package = counting  # type: ignore[misc]
        report = validate_uncached(PackageDir(pkg), Settings(validation_cache=False))
        valid, fallback = report.valid, bool(called)
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "valid": valid, "frictionless_rows": fallback, "peak_rss_mb": rss}))


def measure(mode: str, pkg: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(pkg)], check=True, capture_output=True, text=True
    ).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def _best(runs: list[dict[str, Any]]) -> dict[str, Any]:
    best = min(runs, key=lambda r: r["seconds"])
    return {**best, "seconds": round(best["seconds"], 2), "peak_rss_mb": round(max(r["peak_rss_mb"] for r in runs), 1)}


def run(args: argparse.Namespace) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="bench-validate-", dir=args.dir))
    try:
        pkg = make_package(work / "rows", args.rows)
        size = (pkg / "data" / "despesas.csv").stat().st_size
        runs: dict[str, list[dict[str, Any]]] = {"frictionless": [], "publisher": []}
        for _ in range(args.repeat):
            for mode in runs:
                runs[mode].append(measure(mode, pkg))
        best = {mode: _best(r) for mode, r in runs.items()}
        out: dict[str, Any] = {
            "rows": args.rows,
            "bytes": size,
            "frictionless": best["frictionless"],
            "publisher": best["publisher"],
            "speedup": round(best["frictionless"]["seconds"] / best["publisher"]["seconds"], 1),
        }
        shutil.rmtree(work / "rows")
        if args.gigabyte:
            big = make_package(work / "big", 0, min_bytes=GIGABYTE)
            out["gigabyte"] = {"bytes": (big / "data" / "despesas.csv").stat().st_size, **measure("publisher", big)}
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _print(out: dict[str, Any]) -> None:
    fr, pu = out["frictionless"], out["publisher"]
    print(
        f"{out['rows']:,} rows, {out['bytes'] / 1e6:.1f} MB: frictionless alone {fr['seconds']} s "
        f"({fr['peak_rss_mb']} MB peak RSS); publisher {pu['seconds']} s ({pu['peak_rss_mb']} MB), "
        f"fast path alone: {not pu['frictionless_rows']}; speedup {out['speedup']}x (target >= 20x)"
    )
    if "gigabyte" in out:
        g = out["gigabyte"]
        print(
            f"{g['bytes'] / 1e9:.2f} GB: publisher {g['seconds']:.1f} s, peak RSS {g['peak_rss_mb']:.0f} MB "
            f"(target < 500 MB), valid {g['valid']}, fast path alone: {not g['frictionless_rows']}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--gigabyte", action="store_true", help="also validate a ~1 GB file (peak RSS)")
    parser.add_argument("--dir", default=None, help="where to generate the files (default: the temp dir)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PACKAGE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    out = run(args)
    print(json.dumps(out)) if args.json else _print(out)


if __name__ == "__main__":
    main()
