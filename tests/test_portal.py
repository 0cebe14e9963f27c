"""The local portal is real CKAN: uploads, anonymous downloads, DataStore and search work there.

The second half tests portal/solr_standin.py on its own, on a free port.
"""

from __future__ import annotations

import importlib.util
import json
import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ckanapi
import pytest
import requests

if TYPE_CHECKING:
    from conftest import CkanCleanup

ROOT = Path(__file__).resolve().parent.parent

# --------------------------------------------------------------------------- against the portal

CSV_BYTES = (
    "eixo;objetivo;meta;resultado\r\n"
    "Segurança da Informação;Proteger dados;100%;87,5\r\n"
    "Acesso à Informação;Transparência;10 conjuntos;7\r\n"
).encode()


@pytest.fixture
def organization(
    ckan: ckanapi.RemoteCKAN, unique_name: Callable[[str], str], ckan_cleanup: CkanCleanup
) -> dict[str, Any]:
    org: dict[str, Any] = ckan.action.organization_create(
        name=ckan_cleanup.organization(unique_name("org")), title="Secretaria de Teste"
    )
    return org


def make_dataset(ckan: ckanapi.RemoteCKAN, org: dict[str, Any], name: str, private: bool) -> dict[str, Any]:
    result: dict[str, Any] = ckan.action.package_create(
        name=name,
        title="Iniciativas de TIC (teste)",
        owner_org=org["id"],
        private=private,
        notes="Conjunto de teste",
        license_id="cc-by",
    )
    return result


def upload_csv(ckan: ckanapi.RemoteCKAN, dataset: dict[str, Any], path: Path) -> dict[str, Any]:
    path.write_bytes(CSV_BYTES)
    with path.open("rb") as f:
        result: dict[str, Any] = ckan.action.resource_create(
            package_id=dataset["id"], name="iniciativas", format="CSV", upload=f
        )
    return result


def test_uploaded_csv_downloads_anonymously_byte_for_byte(
    ckan: ckanapi.RemoteCKAN,
    ckan_url: str,
    organization: dict[str, Any],
    unique_name: Callable[[str], str],
    ckan_cleanup: CkanCleanup,
    tmp_path: Path,
) -> None:
    dataset = make_dataset(ckan, organization, ckan_cleanup.dataset(unique_name("ds")), private=False)
    resource = upload_csv(ckan, dataset, tmp_path / "iniciativas.csv")

    # Download URLs are built from ckan.site_url: it must be the served address.
    assert resource["url"].startswith(f"{ckan_url}/dataset/")
    assert resource["url_type"] == "upload"
    response = requests.get(resource["url"], timeout=30)  # no token: what a citizen gets
    assert response.status_code == 200
    assert response.content == CSV_BYTES
    shown = requests.get(f"{ckan_url}/api/3/action/package_show", params={"id": dataset["name"]}, timeout=30).json()
    assert shown["result"]["resources"][0]["size"] == len(CSV_BYTES)


def test_private_dataset_file_is_refused_to_anonymous_users(
    ckan: ckanapi.RemoteCKAN,
    organization: dict[str, Any],
    unique_name: Callable[[str], str],
    ckan_cleanup: CkanCleanup,
    tmp_path: Path,
    ckan_token_file: Path,
) -> None:
    dataset = make_dataset(ckan, organization, ckan_cleanup.dataset(unique_name("ds")), private=True)
    resource = upload_csv(ckan, dataset, tmp_path / "privado.csv")

    assert requests.get(resource["url"], timeout=30).status_code == 403
    token = ckan_token_file.read_text(encoding="utf-8").strip()
    assert requests.get(resource["url"], headers={"Authorization": token}, timeout=30).content == CSV_BYTES


