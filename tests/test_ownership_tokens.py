"""No takeover and no dead tokens, against the local portal: a dataset of another organization
is neither moved nor reactivated (unless `--allow-move`, recorded), one the publisher did not
make is left alone (unless `--adopt`), a refused write names user, organization and role, and
a token CKAN does not take stops the run with one message."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ckanapi
import pytest
from fixtures_publish import TmpCatalogue, edit_csv, only, resources
from test_publish_recorded import cli, ledger_file, on_portal, runner  # noqa: F401 - fixture
from test_publish_roles import TokenFor, token_for  # noqa: F401 - fixture
from typer.testing import CliRunner

from publisher.ckan.client import InvalidToken
from publisher.ledger import Ledger
from publisher.settings import Settings, SettingsError
from publisher.sync.apply import publish
from publisher.sync.events import ProgressEvent
from publisher.sync.plan import plan_catalogue


@pytest.fixture
def other_org(ckan: ckanapi.RemoteCKAN, ckan_cleanup: Any, unique_name: Callable[[str], str]) -> str:
    """Another organization with a long slug, as the state's portal names them."""
    name = f"secretaria-de-estado-de-outra-pasta-{unique_name('org')}"
    ckan_cleanup.organization(name)
    ckan.action.organization_create(name=name, title="Outra secretaria")
    return name


def published_in(catalogue: TmpCatalogue, org: str) -> str:
    """A package published by the publisher in `org` (the sysadmin's token)."""
    name = catalogue.add()
    d = catalogue.descriptor(name)
    d["owner_org"] = org
    catalogue.write(name, d)
    assert only(publish(catalogue.settings()), name).action == "created"
    return name


def claim_for(catalogue: TmpCatalogue, name: str) -> None:
    """The local package now says it belongs to the catalogue's own organization."""
    d = catalogue.descriptor(name)
    d["owner_org"] = catalogue.org
    catalogue.write(name, d)


def test_a_dataset_of_another_organization_is_not_taken_over(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN, other_org: str
) -> None:
    ckan.action.organization_create(name=catalogue.org)
    name = published_in(catalogue, other_org)
    before = resources(ckan, name)
    claim_for(catalogue, name)

    (planned,) = plan_catalogue(catalogue.settings()).datasets
    assert (planned.status, planned.error_code, planned.actions) == ("failed", "owner-mismatch", [])
    out = only(publish(catalogue.settings()), name)
    assert (out.action, out.error_code, out.write_requests) == ("failed", "owner-mismatch", 0)
    assert other_org in (out.error_message or "") and catalogue.org in (out.error_message or "")
    assert f"--allow-move {name}" in (out.error_message or "")
    ds = ckan.action.package_show(id=name)
    assert ds["organization"]["name"] == other_org and resources(ckan, name) == before


def test_a_retired_dataset_of_another_organization_is_not_reactivated(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN, other_org: str
) -> None:
    ckan.action.organization_create(name=catalogue.org)
    name = published_in(catalogue, other_org)
    ckan.action.package_delete(id=name)
    claim_for(catalogue, name)

    out = only(publish(catalogue.settings()), name)
    assert (out.action, out.error_code, out.write_requests) == ("failed", "owner-mismatch", 0)
    assert "não foi reativado" in (out.error_message or "")
    ds = ckan.action.package_show(id=name)
    assert (ds["state"], ds["organization"]["name"]) == ("deleted", other_org)


def test_allow_move_moves_the_dataset_and_the_ledger_records_it(
    catalogue: TmpCatalogue,
    ckan: ckanapi.RemoteCKAN,
    other_org: str,
    runner: CliRunner,  # noqa: F811
) -> None:
    ckan.action.organization_create(name=catalogue.org)
    name = published_in(catalogue, other_org)
    claim_for(catalogue, name)

    code, output = cli(runner, catalogue, "publish", "--allow-move", name, "--json")
    assert code == 0, output
    (outcome,) = json.loads(output)["datasets"]
    assert outcome["action"] == "updated"
    assert ckan.action.package_show(id=name)["organization"]["name"] == catalogue.org
    with Ledger.open(ledger_file(catalogue)) as ledger:
        (event,) = ledger.events(dataset=name, kinds=["updated"])
        run = ledger.last_runs(1, job="publish")[0]
    assert isinstance(event.detail, dict)
    moved = [c for c in event.detail["changes"] if other_org in c]
    assert moved == [f"conjunto movido da organização {other_org} para {catalogue.org} (--allow-move)"]
    assert run.id == event.run_id


