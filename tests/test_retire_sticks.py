"""A retired dataset stays retired: `retire` lists it in datapackages/retired.json, and plan,
publish and verify leave it alone until the steward undoes it (real local CKAN)."""

from __future__ import annotations

import json

import ckanapi
from fixtures_publish import TmpCatalogue, only, show

from publisher.sync.apply import publish, retire, undo_retire
from publisher.sync.plan import plan_catalogue
from publisher.sync.retired import load_retired, retired_file
from publisher.sync.verify import verify


def test_retire_sticks_until_undone(catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN) -> None:
    name = catalogue.add("retired")
    kept = catalogue.add("kept")
    settings = catalogue.settings()
    assert publish(settings).ok

    result = retire(settings, name, reason="substituído por outro conjunto")
    assert result.retired and show(ckan, name)["state"] == "deleted"
    entry = load_retired(settings)[name]
    assert entry.reason == "substituído por outro conjunto"
    on_disk = json.loads(retired_file(settings).read_text(encoding="utf-8"))
    assert [e["name"] for e in on_disk] == [name]

    # The package is still in datapackages/: plan shows it retired, nothing to publish.
    plan = {d.name: d for d in plan_catalogue(settings).datasets}
    assert (plan[name].status, plan[name].state, plan[name].actions) == ("retired", "deleted", [])
    assert "retire" in (plan[name].error_message or "") and "--undo" in (plan[name].error_message or "")
    assert plan[kept].status == "planned"

    # publish skips it with the reason; it stays deleted on the portal.
    out = only(publish(settings), name)
    assert (out.action, out.error_code, out.write_requests) == ("skipped", "retired", 0)
    assert "substituído por outro conjunto" in (out.error_message or "")
    assert show(ckan, name)["state"] == "deleted"

    # verify does not check it, so a retired dataset is no failure.
    checked = verify(settings)
    assert checked.ok and checked.retired == [name]
    assert [d.name for d in checked.datasets] == [kept]

    # Undone: the next publish reactivates it, and verify checks it again.
    assert undo_retire(settings, name) is True
    assert undo_retire(settings, name) is False
    assert name not in load_retired(settings)
    assert not retired_file(settings).exists()  # nothing retired any more: no file left behind
    back = only(publish(settings), name)
    assert (back.action, back.public) == ("reactivated", True)
    assert show(ckan, name)["state"] == "active"
    again = verify(settings)
    assert again.ok and not again.retired and {d.name for d in again.datasets} == {name, kept}


def test_retire_of_an_unknown_dataset_lists_nothing(catalogue: TmpCatalogue) -> None:
    settings = catalogue.settings()
    missing = retire(settings, "conjunto-que-nao-existe-xyz")
    assert not missing.ok and load_retired(settings) == {}
