"""Shared pieces of the publish benchmarks (not a test module; nothing here asserts timings).

- `portal()`: the local CKAN's URL and token file (environment first, then `.portal/env`),
  the token itself only ever read into memory, never printed.
- `CountingSession`: a requests Session that counts requests and the bytes of their bodies,
  handed to ckanapi's `RemoteCKAN(session=...)` for the plain-ckanapi baselines.
- `Cleanup`: remembers every dataset and organization a benchmark names *before* creating
  it and purges them all at the end, even after a failure or Ctrl-C; the upload files of
  the purged resources are removed from the portal's storage too (CKAN's purge leaves them).
- `make_catalogue()`: a catalogue of state-style packages (the descriptor comes from the
  tests' `write_state_package`, so tests and benchmarks share one valid profile example).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ckanapi
import requests

ROOT = Path(__file__).resolve().parents[1]

USER_AGENT = "publisher-bench"
MB = 1_000_000
TOWNS = [
    "Belo Horizonte",
    "Uberlândia",
    "Contagem",
    "Juiz de Fora",
    "Betim",
    "Montes Claros",
    "Ipatinga",
    "Sete Lagoas",
]


# -- the portal ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Portal:
    url: str
    token_file: Path

    def token(self) -> str:
        return self.token_file.read_text(encoding="utf-8").strip()

    def storage_dir(self) -> Path | None:
        """The portal's `ckan.storage_path` when it is the local `.portal` instance, else None."""
        if os.environ.get("BENCH_CKAN_STORAGE"):
            return Path(os.environ["BENCH_CKAN_STORAGE"])
        portal_dir = Path(os.environ.get("PORTAL_DIR") or ROOT / ".portal")
        try:
            version = json.loads((portal_dir / "instance.json").read_text(encoding="utf-8"))["version"]
            ini = (portal_dir / f"ckan-{version}" / "ckan.ini").read_text(encoding="utf-8")
        except (OSError, ValueError, KeyError):
            return None
        for line in ini.splitlines():
            key, sep, value = line.partition("=")
            if sep and key.strip() == "ckan.storage_path":
                return Path(value.strip())
        return None


def portal() -> Portal:
    env: dict[str, str] = {}
    env_file = Path(os.environ.get("PORTAL_DIR") or ROOT / ".portal") / "env"
    if env_file.exists():
        for line in env_file.read_text(encoding="utf-8").splitlines():
            key, sep, value = line.partition("=")
            if sep and not key.startswith("#"):
                env[key.strip()] = value.strip()
    for key in ("CKAN_URL", "CKAN_API_TOKEN_FILE"):
        if os.environ.get(key):
            env[key] = os.environ[key]
    if not env.get("CKAN_URL") or not env.get("CKAN_API_TOKEN_FILE"):
        sys.exit("No local portal configured: start it with portal/up (or set CKAN_URL and CKAN_API_TOKEN_FILE).")
    url = env["CKAN_URL"].rstrip("/")
    try:
        requests.get(f"{url}/api/3/action/status_show", timeout=10).raise_for_status()
    except requests.RequestException as exc:
        sys.exit(f"The portal at {url} does not answer ({type(exc).__name__}); start it with portal/up.")
    return Portal(url, Path(env["CKAN_API_TOKEN_FILE"]))


def run_id() -> str:
    return uuid.uuid4().hex[:8]


# -- counting HTTP ---------------------------------------------------------------------------


class CountingSession(requests.Session):
    """Counts every request sent and the bytes of the bodies (multipart overhead included)."""

    def __init__(self) -> None:
        super().__init__()
        self.requests = 0
        self.body_bytes = 0

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        self.requests += 1
        body = request.body
        if isinstance(body, (bytes, str)):
            self.body_bytes += len(body)
        return super().send(request, **kwargs)

    def reset(self) -> None:
        self.requests = 0
        self.body_bytes = 0


