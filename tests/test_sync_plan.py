"""Planning as a pure diff between the desired dataset and a `package_show` answer (no portal)."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest

from publisher.catalog import PackageDir
from publisher.ckan.mapping import DESCRIPTOR_RESOURCE
from publisher.settings import Settings
from publisher.sync.desired import DesiredDataset, build_desired
from publisher.sync.plan import diff_dataset

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def desired(tmp_path: Path) -> DesiredDataset:
    shutil.copytree(REPO / "datapackages" / "fhemig-indice-crib", tmp_path / "fhemig-indice-crib")
    return build_desired(PackageDir(tmp_path / "fhemig-indice-crib"))


def portal_of(desired: DesiredDataset, **overrides: Any) -> dict[str, Any]:
    """A `package_show` answer for a dataset published exactly as desired."""
    ds = copy.deepcopy(desired.fields)
    ds.update(id="pkg-id", state="active", private=False, organization={"name": ds["owner_org"]}, owner_org="org-id")
    ds["resources"] = [
        dict(r.fields, id=f"id-{r.name}", url=f"http://portal/{r.path.name}", url_type="upload")
        for r in desired.resources
    ]
    ds.update(overrides)
    return ds


def kinds(plan: Any) -> list[str]:
    return [a.kind for a in plan.actions]


def test_new_dataset_is_created_private_filled_then_made_public(desired: DesiredDataset) -> None:
    plan = diff_dataset(desired, None)
    assert kinds(plan) == ["create_dataset"] + ["upload_resource"] * len(desired.resources) + ["make_public"]
    assert [a.resource for a in plan.of("upload_resource")][-1] == DESCRIPTOR_RESOURCE
    assert plan.upload_bytes == sum(r.size for r in desired.resources)


def test_published_as_desired_means_nothing_to_do(desired: DesiredDataset) -> None:
    plan = diff_dataset(desired, portal_of(desired))
    assert plan.nothing_to_do and plan.actions == [] and plan.held == []


def test_metadata_change_is_reported_field_by_field(desired: DesiredDataset) -> None:
    portal = portal_of(desired, title="Título antigo", version="0.0.9")
    portal["extras"] = [e for e in portal["extras"] if e["key"] != "cobertura espacial"] + [
        {"key": "outra", "value": "mantida"}
    ]
    plan = diff_dataset(desired, portal)
    changes = {(a.field, a.old, a.new) for a in plan.of("update_field")}
    assert changes == {
        ("title", "Título antigo", desired.fields["title"]),
        ("version", "0.0.9", desired.fields["version"]),
        ("extras.cobertura espacial", None, "Minas Gerais"),
    }
    assert kinds(plan) == ["update_field"] * 3


def test_changed_file_is_uploaded_onto_the_same_resource(desired: DesiredDataset) -> None:
    portal = portal_of(desired)
    target = portal["resources"][1]
    target["hash"] = "sha256:" + "0" * 64
    plan = diff_dataset(desired, portal)
    (upload,) = plan.actions
    assert (upload.kind, upload.resource, upload.resource_id, upload.reason) == (
        "upload_resource",
        target["slug"],
        target["id"],
        "changed",
    )
    # Same hash, other size: also a change (hash and size are both checked, nothing downloaded).
    portal = portal_of(desired)
    portal["resources"][0]["size"] += 1
    assert [a.resource for a in diff_dataset(desired, portal).actions] == [portal["resources"][0]["slug"]]


def test_resource_metadata_change_without_new_file(desired: DesiredDataset) -> None:
    portal = portal_of(desired)
    portal["resources"][0]["description"] = "velha"
    plan = diff_dataset(desired, portal)
    assert [(a.kind, a.field, a.old) for a in plan.actions] == [("update_resource", "description", "velha")]


def test_resource_gone_locally_is_deleted_only_with_prune(desired: DesiredDataset) -> None:
    portal = portal_of(desired)
    portal["resources"].append({"id": "id-old", "name": "antigo", "url_type": "upload"})
    plan = diff_dataset(desired, portal)
    assert plan.nothing_to_do and [a.resource for a in plan.held] == ["antigo"]
    pruned = diff_dataset(desired, portal, prune=True)
    assert [(a.kind, a.resource_id) for a in pruned.actions] == [("delete_resource", "id-old")]


def test_soft_deleted_dataset_is_reactivated_then_made_public(desired: DesiredDataset) -> None:
    plan = diff_dataset(desired, portal_of(desired, state="deleted"))
    assert kinds(plan) == ["reactivate", "make_public"]


def test_private_dataset_left_by_a_failed_run_is_completed(desired: DesiredDataset) -> None:
    portal = portal_of(desired, private=True)
    portal["resources"] = portal["resources"][:1]
    plan = diff_dataset(desired, portal)
    assert kinds(plan) == ["upload_resource"] * (len(desired.resources) - 1) + ["make_public"]


def test_missing_organization_is_planned(desired: DesiredDataset) -> None:
    plan = diff_dataset(desired, None, org_exists=False)
    assert plan.actions[0].kind == "create_organization" and plan.actions[0].new == desired.organization


def test_order_differs_means_reorder(desired: DesiredDataset) -> None:
    portal = portal_of(desired)
    portal["resources"].reverse()
    assert kinds(diff_dataset(desired, portal)) == ["reorder_resources"]


def test_verify_stopped_before_starting_checks_nothing_and_says_interrupted(tmp_path: Path) -> None:
    from test_validation_state_style import write_state_package

    from publisher.sync.verify import verify

    write_state_package(tmp_path / "datapackages", [("1", "Betim", "1,5", "1")])
    # An address nothing listens on: a request would fail, so none must be made.
    settings = Settings(root=tmp_path, ckan_url="http://127.0.0.1:9", retries=0)
    result = verify(settings, should_stop=lambda: True)
    assert (result.interrupted, result.ok, result.datasets) == (True, False, [])
