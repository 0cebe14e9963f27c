"""The DataStore against the real local portal: each published table queryable, typed by its
Table Schema, with the data dictionary and a table preview; reloaded only when its file changed."""

from __future__ import annotations

import gzip
from typing import Any

import ckanapi
import pytest
from fixtures_publish import TmpCatalogue, only, resources
from state_tables import (
    DESPESAS_FIELDS,
    RECEITAS_FIELDS,
    RECEITAS_ROWS,
    add_state_package,
    despesas_rows,
    despesas_typed,
    write_despesas,
)

from publisher.ckan.client import CkanClient
from publisher.sync.apply import publish
from publisher.sync.verify import verify

TYPES = {"integer": "int8", "number": "numeric", "date": "date", "datetime": "timestamp", "boolean": "bool"}


def _search(ckan: ckanapi.RemoteCKAN, resource_id: str, **extra: Any) -> dict[str, Any]:
    result: dict[str, Any] = ckan.action.datastore_search(resource_id=resource_id, **extra)
    return result


def _columns(answer: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["id"]: f for f in answer["fields"] if f["id"] != "_id"}


def _views(ckan: ckanapi.RemoteCKAN, resource_id: str) -> list[str]:
    return [v["view_type"] for v in ckan.action.resource_view_list(id=resource_id)]


@pytest.fixture
def actions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every action the publisher's client calls (all workers), in order."""
    called: list[str] = []
    original = CkanClient.call

    def spy(self: CkanClient, action: str, data: Any = None) -> Any:
        called.append(action)
        return original(self, action, data)

    monkeypatch.setattr(CkanClient, "call", spy)
    return called


def _assert_dictionary(answer: dict[str, Any], fields: list[dict[str, Any]]) -> None:
    columns = _columns(answer)
    assert list(columns) == [f["name"] for f in fields]
    for f in fields:
        assert columns[f["name"]]["type"] == TYPES.get(f["type"], "text"), f["name"]
        assert columns[f["name"]]["info"]["label"] == f["title"]
        assert columns[f["name"]]["info"]["notes"] == f["description"]


def test_state_style_tables_are_loaded_typed_with_their_dictionary_and_a_preview(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN
) -> None:
    name = add_state_package(catalogue, rows=23)
    # Small batches: the 23 rows go in five inserts.
    result = publish(catalogue.settings(datastore_batch_rows=5), [catalogue.path(name)])
    assert result.ok and only(result, name).action == "created"
    res = resources(ckan, name)

    despesas = _search(ckan, res["despesas"]["id"], limit=100, sort="_id")
    assert despesas["total"] == 23
    _assert_dictionary(despesas, DESPESAS_FIELDS)
    got = [{k: v for k, v in r.items() if k != "_id"} for r in despesas["records"]]
    want = [despesas_typed(r) for r in despesas_rows(23)]
    assert [r["valor"] for r in want].count(None) == 3  # "-" is a missing value: null, not text
    for g, w in zip(got, want, strict=True):
        assert g["valor"] == (None if w["valor"] is None else float(w["valor"]))
        assert {k: v for k, v in g.items() if k != "valor"} == {k: v for k, v in w.items() if k != "valor"}

    receitas = _search(ckan, res["receitas"]["id"], sort="_id")
    assert receitas["total"] == 3
    _assert_dictionary(receitas, RECEITAS_FIELDS)
    assert [r["fonte"] for r in receitas["records"]] == ["ICMS", "IPVA — cota-parte", "Transferências da União"]
    assert receitas["records"][0]["registrado_em"].startswith("2021-03-01T10:00:00")
    assert [r["montante"] for r in receitas["records"]] == [1500.25, None, 98765.4]

    for r in ("despesas", "receitas"):
        assert res[r]["datastore_active"] is True
        assert res[r]["datastore_hash"] == res[r]["hash"]
        assert _views(ckan, res[r]["id"]) == ["datatables_view"]
    assert "datapackage.json" in res and not res["datapackage.json"].get("datastore_active")
    assert verify(catalogue.settings(), [catalogue.path(name)]).ok


