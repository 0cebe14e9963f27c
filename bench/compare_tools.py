"""Benchmark: today's tools publishing the same 20 x 3 x ~1 MB catalogue to the local CKAN.

Each tool runs from its own virtualenv under `.bench-venvs/` (created on first use with
pip), on its own copy of the catalogue with fresh `bench-<run id>-<tool>-NN` names:

  dpckan        `dpckan dataset create`, then `dpckan dataset update`, once per package (it is
                a per-package CLI). Its host check calls the `site_read` action, which CKAN
                2.11/2.12 removed, so unmodified it stops at once; the run records that exact
                failure, then runs dpckan with that one function replaced by a `status_show`
                call (a shim passed with `python -c`; the rest is dpckan's own code).
  frictionless  `Package(...).publish(control=CkanControl(...))`, then again with
                `allow_update=True`, all packages from one process.
  publisher     this product, `publish(workers=4)` with a cold validation cache (it validates
                every file; the other tools do not), then again with nothing changed;
                "publisher-validated": the same after `validate` filled the cache (the
                validation time is reported apart), i.e. the publish step alone.
  ckanapi       the plain minimums measured in the same run: package_create + resource_create
                per file (first publish) and one package_show per dataset (no-op republish).

The tools' HTTP traffic is counted inside their processes by bench/toolshim/sitecustomize.py
(requests by action, bytes sent/received at the socket), without changing what they do.
What each tool left on the portal (resources, their total size) is read back after each
phase. Everything created is purged at the end, also on failure. Nothing asserts.

    python bench/compare_tools.py [--packages 20] [--files 3] [--size-mb 1] [--only dpckan,frictionless] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import benchlib as b
import publish_catalogue as pc

from publisher.settings import Settings

VENVS = b.ROOT / ".bench-venvs"
SHIM_DIR = Path(__file__).resolve().parent / "toolshim"
TOOLS = {"dpckan": "dpckan", "frictionless": "frictionless[ckan]"}

DPCKAN_SHIM = """\
# CKAN 2.11+ has no site_read action: dpckan's host check asks status_show instead.
import dpckan.validations as checks
def is_host_valid(ckan_instance):
    ckan_instance.action.status_show()
checks.is_host_valid = is_host_valid
from dpckan.cli import cli
cli(prog_name="dpckan")
"""

FRICTIONLESS_PUBLISH = """\
import sys
from frictionless import Package
from frictionless.portals import CkanControl
url, org, update = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
for descriptor in sys.argv[4:]:
    package = Package(descriptor)
    package.publish(control=CkanControl(baseurl=url, apikey="env:BENCH_CKAN_TOKEN", dataset=package.name,
                                        organization_name=org, allow_update=update))
