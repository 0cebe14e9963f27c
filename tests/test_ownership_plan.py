"""Ownership in the pure plan (no portal): which `package_show` answers the publisher may change."""

from __future__ import annotations

import pytest
from test_sync_plan import desired, kinds, portal_of  # noqa: F401 - fixture

from publisher.ckan.mapping import DESCRIPTOR_RESOURCE
from publisher.sync.desired import DesiredDataset
from publisher.sync.plan import NotManaged, OwnerMismatch, diff_dataset

LONG_ORG = "secretaria-de-estado-de-desenvolvimento-social-sedese"


def test_another_organizations_dataset_is_refused_in_both_languages(desired: DesiredDataset) -> None:  # noqa: F811
    portal = portal_of(desired, organization={"name": LONG_ORG})
    with pytest.raises(OwnerMismatch) as refused:
        diff_dataset(desired, portal)
    said = refused.value.localized("en")
    assert LONG_ORG in said and desired.organization in said and f"--allow-move {desired.name}" in said
    retired = portal_of(desired, organization={"name": LONG_ORG}, state="deleted")
    with pytest.raises(OwnerMismatch) as refused:
        diff_dataset(desired, retired)
    assert "não foi reativado nem movido" in refused.value.localized("pt")


def test_allow_move_plans_the_move_as_an_owner_org_change(desired: DesiredDataset) -> None:  # noqa: F811
    portal = portal_of(desired, organization={"name": LONG_ORG}, state="deleted")
    plan = diff_dataset(desired, portal, allow_move=True)
    assert kinds(plan) == ["reactivate", "update_field", "make_public"]
    (move,) = plan.of("update_field")
    assert (move.field, move.old, move.new) == ("owner_org", LONG_ORG, desired.organization)


def test_only_what_the_publisher_made_is_changed(desired: DesiredDataset) -> None:  # noqa: F811
    unmarked = portal_of(desired)
    unmarked["resources"] = [r for r in unmarked["resources"] if r["slug"] != DESCRIPTOR_RESOURCE]
    with pytest.raises(NotManaged):
        diff_dataset(desired, unmarked)
    assert diff_dataset(desired, unmarked, adopt=True).of("upload_resource")
    # A first publish cut short: private, holding none or some of the package's resources.
    for kept in (0, 1):
        cut = portal_of(desired, private=True)
        cut["resources"] = cut["resources"][:kept]
        assert diff_dataset(desired, cut).of("make_public")
    stranger = portal_of(desired, private=True)
    stranger["resources"] = [{"id": "x", "name": "planilha-de-outro", "url_type": "upload"}]
    with pytest.raises(NotManaged):
        diff_dataset(desired, stranger)
