"""How long the whole-package zip takes to build, and to reuse (no portal involved).

    PYTHONPATH=. python bench/package_zip.py [MEGABYTES]

Writes a state-style CSV of about MEGABYTES (default 100) in a temporary folder, then times:
a cold build, a second build of the same members (reused from the build folder: no file read),
and a cold build in another folder (to show the bytes are the same). Prints the figures; asserts
nothing about time.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from publisher.catalog import sha256_file
from publisher.sync.package_zip import Member, build_zip, member_of_bytes


def _csv(path: Path, megabytes: int) -> None:
    row = "SEPLAG;Administração;1.234,56;2024-01-31\n".encode()
    with path.open("wb") as out:
        out.write(b"orgao;funcao;valor;data\n")
        for _ in range(megabytes * 1024 * 1024 // len(row)):
            out.write(row)


def main() -> None:
    megabytes = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        data = root / "dados.csv"
        _csv(data, megabytes)
        members = [member_of_bytes("datapackage.json", b"{}"), Member("data/dados.csv", sha256_file(data), path=data)]
        figures = []
        for label, target in (("cold", root / "a" / "p.zip"), ("reused", root / "a" / "p.zip"),
                              ("cold, other folder", root / "b" / "p.zip")):  # fmt: skip
            started = time.perf_counter()
            built = build_zip(target, members)
            figures.append(f"{label}: {time.perf_counter() - started:.2f} s")
        print(f"{data.stat().st_size / 1e6:.0f} MB CSV -> {built.size / 1e6:.1f} MB zip; " + "; ".join(figures))
        print(f"same bytes in both folders: {sha256_file(root / 'a' / 'p.zip') == built.sha256}")


if __name__ == "__main__":
    main()