"""


def ensure_venv(tool: str) -> tuple[Path, str]:
    """The tool's venv python (created and installed on first use) and the installed version."""
    venv = VENVS / tool
    python = venv / "bin" / "python"
    if not python.exists():
        log(f"creating {venv} and installing {TOOLS[tool]} (once)")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", TOOLS[tool]], check=True)
    dist = TOOLS[tool].split("[")[0]
    version = subprocess.run([str(python), "-c", f"import importlib.metadata as m; print(m.version({dist!r}))"],
                             capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    return python, version


class Counter:
    """Totals of the HTTP counts the shim appends to one file per phase."""

    def __init__(self, folder: Path, name: str) -> None:
        self.file = folder / f"http-{name}.jsonl"

    def env(self) -> dict[str, str]:
        return {"PYTHONPATH": str(SHIM_DIR), "BENCH_HTTP_COUNT": str(self.file)}

    def totals(self) -> dict[str, Any]:
        total: dict[str, Any] = {"requests": 0, "sent_bytes": 0, "received_bytes": 0, "actions": {}}
        if self.file.exists():
            for line in self.file.read_text(encoding="utf-8").splitlines():
                c = json.loads(line)
                total["requests"] += c["requests"]
                total["sent_bytes"] += c["sent"]
                total["received_bytes"] += c["received"]
                for k, v in c["actions"].items():
                    total["actions"][k] = total["actions"].get(k, 0) + v
        return total


def run_tool(args: list[str], env: dict[str, str], secret: str, cwd: Path | None = None) -> tuple[int, str]:
    proc = subprocess.run(args, env=env, capture_output=True, text=True, cwd=cwd)
    text = (proc.stdout + proc.stderr).replace(secret, "***")  # a tool's error text must not carry the token out
    return proc.returncode, text


def portal_state(p: b.Portal, names: list[str]) -> dict[str, Any]:
    """What the tool left: datasets found, resources, and the sum of their stored sizes."""
    found = resources = size = 0
    with b.remote(p) as ckan:
        for name in names:
            try:
                ds = ckan.action.package_show(id=name)
            except Exception:  # noqa: BLE001 - a missing dataset is the figure
                continue
            found += 1
            resources += len(ds["resources"])
            size += sum(int(r.get("size") or 0) for r in ds["resources"])
    return {"datasets": found, "resources": resources, "stored_bytes": size}


def bench_dpckan(p: b.Portal, cat: b.Catalogue, work: Path, token: str) -> dict[str, Any]:
    python, version = ensure_venv("dpckan")
    out: dict[str, Any] = {"version": version}
    base_env = {**os.environ, "CKAN_HOST": p.url, "CKAN_KEY": token}
    descriptors = [str(cat.package(n) / "datapackage.json") for n in cat.names]

    # As shipped: record the failure (nothing is created: the check comes first).
    cli = VENVS / "dpckan" / "bin" / "dpckan"
    cmd = [str(cli), "-dp", descriptors[0], "--exit-code", "dataset", "create"]
    code, text = run_tool(cmd, base_env, token)
    out["unmodified"] = {"command": "CKAN_HOST=... CKAN_KEY=... dpckan -dp <pkg>/datapackage.json --exit-code dataset create",
                         "exit_code": code, "output": text.strip()[-300:]}  # fmt: skip

    for phase, action in (("publish", "create"), ("republish", "update")):
        counter = Counter(work, f"dpckan-{phase}")
        env = {**base_env, **counter.env()}
        failures = []
        with b.Timer() as t:
            for descriptor in descriptors:
                code, text = run_tool(
                    [str(python), "-c", DPCKAN_SHIM, "-dp", descriptor, "--exit-code", "dataset", action], env, token
                )
                if code != 0:
                    failures.append(text.strip()[-300:])
        out[phase] = {"wall_s": round(t.seconds, 2), **counter.totals(), "failures": len(failures),
                      "first_failure": failures[0] if failures else None, "portal": portal_state(p, cat.names)}  # fmt: skip
        log(f"dpckan {phase}: {out[phase]['wall_s']} s, {len(failures)} failure(s)")
    return out


def bench_frictionless(p: b.Portal, cat: b.Catalogue, work: Path, token: str) -> dict[str, Any]:
    python, version = ensure_venv("frictionless")
    out: dict[str, Any] = {"version": version}
    descriptors = [str(cat.package(n) / "datapackage.json") for n in cat.names]
    for phase, update in (("publish", "0"), ("republish", "1")):
        counter = Counter(work, f"frictionless-{phase}")
        env = {**os.environ, "BENCH_CKAN_TOKEN": token, **counter.env()}
        with b.Timer() as t:
            code, text = run_tool(
                [str(python), "-c", FRICTIONLESS_PUBLISH, p.url, cat.org, update, *descriptors], env, token
            )
        out[phase] = {"wall_s": round(t.seconds, 2), **counter.totals(), "exit_code": code,
                      "error": text.strip()[-300:] if code else None, "portal": portal_state(p, cat.names)}  # fmt: skip
        log(f"frictionless {phase}: {out[phase]['wall_s']} s, exit {code}")
    return out


def bench_publisher(p: b.Portal, cat: b.Catalogue, validated_before: bool) -> dict[str, Any]:
    from publisher import __version__

    settings = pc.settings_for(cat, p, {})
    out: dict[str, Any] = {"version": __version__}
    if validated_before:  # as after `publisher validate`: the publish finds every report in the cache
        out["validation_before_s"] = pc.prevalidate(settings)
    for phase in ("publish", "republish"):
        figures, _ = pc.run_publish(settings, 4)
        out[phase] = {**figures, "sent_bytes": figures["uploaded_bytes"], "portal": portal_state(p, cat.names)}
        log(f"publisher {phase}: {figures['wall_s']} s")
    return out


def run(args: argparse.Namespace) -> dict[str, Any]:
    p = b.portal()
    token = p.token()
    rid = b.run_id()
    prefix = f"bench-{rid}"
    tools = (
        [t for t in args.only.split(",") if t]
        if args.only
        else ["dpckan", "frictionless", "publisher", "publisher-validated"]
    )
    work = Path(tempfile.mkdtemp(prefix=f"{prefix}-"))
    out: dict[str, Any] = {"benchmark": "compare_tools", "run_id": rid, "machine": b.machine(),
                           "catalogue": {"packages": args.packages, "files_per_package": args.files}, "tools": {}}  # fmt: skip
    try:
        with b.cleanup(p) as c:
            org = f"{prefix}-org"
            b.create_organization(p, c, org)
            data = b.make_data(work / "source", args.packages, args.files, int(args.size_mb * b.MB))
            out["catalogue"]["total_bytes"] = sum(f.stat().st_size for row in data for f in row)

            log("plain ckanapi minimums")
            names = [f"{prefix}-ckanapi-{i:02d}" for i in range(args.packages)]
            first = pc.plain_first_publish(p, names, org, data, c)
            noop = pc.plain_noop(p, names)
            out["ckanapi"] = {"publish": {**first, "sent_bytes": first["body_bytes"]}, "republish": noop}

            for tool in tools:
                names = [f"{prefix}-{tool}-{i:02d}" for i in range(args.packages)]
                cat = b.make_catalogue(work / tool, org, names, data, c)
                log(f"{tool}")
                try:
                    if tool == "dpckan":
                        out["tools"][tool] = bench_dpckan(p, cat, work, token)
                    elif tool == "frictionless":
                        out["tools"][tool] = bench_frictionless(p, cat, work, token)
                    elif tool in ("publisher", "publisher-validated"):
                        out["tools"][tool] = bench_publisher(p, cat, validated_before=tool == "publisher-validated")
                except Exception as exc:  # noqa: BLE001 - one tool's breakage is a result, not the end of the run
                    out["tools"][tool] = {"error": f"{type(exc).__name__}: {str(exc).replace(token, '***')[:300]}"}
        out["cleanup_notes"] = c.notes
    finally:
        shutil.rmtree(work, ignore_errors=True)
    base = out["ckanapi"]
    for fig in out["tools"].values():
        if "publish" in fig:
            fig["publish"]["ratio_vs_ckanapi"] = b.ratio(fig["publish"]["wall_s"], base["publish"]["wall_s"])
        if "republish" in fig:
            fig["republish"]["ratio_vs_ckanapi"] = b.ratio(fig["republish"]["wall_s"], base["republish"]["wall_s"])
    return out


def log(text: str) -> None:
    print(f"[bench] {text}", file=sys.stderr, flush=True)


def human(out: dict[str, Any]) -> str:
    cat = out["catalogue"]
    base = out["ckanapi"]
    lines = [f"compare_tools run {out['run_id']} ({out['machine']['date']}, {out['machine']['cpus']} CPUs, "
             f"load {out['machine']['load_1min_at_start']} at start)",
             f"catalogue: {cat['packages']} packages x {cat['files_per_package']} CSVs, {cat['total_bytes'] / b.MB:.1f} MB",
             f"{'tool':<22}{'publish':>10}{'x ckanapi':>10}{'MB sent':>9}{'requests':>9}   "
             f"{'republish':>10}{'x ckanapi':>10}{'MB sent':>9}{'requests':>9}  portal after republish"]  # fmt: skip

    def cell(fig: dict[str, Any] | None, ratio: bool = True) -> str:
        if not fig:
            return f"{'-':>10}{'-':>10}{'-':>9}{'-':>9}"
        r = fig.get("ratio_vs_ckanapi")
        return (f"{fig['wall_s']:>9.2f}s{(f'{r:.2f}x' if r is not None else '1.00x') if ratio else '':>10}"
                f"{fig.get('sent_bytes', 0) / b.MB:>9.2f}{fig['requests']:>9d}")  # fmt: skip

    lines.append(f"{'ckanapi (minimum)':<22}{cell(base['publish'])}   {cell(base['republish'])}")
    for tool, fig in out["tools"].items():
        label = f"{tool} {fig.get('version', '')}".strip() if tool != "publisher-validated" else "publisher (validated)"
        if "error" in fig:
            lines.append(f"{label:<22}FAILED: {fig['error']}")
            continue
        state = fig["republish"]["portal"]
        lines.append(f"{label:<22}{cell(fig['publish'])}   {cell(fig['republish'])}  "
                     f"{state['datasets']} datasets, {state['resources']} resources, {state['stored_bytes'] / b.MB:.1f} MB")  # fmt: skip
    for tool, fig in out["tools"].items():
        if tool == "dpckan" and "unmodified" in fig:
            u = fig["unmodified"]
            lines.append(f"dpckan as shipped: `{u['command']}` -> exit {u['exit_code']}: {u['output']!r}")
            lines.append("  (measured with a one-function shim: the host check calls status_show instead of site_read)")
            for phase in ("publish", "republish"):
                if fig[phase]["failures"]:
                    lines.append(
                        f"  dpckan {phase}: {fig[phase]['failures']} package(s) failed, e.g. {fig[phase]['first_failure']!r}"
                    )
            lines.append(f"  dpckan republish requests by action: {fig['republish']['actions']}")
        if tool == "frictionless" and "republish" in fig:
            lines.append(f"frictionless republish requests by action: {fig['republish']['actions']}")
            for phase in ("publish", "republish"):
                if fig[phase].get("error"):
                    lines.append(f"  frictionless {phase} failed: {fig[phase]['error']!r}")
    if "publisher-validated" in out["tools"] and "validation_before_s" in out["tools"]["publisher-validated"]:
        lines.append(
            f"publisher-validated: validating the catalogue beforehand took {out['tools']['publisher-validated']['validation_before_s']:.1f} s (not in its publish time)"
        )
    lines.append("MB sent: tools = bytes written to the socket (headers and JSON included); ckanapi = request bodies;")
    lines.append(
        "publisher = file bytes uploaded. 'publisher' validates every file during its first publish (cold cache);"
    )
    default_rps = Settings.model_fields["max_requests_per_second"].default
    lines.append(
        f"dpckan and frictionless publish without validating the data. Publisher rate limit: its default ({default_rps:g} requests/s)."
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--packages", type=int, default=20)
    parser.add_argument("--files", type=int, default=3)
    parser.add_argument("--size-mb", type=float, default=1.0)
    parser.add_argument(
        "--only", default="", help="comma-separated subset of dpckan,frictionless,publisher,publisher-validated"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    b.warn_if_busy()
    out = run(args)
    print(json.dumps(out, default=str) if args.json else human(out))


if __name__ == "__main__":
    main()
