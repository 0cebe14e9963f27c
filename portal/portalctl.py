#!/usr/bin/env python3
"""Run a real local CKAN portal for development, the demo and the tests.

`up` installs CKAN (pip, its own venv under .portal/) and what it needs from Debian, then
starts four services on 127.0.0.1, each only if it is not already running:

  postgres   a private PostgreSQL cluster (CKAN's database and the DataStore)
  redis      CKAN's cache and job queue
  solr       portal/solr_standin.py: the search index stand-in (no Solr can be installed here)
  ckan       `ckan run` with the datastore, datatables_view and dcat plugins, in pt_BR, site_url = the served address

and makes a sysadmin with an API token. The token goes to .portal/api-token (mode 600);
.portal/env names the URL and the token *file*, and is written only once CKAN answers.
`down` stops what `up` started, `status` says what runs, `reset` empties the portal's data.

Environment: CKAN_VERSION (2.12.0), PORTAL_CKAN_PORT (5000), PORTAL_PG_PORT (5433),
PORTAL_REDIS_PORT (6380), PORTAL_SOLR_PORT (8983), PORTAL_DIR (<project>/.portal).
Standard library only: it runs before any venv exists. It never prints the token.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ADMIN = "publisher-admin"
MAX_RESOURCE_MB = 20480  # multi-GB data files must fit
# CKAN extensions installed into the portal's venv from the package index. ckanext-dcat 2.4.2 is
# the first to run on CKAN 2.12 (an AttributeError before); 2.4.4 runs on 2.11 and 2.12 alike.
EXTENSIONS: dict[str, str] = {"ckanext-dcat": "2.4.4"}
PLUGINS = "activity datastore datatables_view dcat"
# The DCAT extras the publisher writes for machines (publisher/ckan/mapping.py DCAT_KEYS): the
# dataset page hides them, since the same facts are shown in Portuguese under other keys.
HIDDEN_EXTRAS = (
    "issued temporal_start temporal_end frequency theme spatial_text language "
    "publisher_name publisher_email publisher_url contact_name contact_email"
)
LICENSES = Path(__file__).resolve().with_name("licenses.json")
SERVICES = ("postgres", "redis", "solr", "ckan")


class PortalError(RuntimeError):
    """Something the operator must fix; printed without a traceback."""


def say(msg: str) -> None:
    print(f"[portal] {msg}", flush=True)


# --------------------------------------------------------------------------- configuration


@dataclass(frozen=True)
class Instance:
    """What identifies a running portal: recorded in .portal/instance.json by `up`."""

    version: str
    ckan_port: int
    pg_port: int
    redis_port: int
    solr_port: int


@dataclass(frozen=True)
class Paths:
    root: Path
    inst: Instance

    @property
    def portal(self) -> Path:
        return Path(os.environ.get("PORTAL_DIR") or self.root / ".portal").resolve()

    @property
    def venv(self) -> Path:
        return self.portal / f"venv-{self.inst.version}"

    @property
    def home(self) -> Path:  # config, uploads and index journal of one CKAN version
        return self.portal / f"ckan-{self.inst.version}"

    @property
    def ini(self) -> Path:
        return self.home / "ckan.ini"

    @property
    def logs(self) -> Path:
        return self.portal / "logs"

    @property
    def pids(self) -> Path:
        return self.portal / "pids"

    @property
    def pg_root(self) -> Path:
        # The project may live under /root, which the postgres user cannot traverse, so the
        # cluster lives in the temporary folder, named after this portal folder.
        tag = hashlib.sha1(str(self.portal).encode()).hexdigest()[:10]
        return Path(os.environ.get("TMPDIR", "/tmp")) / f"publisher-portal-{tag}"

    @property
    def pgdata(self) -> Path:
        return self.pg_root / f"pg-{self.inst.version}"

    @property
    def token_file(self) -> Path:
        return self.portal / "api-token"

    @property
    def env_file(self) -> Path:
        return self.portal / "env"

    @property
    def record(self) -> Path:
        return self.portal / "instance.json"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.inst.ckan_port}"


def wanted_instance() -> Instance:
    def port(name: str, default: int) -> int:
        value = os.environ.get(name, str(default))
        if not value.isdigit():
            raise PortalError(f"{name} must be a port number, not {value!r}")
        return int(value)

    version = os.environ.get("CKAN_VERSION", "2.12.0")
    if not re.fullmatch(r"2\.\d+\.\d+", version):
        raise PortalError(f"CKAN_VERSION must look like 2.12.0, not {version!r}")
    return Instance(
        version,
        port("PORTAL_CKAN_PORT", 5000),
        port("PORTAL_PG_PORT", 5433),
        port("PORTAL_REDIS_PORT", 6380),
        port("PORTAL_SOLR_PORT", 8983),
    )


def recorded_instance(portal: Path) -> Instance | None:
    try:
        return Instance(**json.loads((portal / "instance.json").read_text()))
    except (OSError, ValueError, TypeError):
        return None


# --------------------------------------------------------------------------- helpers


def run(
    cmd: list[str],
    *,
    input: str | None = None,
    quiet: bool = True,
    env: dict[str, str] | None = None,
    user: str | None = None,
) -> str:
    if user and os.geteuid() == 0 and user != "root":
        cmd = ["runuser", "-u", user, "--", *cmd]
    proc = subprocess.run(cmd, input=input, capture_output=True, text=True, env=env, cwd="/")
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
        raise PortalError(f"command failed ({proc.returncode}): {' '.join(cmd[:4])} ...\n{tail}")
    if not quiet:
        sys.stdout.write(proc.stdout)
    return proc.stdout


def http_json(
    url: str, token: str | None = None, data: dict[str, Any] | None = None, timeout: float = 5
) -> tuple[int, Any]:
    req = urllib.request.Request(
        url,
        data=json.dumps(data).encode() if data is not None else None,
        headers={"Content-Type": "application/json", "User-Agent": "publisher-portal"},
    )
    if token:
        req.add_header("Authorization", token)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as exc:
        try:
            return exc.code, json.loads(exc.read() or b"null")
        except ValueError:
            return exc.code, None
    except (urllib.error.URLError, OSError, ValueError):
        return 0, None


def port_open(port: int) -> bool:
    import socket

    with contextlib.closing(socket.socket()) as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def pid_of(paths: Paths, name: str, marker: str) -> int | None:
    """The PID recorded for a service, if that process still runs the expected program."""
    try:
        pid = int((paths.pids / f"{name}.pid").read_text().strip())
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except (OSError, ValueError):
        return None
    return pid if marker in cmdline else None


def spawn(paths: Paths, name: str, cmd: list[str], env: dict[str, str] | None = None) -> int:
    """Start a service in its own session (Ctrl-C on `make` does not kill it), logs to .portal/logs."""
    log = open(paths.logs / f"{name}.log", "ab")
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        cwd=str(paths.home),
        env=env,
    )
    (paths.pids / f"{name}.pid").write_text(f"{proc.pid}\n")
    return proc.pid


def wait_for(what: str, check: Any, timeout: float, pid: int | None = None, log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        if pid is not None and not Path(f"/proc/{pid}").exists():
            break
        time.sleep(0.3)
    tail = ""
    if log is not None and log.exists():
        tail = "\n" + "\n".join(log.read_text(errors="replace").splitlines()[-25:])
    raise PortalError(f"{what} did not come up{tail}")


def write_private(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.replace(tmp, path)


@contextlib.contextmanager
def locked(paths: Paths) -> Iterator[None]:
    """One `up`/`down`/`reset` at a time: several engineers may run `make test` together."""
    paths.portal.mkdir(parents=True, exist_ok=True)
    with open(paths.portal / ".lock", "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        yield


# --------------------------------------------------------------------------- machine set-up


def pg_bin() -> Path | None:
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0
    )
    return found[-1].parent if found else None


def base_python() -> str:
    return os.environ.get("PORTAL_PYTHON") or shutil.which("python3.11") or sys.executable


def ensure_debian_packages() -> None:
    missing = []
    probe = "import ensurepip, sysconfig, os, sys; sys.exit(not os.path.exists(sysconfig.get_paths()['include'] + '/Python.h'))"
    if subprocess.run([base_python(), "-c", probe], capture_output=True).returncode != 0:
        missing += ["python3-venv", "python3-dev"]  # Debian's Python: venv and psycopg2's build need them
    if pg_bin() is None:
        missing.append("postgresql")
    if not shutil.which("redis-server"):
        missing.append("redis-server")
    if not shutil.which("pg_config") and not Path("/usr/include/postgresql/libpq-fe.h").exists():
        missing.append("libpq-dev")  # psycopg2 compiles against it
    if not shutil.which("cc"):
        missing.append("gcc")
    if not any(
        Path(d).glob("libmagic.so.1") for d in ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib")
    ):
        missing.append("libmagic1")  # python-magic, for upload mimetypes
    if not missing:
        return
    if os.geteuid() != 0:
        raise PortalError(f"missing Debian packages: {' '.join(missing)} (install them, or run portal/up as root)")
    say(f"installing Debian packages: {' '.join(missing)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    lock = ["-o", "DPkg::Lock::Timeout=600"]  # another apt run may hold the lock
    for _attempt in range(20):
        if subprocess.run(["apt-get", *lock, "update", "-qq"], env=env, stdin=subprocess.DEVNULL).returncode == 0:
            break
        time.sleep(15)
    run(["apt-get", *lock, "install", "-y", "-qq", "--no-install-recommends", *missing], env=env)


def ensure_venv(paths: Paths) -> None:
    stamp = paths.venv / ".ckan-installed"
    if stamp.exists() and stamp.read_text().strip() == paths.inst.version and (paths.venv / "bin" / "ckan").exists():
        return
    started = time.monotonic()
    say(f"installing CKAN {paths.inst.version} into {paths.venv} (about a minute)")
    if not (paths.venv / "bin" / "python").exists():
        run([base_python(), "-m", "venv", str(paths.venv)])
    pip = [str(paths.venv / "bin" / "pip"), "--disable-pip-version-check", "-q", "install"]
    run([*pip, "--upgrade", "pip"])
    run([*pip, f"ckan[requirements]=={paths.inst.version}"])
    stamp.write_text(paths.inst.version + "\n")
    say(f"CKAN installed in {time.monotonic() - started:.0f} s")


def ckan_cmd(paths: Paths, *args: str, input: str | None = None) -> str:
    return run([str(paths.venv / "bin" / "ckan"), "-c", str(paths.ini), *args], input=input)


# --------------------------------------------------------------------------- PostgreSQL


def pg_user() -> str | None:
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam("postgres")
    except KeyError as exc:
        raise PortalError("no 'postgres' user: install the postgresql package") from exc
    return "postgres"


def psql(paths: Paths, sql: str, db: str = "postgres") -> str:
    bindir = pg_bin()
    assert bindir is not None
    return run(
        [
            str(bindir / "psql"),
            "-h",
            str(paths.pgdata),
            "-p",
            str(paths.inst.pg_port),
            "-U",
            "postgres",
            "-d",
            db,
            "-v",
            "ON_ERROR_STOP=1",
            "-qAtX",
            "-f",
            "-",
        ],
        input=sql,
        user=pg_user(),
    )


def pg_running(paths: Paths) -> bool:
    bindir = pg_bin()
    if bindir is None or not (paths.pgdata / "PG_VERSION").exists():
        return False
    return (
        subprocess.run(
            [str(bindir / "pg_ctl"), "-D", str(paths.pgdata), "status"],
            capture_output=True,
            user=pg_user() if os.geteuid() == 0 else None,
        ).returncode
        == 0
    )


def start_postgres(paths: Paths, *, fresh_home: bool = False) -> None:
    bindir = pg_bin()
    if bindir is None:
        raise PortalError("PostgreSQL is not installed")
    user = pg_user()
    if fresh_home and (paths.pgdata / "PG_VERSION").exists():
        # The cluster lives in the temporary folder, keyed by this folder's path: a new clone at
        # the same path (a CI checkout, say) would inherit datasets whose uploaded files were in
        # the old clone's storage. A new CKAN home gets a new database.
        say(f"discarding the PostgreSQL cluster an earlier portal left in {paths.pgdata}")
        if pg_running(paths):
            run([str(bindir / "pg_ctl"), "-D", str(paths.pgdata), "-m", "fast", "-w", "stop"], user=user)
        shutil.rmtree(paths.pgdata, ignore_errors=True)
    if not (paths.pgdata / "PG_VERSION").exists():
        say(f"creating a PostgreSQL cluster in {paths.pgdata}")
        # A new, empty database (first run, or the temporary folder was wiped by a reboot):
        # index documents and uploads left from an older one would describe nothing.
        (paths.home / "solr-docs.jsonl").unlink(missing_ok=True)
        shutil.rmtree(paths.home / "storage" / "resources", ignore_errors=True)
        paths.pg_root.mkdir(mode=0o755, parents=True, exist_ok=True)
        if user:
            shutil.chown(paths.pg_root, user)
        # Socket connections (the socket lives in the 0700 data folder) are trusted;
        # TCP connections, CKAN's, need a password.
        run(
            [
                str(bindir / "initdb"),
                "-D",
                str(paths.pgdata),
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
            ],
            user=user,
        )
    if pg_running(paths):
        return
    if port_open(paths.inst.pg_port):
        raise PortalError(f"port {paths.inst.pg_port} is in use by another program: set PORTAL_PG_PORT")
    say(f"starting PostgreSQL on 127.0.0.1:{paths.inst.pg_port}")
    log = paths.pg_root / f"postgres-{paths.inst.version}.log"
    run(
        [
            str(bindir / "pg_ctl"),
            "-D",
            str(paths.pgdata),
            "-l",
            str(log),
            "-w",
            "-t",
            "60",
            "-o",
            f"-p {paths.inst.pg_port} -k {paths.pgdata} -c listen_addresses=127.0.0.1",
            "start",
        ],
        user=user,
    )
    link = paths.logs / "postgres.log"
    with contextlib.suppress(OSError):
        link.unlink()
    link.symlink_to(log)


def ensure_databases(paths: Paths, password: str) -> None:
    sql = f"""
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ckan_default') THEN CREATE ROLE ckan_default LOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'datastore_default') THEN CREATE ROLE datastore_default LOGIN; END IF;
END $$;
ALTER ROLE ckan_default PASSWORD '{password}';
ALTER ROLE datastore_default PASSWORD '{password}';
"""
    psql(paths, sql)
    existing = psql(paths, "SELECT datname FROM pg_database;").split()
    for db in ("ckan_default", "datastore_default"):
        if db not in existing:
            psql(paths, f"CREATE DATABASE {db} OWNER ckan_default ENCODING 'UTF8' TEMPLATE template0;")


# --------------------------------------------------------------------------- CKAN configuration


def set_ini(ini: Path, options: dict[str, str]) -> None:
    """Set keys in [app:main], keeping the rest of the generated file as it is."""
    lines = ini.read_text().splitlines()
    start = lines.index("[app:main]")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[")), len(lines))
    todo = dict(options)
    for i in range(start + 1, end):
        key = lines[i].split("=", 1)[0].strip()
        if "=" in lines[i] and not lines[i].lstrip().startswith("#") and key in todo:
            lines[i] = f"{key} = {todo.pop(key)}"
    lines[end:end] = [f"{k} = {v}" for k, v in todo.items()]
    ini.write_text("\n".join(lines) + "\n")


def configure_ckan(paths: Paths, password: str) -> bool:
    """Write the settings into ckan.ini; True when the file changed (a running CKAN must restart)."""
    i = paths.inst
    if not paths.ini.exists():
        run([str(paths.venv / "bin" / "ckan"), "generate", "config", str(paths.ini)])
    before = paths.ini.read_text()
    db = f"127.0.0.1:{i.pg_port}"
    set_ini(
        paths.ini,
        {
            "sqlalchemy.url": f"postgresql://ckan_default:{password}@{db}/ckan_default",
            "ckan.datastore.write_url": f"postgresql://ckan_default:{password}@{db}/datastore_default",
            "ckan.datastore.read_url": f"postgresql://datastore_default:{password}@{db}/datastore_default",
            "ckan.site_url": paths.url,  # download URLs are built from it
            "ckan.site_title": "Portal de dados abertos (local, desenvolvimento)",
            "solr_url": f"http://127.0.0.1:{i.solr_port}/solr/ckan",
            "ckan.redis.url": f"redis://127.0.0.1:{i.redis_port}/0",
            "ckan.storage_path": str(paths.home / "storage"),
            "ckan.max_resource_size": str(MAX_RESOURCE_MB),
            "ckan.plugins": PLUGINS,
            # What a citizen of Minas Gerais reads: the interface in Portuguese, local time.
            "ckan.locale_default": "pt_BR",
            "ckan.display_timezone": "America/Sao_Paulo",
            # Licences with their version and Portuguese title (CKAN's built-in list says
            # "Creative Commons Attribution" for CC BY 4.0); the ids stay CKAN's usual ones.
            "licenses_group_url": f"file://{LICENSES}",
            "package_hide_extras": HIDDEN_EXTRAS,
            # DCAT-AP 3 at /dataset/NAME.{rdf,ttl,jsonld,xml} and /catalog.{rdf,ttl,jsonld,xml}.
            "ckanext.dcat.rdf.profiles": "euro_dcat_ap_3",
            "ckanext.dcat.base_uri": paths.url,
            # Its English labels for its keys ("End of temporal extent") would also rename them
            # past package_hide_extras: the page shows the Portuguese extras instead.
            "ckanext.dcat.translate_keys": "false",
            # Each distribution carries the dataset's licence (dct:license), as DCAT-AP asks.
            "ckanext.dcat.resource.inherit.license": "true",
        },
    )
    return paths.ini.read_text() != before


def ensure_extensions(paths: Paths) -> bool:
    """Install the CKAN extensions missing from the venv (also into a portal installed before
    they were added); True when something was installed."""
    site = next(paths.venv.glob("lib/python*/site-packages"))
    wanted = [
        f"{name}=={version}"
        for name, version in EXTENSIONS.items()
        if not any(site.glob(f"{name.replace('-', '_')}-{version}.dist-info"))
    ]
    if not wanted:
        return False
    say(f"installing {' '.join(wanted)} into {paths.venv}")
    run([str(paths.venv / "bin" / "pip"), "--disable-pip-version-check", "-q", "install", *wanted])
    return True


def ensure_ckan_db(paths: Paths) -> None:
    present = psql(
        paths,
        "SELECT to_regclass('public.package') IS NOT NULL AND to_regclass('public.activity') IS NOT NULL;",
        "ckan_default",
    ).strip()
    if present != "t":
        say("initialising CKAN's database")
        ckan_cmd(paths, "db", "init")
    if psql(paths, "SELECT to_regclass('public._table_metadata') IS NOT NULL;", "datastore_default").strip() != "t":
        say("setting DataStore permissions")
        psql(paths, ckan_cmd(paths, "datastore", "set-permissions"))


def token_works(paths: Paths) -> bool:
    try:
        token = paths.token_file.read_text().strip()
    except OSError:
        return False
    status, _ = http_json(f"{paths.url}/api/3/action/api_token_list?user_id={ADMIN}", token=token, timeout=20)
    return status == 200 and bool(token)


def ensure_admin(paths: Paths) -> None:
    if token_works(paths):
        return
    row = psql(
        paths, f"SELECT sysadmin FROM \"user\" WHERE name = '{ADMIN}' AND state = 'active';", "ckan_default"
    ).strip()
    if not row:
        say(f"creating sysadmin {ADMIN}")
        password = secrets.token_urlsafe(18)
        # Typed at CKAN's prompt through stdin: an argument would show in `ps` to every local user.
        ckan_cmd(paths, "user", "add", ADMIN, f"email={ADMIN}@localhost", input=f"{password}\n{password}\n")
        write_private(paths.portal / "admin-password", password + "\n")
    if row != "t":
        ckan_cmd(paths, "sysadmin", "add", ADMIN)
    say("creating an API token")
    out = ckan_cmd(paths, "user", "token", "add", ADMIN, f"publisher-portal-{int(time.time())}")
    lines = [ln.strip() for ln in out.splitlines() if ln.strip()]
    if not lines:
        raise PortalError("`ckan user token add` printed no token")
    write_private(paths.token_file, lines[-1] + "\n")
    if not token_works(paths):
        raise PortalError("the new API token is refused by CKAN")


def ckan_answers(paths: Paths) -> dict[str, Any] | None:
    status, body = http_json(f"{paths.url}/api/3/action/status_show", timeout=10)
    return body.get("result") if status == 200 and isinstance(body, dict) else None


def write_env(paths: Paths) -> None:
    text = (
        "# Written by portal/up once CKAN answered. No secret here: the token is in the file named below.\n"
        f"CKAN_URL={paths.url}\n"
        f"CKAN_API_TOKEN_FILE={paths.token_file}\n"
        f"PUBLISHER_MAX_RESOURCE_SIZE_BYTES={MAX_RESOURCE_MB * 1024 * 1024}\n"
        f"PORTAL_CKAN_VERSION={paths.inst.version}\n"
    )
    tmp = paths.env_file.with_name("env.tmp")
    tmp.write_text(text)
    os.replace(tmp, paths.env_file)  # readers never see half a file


# --------------------------------------------------------------------------- services


def service_state(paths: Paths) -> dict[str, dict[str, Any]]:
    i = paths.inst
    state: dict[str, dict[str, Any]] = {}
    pg_pid = None
    with contextlib.suppress(OSError, ValueError, IndexError):
        pg_pid = int((paths.pgdata / "postmaster.pid").read_text().splitlines()[0])
    state["postgres"] = {"port": i.pg_port, "pid": pg_pid if pg_running(paths) else None}
    state["redis"] = {"port": i.redis_port, "pid": pid_of(paths, "redis", "redis-server")}
    state["solr"] = {"port": i.solr_port, "pid": pid_of(paths, "solr", "solr_standin")}
    state["ckan"] = {"port": i.ckan_port, "pid": pid_of(paths, "ckan", " run ")}
    for _name, s in state.items():
        s["up"] = s["pid"] is not None and port_open(s["port"])
    return state


def start_redis(paths: Paths) -> None:
    i, state = paths.inst, service_state(paths)["redis"]
    if state["up"]:
        return
    if port_open(i.redis_port):
        raise PortalError(f"port {i.redis_port} is in use by another program: set PORTAL_REDIS_PORT")
    say(f"starting Redis on 127.0.0.1:{i.redis_port}")
    pid = spawn(
        paths,
        "redis",
        [
            "redis-server",
            "--bind",
            "127.0.0.1",
            "--port",
            str(i.redis_port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(paths.home),
        ],
    )
    wait_for("Redis", lambda: port_open(i.redis_port), 20, pid, paths.logs / "redis.log")


def start_solr(paths: Paths) -> None:
    i, state = paths.inst, service_state(paths)["solr"]
    if state["up"]:
        return
    if port_open(i.solr_port):
        raise PortalError(f"port {i.solr_port} is in use by another program: set PORTAL_SOLR_PORT")
    say(f"starting the Solr stand-in on 127.0.0.1:{i.solr_port}")
    journal = paths.home / "solr-docs.jsonl"
    schema = next(paths.venv.glob("lib/python*/site-packages/ckan/config/solr/schema.xml"))
    pid = spawn(
        paths,
        "solr",
        [
            str(paths.venv / "bin" / "python"),
            str(Path(__file__).with_name("solr_standin.py")),
            "--port",
            str(i.solr_port),
            "--schema",
            str(schema),
            "--data",
            str(journal),
        ],
    )
    live = f"http://127.0.0.1:{i.solr_port}/solr/ckan/select?q=*:*&rows=1&wt=json"
    # It replays its journal before it answers: allow for a large one (about 20 MB/s here).
    replay = journal.stat().st_size / 20e6 if journal.exists() else 0
    wait_for("the Solr stand-in", lambda: http_json(live)[0] == 200, 20 + replay, pid, paths.logs / "solr.log")


def start_ckan(paths: Paths) -> None:
    i, state = paths.inst, service_state(paths)["ckan"]
    if state["up"]:
        return
    if port_open(i.ckan_port):
        raise PortalError(f"port {i.ckan_port} is in use by another program: set PORTAL_CKAN_PORT")
    say(f"starting CKAN {i.version} on {paths.url}")
    pid = spawn(
        paths,
        "ckan",
        [
            str(paths.venv / "bin" / "ckan"),
            "-c",
            str(paths.ini),
            "run",
            "-H",
            "127.0.0.1",
            "-p",
            str(i.ckan_port),
            "--disable-reloader",
            "--threaded",
        ],
    )
    wait_for(f"CKAN on {paths.url}", lambda: ckan_answers(paths) is not None, 180, pid, paths.logs / "ckan.log")


def stop_pid(pid: int, name: str) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGTERM)  # its own session: takes any child with it
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
        time.sleep(0.2)
    if Path(f"/proc/{pid}").exists():
        say(f"{name} ignored SIGTERM, killing it")
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)


# --------------------------------------------------------------------------- commands


def converge(paths: Paths) -> None:
    """A running portal set up by an older `up` takes the current extensions and settings:
    what is missing is installed, the ini rewritten, and CKAN restarted only if it changed."""
    installed = ensure_extensions(paths)
    changed = configure_ckan(paths, (paths.home / "db-password").read_text().strip())
    if not (installed or changed):
        return
    pid = service_state(paths)["ckan"]["pid"]
    if pid is not None:
        say(f"restarting CKAN for its new configuration (pid {pid})")
        stop_pid(pid, "ckan")
    start_ckan(paths)


def cmd_up(paths: Paths) -> int:
    started = time.monotonic()
    with locked(paths):
        running = recorded_instance(paths.portal)
        if running and running != paths.inst:
            other = Paths(paths.root, running)
            if any(s["up"] for s in service_state(other).values()):
                raise PortalError(
                    f"a portal with other settings runs from {paths.portal} ({asdict(running)}): "
                    "run portal/down first, or use another PORTAL_DIR"
                )
        info = ckan_answers(paths) if all(s["up"] for s in service_state(paths).values()) else None
        if info and info.get("ckan_version") == paths.inst.version and token_works(paths):
            converge(paths)
            if not paths.env_file.exists():
                write_env(paths)
            say(f"already up: {paths.url} (CKAN {paths.inst.version}); token file {paths.token_file}")
            return 0
        for d in (paths.logs, paths.pids, paths.home / "storage"):
            d.mkdir(parents=True, exist_ok=True)
        paths.record.write_text(json.dumps(asdict(paths.inst)) + "\n")
        ensure_debian_packages()
        ensure_venv(paths)
        secret_file = paths.home / "db-password"
        fresh_home = not secret_file.exists()
        if fresh_home:
            write_private(secret_file, secrets.token_hex(16) + "\n")
        password = secret_file.read_text().strip()
        ensure_extensions(paths)
        configure_ckan(paths, password)
        start_postgres(paths, fresh_home=fresh_home)
        ensure_databases(paths, password)
        # CKAN's command line loads the whole app, which looks for Redis and the index.
        start_redis(paths)
        start_solr(paths)
        ensure_ckan_db(paths)
        start_ckan(paths)
        ensure_admin(paths)
        write_env(paths)
        say(f"up in {time.monotonic() - started:.0f} s: {paths.url} (CKAN {paths.inst.version})")
        say(f"token file {paths.token_file}; settings in {paths.env_file}; logs in {paths.logs}")
        return 0


def cmd_down(paths: Paths, purge: bool) -> int:
    with locked(paths):
        with contextlib.suppress(OSError):
            paths.env_file.unlink()  # nobody should start tests against a portal going away
        state = service_state(paths)
        for name in ("ckan", "solr", "redis"):
            pid = state[name]["pid"]
            if pid is not None:
                say(f"stopping {name} (pid {pid})")
                stop_pid(pid, name)
            with contextlib.suppress(OSError):
                (paths.pids / f"{name}.pid").unlink()
        if state["postgres"]["pid"] is not None:
            say("stopping PostgreSQL")
            bindir = pg_bin()
            assert bindir is not None
            run([str(bindir / "pg_ctl"), "-D", str(paths.pgdata), "-m", "fast", "-w", "stop"], user=pg_user())
        with contextlib.suppress(OSError):
            paths.record.unlink()
        if purge:
            say("removing the portal's data (the CKAN venvs stay)")
            shutil.rmtree(paths.pg_root, ignore_errors=True)
            for p in paths.portal.glob("ckan-*"):
                shutil.rmtree(p, ignore_errors=True)
            for name in ("api-token", "admin-password", "logs", "pids"):
                p = paths.portal / name
                shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
        say("down")
        return 0


def cmd_status(paths: Paths, as_json: bool) -> int:
    state = service_state(paths)
    info = ckan_answers(paths) if state["ckan"]["up"] else None
    all_up = all(s["up"] for s in state.values()) and info is not None
    if as_json:
        print(
            json.dumps(
                {
                    "up": all_up,
                    "url": paths.url,
                    "ckan_version": (info or {}).get("ckan_version"),
                    "env_file": str(paths.env_file) if paths.env_file.exists() else None,
                    "services": state,
                },
                indent=2,
            )
        )
    else:
        for name in SERVICES:
            s = state[name]
            print(f"{name:9} {'up' if s['up'] else 'down':5} pid {s['pid'] or '-':<8} port {s['port']}")
        print(
            f"{'portal':9} {'up' if all_up else 'down':5} {paths.url}"
            + (f" (CKAN {info.get('ckan_version')})" if info else "")
        )
    return 0 if all_up else 1


def cmd_reset(paths: Paths) -> int:
    with locked(paths):
        state = service_state(paths)
        if not all(s["up"] for s in state.values()) or not token_works(paths):
            raise PortalError("the portal is not up: run portal/up first")
        token = paths.token_file.read_text().strip()
        api = f"{paths.url}/api/3/action"
        # The database, not the search index, says what exists (private, draft and deleted too).
        datasets = psql(paths, "SELECT id FROM package;", "ckan_default").split()
        groups = [
            row.split("|") for row in psql(paths, 'SELECT id, is_organization FROM "group";', "ckan_default").split()
        ]
        for pid in datasets:
            status, body = http_json(f"{api}/dataset_purge", token, {"id": pid}, timeout=60)
            if status != 200:
                raise PortalError(f"dataset_purge {pid} failed: {status} {body}")
        for gid, is_org in groups:
            action = "organization_purge" if is_org == "t" else "group_purge"
            status, body = http_json(f"{api}/{action}", token, {"id": gid}, timeout=60)
            if status != 200:
                raise PortalError(f"{action} {gid} failed: {status} {body}")
        # Resource tables only (named by resource id): the DataStore's own `_table_*` relations stay.
        psql(
            paths,
            """DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE '\\_%' LOOP
    EXECUTE format('DROP TABLE IF EXISTS public.%I CASCADE', r.tablename);
  END LOOP; END $$;""",
            "datastore_default",
        )
        psql(
            paths,
            "DO $$ BEGIN IF to_regclass('public.activity') IS NOT NULL THEN DELETE FROM activity; END IF; END $$;",
            "ckan_default",
        )
        for sub in ("resources", "storage/uploads"):
            shutil.rmtree(paths.home / "storage" / sub, ignore_errors=True)
        # Anything the index still holds (e.g. from a dataset written while CKAN was down).
        req = urllib.request.Request(
            f"http://127.0.0.1:{paths.inst.solr_port}/solr/ckan/update?commit=true",
            data=b"<delete><query>*:*</query></delete>",
            headers={"Content-Type": "text/xml"},
        )
        urllib.request.urlopen(req, timeout=10).close()
        say(
            f"reset: purged {len(datasets)} datasets and {len(groups)} organizations/groups; the sysadmin and token stay"
        )
        return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="portal", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    sub.add_parser("up", help="install if needed and start the portal (idempotent)")
    down = sub.add_parser("down", help="stop every process of the portal")
    down.add_argument("--purge", action="store_true", help="also delete the portal's data (keeps the CKAN venvs)")
    status = sub.add_parser("status", help="what runs; exit 0 if all is up")
    status.add_argument("--json", action="store_true")
    sub.add_parser("reset", help="empty datasets, organizations, uploads and the index; keep the sysadmin and token")
    args = ap.parse_args(argv)
    root = Path(__file__).resolve().parent.parent
    wanted = wanted_instance()
    portal = Path(os.environ.get("PORTAL_DIR") or root / ".portal").resolve()
    # down/status/reset act on what `up` recorded, whatever the environment says now.
    inst = wanted if args.command == "up" else (recorded_instance(portal) or wanted)
    paths = Paths(root, inst)
    try:
        if args.command == "up":
            return cmd_up(paths)
        if args.command == "down":
            return cmd_down(paths, args.purge)
        if args.command == "status":
            return cmd_status(paths, args.json)
        return cmd_reset(paths)
    except PortalError as exc:
        print(f"[portal] error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