def test_search_and_organization_pages_see_datasets_through_the_index(
    ckan: ckanapi.RemoteCKAN,
    ckan_url: str,
    organization: dict[str, Any],
    unique_name: Callable[[str], str],
    ckan_cleanup: CkanCleanup,
) -> None:
    public = make_dataset(ckan, organization, ckan_cleanup.dataset(unique_name("pub")), private=False)
    private = make_dataset(ckan, organization, ckan_cleanup.dataset(unique_name("priv")), private=True)
    fq = f'owner_org:"{organization["id"]}"'

    as_admin = ckan.action.package_search(fq=fq, include_private=True, sort="name asc")
    assert sorted(d["name"] for d in as_admin["results"]) == sorted([public["name"], private["name"]])
    anonymous = requests.get(f"{ckan_url}/api/3/action/package_search", params={"fq": fq}, timeout=30).json()["result"]
    assert [d["name"] for d in anonymous["results"]] == [public["name"]]
    assert anonymous["count"] == 1
    org_shown = requests.get(
        f"{ckan_url}/api/3/action/organization_show", params={"id": organization["name"]}, timeout=30
    )
    assert org_shown.json()["result"]["package_count"] == 1
    page = requests.get(f"{ckan_url}/organization/{organization['name']}", timeout=30)
    assert page.status_code == 200 and public["name"] in page.text

    ckan.action.dataset_purge(id=public["id"])
    after = requests.get(f"{ckan_url}/api/3/action/package_search", params={"fq": fq}, timeout=30).json()["result"]
    assert after["count"] == 0


def test_datastore_plugin_stores_and_returns_rows(
    ckan: ckanapi.RemoteCKAN,
    organization: dict[str, Any],
    unique_name: Callable[[str], str],
    ckan_cleanup: CkanCleanup,
) -> None:
    dataset = make_dataset(ckan, organization, ckan_cleanup.dataset(unique_name("ds")), private=False)
    created = ckan.action.datastore_create(
        resource={"package_id": dataset["id"], "name": "metas"},
        fields=[{"id": "eixo", "type": "text"}, {"id": "meta", "type": "int"}],
        records=[{"eixo": "Sistemas e Dados", "meta": 10}, {"eixo": "Governança de TIC", "meta": 3}],
        force=True,
    )
    found = ckan.action.datastore_search(resource_id=created["resource_id"], filters={"meta": 10})
    assert [r["eixo"] for r in found["records"]] == ["Sistemas e Dados"]


def _env_file_of_this_tree(ckan_url: str) -> str:
    """.portal/env's text; skips when the portal under test was started elsewhere (its files are not here)."""
    env_file = ROOT / ".portal" / "env"
    text = env_file.read_text(encoding="utf-8") if env_file.exists() else ""
    if f"CKAN_URL={ckan_url}\n" not in text:
        pytest.skip("the portal under test was not started by portal/up from this tree")
    return text


def test_env_file_names_the_token_file_but_never_holds_the_token(ckan_url: str, ckan_token_file: Path) -> None:
    text = _env_file_of_this_tree(ckan_url)
    token = ckan_token_file.read_text(encoding="utf-8").strip()
    assert f"CKAN_API_TOKEN_FILE={ckan_token_file}" in text
    assert len(token) > 20 and token not in text
    assert ckan_token_file.stat().st_mode & 0o077 == 0  # readable by its owner only


def _web_login(ckan_url: str, password: str) -> bool:
    """Log in through CKAN's form as a person would; True when the dashboard then opens."""

    def session_cookie(response: requests.Response) -> dict[str, str]:
        # CKAN sends `Domain=;`, which requests' cookie jar drops: carry the cookie by hand.
        found = re.search(r"\bckan=([^;]+)", response.headers.get("Set-Cookie", ""))
        return {"Cookie": f"ckan={found.group(1)}"} if found else {}

    form_page = requests.get(f"{ckan_url}/user/login", timeout=30)
    csrf = re.search(r'name="_csrf_token" value="([^"]+)"', form_page.text)
    form = {"login": "publisher-admin", "password": password, "_csrf_token": csrf.group(1) if csrf else ""}
    answer = requests.post(f"{ckan_url}/user/login", data=form, headers=session_cookie(form_page),
                           timeout=30, allow_redirects=False)  # fmt: skip
    # The dashboard answers a logged-in user and redirects anyone else to the login page.
    dashboard = requests.get(
        f"{ckan_url}/dashboard/datasets", headers=session_cookie(answer), timeout=30, allow_redirects=False
    )
    return dashboard.status_code == 200


