"""Adding, pruning and reordering the resources of a public dataset is one `package_revise`,
against the real local CKAN: a citizen sees the previous version whole until the new one is
whole. The step-by-step order (kept for reactivated datasets, which are private meanwhile) is
shown to leave mixed states when cut, which is why public datasets no longer use it."""

from __future__ import annotations

from typing import Any

import ckanapi
import pytest
from fixtures_kill import TwoVersions, citizen_view, mixed
from fixtures_publish import TmpCatalogue, only, resources, show

from publisher.catalog import PackageDir
from publisher.ckan.client import CkanClient
from publisher.ckan.organizations import Organizations
from publisher.ckan.slugs import resource_key
from publisher.sync import execute as execute_module
from publisher.sync.apply import publish
from publisher.sync.desired import build_desired
from publisher.sync.execute import ApplyState, execute
from publisher.sync.plan import bound_diff
from publisher.sync.verify import verify
from publisher.validation import validate_package


class Killed(BaseException):
    """Stands for a SIGKILL in-process: nothing after it runs, nothing catches it."""


# The package's own files, published after its data.
PACKAGE_FILES = ["README.md", "CHANGELOG.md", "datapackage.json"]


def test_add_prune_reorder_and_new_version_in_one_request(catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN) -> None:
    name = catalogue.add("atom")
    versions = TwoVersions(catalogue, name)
    settings = catalogue.settings()
    publish(settings)
    kept = resources(ckan, name)["unidades"]["id"]

    versions.use("b")
    out = only(publish(settings, prune=True), name)
    assert (out.action, out.write_requests, out.uploaded_files) == ("updated", 1, 2)  # extra.csv, datapackage.json
    ds = show(ckan, name)
    assert [resource_key(r) for r in ds["resources"]] == ["extra", "unidades", *PACKAGE_FILES]
    assert ds["version"] == "0.2.0" and resources(ckan, name)["unidades"]["id"] == kept
    assert verify(settings).ok

    versions.use("a")  # and back: crib-mensal added again at the end, extra pruned
    out = only(publish(settings, prune=True), name)
    assert (out.action, out.write_requests) == ("updated", 1)
    assert [resource_key(r) for r in show(ckan, name)["resources"]] == ["unidades", "crib-mensal", *PACKAGE_FILES]
    assert only(publish(settings, prune=True), name).action == "unchanged"


def test_without_prune_a_resource_added_elsewhere_is_kept_after_ours(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN
) -> None:
    name = catalogue.add("atom")
    versions = TwoVersions(catalogue, name)
    settings = catalogue.settings()
    publish(settings)
    ckan.action.resource_create(package_id=name, name="sobra", url="https://example.org/sobra.csv")
    versions.use("b")
    out = only(publish(settings), name)
    assert (out.action, out.write_requests) == ("updated", 1)
    assert [resource_key(r) for r in show(ckan, name)["resources"]] == [
        "extra", "unidades", *PACKAGE_FILES, "crib-mensal", "sobra",
    ]  # fmt: skip


def test_beyond_the_form_limits_files_go_first_and_the_version_with_the_deletions(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN
) -> None:
    name = catalogue.add("atom")
    versions = TwoVersions(catalogue, name)
    publish(catalogue.settings())
    before = citizen_view(catalogue.ckan_url, name)
    versions.use("b")
    # One file per request at most; the DataStore off: its loads are writes after the publication.
    small = catalogue.settings(form_max_parts=4, datastore=False)
    views = []
    sent: list[str] = []
    original = CkanClient._before_request

    def watch(self: CkanClient, write: bool) -> None:
        if write:
            sent.append("write")
            views.append(citizen_view(catalogue.ckan_url, name))
        original(self, write)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(CkanClient, "_before_request", watch)
        out = only(publish(small, prune=True), name)
    after = citizen_view(catalogue.ckan_url, name)
    assert out.action == "updated" and after.version == "0.2.0"
    # Each view before a write: the old version (maybe with new files in), never a listed file gone.
    assert len(sent) >= 3 and all(v.version == before.version and not v.broken for v in views)
    assert {"unidades", "crib-mensal"} <= {n for v in views for n, _ in v.files}
    assert verify(small).ok


def _kill_after(monkeypatch: pytest.MonkeyPatch, writes: int) -> None:
    count = {"writes": 0}
    original = CkanClient._before_request

    def counting(self: CkanClient, write: bool) -> None:
        if write:
            count["writes"] += 1
            if count["writes"] > writes:
                raise Killed
        original(self, write)

    monkeypatch.setattr(CkanClient, "_before_request", counting)


def _apply(catalogue: TmpCatalogue, name: str) -> None:
    settings = catalogue.settings()
    pkg = PackageDir(catalogue.path(name))
    desired = build_desired(pkg, validate_package(pkg, settings).hashes, settings.limits)
    with CkanClient(settings) as client:
        portal = client.package_show(name)
        plan = bound_diff(client, desired, org_exists=True, prune=True, allow_move=False, adopt=False)(portal)
        execute(client, plan, desired, portal, Organizations(client, settings.catalogue_dir), ApplyState())


@pytest.mark.parametrize("step_by_step", [True, False], ids=["old-step-by-step", "one-revise"])
def test_a_cut_update_shows_a_mixed_state_only_step_by_step(
    catalogue: TmpCatalogue, step_by_step: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = catalogue.add("cut")
    versions = TwoVersions(catalogue, name)
    settings = catalogue.settings()
    publish(settings)
    seen: dict[str, Any] = {"a": citizen_view(catalogue.ckan_url, name), "mixed": 0, "cuts": 0}
    versions.use("b")
    publish(settings, prune=True)
    seen["b"] = citizen_view(catalogue.ckan_url, name)
    if step_by_step:
        monkeypatch.setattr(execute_module, "_reshape", lambda client, plan, desired, portal, pid, ids, state, on_bytes:
                            execute_module._step_by_step(client, plan, desired, portal, pid, ids, state, on_bytes))  # fmt: skip
    for writes in range(1, 5):  # step by step: upload, delete, reorder, metadata
        which = "a" if writes % 2 else "b"
        versions.use(which)
        with monkeypatch.context() as mp:
            _kill_after(mp, writes)
            try:
                _apply(catalogue, name)
            except Killed:
                seen["cuts"] += 1
        seen["mixed"] += mixed(citizen_view(catalogue.ckan_url, name), seen["a"], seen["b"])
        publish(settings, prune=True)  # converge before the next cut
        assert citizen_view(catalogue.ckan_url, name) == seen[which]
    if step_by_step:
        assert seen["cuts"] >= 2 and seen["mixed"] >= 1, seen
    else:
        assert seen["mixed"] == 0, seen