class ActionTimes:
    """Time spent waiting on each CKAN action, over every requests Session of this process.

    Installed once (it wraps `requests.Session.send`); `take()` returns and resets the totals.
    Requests with a body over 100 kB are listed apart (`resource_create +file`), so a data file
    upload and a small descriptor upload are told apart."""

    def __init__(self) -> None:
        import threading

        self._lock = threading.Lock()
        self._totals: dict[str, list[float]] = {}
        original = requests.Session.send
        times = self

        def send(session: requests.Session, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
            start = time.perf_counter()
            try:
                return original(session, request, **kwargs)
            finally:
                spent = time.perf_counter() - start
                action = (request.url or "").split("?")[0].rsplit("/", 1)[-1]
                length = int(request.headers.get("Content-Length") or 0)
                key = f"{action} +file" if length > 100_000 else action
                with times._lock:
                    entry = times._totals.setdefault(key, [0, 0.0])
                    entry[0] += 1
                    entry[1] += spent

        requests.Session.send = send  # type: ignore[method-assign,assignment]

    def take(self) -> dict[str, dict[str, float]]:
        with self._lock:
            out = {k: {"count": int(v[0]), "seconds": round(v[1], 3), "ms_each": round(1000 * v[1] / v[0], 1)}
                   for k, v in sorted(self._totals.items())}  # fmt: skip
            self._totals = {}
        return out


def remote(p: Portal, session: requests.Session | None = None) -> ckanapi.RemoteCKAN:
    return ckanapi.RemoteCKAN(p.url, apikey=p.token(), user_agent=USER_AGENT, session=session)


# -- clean-up --------------------------------------------------------------------------------


@dataclass
class Cleanup:
    """Everything a benchmark may create, registered before it is created; purged at the end."""

    portal: Portal
    datasets: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def dataset(self, name: str) -> str:
        self.datasets.append(name)
        return name

    def organization(self, name: str) -> str:
        self.organizations.append(name)
        return name

    def purge_datasets(self, names: Sequence[str]) -> tuple[int, int]:
        """Purge `names` (missing ones are skipped) and their stored upload files.

        Also used between the rounds of a benchmark, to free names for the next round."""
        ckan = remote(self.portal)
        storage = self.portal.storage_dir()
        purged = files = 0
        for name in names:
            resource_ids: list[str] = []
            try:
                resource_ids = [r["id"] for r in ckan.action.package_show(id=name).get("resources") or []]
            except ckanapi.NotFound:
                continue
            except Exception as exc:  # noqa: BLE001 - keep purging the rest
                self.notes.append(f"package_show {name}: {type(exc).__name__}")
            try:
                ckan.action.dataset_purge(id=name)
                purged += 1
            except ckanapi.NotFound:
                pass
            except Exception as exc:  # noqa: BLE001
                self.notes.append(f"dataset_purge {name} failed: {type(exc).__name__}: {exc}")
                continue
            # CKAN's purge keeps the uploaded files on disk; remove the ones this run made.
            if storage is not None:
                for rid in resource_ids:
                    f = storage / "resources" / rid[:3] / rid[3:6] / rid[6:]
                    if f.is_file():
                        f.unlink()
                        files += 1
        ckan.close()
        return purged, files

    def purge(self) -> None:
        purged, files = self.purge_datasets(list(reversed(self.datasets)))
        with remote(self.portal) as ckan:
            for org in reversed(self.organizations):
                try:
                    ckan.action.organization_purge(id=org)
                except ckanapi.NotFound:
                    pass
                except Exception as exc:  # noqa: BLE001
                    self.notes.append(f"organization_purge {org} failed: {type(exc).__name__}: {exc}")
        print(f"[cleanup] purged {purged} dataset(s), {len(self.organizations)} organization(s), "
              f"removed {files} stored upload file(s)", file=sys.stderr)  # fmt: skip
        for note in self.notes:
            print(f"[cleanup] {note}", file=sys.stderr)


@contextmanager
def cleanup(p: Portal) -> Iterator[Cleanup]:
    c = Cleanup(p)
    try:
        yield c
    finally:
        c.purge()


def create_organization(p: Portal, c: Cleanup, name: str) -> dict[str, Any]:
    c.organization(name)
    with remote(p) as ckan:
        result: dict[str, Any] = ckan.action.organization_create(name=name, title=f"Benchmark {name}")
    return result


# -- catalogues ------------------------------------------------------------------------------


def write_csv(path: Path, target_bytes: int, seed: int) -> int:
    """A state-style CSV (`;`, decimal comma, thousands dot, utf-8-sig) of about `target_bytes`."""
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        fh.write("id;municipio;valor;faixa\n")
        i = 0
        while written < target_bytes:
            lines = []
            for _ in range(1000):
                i += 1
                value = f"{rng.randint(0, 9_999_999):,}".replace(",", ".") + f",{rng.randint(0, 99):02d}"
                lines.append(f"{i};{rng.choice(TOWNS)};{value};{rng.randint(1, 3)}\n")
            block = "".join(lines)
            fh.write(block)
            written += len(block.encode("utf-8"))
    return path.stat().st_size


def template_descriptor(scratch: Path) -> tuple[dict[str, Any], str]:
    """The tests' valid state-style descriptor and CHANGELOG, read back from a throwaway package.

    Imported here, not at the top: the upload benchmark's child processes import this module
    and must not carry the test suite (and the CLI it imports) in their measured memory."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_validation_state_style import write_state_package  # one descriptor for tests and bench

    pkg = write_state_package(scratch, [])
    descriptor: dict[str, Any] = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    changelog = (pkg / "CHANGELOG.md").read_text(encoding="utf-8")
    shutil.rmtree(pkg)
    return descriptor, changelog


def package_descriptor(template: dict[str, Any], name: str, org: str, files: Sequence[str]) -> dict[str, Any]:
    d: dict[str, Any] = json.loads(json.dumps(template))
    d["name"], d["owner_org"], d["title"] = name, org, f"Despesas por município ({name})"
    base = d["resources"][0]
    d["resources"] = []
    for i, rel in enumerate(files, start=1):
        r = json.loads(json.dumps(base))
        r["name"], r["title"], r["path"] = f"parte-{i}", f"Despesas, parte {i}", rel
        d["resources"].append(r)
    return d


@dataclass
class Catalogue:
    dir: Path  # the datapackages folder
    org: str
    names: list[str]

    def package(self, name: str) -> Path:
        return self.dir / name

    def files(self, name: str) -> list[Path]:
        return sorted((self.dir / name / "data").glob("*.csv"))

    @property
    def root(self) -> Path:
        return self.dir.parent


def make_data(folder: Path, packages: int, files: int, size: int) -> list[list[Path]]:
    """packages x files distinct CSVs, generated once and copied into each catalogue."""
    out = []
    for p in range(packages):
        row = []
        for f in range(files):
            path = folder / f"p{p:02d}-f{f + 1}.csv"
            write_csv(path, size, seed=p * 100 + f)
            row.append(path)
        out.append(row)
    return out


def make_catalogue(root: Path, org: str, names: Sequence[str], data: list[list[Path]], c: Cleanup) -> Catalogue:
    """A catalogue folder under `root` with one package per name (names registered for purge)."""
    template, changelog = template_descriptor(root)
    cat_dir = root / "datapackages"
    cat_dir.mkdir(parents=True)
    (cat_dir / "organizations.json").write_text(
        json.dumps([{"name": org, "title": f"Benchmark {org}"}], ensure_ascii=False), encoding="utf-8"
    )
    for name, sources in zip(names, data, strict=False):
        pkg = cat_dir / name
        rels = []
        for i, src in enumerate(sources, start=1):
            rel = f"data/parte-{i}.csv"
            (pkg / "data").mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, pkg / rel)
            rels.append(rel)
        desc = package_descriptor(template, name, org, rels)
        (pkg / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False, indent=2), encoding="utf-8")
        (pkg / "CHANGELOG.md").write_text(changelog, encoding="utf-8")
        c.dataset(name)
    return Catalogue(cat_dir, org, list(names))


# -- reporting -------------------------------------------------------------------------------


class Timer:
    def __enter__(self) -> Timer:
        self.start = time.perf_counter()
        self.seconds = 0.0
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.start


def plain_noop(p: Portal, names: Sequence[str]) -> dict[str, Any]:
    """The plain-ckanapi no-op, the least such a check can do: read each dataset once
    (`package_show`), counting the requests."""
    session = CountingSession()
    ckan = remote(p, session)
    with Timer() as t:
        for name in names:
            ckan.action.package_show(id=name)
    ckan.close()
    return {"wall_s": round(t.seconds, 3), "requests": session.requests}


def machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "load_1min_at_start": round(os.getloadavg()[0], 2),
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    }


def warn_if_busy(limit: float = 1.5) -> None:
    load = os.getloadavg()[0]
    if load > limit:
        print(f"[warning] load average {load:.2f} > {limit}: figures will be noisy; re-run when the machine is quiet",
              file=sys.stderr)  # fmt: skip


def ratio(a: float, b: float) -> float | None:
    return round(a / b, 3) if b else None


def bar(value: float | None, op: str, limit: float) -> str:
    if value is None:
        return "n/a"
    met = {"<=": value <= limit, "<": value < limit, ">=": value >= limit}[op]
    return f"{value:.2f} (bar {op} {limit}: {'met' if met else 'MISSED'})"
