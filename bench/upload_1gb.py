"""Benchmark: uploading one 1 GB CSV to the local CKAN — the publisher's streaming upload vs curl.

In one run, on one generated file (written in a stream, never held in memory):

  curl     `curl -F upload=@file ... resource_create` (the token passed in a header file
           `-H @file`, so it is in neither the process list nor the output);
  direct   the publisher's upload step itself: `CkanClient.upload("resource_create", ...)`
           (MultipartEncoder streaming, sha256 on the fly), in a child process;
  publish  a whole `publisher publish --json` (the CLI) of a one-resource package holding the
           file, in a child process, with the validation cache pre-warmed: validating 1 GB
           with frictionless takes ~10 minutes, so the bench writes the cache entry a
           `publisher validate` would leave (the file's real sha256, no errors) through the
           product's own cache API. Everything after validation is the product's real path:
           plan, package_create, the upload, the read-back checks, package_patch public.

Peak RSS of each child is its VmHWM (/proc/<pid>/status), sampled until it exits. Throughput = file bytes / wall
time of the upload request. Bars: publisher peak RSS < 150 MB; throughput >= 0.7x curl.
Datasets, the organization and the stored upload files are purged at the end, and the
generated file deleted, even on failure. Not a test: nothing asserts.

    python bench/upload_1gb.py [--size-mb 1000] [--dir /var/tmp] [--repeat 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import benchlib as b

HERE = Path(__file__).resolve()
# The console script `publisher`, run without the pyenv shim in between (so wait4 sees Python itself).
CLI = "import sys; from publisher.cli import main; sys.argv[0] = 'publisher'; main()"
BLOCK_ROWS = 20_000


def write_big_csv(path: Path, size: int) -> int:
    """A state-style CSV of `size` bytes written block by block (memory stays at one block).

    Rows are generated for one ~0.7 MB block and the block is repeated with fresh ids; the
    upload does not care about content, and generating 1 GB row by row would take minutes."""
    import random

    rng = random.Random(11)
    rows = []
    for _ in range(BLOCK_ROWS):
        value = f"{rng.randint(0, 9_999_999):,}".replace(",", ".") + f",{rng.randint(0, 99):02d}"
        rows.append(f";{rng.choice(b.TOWNS)};{value};{rng.randint(1, 3)}\n")
    written = 0
    next_id = 1
    with path.open("wb") as fh:
        head = "\ufeffid;municipio;valor;faixa\n".encode()
        fh.write(head)
        written += len(head)
        while written < size:
            block = "".join(f"{next_id + i}{row}" for i, row in enumerate(rows)).encode()
            next_id += BLOCK_ROWS
            block = block[: size - written]
            fh.write(block)
            written += len(block)
    return path.stat().st_size


def sha256_of(path: Path) -> str:
    from publisher.catalog import sha256_file

    digest: str = sha256_file(path)
    return digest


def _hwm_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def run_child(args: list[str], env: dict[str, str] | None = None) -> tuple[dict[str, Any], float, float]:
    """Run a child, return (its JSON output, its peak RSS in MB, wall seconds).

    Peak RSS is the child's VmHWM, sampled every 20 ms until it exits (a high-water mark,
    so sampling misses at most the last 20 ms of growth). Not ru_maxrss: on Linux a child's
    ru_maxrss starts from the parent's RSS at fork (exec keeps the pre-exec high-water mark),
    which would charge this benchmark's own memory to the child."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out_f, tempfile.TemporaryFile() as err_f:
        proc = subprocess.Popen(args, stdout=out_f, stderr=err_f, env=env)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _hwm_kb(proc.pid))
            time.sleep(0.02)
        wall = time.perf_counter() - start
        out_f.seek(0)
        err_f.seek(0)
        out, err = out_f.read().decode(), err_f.read().decode()
    if proc.returncode != 0 and not out.strip().startswith("{"):
        raise RuntimeError(f"{args[0]} ... exited {proc.returncode}: {err.strip()[-800:]}")
    text = out.strip()
    try:  # a one-line JSON from our children; the CLI's indented JSON document otherwise
        data: dict[str, Any] = json.loads(text.splitlines()[-1] if text.startswith('{"') else text) if text else {}
    except ValueError:
        data = {"stdout": out[-300:]}
    return data, peak / 1024, wall


# -- children ----------------------------------------------------------------------------------


def child_direct(package_id: str, path: Path, sha: str) -> None:
    """The upload step alone, as the publish engine calls it."""
    from publisher.ckan.client import CkanClient
    from publisher.settings import Settings

    with CkanClient(Settings()) as client:
        start = time.perf_counter()
        stored = client.upload("resource_create", {"package_id": package_id, "name": "grande", "format": "CSV"}, path,
                               expected_sha256=sha)  # fmt: skip
        seconds = time.perf_counter() - start
        stats = client.stats.snapshot()
    print(json.dumps({"upload_s": seconds, "uploaded_bytes": stats.uploaded_bytes, "stored_size": stored.get("size"),
                      "resource_id": stored.get("id")}))  # fmt: skip


# -- parent ------------------------------------------------------------------------------------