def test_a_dataset_the_publisher_did_not_make_is_left_alone_unless_adopted(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN
) -> None:
    ckan.action.organization_create(name=catalogue.org)
    name = catalogue.add()
    ckan.action.package_create(name=name, owner_org=catalogue.org, title="Feito à mão no portal")
    ckan.action.resource_create(package_id=name, name="planilha", url="https://example.org/planilha.csv")

    out = only(publish(catalogue.settings()), name)
    assert (out.action, out.error_code, out.write_requests) == ("failed", "not-managed", 0)
    assert f"--adopt {name}" in (out.error_message or "")
    assert list(resources(ckan, name)) == ["planilha"]

    adopted = only(publish(catalogue.settings(), adopt=[name]), name)
    assert adopted.action == "updated" and "datapackage.json" in resources(ckan, name)
    assert only(publish(catalogue.settings()), name).action == "unchanged"  # ours from now on


def test_an_editor_of_another_organization_is_told_user_organization_and_role(
    catalogue: TmpCatalogue,
    ckan: ckanapi.RemoteCKAN,
    other_org: str,
    token_for: TokenFor,  # noqa: F811
) -> None:
    ckan.action.organization_create(name=catalogue.org)
    name = published_in(catalogue, other_org)
    edit_csv(catalogue.path(name) / "data" / "crib_mensal.csv")
    token_file = token_for(catalogue.org, "editor")
    user = ckanapi.RemoteCKAN(catalogue.ckan_url, apikey=token_file.read_text()).action.user_show()["name"]

    out = only(publish(catalogue.settings(CKAN_API_TOKEN_FILE=token_file)), name)
    assert (out.action, out.error_code) == ("failed", "not-authorized")
    said = out.error_message or ""
    assert f"o usuário {user} do token precisa do papel editor na organização {other_org}" in said


def test_a_garbage_token_stops_plan_and_publish_with_one_message_and_nothing_sent(
    catalogue: TmpCatalogue,
    ckan: ckanapi.RemoteCKAN,
    runner: CliRunner,  # noqa: F811
    tmp_path: Path,
) -> None:
    name = catalogue.add()
    garbage = tmp_path / "garbage.token"
    garbage.write_text("not-a-token-" + "x" * 40)
    garbage.chmod(0o600)
    with pytest.raises(InvalidToken):
        publish(catalogue.settings(CKAN_API_TOKEN_FILE=garbage))
    for command in ("plan", "publish", "verify"):
        code, output = cli(runner, catalogue, command, CKAN_API_TOKEN_FILE=str(garbage))
        assert code == 1, output
        assert output.count("não reconhece o token de API") == 1 and "x" * 40 not in output
    assert not on_portal(ckan, name)
    with pytest.raises(ckanapi.NotFound):
        ckan.action.organization_show(id=catalogue.org)


def test_a_token_revoked_mid_run_stops_the_run_at_the_first_refusal(
    catalogue: TmpCatalogue,
    ckan: ckanapi.RemoteCKAN,
    token_for: TokenFor,  # noqa: F811
) -> None:
    ckan.action.organization_create(name=catalogue.org)
    names = [catalogue.add() for _ in range(4)]
    token_file = token_for(catalogue.org, "editor")

    def revoke_after_first(event: ProgressEvent) -> None:
        if event.kind == "dataset_finished":
            ckan.action.api_token_revoke(token=token_file.read_text())

    with pytest.raises(InvalidToken):
        publish(catalogue.settings(CKAN_API_TOKEN_FILE=token_file), workers=1, progress=revoke_after_first)
    # The first one went out; the second found the token dead; the others were never tried.
    assert sum(on_portal(ckan, n) for n in names) == 1


def test_a_token_file_others_can_read_is_warned_of_and_refused_under_strict(
    catalogue: TmpCatalogue,
    runner: CliRunner,  # noqa: F811
    tmp_path: Path,
) -> None:
    catalogue.add()
    loose = tmp_path / "loose.token"
    loose.write_text(catalogue.token_file.read_text())
    os.chmod(loose, 0o666)
    settings = Settings(CKAN_API_TOKEN_FILE=loose, lang="en")
    assert "chmod 600" in (settings.token_file_warning() or "")

    code, output = cli(runner, catalogue, "plan", CKAN_API_TOKEN_FILE=str(loose))
    assert code == 0 and "pode ser lido por outros usuários" in output and "(permissões 0666)" in output
    code, output = cli(runner, catalogue, "plan", "--strict", CKAN_API_TOKEN_FILE=str(loose))
    assert code == 2 and "--strict" in output
    code, output = cli(runner, catalogue, "plan", CKAN_API_TOKEN_FILE=str(loose), PUBLISHER_TOKEN_FILE_STRICT="true")
    assert code == 2
    with pytest.raises(SettingsError):
        Settings(CKAN_API_TOKEN_FILE=loose, token_file_strict=True).token_value()

    loose.chmod(0o600)
    assert Settings(CKAN_API_TOKEN_FILE=loose).token_file_warning() is None
    code, output = cli(runner, catalogue, "plan", "--strict", CKAN_API_TOKEN_FILE=str(loose))
    assert code == 0 and "chmod" not in output
