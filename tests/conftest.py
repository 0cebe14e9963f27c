"""Fixtures shared by the whole suite: the local CKAN portal and clean-up of what tests make there.

The portal (`portal/up`) is real CKAN; tests that need it fail, never skip, when it is down.
Its address and token file come from CKAN_URL / CKAN_API_TOKEN_FILE (or CKAN_API_TOKEN) in the
environment, else from the `.portal/env` that `portal/up` writes.

Fixture modules of other areas go in tests/fixtures_<area>.py, listed in `pytest_plugins`.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import ckanapi
import pytest
import requests

pytest_plugins: list[str] = ["fixtures_publish", "fixtures_suites"]

ROOT = Path(__file__).resolve().parent.parent
HOW_TO_START = "start it with `portal/up` (or run the suite with `make test`, which does)"


def portal_env() -> dict[str, str]:
    """Settings for the local portal: the environment first, then .portal/env."""
    env: dict[str, str] = {}
    env_file = Path(os.environ.get("PORTAL_DIR") or ROOT / ".portal") / "env"
    if env_file.exists():
        for line in env_file.read_text(encoding="utf-8").splitlines():
            key, sep, value = line.partition("=")
            if sep and not key.startswith("#"):
                env[key.strip()] = value.strip()
    for key in ("CKAN_URL", "CKAN_API_TOKEN_FILE", "CKAN_API_TOKEN"):
        if os.environ.get(key):
            env[key] = os.environ[key]
    return env


@pytest.fixture(scope="session")
def ckan_url() -> str:
    url = portal_env().get("CKAN_URL")
    if not url:
        pytest.fail(f"No local CKAN portal is configured (no CKAN_URL, no .portal/env): {HOW_TO_START}.", pytrace=False)
    try:
        requests.get(f"{url.rstrip('/')}/api/3/action/status_show", timeout=10).raise_for_status()
    except requests.RequestException as exc:
        pytest.fail(
            f"The CKAN portal at {url} does not answer ({exc.__class__.__name__}): {HOW_TO_START}.", pytrace=False
        )
    return url.rstrip("/")


@pytest.fixture(scope="session")
def ckan_token_file(ckan_url: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    env = portal_env()
    if env.get("CKAN_API_TOKEN_FILE"):
        path = Path(env["CKAN_API_TOKEN_FILE"])
        if not path.is_file():
            pytest.fail(f"CKAN_API_TOKEN_FILE {path} does not exist: {HOW_TO_START}.", pytrace=False)
        return path
    if env.get("CKAN_API_TOKEN"):
        path = tmp_path_factory.mktemp("ckan-token") / "api-token"
        path.touch(mode=0o600)
        path.write_text(env["CKAN_API_TOKEN"], encoding="utf-8")
        return path
    pytest.fail(f"No API token for {ckan_url} (CKAN_API_TOKEN_FILE or CKAN_API_TOKEN): {HOW_TO_START}.", pytrace=False)


@pytest.fixture(scope="session")
def ckan(ckan_url: str, ckan_token_file: Path) -> ckanapi.RemoteCKAN:
    """A sysadmin client of the local portal."""
    token = ckan_token_file.read_text(encoding="utf-8").strip()
    return ckanapi.RemoteCKAN(ckan_url, apikey=token, user_agent="publisher-tests")


@pytest.fixture
def unique_name() -> Callable[[str], str]:
    """make("org") -> "test-org-3f9c1a2b7d": a fresh valid CKAN name (lowercase, <= 100 chars)."""

    def make(prefix: str = "item") -> str:
        return f"test-{prefix.lower()}-{uuid.uuid4().hex[:10]}"

    return make


class CkanCleanup:
    """Remembers what a test made on the portal and purges it afterwards, datasets first."""

    def __init__(self, ckan: ckanapi.RemoteCKAN) -> None:
        self._ckan = ckan
        self._datasets: list[str] = []
        self._groups: list[tuple[str, str]] = []

    def dataset(self, name_or_id: str) -> str:
        self._datasets.append(name_or_id)
        return name_or_id

    def organization(self, name_or_id: str) -> str:
        self._groups.append(("organization_purge", name_or_id))
        return name_or_id

    def group(self, name_or_id: str) -> str:
        self._groups.append(("group_purge", name_or_id))
        return name_or_id

    def purge(self) -> None:
        calls = [("dataset_purge", d) for d in reversed(self._datasets)] + list(reversed(self._groups))
        for action, ident in calls:
            try:
                self._ckan.call_action(action, {"id": ident})
            except ckanapi.NotFound:
                pass  # the test purged it already


@pytest.fixture
def ckan_cleanup(ckan: ckanapi.RemoteCKAN) -> Iterator[CkanCleanup]:
    cleanup = CkanCleanup(ckan)
    yield cleanup
    cleanup.purge()


# CKAN 2.11 too: `.ci/run` runs the tests that talk to the portal a second time against CKAN
# 2.11.6 with `-m portal`. They are told by their fixtures (everything that reaches the portal
# goes through `ckan_url`), so no list of files can go stale.
def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "portal: the test talks to the local CKAN portal (set from its fixtures)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "ckan_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.portal)