def curl_upload(p: b.Portal, package_id: str, path: Path, work: Path, n: int) -> tuple[dict[str, Any], float, float]:
    header = work / "auth-header"
    header.touch(mode=0o600)
    header.write_text(f"Authorization: {p.token()}\n", encoding="utf-8")
    try:
        args = ["curl", "-sS", "--fail-with-body", "-o", str(work / "curl-answer.json"),
                "-w", '{"http_code": %{http_code}, "size_upload": %{size_upload}, "time_total": %{time_total}}',
                "-H", f"@{header}", "-F", f"package_id={package_id}", "-F", f"name=grande-curl-{n}", "-F", "format=CSV",
                "-F", f"upload=@{path}", f"{p.url}/api/3/action/resource_create"]  # fmt: skip
        data, rss, wall = run_child(args)
    finally:
        header.unlink(missing_ok=True)
    answer = json.loads((work / "curl-answer.json").read_text(encoding="utf-8"))
    data["stored_size"] = answer["result"].get("size")
    return data, rss, wall


def summarize(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The median run by upload time, with every run's time and the highest peak RSS."""
    ordered = sorted(runs, key=lambda r: r["upload_s"])
    median = dict(ordered[len(ordered) // 2])
    median["upload_s"] = round(median["upload_s"], 3)
    median["upload_s_all"] = [round(r["upload_s"], 2) for r in runs]
    median["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs)
    return median


def prewarm_cache(root: Path, pkg: Path, resource_name: str, sha: str) -> None:
    """Leave the cache entry `publisher validate` would: a report without errors, with the real hash."""
    from publisher.catalog import PackageDir
    from publisher.settings import Settings
    from publisher.validation.cache import ValidationCache, cache_key
    from publisher.validation.report import PackageReport

    settings = Settings(root=root, datapackages_dir=root / "datapackages")
    key = cache_key(PackageDir(pkg), settings)
    assert key is not None
    report = PackageReport(name=pkg.name, path=str(pkg), hashes={resource_name: sha})
    ValidationCache(settings.cache_dir / "validation").put(key, report)


def run(args: argparse.Namespace) -> dict[str, Any]:
    p = b.portal()
    rid = b.run_id()
    prefix = f"bench-{rid}"
    size = int(args.size_mb * b.MB)
    free = shutil.disk_usage(args.dir).free
    if free < 2 * size:
        raise SystemExit(f"{args.dir} has {free / 1e9:.1f} GB free; need {2 * size / 1e9:.1f} GB")
    work = Path(tempfile.mkdtemp(prefix=f"{prefix}-", dir=args.dir))
    out: dict[str, Any] = {"benchmark": "upload_1gb", "run_id": rid, "machine": b.machine(), "dir": str(args.dir)}
    env = {**os.environ, "CKAN_URL": p.url, "CKAN_API_TOKEN_FILE": str(p.token_file)}
    env.pop("CKAN_API_TOKEN", None)
    try:
        with b.cleanup(p) as c:
            org = f"{prefix}-org"
            b.create_organization(p, c, org)
            # The file lives inside a one-resource package, so the publish child can use it as is.
            root = work / "catalogue"
            template, changelog = b.template_descriptor(work)
            name = c.dataset(f"{prefix}-publish")
            pkg = root / "datapackages" / name
            (pkg / "data").mkdir(parents=True)
            (root / "datapackages" / "organizations.json").write_text(
                json.dumps([{"name": org, "title": org}]), encoding="utf-8"
            )
            desc = b.package_descriptor(template, name, org, ["data/grande.csv"])
            (pkg / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False, indent=2), encoding="utf-8")
            (pkg / "CHANGELOG.md").write_text(changelog, encoding="utf-8")
            big = pkg / "data" / "grande.csv"
            with b.Timer() as t:
                out["file_bytes"] = write_big_csv(big, size)
            out["generate_s"] = round(t.seconds, 2)
            with b.Timer() as t:
                sha = sha256_of(big)
            out["sha256_s"] = round(t.seconds, 2)
            log(f"generated {out['file_bytes'] / b.MB:.0f} MB in {out['generate_s']} s")

            with b.remote(p) as ckan:
                ids = {
                    k: ckan.action.package_create(name=c.dataset(f"{prefix}-{k}"), owner_org=org)["id"]
                    for k in ("curl", "direct")
                }

            # Each upload starts with no dirty pages left to write back (the generated file, the
            # previous upload's stored copy): otherwise whichever runs first pays for the flush.
            # curl and the client alternate, `--repeat` times; the median is reported.
            curl_runs: list[dict[str, Any]] = []
            direct_runs: list[dict[str, Any]] = []
            for i in range(args.repeat):
                os.sync()
                log(f"curl upload ({i + 1}/{args.repeat})")
                data, rss, wall = curl_upload(p, ids["curl"], big, work, i)
                curl_runs.append({"upload_s": float(data["time_total"]), "http_code": data["http_code"],
                                  "peak_rss_mb": round(rss, 1), "stored_size": data["stored_size"]})  # fmt: skip
                os.sync()
                log(f"publisher upload step, CkanClient.upload ({i + 1}/{args.repeat})")
                data, rss, wall = run_child(
                    [sys.executable, str(HERE), "--child", "direct", ids["direct"], str(big), sha], env
                )
                direct_runs.append({"upload_s": data["upload_s"], "uploaded_bytes": data["uploaded_bytes"],
                                    "stored_size": data["stored_size"], "peak_rss_mb": round(rss, 1)})  # fmt: skip
            out["curl"] = summarize(curl_runs)
            out["direct"] = summarize(direct_runs)

            log("whole `publisher publish --json` (validation cache pre-warmed)")
            prewarm_cache(root, pkg, "parte-1", sha)
            os.sync()
            cli_env = {**env, "PUBLISHER_ROOT": str(root), "PUBLISHER_DATAPACKAGES_DIR": str(root / "datapackages")}
            data, rss, wall = run_child([sys.executable, "-c", CLI, "publish", str(pkg), "--json"], cli_env)
            (outcome,) = data["datasets"]
            out["publish"] = {"process_s": round(wall, 2), "dataset_s": outcome["duration_s"], "action": outcome["action"],
                              "error": outcome["error_message"], "requests": data["requests"],
                              "write_requests": data["write_requests"], "uploaded_bytes": data["uploaded_bytes"],
                              "peak_rss_mb": round(rss, 1)}  # fmt: skip
        out["cleanup_notes"] = c.notes
    finally:
        shutil.rmtree(work, ignore_errors=True)
        out["file_deleted"] = not work.exists()

    def mbps(seconds: float) -> float | None:
        return round(out["file_bytes"] / b.MB / seconds, 1) if seconds else None

    out["curl"]["mb_per_s"] = mbps(out["curl"]["upload_s"])
    out["direct"]["mb_per_s"] = mbps(out["direct"]["upload_s"])
    out["publish"]["mb_per_s"] = mbps(out["publish"]["dataset_s"])
    out["ratios"] = {
        "direct_over_curl_throughput": b.ratio(out["direct"]["mb_per_s"] or 0, out["curl"]["mb_per_s"] or 0),
        "publish_over_curl_throughput": b.ratio(out["publish"]["mb_per_s"] or 0, out["curl"]["mb_per_s"] or 0),
    }
    out["bars"] = {"peak_rss_mb": "< 150", "throughput_vs_curl": ">= 0.7"}
    out["parent_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def log(text: str) -> None:
    print(f"[bench] {text}", file=sys.stderr, flush=True)


def human(out: dict[str, Any]) -> str:
    cu, di, pu = out["curl"], out["direct"], out["publish"]
    r = out["ratios"]
    return "\n".join([
        f"upload_1gb run {out['run_id']} ({out['machine']['date']}, {out['machine']['cpus']} CPUs, "
        f"load {out['machine']['load_1min_at_start']} at start)",
        f"file: {out['file_bytes']:,} bytes in {out['dir']} (generated in {out['generate_s']} s, sha256 in {out['sha256_s']} s); "
        f"deleted at the end: {out['file_deleted']}",
        f"  curl -F upload=@file            {cu['upload_s']:7.2f} s  {cu['mb_per_s']:6.1f} MB/s  peak RSS {cu['peak_rss_mb']:6.1f} MB"
        f"  (median of {cu['upload_s_all']} s; HTTP {cu['http_code']}, stored size {cu['stored_size']})",
        f"  publisher upload step (client)  {di['upload_s']:7.2f} s  {di['mb_per_s']:6.1f} MB/s  peak RSS {di['peak_rss_mb']:6.1f} MB"
        f"  (median of {di['upload_s_all']} s; stored size {di['stored_size']})",
        f"  `publisher publish` (whole)     {pu['dataset_s']:7.2f} s  {pu['mb_per_s']:6.1f} MB/s  peak RSS {pu['peak_rss_mb']:6.1f} MB"
        f"  ({pu['action']}, {pu['requests']} requests, {pu['uploaded_bytes']:,} bytes up, process {pu['process_s']:.2f} s"
        f"{', error: ' + str(pu['error']) if pu['error'] else ''})",
        "  (whole publish: time of the dataset step = plan + create + upload + datapackage.json + make public; the process",
        "   also starts Python and hashes the file once for the validation-cache key before that step)",
        f"bars: peak RSS upload step {b.bar(di['peak_rss_mb'], '<', 150)}, whole publish {b.bar(pu['peak_rss_mb'], '<', 150)}",
        f"      throughput vs curl: upload step {b.bar(r['direct_over_curl_throughput'], '>=', 0.7)}, "
        f"whole publish {b.bar(r['publish_over_curl_throughput'], '>=', 0.7)}",
    ])  # fmt: skip


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        rest = sys.argv[3:]
        child_direct(rest[0], Path(rest[1]), rest[2])
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=1000.0, help="file size in MB (10^6 bytes); default 1000")
    parser.add_argument(
        "--dir", type=Path, default=Path("/var/tmp"), help="where to write the file (needs 2x its size free)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="curl / upload-step pairs, alternated (median reported)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    b.warn_if_busy()
    out = run(args)
    print(json.dumps(out, default=str) if args.json else human(out))


if __name__ == "__main__":
    main()