def test_unchanged_republish_sends_no_datastore_request_and_keeps_the_table(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN, actions: list[str]
) -> None:
    name = add_state_package(catalogue)
    settings = catalogue.settings()
    assert publish(settings, [catalogue.path(name)]).ok
    res = resources(ckan, name)
    before = _search(ckan, res["despesas"]["id"], fields="_id,codigo", sort="_id")["records"]
    actions.clear()
    again = publish(settings, [catalogue.path(name)])
    assert again.ok and again.write_requests == 0
    assert not [a for a in actions if a.startswith(("datastore_", "resource_view"))], actions
    assert _search(ckan, res["despesas"]["id"], fields="_id,codigo", sort="_id")["records"] == before
    assert _views(ckan, res["despesas"]["id"]) == ["datatables_view"]


def test_changed_file_is_reloaded_whole_and_the_dictionary_kept(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN
) -> None:
    name = add_state_package(catalogue, rows=10)
    settings = catalogue.settings(datastore_batch_rows=4)
    assert publish(settings, [catalogue.path(name)]).ok
    res = resources(ckan, name)
    rid = res["despesas"]["id"]
    # Someone adds to the data dictionary on the portal: it must survive a reload.
    columns = _columns(_search(ckan, rid, limit=0))
    fields = [{"id": c, "type": columns[c]["type"], "info": {**columns[c]["info"], "origem": "SIAFI"}}
              for c in columns]  # fmt: skip
    ckan.action.datastore_create(resource_id=rid, force=True, fields=fields)

    rows = despesas_rows(14, shift=7)
    write_despesas(catalogue.path(name) / "data" / "despesas.csv", rows)
    result = publish(settings, [catalogue.path(name)])
    assert result.ok and only(result, name).action == "updated"
    assert any("despesas" in c and "DataStore" in c for c in only(result, name).changes)
    answer = _search(ckan, rid, limit=100, sort="_id")
    assert answer["total"] == 14  # replaced, not appended to the 10 of before
    assert [r["codigo"] for r in answer["records"]] == [int(r[0]) for r in rows]
    assert answer["records"][1]["valor"] == float(despesas_typed(rows[1])["valor"])
    _assert_dictionary(answer, DESPESAS_FIELDS)
    assert all(c["info"]["origem"] == "SIAFI" for c in _columns(answer).values())
    after = resources(ckan, name)
    assert after["despesas"]["datastore_hash"] == after["despesas"]["hash"] != res["despesas"]["hash"]
    assert _views(ckan, rid) == ["datatables_view"]  # still one preview
    # the other table did not change: not reloaded
    receitas = resources(ckan, name)["receitas"]
    assert not any("receitas" in c and "DataStore" in c for c in only(result, name).changes)
    assert _search(ckan, receitas["id"], limit=0)["total"] == 3


def test_opt_out_per_resource_and_per_package(catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN) -> None:
    one = add_state_package(catalogue, "ds-res")
    d = catalogue.descriptor(one)
    d["resources"][1]["datastore"] = False
    catalogue.write(one, d)
    whole = add_state_package(catalogue, "ds-pkg")
    d = catalogue.descriptor(whole)
    d["datastore"] = False
    d["resources"][0]["datastore"] = True  # a resource's own word wins
    catalogue.write(whole, d)
    result = publish(catalogue.settings(), [catalogue.path(one), catalogue.path(whole)])
    assert result.ok
    for name, loaded, left in ((one, "despesas", "receitas"), (whole, "despesas", "receitas")):
        res = resources(ckan, name)
        assert res[loaded]["datastore_active"] is True
        assert not res[left].get("datastore_active")
        assert _views(ckan, res[left]["id"]) == []
    # Opting out later takes the table off the DataStore.
    d = catalogue.descriptor(one)
    d["datastore"] = False
    catalogue.write(one, d)
    result = publish(catalogue.settings(), [catalogue.path(one)])
    assert result.ok
    assert not resources(ckan, one)["despesas"].get("datastore_active")
    assert verify(catalogue.settings(), [catalogue.path(one)]).ok


def test_file_over_the_limit_is_skipped_with_a_note_not_an_error(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN
) -> None:
    name = add_state_package(catalogue, rows=40)
    size = (catalogue.path(name) / "data" / "despesas.csv").stat().st_size
    result = publish(catalogue.settings(datastore_max_bytes=size - 1), [catalogue.path(name)])
    outcome = only(result, name)
    assert result.ok and outcome.action == "created" and outcome.datastore_errors == []
    assert len(outcome.notes) == 1 and "despesas" in outcome.notes[0] and str(size) in outcome.notes[0]
    res = resources(ckan, name)
    assert not res["despesas"].get("datastore_active")
    assert res["receitas"]["datastore_active"] is True  # the small one is loaded


