"""The portal lookup of goals and freshness closes the CKAN client it opens."""

from __future__ import annotations

import json
import shutil

import pytest
from fixtures_publish import REPO, TmpCatalogue
from typer.testing import CliRunner

import publisher.cli.ops_cmd  # noqa: F401 - registers `goal` on the app
from publisher.ckan.client import CkanClient
from publisher.ckan.errors import PortalUnavailable, PortalUnreachable
from publisher.cli import app
from publisher.facts import ckan_lookup, collect


def _count_clients(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    counts = {"opened": 0, "closed": 0}
    real_init, real_close = CkanClient.__init__, CkanClient.close

    def init(self: CkanClient, *args: object, **kwargs: object) -> None:
        counts["opened"] += 1
        real_init(self, *args, **kwargs)  # type: ignore[arg-type]

    def close(self: CkanClient) -> None:
        counts["closed"] += 1
        real_close(self)

    monkeypatch.setattr(CkanClient, "__init__", init)
    monkeypatch.setattr(CkanClient, "close", close)
    return counts


def test_goal_closes_the_client_it_asks_the_portal_with(
    catalogue: TmpCatalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(REPO / "jobs", catalogue.root / "jobs", ignore=shutil.ignore_patterns("__pycache__"))
    catalogue.add("goal")
    monkeypatch.setenv("PUBLISHER_ROOT", str(catalogue.root))
    monkeypatch.setenv("CKAN_URL", catalogue.ckan_url)
    monkeypatch.setenv("CKAN_API_TOKEN_FILE", str(catalogue.token_file))
    counts = _count_clients(monkeypatch)
    done = CliRunner().invoke(app, ["goal", "--json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["goals"][0]["portal_checked"] is True
    assert counts["opened"] >= 1 and counts["closed"] == counts["opened"]


def test_the_lookup_closes_its_client_after_collecting(
    catalogue: TmpCatalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = catalogue.add("facts")
    counts = _count_clients(monkeypatch)
    settings = catalogue.settings()
    with ckan_lookup(settings) as lookup:
        facts = collect(settings, None, lookup)
    assert facts.portal_checked and name in facts.by_name()
    assert counts == {"opened": 1, "closed": 1}


def test_the_lookup_closes_its_client_when_the_portal_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    from publisher.settings import Settings

    counts = _count_clients(monkeypatch)
    settings = Settings(ckan_url="http://127.0.0.1:9", retries=0)
    with pytest.raises(PortalUnreachable), ckan_lookup(settings) as lookup:
        lookup("anything")
    assert counts == {"opened": 1, "closed": 1}
    # One PortalUnreachable in the product, a kind of PortalUnavailable.
    assert issubclass(PortalUnreachable, PortalUnavailable)
