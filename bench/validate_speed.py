"""Benchmark: validating a 1,000,000-row state-style CSV, publisher vs frictionless' own `validate`.

Both run in this process on the same generated file, alternating, and the figures are
printed; the issue's bar is publisher <= 1.2x frictionless. Not a test: nothing asserts.

    python bench/validate_speed.py [--rows 1000000] [--repeat 1] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from frictionless import Package

from publisher.catalog import PackageDir
from publisher.settings import Settings
from publisher.validation import validate_package

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from test_validation_state_style import write_state_package  # noqa: E402  (one descriptor for tests and bench)


def make_package(root: Path, rows: int) -> Path:
    pkg = write_state_package(root, [])
    rng = random.Random(7)
    towns = ["Belo Horizonte", "Uberlândia", "Contagem", "Juiz de Fora", "Betim", "Montes Claros"]
    with (pkg / "data" / "despesas.csv").open("w", encoding="utf-8-sig", newline="") as fh:
        fh.write("id;municipio;valor;faixa\n")
        for i in range(1, rows + 1):
            value = f"{rng.randint(0, 9_999_999):,}".replace(",", ".") + f",{rng.randint(0, 99):02d}"
            fh.write(f"{i};{rng.choice(towns)};{value};{rng.randint(1, 3)}\n")
    return pkg


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-validate-"))
    try:
        pkg = make_package(work, args.rows)
        size = (pkg / "data" / "despesas.csv").stat().st_size
        times: dict[str, list[float]] = {"frictionless": [], "publisher": []}
        for _ in range(args.repeat):
            start = time.perf_counter()
            fr = Package(str(pkg / "datapackage.json")).validate()
            times["frictionless"].append(time.perf_counter() - start)
            start = time.perf_counter()
            pr = validate_package(PackageDir(pkg), Settings())
            times["publisher"].append(time.perf_counter() - start)
            assert fr.valid and pr.valid, "the benchmark file must be valid for a fair comparison"
        best = {k: min(v) for k, v in times.items()}
        out = {
            "rows": args.rows,
            "bytes": size,
            "frictionless_s": round(best["frictionless"], 2),
            "publisher_s": round(best["publisher"], 2),
            "ratio": round(best["publisher"] / best["frictionless"], 3),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }
        if args.json:
            print(json.dumps(out))
        else:
            print(
                f"{out['rows']:,} rows, {size / 1e6:.1f} MB: frictionless validate {out['frictionless_s']} s, "
                f"publisher validate {out['publisher_s']} s, ratio {out['ratio']} (bar: <= 1.2); peak RSS {out['peak_rss_mb']} MB"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