def test_the_sysadmin_logs_in_on_the_web_with_the_password_portal_up_kept(ckan_url: str) -> None:
    _env_file_of_this_tree(ckan_url)
    password_file = ROOT / ".portal" / "admin-password"
    assert password_file.stat().st_mode & 0o077 == 0
    password = password_file.read_text(encoding="utf-8").strip()
    assert _web_login(ckan_url, password)
    assert not _web_login(ckan_url, password + "x")


# --------------------------------------------------------------------------- the Solr stand-in

SCHEMA = """<?xml version="1.0" encoding="UTF-8" ?>
<schema name="ckan-2.12" version="1.6">
<types>
  <fieldType name="string" class="solr.StrField" sortMissingLast="true"/>
  <fieldType name="text" class="solr.TextField"/>
  <fieldType name="int" class="solr.IntPointField"/>
</types>
<fields>
  <field name="index_id" type="string" indexed="true" stored="true" required="true"/>
  <field name="id" type="string" indexed="true" stored="true"/>
  <field name="name" type="string" indexed="true" stored="true"/>
  <field name="title" type="text" indexed="true" stored="true"/>
  <field name="tags" type="string" indexed="true" stored="true" multiValued="true"/>
  <field name="capacity" type="string" indexed="true" stored="true"/>
  <field name="permission_labels" type="string" indexed="true" stored="false" multiValued="true"/>
  <field name="views" type="int" indexed="true" stored="true"/>
  <field name="text" type="text" indexed="true" stored="false" multiValued="true"/>
  <dynamicField name="*" type="string" indexed="true" stored="false"/>
</fields>
<uniqueKey>index_id</uniqueKey>
<copyField source="title" dest="text"/>
<copyField source="tags" dest="text"/>
</schema>
"""

DOCS = [
    {
        "index_id": "i1",
        "id": "1",
        "name": "saude-hospitais",
        "title": "Leitos de Saúde Pública",
        "tags": ["saude", "fhemig"],
        "capacity": "public",
        "permission_labels": ["public"],
        "views": 30,
    },
    {
        "index_id": "i2",
        "id": "2",
        "name": "compras-tic",
        "title": "Compras de TIC",
        "tags": ["tic"],
        "capacity": "private",
        "permission_labels": ["member-seplag"],
        "views": 5,
    },
    {
        "index_id": "i3",
        "id": "3",
        "name": "ouvidoria",
        "title": "Manifestações da Ouvidoria",
        "tags": ["cge", "tic"],
        "capacity": "public",
        "permission_labels": ["public"],
        "views": 12,
        "res_format": ["CSV", "CSV", "JSON"],
    },
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class StandIn:
    def __init__(self, tmp: Path) -> None:
        self.schema = tmp / "schema.xml"
        self.schema.write_text(SCHEMA, encoding="utf-8")
        self.journal = tmp / "docs.jsonl"
        self.proc: subprocess.Popen[bytes] | None = None
        self.url = ""

    def start(self) -> None:
        port = free_port()
        self.url = f"http://127.0.0.1:{port}/solr/ckan"
        self.proc = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "portal" / "solr_standin.py"),
                "--port",
                str(port),
                "--schema",
                str(self.schema),
                "--data",
                str(self.journal),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                if requests.get(f"{self.url}/select", params={"q": "*:*", "rows": "1", "wt": "json"}, timeout=1).ok:
                    return
            except requests.ConnectionError:
                time.sleep(0.1)
        raise AssertionError("the stand-in did not start")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
            self.proc = None

    def select(self, **params: Any) -> dict[str, Any]:
        response = requests.get(f"{self.url}/select", params={"wt": "json", **params}, timeout=5)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def names(self, **params: Any) -> list[str]:
        return [d["name"] for d in self.select(fl="name", rows=100, **params)["response"]["docs"]]

    def update(self, body: str | bytes, content_type: str) -> requests.Response:
        return requests.post(
            f"{self.url}/update",
            params={"commit": "true"},
            data=body,
            headers={"Content-Type": content_type},
            timeout=5,
        )


