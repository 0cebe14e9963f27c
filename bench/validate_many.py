"""Benchmark: validating a catalogue of many small one-file packages, cold (no validation cache).

Generates N state-style packages (default 1,000, one `;` CSV of ~12 KB each) and, each in its
own child process so start-up (imports) counts too, validates them all:

- `cli`: `publisher validate PATH...` as a steward runs it, timed from outside: start-up, the
  validation cache written (cold: an empty working folder each time), every line of output
  (to a pipe), the workers' exit;
- `publisher`: `validate_all` in a process that has imported the validators already, cache off
  (what the library itself costs: worker processes when there is enough data, the fast path);
- `serial`: one process, `validate_uncached` in a loop (the per-package cost without the pool);
- `frictionless-rows`: the same loop with the fast path off (what validation cost before it).

Prints wall seconds, CPU seconds and ms per package; `--repeat N` runs each mode N times (this
VM's speed varies from one minute to the next: the figures of every run are kept); `--profile`
adds the top of a cProfile of the serial loop. Not a test: nothing asserts.

    python bench/validate_many.py [--packages 1000] [--rows 400] [--only cli,publisher,serial] [--repeat 3]
                                  [--profile] [--json]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import multiprocessing
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parents[1] / "tests"
MODES = ("cli", "publisher", "serial", "frictionless-rows")


def make_catalogue(root: Path, packages: int, rows: int) -> list[Path]:
    # Imported here, not at the top: the worker processes of the `publisher` mode import this
    # script again, and the tests' module brings pytest and the whole CLI.
    sys.path.insert(0, str(TESTS))
    from test_validation_state_style import write_state_package  # one descriptor for tests and bench

    towns = ["Belo Horizonte", "Uberlândia", "Contagem", "Juiz de Fora", "Betim", "Montes Claros"]
    table = [
        (str(i), towns[i % 6], f"{i * 37 % 9999:,}".replace(",", ".") + ",50", str(1 + i % 3))
        for i in range(1, rows + 1)
    ]
    out = []
    for n in range(packages):
        out.append(write_state_package(root / f"p{n:05d}", table))
    return out


def child(mode: str, root: Path, profile: bool) -> None:
    start, cpu = time.perf_counter(), time.process_time()
    from publisher.catalog import PackageDir
    from publisher.settings import Settings
    from publisher.validation import data
    from publisher.validation.parallel import validate_all
    from publisher.validation.run import validate_uncached

    pkgs = [PackageDir(p) for p in sorted(root.glob("p*/despesas-municipios"))]
    settings = Settings(validation_cache=False)
    profiler = cProfile.Profile() if profile and mode != "publisher" else None  # the pool runs in other processes
    if mode == "publisher":
        valid = validate_all(pkgs, settings).valid
        seconds = time.perf_counter() - start
        for worker in multiprocessing.active_children():  # wound down after the reports: their CPU counts
            worker.join()
    else:
        if mode == "frictionless-rows":
            data.fast_hashes = lambda *a: None  # type: ignore[attr-defined]
        if profiler:
            profiler.enable()
        valid = all([validate_uncached(p, settings).valid for p in pkgs])
        if profiler:
            profiler.disable()
        seconds = time.perf_counter() - start
    out: dict[str, Any] = {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(time.process_time() - cpu, 2),
        "children_cpu_seconds": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime, 2),
        "valid": valid,
        "packages": len(pkgs),
    }
    out["ms_per_package"] = round(out["seconds"] / len(pkgs) * 1000, 1)
    if profiler:
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(30)
        out["profile"] = text.getvalue()
    print(json.dumps(out))


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("publisher")  # the console script, as a steward runs it
    return [str(script)] if script.is_file() else [sys.executable, "-c", "from publisher.cli import main; main()"]


def measure_cli(root: Path) -> dict[str, Any]:
    pkgs = sorted(str(p) for p in root.glob("p*/despesas-municipios"))
    with tempfile.TemporaryDirectory(prefix="bench-validate-cli-") as cwd:  # its .publisher/ cache: cold
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run([*_cli(), "validate", *pkgs], cwd=cwd, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),  # the command and its workers
        "children_cpu_seconds": 0.0,
        "valid": proc.returncode == 0,
        "packages": len(pkgs),
        "ms_per_package": round(seconds / len(pkgs) * 1000, 1),
    }


def measure(mode: str, root: Path, profile: bool) -> dict[str, Any]:
    if mode == "cli":
        return measure_cli(root)
    cmd = [sys.executable, __file__, "--child", mode, str(root)] + (["--profile"] if profile else [])
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--packages", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=400, help="rows per CSV (400: about 12 KB)")
    parser.add_argument("--only", default=",".join(MODES))
    parser.add_argument("--repeat", type=int, default=1, help="runs of each mode (default 1)")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "ROOT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), args.profile)
        return
    work = Path(tempfile.mkdtemp(prefix="bench-validate-many-"))
    try:
        files = make_catalogue(work, args.packages, args.rows)
        size = (files[0] / "data" / "despesas.csv").stat().st_size
        runs = {m: [measure(m, work, args.profile) for _ in range(args.repeat)] for m in args.only.split(",")}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps({"packages": args.packages, "csv_bytes": size, **runs}))
        return
    print(f"{args.packages:,} packages of one {size / 1000:.1f} KB CSV, cold:")
    for mode, results in runs.items():
        for r in results:
            print(
                f"  {mode}: {r['seconds']} s wall ({r['ms_per_package']} ms per package), CPU {r['cpu_seconds']} s "
                f"+ workers {r['children_cpu_seconds']} s, valid {r['valid']}"
            )
            if "profile" in r:
                print(r["profile"])


if __name__ == "__main__":
    main()
