"""Batched portal reads on the real portal: a no-op run reads each organization with a few
`package_search` pages instead of one `package_show` per dataset, and stays exact: what is
written is planned from `package_show`, and a dataset edited by hand since the last run is
re-read and re-planned even when the search index claims nothing changed."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import ckanapi
import pytest
from fixtures_publish import TmpCatalogue, edit_csv, only

from publisher.catalog import PackageDir
from publisher.ckan.client import CkanClient
from publisher.settings import Settings
from publisher.sync import apply as apply_module
from publisher.sync import desired as desired_module
from publisher.sync import plan as plan_module
from publisher.sync import portal_view
from publisher.sync.apply import publish
from publisher.sync.desired import DesiredDataset
from publisher.sync.plan import plan_catalogue
from publisher.sync.portal_view import PortalView, SeenRecord, seen_file


def actions_called(caplog: pytest.LogCaptureFixture, action: str) -> list[str]:
    """The ids the client logged for calls of `action` (its debug line: "ACTION ID")."""
    return [r.getMessage().split(" ", 1)[1] for r in caplog.records if r.getMessage().split(" ", 1)[0] == action]


@pytest.fixture
def three(catalogue: TmpCatalogue) -> tuple[list[str], Settings]:
    names = [catalogue.add("bat") for _ in range(3)]
    settings = catalogue.settings(portal_batch_min=1)
    first = publish(settings)
    assert [o.action for o in first.datasets] == ["created"] * 3
    return names, settings


def test_no_op_reads_the_organization_in_one_search(
    three: tuple[list[str], Settings], caplog: pytest.LogCaptureFixture
) -> None:
    names, settings = three
    with caplog.at_level(logging.DEBUG, logger="publisher.ckan.client"):
        second = publish(settings)
    assert [o.action for o in second.datasets] == ["unchanged"] * 3
    assert second.write_requests == 0
    assert actions_called(caplog, "package_show") == []
    assert len(actions_called(caplog, "package_search")) == 1


def test_without_batching_each_dataset_is_shown(
    three: tuple[list[str], Settings], caplog: pytest.LogCaptureFixture, catalogue: TmpCatalogue
) -> None:
    names, _ = three
    with caplog.at_level(logging.DEBUG, logger="publisher.ckan.client"):
        publish(catalogue.settings(portal_batch_min=0))
    assert sorted(actions_called(caplog, "package_show")) == sorted(names)
    assert actions_called(caplog, "package_search") == []


def test_a_change_is_planned_from_package_show_and_only_it_is_written(
    three: tuple[list[str], Settings], catalogue: TmpCatalogue, caplog: pytest.LogCaptureFixture
) -> None:
    names, settings = three
    edit_csv(next(catalogue.path(names[1]).glob("data/*.csv")))
    with caplog.at_level(logging.DEBUG, logger="publisher.ckan.client"):
        result = publish(settings)
    # Outcomes come in catalogue (folder name) order, not in the order the names were made.
    assert {o.name: o.action for o in result.datasets} == {
        names[0]: "unchanged",
        names[1]: "updated",
        names[2]: "unchanged",
    }
    assert only(result, names[0]).write_requests == 0 and only(result, names[1]).write_requests > 0
    # The exact read before the write, the DataStore's (the new file's table is reloaded), and
    # the one after both that records what the run left.
    assert actions_called(caplog, "package_show") == [names[1]] * 3
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="publisher.ckan.client"):
        again = publish(settings)
    assert [o.action for o in again.datasets] == ["unchanged"] * 3
    assert actions_called(caplog, "package_show") == []


def test_hand_edit_on_the_portal_is_planned(
    three: tuple[list[str], Settings], ckan: ckanapi.RemoteCKAN, caplog: pytest.LogCaptureFixture
) -> None:
    names, settings = three
    ckan.action.package_patch(id=names[2], title="Editado à mão no portal")
    with caplog.at_level(logging.DEBUG, logger="publisher.ckan.client"):
        plan = plan_catalogue(settings)
    by_name = {d.name: d for d in plan.datasets}
    assert [(a.field, a.old) for a in by_name[names[2]].actions] == [("title", "Editado à mão no portal")]
    assert by_name[names[0]].nothing_to_do and by_name[names[1]].nothing_to_do
    assert actions_called(caplog, "package_show") == [names[2]]
    result = publish(settings)
    assert only(result, names[2]).action == "updated"
    assert ckan.action.package_show(id=names[2])["title"] != "Editado à mão no portal"


def test_search_copy_claiming_unchanged_after_a_hand_edit_is_not_trusted(
    three: tuple[list[str], Settings], ckan: ckanapi.RemoteCKAN, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index that answers the edited dataset's new `metadata_modified` with the old content
    (a wrong or half-updated index): the moved `metadata_modified` alone sends it to package_show."""
    names, settings = three
    before = ckan.action.package_show(id=names[0])
    ckan.action.package_patch(id=names[0], title="Editado à mão no portal")
    real = portal_view.search_organization

    def stale_content(client: CkanClient, organization: str) -> dict[str, bytes]:
        copies = real(client, organization)
        edited = portal_view.unpack(copies[names[0]])
        before["metadata_modified"] = edited["metadata_modified"]
        copies[names[0]] = portal_view.pack(before)
        return copies

    monkeypatch.setattr(portal_view, "search_organization", stale_content)
    plan = plan_catalogue(settings)
    edited = next(d for d in plan.datasets if d.name == names[0])
    assert [(a.field, a.old) for a in edited.actions] == [("title", "Editado à mão no portal")]


