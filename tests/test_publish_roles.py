"""The publish engine with an agency's own token instead of the portal's sysadmin: a user
who is only an editor of the organization, and one who is not a member at all."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

import ckanapi
import pytest
from fixtures_publish import TmpCatalogue, edit_csv, only, resources

from publisher.sync.apply import publish, retire, undo_retire
from publisher.sync.verify import verify

TokenFor = Callable[[str, str | None], Path]


@pytest.fixture
def token_for(ckan: ckanapi.RemoteCKAN, unique_name: Callable[[str], str], tmp_path: Path) -> Iterator[TokenFor]:
    """`token_for(org, role)`: a token file of a new user with `role` in `org` (None: no membership)."""
    users: list[str] = []

    def make(org: str, role: str | None) -> Path:
        user = unique_name("user")
        ckan.action.user_create(name=user, email=f"{user}@example.org", password=secrets.token_urlsafe(16))
        users.append(user)
        if role:
            ckan.action.organization_member_create(id=org, username=user, role=role)
        path = tmp_path / f"{user}.token"
        path.write_text(ckan.action.api_token_create(user=user, name="publisher")["token"], encoding="utf-8")
        return path

    yield make
    for user in users:
        ckan.action.user_delete(id=user)


def test_an_editor_creates_updates_prunes_retires_and_reactivates(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN, token_for: TokenFor
) -> None:
    ckan.action.organization_create(name=catalogue.org)
    name = catalogue.add()
    settings = catalogue.settings(CKAN_API_TOKEN_FILE=token_for(catalogue.org, "editor"))

    assert only(publish(settings), name).action == "created"
    ids = {n: r["id"] for n, r in resources(ckan, name).items()}
    edit_csv(catalogue.path(name) / "data" / "crib_mensal.csv")
    changed = only(publish(settings), name)
    assert (changed.action, changed.uploaded_files) == ("updated", 1)
    ckan.action.resource_create(package_id=name, name="sobra", url="https://example.org/sobra.csv")
    assert only(publish(settings, prune=True), name).action == "updated"
    assert {n: r["id"] for n, r in resources(ckan, name).items()} == ids

    assert retire(settings, name).retired
    assert ckan.action.package_show(id=name)["state"] == "deleted"
    assert only(publish(settings), name).error_code == "retired"  # retired stays retired
    assert undo_retire(settings, name)
    assert only(publish(settings), name).action == "reactivated"
    ds = ckan.action.package_show(id=name)
    assert (ds["state"], ds["private"]) == ("active", False)
    assert verify(settings).ok


def test_a_user_outside_the_organization_is_refused_and_nothing_is_left(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN, token_for: TokenFor
) -> None:
    ckan.action.organization_create(name=catalogue.org)
    name = catalogue.add()
    result = publish(catalogue.settings(CKAN_API_TOKEN_FILE=token_for(catalogue.org, None)))
    out = only(result, name)
    assert (out.action, out.error_code, result.failed) == ("failed", "not-authorized", 1)
    assert "permissão" in (out.error_message or "")
    with pytest.raises(ckanapi.NotFound):
        ckan.action.package_show(id=name)