@pytest.fixture
def standin(tmp_path: Path) -> Iterator[StandIn]:
    server = StandIn(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def loaded(standin: StandIn) -> StandIn:
    assert standin.update(json.dumps(DOCS), "application/json").status_code == 200
    return standin


def test_standin_answers_ckans_liveness_and_schema_calls(standin: StandIn) -> None:
    live = standin.select(q="*:*", rows=1)
    assert live["response"] == {"numFound": 0, "start": 0, "docs": []}
    for path, params in (("schema", {"wt": "schema.xml"}), ("admin/file/", {"file": "schema.xml"})):
        response = requests.get(f"{standin.url}/{path}", params=params, timeout=5)
        assert response.status_code == 200
        assert '<schema name="ckan-2.12"' in response.text


def test_standin_filters_like_ckans_queries(loaded: StandIn) -> None:
    assert loaded.names(q="*:*", sort="name asc") == ["compras-tic", "ouvidoria", "saude-hospitais"]
    assert loaded.names(q="*:*", fq=["+capacity:public"], sort="name asc") == ["ouvidoria", "saude-hospitais"]
    assert loaded.names(q="*:*", fq=['+permission_labels:("member-seplag" OR "nobody")']) == ["compras-tic"]
    assert loaded.names(q="*:*", fq=["-tags:tic"]) == ["saude-hospitais"]
    assert loaded.names(q='name:"ouvidoria" OR id:"2"', sort="name asc") == ["compras-tic", "ouvidoria"]
    assert loaded.names(q="*:*", fq=["+tags:tic +capacity:public"]) == ["ouvidoria"]
    assert loaded.names(q="*:*", fq=["tags:tic", "capacity:private"]) == ["compras-tic"]  # every fq must match
    assert loaded.names(q="*:*", fq=["views:[10 TO 20]"]) == ["ouvidoria"]
    assert loaded.names(q="name:saude*") == ["saude-hospitais"]


def test_standin_free_text_folds_case_and_accents(loaded: StandIn) -> None:
    dismax = {"defType": "dismax", "qf": "name^4 title^4 tags^2 text", "q.op": "AND"}
    assert loaded.names(q="saude publica", **dismax) == ["saude-hospitais"]
    assert loaded.names(q="manifestacoes", **dismax) == ["ouvidoria"]
    assert loaded.names(q="saude ouvidoria", **dismax) == []  # q.op=AND: every word
    assert loaded.names(q='text:"saúde pública"') == ["saude-hospitais"]


def test_standin_sorts_pages_projects_and_counts_facets(loaded: StandIn) -> None:
    page = loaded.select(q="*:*", sort="views desc", start=1, rows=1, fl="id name permission_labels")
    assert page["response"]["numFound"] == 3 and page["response"]["start"] == 1
    assert page["response"]["docs"] == [{"id": "3", "name": "ouvidoria"}]  # permission_labels is not stored
    facets = loaded.select(
        q="*:*",
        fq=["+capacity:public"],
        rows=0,
        facet="true",
        **{"facet.field": ["tags", "capacity", "res_format"], "facet.mincount": 1},
    )
    assert facets["facet_counts"]["facet_fields"] == {
        "tags": ["cge", 1, "fhemig", 1, "saude", 1, "tic", 1],
        "capacity": ["public", 2],
        "res_format": ["CSV", 1, "JSON", 1],
    }  # documents are counted, not values


def test_standin_replaces_and_deletes_documents(loaded: StandIn) -> None:
    changed = dict(DOCS[0], title="Leitos hospitalares", views=31)
    assert loaded.update(json.dumps([changed]), "application/json").status_code == 200
    docs = loaded.select(q="id:1", fl="*")["response"]["docs"]
    assert len(docs) == 1 and docs[0]["title"] == "Leitos hospitalares"

    ckan_delete = '<delete><query>+entity_type:package AND +(id:"2" OR name:"2")</query></delete>'
    assert loaded.update(ckan_delete, "text/xml").status_code == 200
    assert loaded.names(q="*:*", sort="name asc") == ["compras-tic", "ouvidoria", "saude-hospitais"]  # no entity_type
    assert loaded.update('<delete><query>+(id:"2" OR name:"2")</query></delete>', "text/xml").status_code == 200
    assert loaded.update("<delete><id>i3</id></delete>", "text/xml").status_code == 200
    assert loaded.update("<commit/>", "text/xml").status_code == 200
    assert loaded.names(q="*:*") == ["saude-hospitais"]


def test_standin_keeps_documents_across_a_restart(loaded: StandIn) -> None:
    assert loaded.update("<delete><id>i2</id></delete>", "text/xml").status_code == 200
    loaded.stop()
    loaded.start()
    assert loaded.names(q="*:*", sort="name asc") == ["ouvidoria", "saude-hospitais"]


def standin_module() -> Any:
    """portal/solr_standin.py imported in this process (it is a script, not a package module)."""
    spec = importlib.util.spec_from_file_location("solr_standin", ROOT / "portal" / "solr_standin.py")
    assert spec is not None and spec.loader is not None
    standin = importlib.util.module_from_spec(spec)
    sys.modules["solr_standin"] = standin  # its dataclasses look their module up
    spec.loader.exec_module(standin)
    return standin


def test_standin_exact_lookups_find_what_a_scan_finds(tmp_path: Path) -> None:
    # CKAN's package_show asks `name:"X" OR id:"X"` on every call: answered from a map, which
    # must find exactly what evaluating every document finds, also after replacements and deletes.
    standin = standin_module()
    index = standin.Index(standin.Schema(SCHEMA), None)
    index.add(DOCS)
    index.add([dict(DOCS[0], name="saude-leitos")])  # renamed: the old name no longer matches
    index.delete_ids(["i3"])
    fq = ['+site_id:"default" +entity_type:package']
    queries = [f'name:"{v}" OR id:"{v}"' for d in DOCS for v in (d["name"], d["id"])]
    queries += ['name:"saude-leitos"', 'id:"1" OR id:"2"', 'name:"nada"', "id:1", 'index_id:"i2"']
    for q in queries:
        for filters in ([], fq):
            found = [d["index_id"] for d in index.select({"q": [q], "fq": filters, "fl": ["*"]})["response"]["docs"]]
            nodes = [standin.Parser(x, ("text",), False).parse() for x in [q, *filters]]
            scanned = [k for k, e in index.entries.items() if all(standin.evaluate(n, e, index.schema) for n in nodes)]
            assert found == scanned, q
    assert index.select({"q": ['name:"saude-hospitais"']})["response"]["numFound"] == 0


def test_standin_journal_stays_bounded_and_replays_the_same_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In process: CKAN re-indexes a dataset on each write; a journal that only grew reached
    # gigabytes on a long-lived portal and could no longer be replayed at start-up.
    standin = standin_module()
    monkeypatch.setattr(standin, "COMPACT_MIN_BYTES", 4096)
    schema = standin.Schema(SCHEMA)
    journal = tmp_path / "docs.jsonl"
    index = standin.Index(schema, journal)
    for round_ in range(300):
        index.add([dict(doc, title=f"{doc['title']} {round_}") for doc in DOCS])
    index.delete_ids(["i2"])
    one_copy = sum(len(json.dumps({"add": d}, ensure_ascii=False)) + 1 for d in DOCS)
    assert journal.stat().st_size < 40 * one_copy  # 300 copies were written
    again = standin.Index(schema, journal)
    assert {k: e.doc for k, e in again.entries.items()} == {k: e.doc for k, e in index.entries.items()}
    assert "i2" not in again.entries and again.entries["i1"].doc["title"].endswith(" 299")


def test_standin_refuses_what_solr_refuses(standin: StandIn) -> None:
    no_key = standin.update(json.dumps([{"id": "x"}]), "application/json")
    assert no_key.status_code == 400 and "index_id" in no_key.json()["error"]["msg"]
    bad_sort = requests.get(f"{standin.url}/select", params={"q": "*:*", "sort": "name sideways"}, timeout=5)
    # CKAN turns this message into SearchQueryError ("Invalid sort parameter").
    assert bad_sort.status_code == 400 and "Can't determine a Sort Order" in bad_sort.json()["error"]["msg"]
    unbalanced = requests.get(f"{standin.url}/select", params={"q": "(name:x"}, timeout=5)
    assert unbalanced.status_code == 400