@pytest.mark.parametrize("batch_min", [20, 1], ids=["one-read-each", "batched"])
def test_a_failed_load_leaves_the_files_published_counts_and_is_retried(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN, actions: list[str], batch_min: int
) -> None:
    # Batched, a dataset found in sync twice is not rebuilt: a failed load must not count as in sync.
    name = add_state_package(catalogue)
    _break_receitas(catalogue, name)
    settings = catalogue.settings(portal_batch_min=batch_min)
    result = publish(settings, [catalogue.path(name)])
    outcome = only(result, name)
    assert outcome.action == "created" and outcome.public and outcome.error_code is None
    assert result.datastore_failed == 1 and result.ok and outcome.notes == []
    (error,) = outcome.datastore_errors
    assert error.startswith("receitas: ")
    res = resources(ckan, name)
    assert res["despesas"]["datastore_active"] is True  # the other table loaded
    assert not res["receitas"].get("datastore_hash")
    # the next run tries again (and says so again)
    for _ in range(2):
        actions.clear()
        again = publish(settings, [catalogue.path(name)])
        assert len(only(again, name).datastore_errors) == 1
        assert "datastore_create" in actions
    assert not verify(settings, [catalogue.path(name)]).ok


def test_verify_reports_a_table_that_differs_from_its_file(catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN) -> None:
    name = add_state_package(catalogue)
    assert publish(catalogue.settings(), [catalogue.path(name)]).ok
    res = resources(ckan, name)
    ckan.action.datastore_upsert(resource_id=res["receitas"]["id"], force=True, method="insert",
                                 records=[{"ano": 2023, "fonte": "extra"}])  # fmt: skip
    for view in ckan.action.resource_view_list(id=res["despesas"]["id"]):
        ckan.action.resource_view_delete(id=view["id"])
    result = verify(catalogue.settings(), [catalogue.path(name)])
    (checked,) = result.datasets
    assert not result.ok
    assert any("receitas" in p and "4" in p and "3" in p for p in checked.problems), checked.problems
    assert any("despesas" in p and "datatables_view" in p for p in checked.problems), checked.problems


def _break_receitas(catalogue: TmpCatalogue, name: str) -> None:
    """Valid for Table Schema, refused by the DataStore: columns starting with "_" are CKAN's."""
    d = catalogue.descriptor(name)
    d["resources"][1]["schema"]["fields"][1]["name"] = "_fonte"
    catalogue.write(name, d)
    body = "\n".join(["ano;_fonte;registrado_em;montante"] + [";".join(r) for r in RECEITAS_ROWS]) + "\n"
    (catalogue.path(name) / "data" / "receitas.csv.gz").write_bytes(gzip.compress(body.encode("utf-8-sig"), mtime=0))


def test_cli_shows_the_note_and_the_failure_and_exits_0(catalogue: TmpCatalogue) -> None:
    from typer.testing import CliRunner

    from publisher.cli import _register, app

    name = add_state_package(catalogue)
    _break_receitas(catalogue, name)
    _register()
    env = {"PUBLISHER_ROOT": str(catalogue.root), "PUBLISHER_DATAPACKAGES_DIR": str(catalogue.dir),
           "CKAN_URL": catalogue.ckan_url, "CKAN_API_TOKEN_FILE": str(catalogue.token_file), "CKAN_API_TOKEN": None,
           "PUBLISHER_LANG": "pt", "PUBLISHER_DATASTORE_MAX_BYTES": "300"}  # fmt: skip
    result = CliRunner().invoke(app, ["publish"], env=env)
    out = " ".join(result.output.split())
    assert result.exit_code == 0, result.output  # the files are published; `verify` fails on the table
    assert "despesas: o arquivo" in out and "PUBLISHER_DATASTORE_MAX_BYTES" in out  # the note
    assert "receitas: a carga no DataStore falhou" in out and "a próxima execução tenta" in out
    assert "DataStore: 1 tabela(s) não carregada(s)" in out
