"""The publish engine against the real local CKAN (portal/up): create, update, unchanged,
changed file, reactivate, prune, retire, private-until-complete, invalid packages, verify.

Each test publishes a temporary catalogue (copies of a small real package under unique
names, see fixtures_publish.TmpCatalogue); whatever it creates is purged afterwards.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

import ckanapi
import pytest
import requests
from fixtures_publish import TmpCatalogue, anonymous, edit_csv, only, resources, show

from publisher.ckan.slugs import resource_key
from publisher.sync.apply import publish, retire
from publisher.sync.events import ProgressEvent
from publisher.sync.plan import plan_catalogue
from publisher.sync.verify import verify


def test_create_then_second_run_sends_nothing(catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN) -> None:
    name = catalogue.add()
    readme = "# Leia-me\n\n## Arquivos\n\nDois CSV.\n\n## Como usar\n\nAbra o CSV numa planilha.\n"
    (catalogue.path(name) / "README.md").write_text(readme, encoding="utf-8")
    settings = catalogue.settings()
    first = publish(settings)
    out = only(first, name)
    assert (out.action, out.public, out.error_message) == ("created", True, None)
    # Two tables, README, CHANGELOG and the descriptor.
    assert out.uploaded_files == 5 and out.first_public_at is not None
    ds = show(ckan, name)
    assert (ds["state"], ds["private"], ds["organization"]["name"]) == ("active", False, catalogue.org)
    # The organization was created from the catalogue's organizations.json, not guessed.
    assert ckan.action.organization_show(id=catalogue.org)["title"] == f"Organização de teste {catalogue.org}"
    # README sections worth having follow the description on the portal.
    assert ds["notes"].startswith(catalogue.descriptor(name)["description"].strip())
    assert ds["notes"].endswith("## Como usar\n\nAbra o CSV numa planilha.")
    by_name = {resource_key(r): r for r in ds["resources"]}
    assert list(by_name) == ["unidades", "crib-mensal", "README.md", "CHANGELOG.md", "datapackage.json"]
    local = catalogue.descriptor(name)["resources"][1]
    # The Table Schema arrived as JSON, not flattened to its keys.
    assert json.loads(by_name["crib-mensal"]["schema"]) == local["schema"]
    csv = catalogue.path(name) / local["path"]
    got = anonymous(by_name["crib-mensal"]["url"])
    assert got.status_code == 200 and got.content == csv.read_bytes()
    assert by_name["crib-mensal"]["hash"] == "sha256:" + hashlib.sha256(csv.read_bytes()).hexdigest()

    second = publish(settings)
    assert only(second, name).action == "unchanged"
    assert (second.write_requests, second.uploaded_bytes, second.failed, second.invalid) == (0, 0, 0, 0)
    assert second.requests > 0


def test_metadata_change_updates_fields_in_place(catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN) -> None:
    name = catalogue.add()
    settings = catalogue.settings()
    publish(settings)
    before = resources(ckan, name)
    d = catalogue.descriptor(name)
    d["title"] = "Título revisado"
    d["keywords"].append("revisão")
    d["frequência de atualização"] = "anual"
    catalogue.write(name, d)

    planned = plan_catalogue(settings).datasets[0]
    fields = {a.field for a in planned.of("update_field")}
    # The frequency is shown as text and, for DCAT, as its EU vocabulary URI.
    assert fields == {"title", "tags", "extras.frequência de atualização", "extras.frequency"}
    assert [a.resource for a in planned.of("upload_resource")] == ["datapackage.json"]

    out = only(publish(settings), name)
    assert (out.action, out.public, out.uploaded_files) == ("updated", True, 1)
    ds = show(ckan, name)
    assert ds["title"] == "Título revisado" and "revisão" in {t["name"] for t in ds["tags"]}
    assert {e["key"]: e["value"] for e in ds["extras"]}["frequência de atualização"] == "anual"
    after = {resource_key(r): r for r in ds["resources"]}
    assert {k: v["id"] for k, v in after.items()} == {k: v["id"] for k, v in before.items()}


def test_changed_csv_uploads_only_that_file_on_the_same_resource(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN
) -> None:
    name = catalogue.add()
    settings = catalogue.settings()
    publish(settings)
    before = resources(ckan, name)
    new_bytes = edit_csv(catalogue.path(name) / "data" / "crib_mensal.csv")

    result = publish(settings)
    out = only(result, name)
    assert (out.action, out.uploaded_files, out.uploaded_bytes) == ("updated", 1, len(new_bytes))
    assert result.uploaded_bytes == len(new_bytes)
    after = resources(ckan, name)
    assert after["crib-mensal"]["id"] == before["crib-mensal"]["id"]
    assert after["crib-mensal"]["url"] == before["crib-mensal"]["url"]
    assert after["unidades"]["last_modified"] == before["unidades"]["last_modified"]
    assert anonymous(after["crib-mensal"]["url"]).content == new_bytes
    assert verify(settings).ok


def test_soft_deleted_dataset_is_reactivated(catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN) -> None:
    name = catalogue.add()
    settings = catalogue.settings()
    publish(settings)
    ids = {k: v["id"] for k, v in resources(ckan, name).items()}
    ckan.action.package_delete(id=name)
    assert show(ckan, name)["state"] == "deleted"

    out = only(publish(settings), name)
    assert (out.action, out.public, out.error_message) == ("reactivated", True, None)
    ds = show(ckan, name)
    assert (ds["state"], ds["private"]) == ("active", False)
    assert {resource_key(r): r["id"] for r in ds["resources"]} == ids
    assert verify(settings).ok


def test_prune_deletes_portal_resources_gone_locally_only_when_asked(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN
) -> None:
    name = catalogue.add()
    settings = catalogue.settings()
    publish(settings)
    ckan.action.resource_create(package_id=name, name="sobra", url="https://example.org/sobra.csv")

    plain = only(publish(settings), name)
    assert plain.action == "unchanged" and "sobra" in resources(ckan, name)
    assert [a.resource for a in plan_catalogue(settings).datasets[0].held] == ["sobra"]

    pruned = only(publish(settings, prune=True), name)
    assert (pruned.action, pruned.write_requests) == ("updated", 1)
    assert list(resources(ckan, name)) == ["unidades", "crib-mensal", "README.md", "CHANGELOG.md", "datapackage.json"]


def test_retire_soft_deletes_only_when_asked(catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN) -> None:
    name = catalogue.add()
    settings = catalogue.settings()
    publish(settings)
    first = retire(settings, name)
    assert (first.found, first.retired, first.write_requests) == (True, True, 1)
    assert show(ckan, name)["state"] == "deleted"
    again = retire(settings, name)
    assert (again.retired, again.already_retired, again.write_requests) == (False, True, 0)
    missing = retire(settings, name + "-nao-existe")
    assert (missing.found, missing.ok, missing.error_code) == (False, False, "not-found")


class Boom(RuntimeError):
    pass


def test_failure_mid_upload_leaves_a_new_dataset_private_and_the_next_run_converges(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN
) -> None:
    name = catalogue.add()
    settings = catalogue.settings()
    started: list[str] = []

    def fail_during_second_file(event: ProgressEvent) -> None:
        if event.kind == "bytes_sent":
            started.append(event.dataset)
            if len(started) > 1:  # first chunk of the second file: cut the upload mid-body
                raise Boom("injected failure mid-upload")

    out = only(publish(settings, progress=fail_during_second_file), name)
    assert (out.action, out.public, out.error_code) == ("failed", False, "unexpected")
    ds = show(ckan, name)
    # The files and the publication go in one atomic package_revise: none of it landed.
    assert ds["private"] is True and ds["resources"] == []
    # Citizens see nothing of it.
    assert requests.get(
        f"{catalogue.ckan_url}/api/3/action/package_show", params={"id": name}, timeout=30
    ).status_code in (403, 404)

    again = only(publish(settings), name)
    assert (again.action, again.public, again.uploaded_files) == ("updated", True, 5)
    assert again.first_public_at is not None
    assert verify(settings).ok


def _new_version(catalogue: TmpCatalogue, name: str, version: str) -> None:
    """What a steward does for a new release: corrected data, the version and its CHANGELOG entry."""
    edit_csv(catalogue.path(name) / "data" / "crib_mensal.csv")
    catalogue.write(name, {**catalogue.descriptor(name), "version": version})
    changelog = catalogue.path(name) / "CHANGELOG.md"
    changelog.write_text(
        changelog.read_text(encoding="utf-8") + f"\n## {version}\n\n- Dados corrigidos.\n", encoding="utf-8"
    )


def test_a_new_version_shows_only_once_its_files_are_in(catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN) -> None:
    name = catalogue.add()
    settings = catalogue.settings()
    publish(settings)
    before = show(ckan, name)
    _new_version(catalogue, name, "1.1.0")

    def fail_on_first_bytes(event: ProgressEvent) -> None:
        if event.kind == "bytes_sent":
            raise Boom("injected failure mid-upload")

    out = only(publish(settings, progress=fail_on_first_bytes), name)
    assert out.action == "failed"
    during = show(ckan, name)
    # Still the previous version, public, with its resources and its old CSV.
    assert (during["version"], during["private"]) == (before["version"], False)
    assert (
        resources(ckan, name)["crib-mensal"]["hash"]
        == {resource_key(r): r for r in before["resources"]}["crib-mensal"]["hash"]
    )

    again = only(publish(settings), name)
    # Version, description and the changed files (the CSV, the CHANGELOG with the version's entry,
    # datapackage.json) in one atomic request.
    assert (again.action, again.write_requests, again.uploaded_files) == ("updated", 1, 3)
    assert show(ckan, name)["version"] == "1.1.0"
    assert verify(settings).ok


def test_a_resource_field_removed_locally_is_cleared_on_the_portal(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN
) -> None:
    name = catalogue.add()
    settings = catalogue.settings()
    descriptor = catalogue.descriptor(name)
    descriptor["resources"][1]["dialect"] = {"delimiter": ","}
    catalogue.write(name, descriptor)
    publish(settings)
    assert json.loads(resources(ckan, name)["crib-mensal"]["dialect"]) == {"delimiter": ","}

    del descriptor["resources"][1]["dialect"]
    catalogue.write(name, descriptor)
    assert only(publish(settings), name).action == "updated"
    assert not resources(ckan, name)["crib-mensal"].get("dialect")
    # Converged: a field left out of a patch would have stayed, and been planned again forever.
    assert plan_catalogue(settings).datasets[0].nothing_to_do


def test_invalid_package_sends_nothing_and_the_others_are_published(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN
) -> None:
    good, bad, other = catalogue.add("good"), catalogue.add("bad"), catalogue.add("other")
    csv = catalogue.path(bad) / "data" / "crib_mensal.csv"
    lines = csv.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace("2021,", "2021,13,", 1).replace(",1,", ",", 1)  # month 13: outside the enum
    csv.write_text("".join(lines), encoding="utf-8")

    result = publish(catalogue.settings(), workers=3)
    assert {o.name: o.action for o in result.datasets} == {good: "created", bad: "invalid", other: "created"}
    assert (result.invalid, result.failed) == (1, 0)
    assert only(result, bad).validation_errors and only(result, bad).write_requests == 0
    with pytest.raises(ckanapi.NotFound):
        ckan.action.package_show(id=bad)


def test_verify_catches_a_file_replaced_behind_the_publishers_back(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN, tmp_path: Path
) -> None:
    name = catalogue.add()
    settings = catalogue.settings()
    publish(settings)
    assert verify(settings).ok
    # Same size, one digit different: the portal's size and hash fields still look right.
    original = (catalogue.path(name) / "data" / "crib_mensal.csv").read_bytes()
    tampered = tmp_path / "crib_mensal.csv"
    tampered.write_bytes(original.replace(b"2021,1,MOV,", b"2021,2,MOV,", 1))
    assert len(tampered.read_bytes()) == len(original) and tampered.read_bytes() != original
    target = resources(ckan, name)["crib-mensal"]
    with tampered.open("rb") as fh:
        ckan.action.resource_patch(id=target["id"], upload=fh)

    assert plan_catalogue(settings).datasets[0].nothing_to_do  # planning never downloads...
    result = verify(settings)  # ...verifying does
    (checked,) = result.datasets
    assert not result.ok and not checked.ok
    assert len(checked.problems) == 1 and "crib-mensal" in checked.problems[0] and "sha256" in checked.problems[0]
    assert checked.checked_files == 5


def test_unknown_organization_fails_that_dataset_with_a_clear_error(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    ok, orphan = catalogue.add("ok"), catalogue.add("orphan")
    d = catalogue.descriptor(orphan)
    d["owner_org"] = "orgao-que-nao-existe"
    catalogue.write(orphan, d)
    result = publish(catalogue.settings(lang="en"))
    out = only(result, orphan)
    # Validation asks organizations.json and the portal, so nothing of the package is sent.
    assert (out.action, out.write_requests) == ("invalid", 0)
    assert "organization-unknown" in {e.code for e in out.validation_errors}
    assert "orgao-que-nao-existe" in (out.error_message or "") and "organizations.json" in (out.error_message or "")
    assert only(result, ok).action == "created"
    with pytest.raises(ckanapi.NotFound):
        ckan.action.package_show(id=orphan)
    token = catalogue.token_file.read_text().strip()
    assert token not in result.model_dump_json() and token not in caplog.text


def test_dry_run_writes_nothing(catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN) -> None:
    name = catalogue.add()
    result = publish(catalogue.settings(), dry_run=True)
    out = only(result, name)
    assert (out.action, result.write_requests, result.dry_run) == ("created", 0, True)
    # What would change, in the run's language (Portuguese by default).
    assert "criar conjunto" in out.changes and "enviar arquivo unidades (novo)" in out.changes
    english = only(publish(catalogue.settings(lang="en"), dry_run=True), name)
    assert "create dataset" in english.changes
    with pytest.raises(ckanapi.NotFound):
        ckan.action.package_show(id=name)


def test_should_stop_finishes_the_dataset_in_hand_then_stops(catalogue: TmpCatalogue) -> None:
    names = [catalogue.add(f"stop{i}") for i in range(3)]
    finished: list[str] = []

    def on_event(event: ProgressEvent) -> None:
        if event.kind == "dataset_finished":
            finished.append(event.dataset)

    result = publish(catalogue.settings(), workers=1, progress=on_event, should_stop=lambda: bool(finished))
    assert result.interrupted
    assert [o.action for o in result.datasets] == ["created", "skipped", "skipped"]
    assert [o.name for o in result.datasets][0] == names[0]