def test_pages_are_followed(
    three: tuple[list[str], Settings], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    names, settings = three
    monkeypatch.setattr(portal_view, "SEARCH_ROWS", 2)
    with caplog.at_level(logging.DEBUG, logger="publisher.ckan.client"):
        plan = plan_catalogue(settings)
    assert all(d.nothing_to_do for d in plan.datasets)
    assert len(actions_called(caplog, "package_search")) == 2
    assert actions_called(caplog, "package_show") == []


def test_record_of_another_portal_or_damaged_is_ignored(tmp_path: Path) -> None:
    file = tmp_path / "portal-seen.json"
    record = SeenRecord(file, "http://a.example/")
    record.note("ds", {"metadata_modified": "2026-01-01T00:00:00"})
    record.save()
    assert SeenRecord(file, "http://a.example").matches("ds", {"metadata_modified": "2026-01-01T00:00:00"})
    assert not SeenRecord(file, "http://b.example").matches("ds", {"metadata_modified": "2026-01-01T00:00:00"})
    file.write_text("{broken", encoding="utf-8")
    assert SeenRecord(file, "http://a.example").modified == {}


def test_view_without_batching_has_no_search_copy(catalogue: TmpCatalogue) -> None:
    settings = catalogue.settings()
    view = PortalView(settings, batched=False)
    assert view.search_copy(CkanClient(settings), Any) is None  # type: ignore[arg-type]
    assert seen_file(settings).parent == settings.root / ".publisher"


# -- datasets known to be in sync: not even planned ---------------------------------------------


class Builds:
    """Counts the desired datasets built, by name, in the publish and plan paths."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.names: list[str] = []
        real = desired_module.build_desired

        def counting(pkg: PackageDir, *args: Any, **kwargs: Any) -> DesiredDataset:
            built = real(pkg, *args, **kwargs)
            self.names.append(built.name)
            return built

        monkeypatch.setattr(apply_module, "build_desired", counting)
        monkeypatch.setattr(plan_module, "build_desired", counting)


@pytest.fixture
def synced(three: tuple[list[str], Settings]) -> tuple[list[str], Settings]:
    """Three datasets, and a no-op run after their creation: each found in sync and recorded."""
    names, settings = three
    assert [o.action for o in publish(settings).datasets] == ["unchanged"] * 3
    return names, settings


def test_a_no_op_over_datasets_in_sync_builds_none(
    synced: tuple[list[str], Settings], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    names, settings = synced
    builds = Builds(monkeypatch)
    with caplog.at_level(logging.DEBUG, logger="publisher.ckan.client"):
        result = publish(settings)
        plan = plan_catalogue(settings)
    assert [(o.action, o.public, o.organization is not None) for o in result.datasets] == [
        ("unchanged", True, True)
    ] * 3
    assert result.write_requests == 0
    assert [(d.nothing_to_do, d.exists, d.state, d.private) for d in plan.datasets] == [
        (True, True, "active", False)
    ] * 3
    assert builds.names == []
    assert actions_called(caplog, "package_show") == []


def test_a_local_change_after_sync_is_planned_and_written(
    synced: tuple[list[str], Settings], catalogue: TmpCatalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    names, settings = synced
    edit_csv(next(catalogue.path(names[1]).glob("data/*.csv")))
    builds = Builds(monkeypatch)
    result = publish(settings)
    assert {o.name: o.action for o in result.datasets} == {names[0]: "unchanged", names[1]: "updated",
                                                           names[2]: "unchanged"}  # fmt: skip
    assert builds.names == [names[1]]


def test_a_dataset_written_is_not_planned_again_by_the_next_run(
    synced: tuple[list[str], Settings],
    catalogue: TmpCatalogue,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    names, settings = synced
    edit_csv(next(catalogue.path(names[1]).glob("data/*.csv")))
    assert only(publish(settings), names[1]).action == "updated"
    builds = Builds(monkeypatch)
    with caplog.at_level(logging.DEBUG, logger="publisher.ckan.client"):
        again = publish(settings)
    assert [o.action for o in again.datasets] == ["unchanged"] * 3
    # Planned again from what its writes left, in the run that wrote it: this run reads heads only.
    assert builds.names == []
    assert actions_called(caplog, "package_show") == []


def test_a_hand_edit_after_sync_is_planned_from_package_show(
    synced: tuple[list[str], Settings], ckan: ckanapi.RemoteCKAN, caplog: pytest.LogCaptureFixture
) -> None:
    names, settings = synced
    ckan.action.package_patch(id=names[0], title="Editado à mão no portal")
    with caplog.at_level(logging.DEBUG, logger="publisher.ckan.client"):
        plan = plan_catalogue(settings)
    edited = next(d for d in plan.datasets if d.name == names[0])
    assert [(a.field, a.old) for a in edited.actions] == [("title", "Editado à mão no portal")]
    assert actions_called(caplog, "package_show") == [names[0]]
    assert only(publish(settings), names[0]).action == "updated"


def test_other_settings_plan_every_dataset_again(
    synced: tuple[list[str], Settings], catalogue: TmpCatalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    names, _ = synced
    builds = Builds(monkeypatch)
    plan = plan_catalogue(catalogue.settings(portal_batch_min=1, package_zip=True))
    assert sorted(builds.names) == sorted(names)
    # With the whole-package zip on, each dataset gains one more resource.
    assert all(d.of("upload_resource") for d in plan.datasets)


def test_the_record_forgets_a_dataset_in_sync_once_its_portal_state_moves(tmp_path: Path) -> None:
    file = tmp_path / "portal-seen.json"
    record = SeenRecord(file, "http://a.example")
    record.note("ds", {"metadata_modified": "2026-01-01T00:00:00"})
    record.mark_synced("ds", "key-1", "org")
    record.mark_synced("unknown", "key-1", "org")  # never read exactly: nothing to be in sync with
    record.save()
    again = SeenRecord(file, "http://a.example")
    assert again.synced_organization("ds", "key-1") == "org"
    assert again.synced_organization("ds", "key-2") is None
    assert again.synced_organization("unknown", "key-1") is None
    again.note("ds", {"metadata_modified": "2026-01-02T00:00:00"})
    assert again.synced_organization("ds", "key-1") is None


@pytest.mark.parametrize(
    ("shown", "same"),
    [
        ("2026-12-02T05:01:18.342850Z", True),  # the stand-in keeps what CKAN sent
        ("2026-12-02T05:01:18.342850", True),  # package_show's own answer
        ("2026-12-02T05:01:18.342Z", True),  # Solr keeps milliseconds
        ("2026-12-02T05:01:18.343Z", False),
        ("2026-12-02T05:01:18.342851Z", False),
        ("2026-12-02T05:01:19.342Z", False),
        ("2026-12-02T05:01:18Z", False),
    ],
)
def test_index_times_are_compared_at_the_precision_the_index_shows(shown: str, same: bool) -> None:
    assert portal_view.same_instant("2026-12-02T05:01:18.342850", shown) is same


def test_solr_drops_trailing_zeros_of_the_milliseconds() -> None:
    assert portal_view.same_instant("2026-12-02T05:01:18.340120", "2026-12-02T05:01:18.34Z")
    assert portal_view.same_instant("2026-12-02T05:01:18.000400", "2026-12-02T05:01:18Z")
    assert not portal_view.same_instant("2026-12-02T05:01:18.350120", "2026-12-02T05:01:18.34Z")


def test_background_head_reads_end_when_a_run_stops_early(
    three: tuple[list[str], Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    _names, settings = three
    publish(settings)  # now known in sync: the next runs read their heads in the background

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("validation stopped")

    for module in (plan_module, apply_module):
        with monkeypatch.context() as m:
            m.setattr(module, "validate_many", broken)
            with pytest.raises(RuntimeError):
                plan_catalogue(settings) if module is plan_module else publish(settings)
        assert not [t.name for t in threading.enumerate() if t.name.startswith("heads")], module.__name__
